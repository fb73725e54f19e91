"""Train and cross-validate a small scorer that moves clusters between the tags and the event report's "Also named
in this report" list (issue 8, tagscore): a logistic regression over how a page names each cluster
(tag_scorer_features.py), learned from judged sets of real pages.

Each judged set is a folder with `pages/` (the page files), `judgements.yaml` (per page: each judged tag's verdict,
ok / weak / wrong, and the required clusters, each a list of accepted tags) and `orig-events/` (the original code's
events, for "kept"). The label of a cluster: ok -> a tag; weak or wrong -> not a tag; an unjudged cluster is left out
of training and counted. The pages are third-party text kept outside the repository: nothing of them is written.

    PYTHONPATH=. .venv/bin/python tests/bench/tag_scorer_train.py SET_DIR... [--rows F] [--weights] [-v]
        [--extra SYNTHETIC_SET...] [--drop FEATURE...] [--ablate] [--l2 X] [--cost DEMOTE PROMOTE]

The acceptance gate is leave-one-set-out: for each set, the model and its thresholds are learned on the others
(thresholds by an inner leave-one-set-out over those), applied to the set left out, and its figures (ok, ok+weak
over judged tags, required recall, kept of the original's ok tags) are printed beside today's rules', for the
policies demote-only, promote-only and both; then pooled, with the gate's verdict. The scorer is not wired into the
pipeline: on the five development sets of session 30 it failed the gate (demotions never helped; promote-only was
better on two sets of five, three with --extra, also under --nested), so no model file is written; --weights prints
the weights and the LOSO ranking quality, --ablate what each feature carries.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path

import yaml
from salience_features import labels
from tag_scorer_features import FEATURES, page_rows

from misp_module.deliver.files import discover_reports
from misp_module.read.reader import read_report

LOG = logging.getLogger("tag_scorer_train")
GROUPS = ("actor", "software", "place", "sector")
POLICIES = ("demote", "promote", "both")
# A demotion or promotion of a cluster that turns out wrong costs this many right moves: tag precision first (a
# promotion must be right more often than today's tags are, about nine in ten, for their ok rate not to drop).
COST = {"demote": 3.0, "promote": 9.0}
DEMOTE_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
PROMOTE_GRID = (1.01, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)


def group_of(kind: str) -> str:
    return "place" if kind in ("country", "region") else kind


def _verdict(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("verdict")
    match = re.match(r"\s*(ok|weak|wrong)\b", str(value or ""))
    return match.group(1) if match else None


def load_judgements(folder: Path) -> dict[str, dict]:
    """{page stem: {"verdicts": {tag: ok|weak|wrong}, "required": [[tag, ...], ...]}} from any of the sets'
    layouts (a list or a mapping of tags; a verdict as a word, "word: why", "word | why" or {verdict, why})."""
    raw = yaml.safe_load((folder / "judgements.yaml").read_text(encoding="utf-8"))
    pages = raw.get("pages", raw)
    out = {}
    for page, entry in pages.items():
        entry = entry or {}
        tags = entry.get("tags") or {}
        pairs = [(t["tag"], t.get("verdict")) for t in tags] if isinstance(tags, list) else list(tags.items())
        out[page.removesuffix(".txt")] = {
            "verdicts": {tag: v for tag, value in pairs if (v := _verdict(value))},
            "required": [list(alts) for alts in entry.get("required") or []],
        }
    return out


def load_orig(folder: Path) -> dict[str, set[str]]:
    out = {}
    for path in sorted((folder / "orig-events").glob("*.json")):
        event = json.loads(path.read_text(encoding="utf-8"))
        event = event.get("Event", event)
        out[path.stem] = {t["name"] for t in event.get("Tag", []) if t.get("name", "").startswith("misp-galaxy:")}
    return out


def gather(folder: Path) -> dict:
    """The set's pages: each page's rows (candidates with features), its other tags (techniques), its labels."""
    judgements, pages = load_judgements(folder), {}
    for path in discover_reports(folder / "pages"):
        report = read_report(path.read_bytes(), identity=path.name, name=path.name, max_bytes=10**8)
        rows, techniques = page_rows(report)
        stem = path.name.rsplit(".", 1)[0]
        verdicts = judgements.get(stem, {}).get("verdicts", {})
        for row in rows:
            row["label"] = verdicts.get(row["tag"])
        pages[stem] = {"rows": rows, "techniques": techniques}
    return {"pages": pages, "judgements": judgements, "orig": load_orig(folder)}


def gather_gold(folder: Path) -> list[dict]:
    """The rows of a synthetic judge set (reports with `.gold.yaml`), for training only (--extra): ok when the gold
    requires or allows the cluster, weak when it is a trap, wrong when tagged and in neither, else unjudged."""
    rows = []
    for path in discover_reports(folder):
        gold_path = path.with_name(path.name.rsplit(".", 1)[0] + ".gold.yaml")
        if not gold_path.exists():
            continue
        ok, traps = labels(yaml.safe_load(gold_path.read_text(encoding="utf-8")))
        ok_tags = {f'misp-galaxy:{g}="{v}"' for g, v in ok}
        trap_tags = {f'misp-galaxy:{g}="{v}"' for g, v in traps}
        report = read_report(path.read_bytes(), identity=path.name, name=path.name, max_bytes=10**8)
        for row in page_rows(report)[0]:
            tag = row["tag"]
            row["label"] = (
                "ok" if tag in ok_tags else "weak" if tag in trap_tags else "wrong" if row["tagged"] else None
            )
            rows.append(row)
    return rows


# --- the model -------------------------------------------------------------------------------------------------


# The L2 penalty of the weights (raised by --l2): a few hundred rows per channel.
L2 = {"value": 1.0}


def train(rows: list[dict], steps: int = 3000) -> list[float]:
    """Logistic regression by full-batch gradient descent from zero (deterministic): P(ok) of a cluster. numpy (the
    `model` extra) is needed here only: the scorer itself is a plain dot product (`score`)."""
    import numpy as np

    data = [r for r in rows if r["label"]]
    x = np.array([r["x"] for r in data], dtype=float)
    y = np.array([1.0 if r["label"] == "ok" else 0.0 for r in data])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + L2["value"] * np.r_[0.0, w[1:]] / len(y)
        w -= 0.5 * grad
    return [round(float(v), 4) for v in w]


def train_channels(rows: list[dict]) -> dict[bool, list[float]]:
    """One model for the tags (which to demote) and one for the listed clusters (which to promote): what tells
    a right tag from a weak one need not be what tells a listed subject from a passing name."""
    return {channel: train([r for r in rows if r["tagged"] == channel]) for channel in (True, False)}


def score(weights: dict[bool, list[float]], row: dict) -> float:
    """The scorer as it would run: a dot product in plain Python with the weights of the row's channel."""
    z = sum(a * b for a, b in zip(weights[row["tagged"]], row["x"], strict=True))
    return 1 / (1 + pow(2.718281828459045, -z))


def decide(row: dict, p: float, thresholds: dict, policy: str) -> bool:
    """Whether the cluster ends as a tag."""
    demote, promote = thresholds[group_of(row["kind"])]
    if row["tagged"]:
        return not (policy in ("demote", "both") and p < demote)
    return policy in ("promote", "both") and p >= promote


def _gain(rows: list[dict], scores: list[float], group: str, demote: float, promote: float, policy: str) -> float:
    gain = 0.0
    for row, p in zip(rows, scores, strict=True):
        if group_of(row["kind"]) != group or not row["label"]:
            continue
        moved = decide(row, p, {group: (demote, promote)}, policy) != row["tagged"]
        if moved:
            good = (row["label"] == "ok") != row["tagged"]
            gain += 1.0 if good else -COST["demote" if row["tagged"] else "promote"]
    return gain


def choose_thresholds(rows: list[dict], scores: list[float], policy: str) -> dict:
    """Per group (or one pair for all groups, when SHARED), the thresholds with the most right moves less COST per
    wrong move (never moving on a tie)."""
    out = {}
    for groups in [GROUPS] if SHARED["value"] else [(g,) for g in GROUPS]:
        best = (0.0, 0.0, 1.01)
        for demote in DEMOTE_GRID:
            for promote in PROMOTE_GRID:
                gain = sum(_gain(rows, scores, group, demote, promote, policy) for group in groups)
                if gain > best[0] + 1e-9:
                    best = (gain, demote, promote)
        out.update(dict.fromkeys(groups, best[1:]))
    return out


# One pair of thresholds for every kind (--shared): fewer numbers learned from a few hundred rows.
SHARED = {"value": False}


# Rows of synthetic judge sets added to every training (--extra), never scored.
EXTRA: list[dict] = []


def fit(sets: dict[str, dict], policy: str) -> tuple[list[float], dict]:
    """Weights on all of `sets` (and EXTRA); thresholds on their inner leave-one-set-out scores."""
    rows = [r for s in sets.values() for p in s["pages"].values() for r in p["rows"]]
    weights = train_channels(rows + EXTRA)
    inner_rows, inner_scores = [], []
    for name, held in sets.items():
        w = train_channels(
            [r for n, s in sets.items() if n != name for p in s["pages"].values() for r in p["rows"]] + EXTRA
        )
        for page in held["pages"].values():
            for row in page["rows"]:
                inner_rows.append(row)
                inner_scores.append(score(w, row))
    return weights, choose_thresholds(inner_rows, inner_scores, policy)


# --- the figures -----------------------------------------------------------------------------------------------


def figures(data: dict, emitted: dict[str, set[str]]) -> dict:
    """ok, weak, wrong, unjudged over emitted tags; required found; the original's ok tags kept."""
    f = dict.fromkeys(("ok", "weak", "wrong", "unjudged", "req", "req_hit", "orig_ok", "kept"), 0)
    for page, tags in emitted.items():
        judged = data["judgements"].get(page, {"verdicts": {}, "required": []})
        for tag in tags:
            f[judged["verdicts"].get(tag, "unjudged")] += 1
        for alts in judged["required"]:
            f["req"] += 1
            f["req_hit"] += any(a in tags for a in alts)
        for tag in data["orig"].get(page, ()):
            if judged["verdicts"].get(tag) == "ok":
                f["orig_ok"] += 1
                f["kept"] += tag in tags
    return f


def emitted_tags(data: dict, w: dict | None, thresholds: dict | None, policy: str) -> dict[str, set[str]]:
    out = {}
    for page, content in data["pages"].items():
        tags = set(content["techniques"])
        for row in content["rows"]:
            keep = row["tagged"] if w is None else decide(row, score(w, row), thresholds, policy)
            if keep:
                tags.add(row["tag"])
            if keep != row["tagged"]:
                LOG.info("  %s %s %s (%s)", "promoted" if keep else "demoted", page, row["tag"], row["label"])
        out[page] = tags
    return out


def line(name: str, f: dict) -> str:
    judged = f["ok"] + f["weak"] + f["wrong"]
    return (
        f"{name:22s} ok {f['ok']:4d}/{judged:<4d}= {f['ok'] / max(1, judged):.3f}  ok+weak "
        f"{(f['ok'] + f['weak']) / max(1, judged):.3f}  wrong {f['wrong']:3d}  unjudged {f['unjudged']:3d}  "
        f"required {f['req_hit']}/{f['req']} = {f['req_hit'] / max(1, f['req']):.3f}  "
        f"kept {f['kept']}/{f['orig_ok']} = {f['kept'] / max(1, f['orig_ok']):.3f}"
    )


def verdict(base: dict, f: dict) -> str:
    """The set's verdict: "better" when no ok tag is lost net, the ok and ok+weak rates do not drop, no wrong tag is
    added and the ok tags, the required recall or kept rise; "same" when nothing changed; else "worse"."""
    rate = _rates(f)
    old = _rates(base)
    if f == base:
        return "same"
    keeps = f["ok"] >= base["ok"] and rate[0] >= old[0] - 1e-9 and rate[1] >= old[1] - 1e-9
    gains = f["ok"] > base["ok"] or f["req_hit"] > base["req_hit"] or f["kept"] > base["kept"]
    return "better" if keeps and gains and f["wrong"] <= base["wrong"] else "worse"


def _rates(f: dict) -> tuple[float, float]:
    judged = max(1, f["ok"] + f["weak"] + f["wrong"])
    return f["ok"] / judged, (f["ok"] + f["weak"]) / judged


def loso(sets: dict[str, dict]) -> None:
    """The acceptance gate: each set scored by a model and thresholds learned on the others; a policy passes when
    it is better on all sets but one and pooled, and no set loses more than one ok tag net."""
    pooled = {policy: {} for policy in ("rules", *POLICIES)}
    verdicts: dict[str, list[str]] = {policy: [] for policy in POLICIES}
    worst: dict[str, int] = dict.fromkeys(POLICIES, 0)
    for name, held in sets.items():
        others = {n: s for n, s in sets.items() if n != name}
        base = figures(held, emitted_tags(held, None, None, ""))
        print(f"\n== {name} (held out)")
        print(line("rules", base))
        _add(pooled["rules"], base)
        for policy in POLICIES:
            w, thresholds = fit(others, policy)
            LOG.info("%s %s thresholds %s", name, policy, thresholds)
            f = figures(held, emitted_tags(held, w, thresholds, policy))
            verdicts[policy].append(verdict(base, f))
            worst[policy] = min(worst[policy], f["ok"] - base["ok"])
            print(line(f"rules+scorer {policy}", f) + f"   net ok {f['ok'] - base['ok']:+d}  {verdicts[policy][-1]}")
            _add(pooled[policy], f)
    print("\n== pooled")
    print(line("rules", pooled["rules"]))
    for policy in POLICIES:
        better = verdicts[policy].count("better")
        pooled_verdict = verdict(pooled["rules"], pooled[policy])
        passed = better >= len(sets) - 1 and pooled_verdict == "better" and worst[policy] >= -1
        print(
            line(f"rules+scorer {policy}", pooled[policy])
            + f"   {pooled_verdict}; better on {better}/{len(sets)} sets: gate {'PASSED' if passed else 'failed'}"
        )


# The settings --nested chooses among, per set left out, on the other sets only: (L2, cost of a wrong promotion,
# shared thresholds).
CONFIGS = tuple((l2, cost, shared) for l2 in (1.0, 5.0) for cost in (5.0, 9.0) for shared in (False, True))


def _configure(config: tuple[float, float, bool]) -> None:
    L2["value"], COST["promote"], SHARED["value"] = config


def _held_gain(sets: dict[str, dict]) -> float:
    """Promote-only, leave-one-set-out over `sets`: right promotions less nine per wrong one (precision first)."""
    gain = 0.0
    for name, held in sets.items():
        w, thresholds = fit({n: s for n, s in sets.items() if n != name}, "promote")
        for row in (r for p in held["pages"].values() for r in p["rows"] if r["label"] and not r["tagged"]):
            if decide(row, score(w, row), thresholds, "promote"):
                gain += 1.0 if row["label"] == "ok" else -9.0
    return gain


def nested(sets: dict[str, dict]) -> None:
    """The gate with the settings chosen inside the training sets too: for each set left out, the CONFIGS are scored
    by a leave-one-set-out over the other sets, the best is trained on all of them and applied to the set left out
    (promote-only)."""
    pooled: dict[str, dict] = {"rules": {}, "scorer": {}}
    verdicts, worst = [], 0
    for name, held in sets.items():
        others = {n: s for n, s in sets.items() if n != name}
        gains = []
        for config in CONFIGS:
            _configure(config)
            gains.append(_held_gain(others))
        config = CONFIGS[max(range(len(CONFIGS)), key=lambda i: (gains[i], -i))]
        _configure(config)
        w, thresholds = fit(others, "promote")
        base = figures(held, emitted_tags(held, None, None, ""))
        f = figures(held, emitted_tags(held, w, thresholds, "promote"))
        verdicts.append(verdict(base, f))
        worst = min(worst, f["ok"] - base["ok"])
        print(f"\n== {name} (held out): settings chosen on the others (L2, cost, shared) {config}, gains {gains}")
        print(line("rules", base))
        print(line("rules+scorer promote", f) + f"   net ok {f['ok'] - base['ok']:+d}  {verdicts[-1]}")
        _add(pooled["rules"], base)
        _add(pooled["scorer"], f)
    print("\n== pooled (nested)")
    print(line("rules", pooled["rules"]))
    better, pooled_verdict = verdicts.count("better"), verdict(pooled["rules"], pooled["scorer"])
    passed = better >= len(sets) - 1 and pooled_verdict == "better" and worst >= -1
    print(
        line("rules+scorer promote", pooled["scorer"])
        + f"   {pooled_verdict}; better on {better}/{len(sets)} sets: gate {'PASSED' if passed else 'failed'}"
    )


def auc(sets: dict[str, dict], drop: str = "") -> tuple[float, float]:
    """How well the held-out scores rank ok above weak or wrong, within each channel (leave-one-set-out), with the
    feature `drop` (if any) held at zero."""
    column = FEATURES.index(drop) if drop else -1

    def rows_of(chosen, extra: list[dict]) -> list[dict]:
        rows = [r for s in chosen for p in s["pages"].values() for r in p["rows"]] + extra
        return [{**r, "x": [0.0 if i == column else v for i, v in enumerate(r["x"])]} for r in rows]

    out = []
    for channel in (True, False):
        pairs = []
        for name, held in sets.items():
            w = train_channels(rows_of((s for n, s in sets.items() if n != name), EXTRA))
            pairs += [
                (score(w, r), r["label"] == "ok") for r in rows_of([held], []) if r["label"] and r["tagged"] == channel
            ]
        pos = [p for p, ok in pairs if ok]
        neg = [p for p, ok in pairs if not ok]
        wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
        out.append(wins / max(1, len(pos) * len(neg)))
        if not drop:
            # The moves a threshold could make: the listed clusters scored highest, the tags scored lowest.
            ranked = [ok for _, ok in sorted(pairs, key=lambda pair: pair[0], reverse=not channel)]
            LOG.info(
                "%s: ok among the %s %s",
                "tags" if channel else "listed",
                "lowest" if channel else "highest",
                ", ".join(f"{k}: {sum(ranked[:k])}" for k in (5, 10, 20, 40)),
            )
    return out[0], out[1]


def ablate(sets: dict[str, dict]) -> None:
    """Which features carry: the LOSO AUC of each channel with one feature held at zero."""
    full = auc(sets)
    print(f"LOSO AUC tags {full[0]:.3f}, listed {full[1]:.3f}; without one feature (a drop: it carries):")
    for feature in FEATURES[1:]:
        tags, listed = auc(sets, feature)
        print(f"  {feature:16s} tags {tags - full[0]:+.3f}  listed {listed - full[1]:+.3f}")


def _add(total: dict, f: dict) -> None:
    for key, value in f.items():
        total[key] = total.get(key, 0) + value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="log the thresholds and every move")
    parser.add_argument("--rows", type=Path, help="cache of the rows (read if present, else written)")
    parser.add_argument("--weights", action="store_true", help="print the weights learned on all sets")
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="synthetic judge sets to train on too")
    parser.add_argument("--drop", nargs="*", default=[], help="features held at zero throughout")
    parser.add_argument("--ablate", action="store_true", help="LOSO AUC without each feature in turn")
    parser.add_argument("--nested", action="store_true", help="choose L2, cost and sharing inside each training")
    parser.add_argument("--shared", action="store_true", help="one pair of thresholds for every kind")
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty of the weights")
    parser.add_argument("--cost", type=float, nargs=2, metavar=("DEMOTE", "PROMOTE"), help="costs of a wrong move")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    L2["value"] = args.l2
    SHARED["value"] = args.shared
    if args.cost:
        COST.update(demote=args.cost[0], promote=args.cost[1])
    if args.rows and args.rows.exists():
        sets = json.loads(args.rows.read_text(encoding="utf-8"))
        sets = {n: {**s, "orig": {p: set(t) for p, t in s["orig"].items()}} for n, s in sets.items()}
    else:
        sets = {folder.name: gather(folder) for folder in args.sets}
        if args.rows:
            dump = {n: {**s, "orig": {p: sorted(t) for p, t in s["orig"].items()}} for n, s in sets.items()}
            args.rows.write_text(json.dumps(dump), encoding="utf-8")
    EXTRA.extend(r for folder in args.extra for r in gather_gold(folder))
    dropped = {FEATURES.index(f) for f in args.drop}
    for row in [r for s in sets.values() for p in s["pages"].values() for r in p["rows"]] + EXTRA:
        row["x"] = [0.0 if i in dropped else v for i, v in enumerate(row["x"])]
    if EXTRA:
        print(f"extra training rows {len(EXTRA)}: labelled {sum(bool(r['label']) for r in EXTRA)}")
    labelled = [r for s in sets.values() for p in s["pages"].values() for r in p["rows"]]
    print(
        f"candidates {len(labelled)}: tags {sum(r['tagged'] for r in labelled)}, listed "
        f"{sum(not r['tagged'] for r in labelled)}; unjudged {sum(not r['label'] for r in labelled)} "
        f"(tags {sum(r['tagged'] and not r['label'] for r in labelled)}, listed "
        f"{sum(not r['tagged'] and not r['label'] for r in labelled)})"
    )
    if args.weights:
        weights = train_channels(labelled)
        for i, feature in enumerate(FEATURES):
            print(f"  {feature:16s} tags {weights[True][i]:+.3f}  listed {weights[False][i]:+.3f}")
        tags, listed = auc(sets)
        print(f"LOSO AUC tags {tags:.3f}, listed {listed:.3f}")
    if args.ablate:
        ablate(sets)
    if args.nested:
        nested(sets)
    else:
        loso(sets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
