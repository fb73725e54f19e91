"""Features of galaxy clusters on the development reports with gold, labelled, and a cross-validated search for a
rule of few features that tells passing mentions from what a report is about — issue 8's search for one signal
that generalises instead of more phrase rules.

The rows are the candidates: every non-technique cluster the converter attaches, and every cluster the text names
(outside code and page furniture) that the gold labels, attached or not — the population the phrase rules were
written against. Each is described by how the report names it: its kind (actor, software, country, region,
sector), its role (relationship_type, empty when not attached), how many matches and distinct sentences name it,
whether the title, the summary, a heading, the first paragraph, a structured section (indicators, techniques,
tools, attribution, targeting) or a table or list line names it, whether a verb of use, targeting, attribution
or the software's own action stands in a mention's clause, the report's length in words, the name's commonness
(wordfreq zipf of its commonest written form), where in the text it is first named (0 start, 1 end) and its
mentions as a share of its kind's most named cluster. The label comes from the gold beside the report: ok
(required or optional; "ok_emitted" when attached now, "ok_latent" when not), trap (must_not in the judge
sets, weak_clusters in the real-style folders) or wrong (attached, in neither list).

    PYTHONPATH=. .venv/bin/python tests/bench/salience_features.py --csv /tmp/features.csv
    PYTHONPATH=. .venv/bin/python tests/bench/salience_features.py --load /tmp/features.csv [--rule 1,0,1,0,0.7,0.5]

Without --rule it searches every rule "drop a cluster named in at most S sentences, in a report of at least W
words, nowhere prominent, [with no governing verb,] its name at least Z common, first named past P of the text,
with at most SH of its kind's top mentions", per kind, by leave-one-fold-out cross-validation over the folds
(judge sets 1, 2, 4, 5; the real-style dev folders; the real-style held-out folders): the rule is chosen on the
other folds (most traps and wrong clusters removed with at most --max-lost of the attached ok clusters lost in
each) and counted on the fold left out. Set 3 is never read.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from misp_module.deliver.files import discover_reports
from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.galaxy_cues import cues
from misp_module.extract.galaxy_page import markdown_headings
from misp_module.extract.galaxy_places import PROSE, found_names
from misp_module.extract.galaxy_salience import _patterns
from misp_module.knowledge.galaxies import galaxy_index
from misp_module.read.reader import read_report

DATA = Path(__file__).resolve().parent.parent / "data"
JUDGE_SETS = ["realstyle-holdout", "realstyle-holdout2", "realstyle-holdout4", "realstyle-holdout5"]
KINDS = {
    "threat-actor": "actor",
    "mitre-intrusion-set": "actor",
    "microsoft-activity-group": "actor",
    "country": "country",
    "region": "region",
    "sector": "sector",
}
STRUCTURED_ROLES = {"hashes", "infrastructure", "ttps", "tools", "malware", "actor", "attribution", "targeting"}
FIELDS = [
    "fold",
    "report",
    "galaxy",
    "value",
    "kind",
    "role",
    "label",
    "mentions",
    "sentences",
    "title",
    "summary",
    "heading",
    "first_paragraph",
    "structured",
    "table",
    "verb",
    "words",
    "zipf",
    "first_pos",
    "share",
    "emitted",
]


def kind_of(galaxy: str) -> str:
    return KINDS.get(galaxy, "software")


def folds() -> list[tuple[str, Path]]:
    """(fold, folder) for every development folder with gold: each judge set a fold, the real-style dev
    folders one, its held-out folders another."""
    out = [(f"set{name.removeprefix('realstyle-holdout') or '1'}", DATA / name) for name in JUDGE_SETS]
    for folder in sorted((DATA / "real-style").iterdir()):
        if folder.is_dir():
            out.append(("rs-dev" if folder.name.startswith("dev") else "rs-held", folder))
    return out


def _pairs(entries: list | None) -> set[tuple[str, str]]:
    return {(e["galaxy"], e["value"]) for e in entries or []}


def labels(gold: dict) -> tuple[set, set]:
    ok = _pairs(gold.get("optional_clusters"))
    for requirement in gold.get("galaxy_clusters") or []:
        ok |= _pairs(requirement.get("any_of", [requirement]))
    traps = _pairs(gold.get("must_not")) | _pairs(gold.get("weak_clusters"))
    return ok, traps


def _first_paragraph(text: str) -> tuple[int, int]:
    """The span of the first paragraph of prose (not a heading, not metadata lines of one short line)."""
    offset = 0
    for block in re.split(r"(\n[ \t]*\n)", text):
        stripped = block.strip()
        if stripped and not stripped.startswith(("#", "|", "<", "---")) and len(stripped.split()) >= 15:
            return offset, offset + len(block)
        offset += len(block)
    return 0, 0


def report_rows(fold: str, path: Path, gold: dict) -> list[dict]:
    """One row per emitted non-technique cluster of one report."""
    report = read_report(path.read_bytes(), identity=path.name, name=path.name, max_bytes=10**8)
    index = galaxy_index()
    chosen = galaxy_clusters(report, index)
    ok, traps = labels(gold)
    founds = found_names(report, index, cues())
    heading_spans = [(h.title_start, h.title_start + len(h.title)) for h in markdown_headings(report.text)]
    first = _first_paragraph(report.text)
    title = (report.title or "").lower()
    summary = (report.summary or "").lower()
    verbs = [_patterns().verbs, cues().attribution, cues().targeting, cues().usage]
    by_cluster = defaultdict(list)
    for f in founds:
        for cluster in f.match.clusters:
            by_cluster[cluster].append(f)
    # Candidates: what the converter emits, and every cluster the text names that the gold labels (ok or trap,
    # emitted or not: the population the phrase rules were written against).
    candidates = dict(chosen)
    for cluster in by_cluster:
        if (cluster.galaxy, cluster.value) in ok | traps:
            candidates.setdefault(cluster, "")
    most: Counter = Counter()
    for cluster in candidates:
        most[kind_of(cluster.galaxy)] = max(most[kind_of(cluster.galaxy)], len(by_cluster[cluster]))
    rows = []
    for cluster, role in candidates.items():
        if cluster.galaxy == "mitre-attack-pattern":
            continue
        mine = by_cluster[cluster]
        forms = {n.form.lower() for f in mine for n in f.match.names if n.cluster == cluster}
        zipfs = [n.zipf for f in mine for n in f.match.names if n.cluster == cluster]
        pair = (cluster.galaxy, cluster.value)
        label = "trap" if pair in traps else "ok" if pair in ok else "wrong"
        starts = [f.match.start for f in mine if f.part.role != "heading"]
        rows.append(
            {
                "fold": fold,
                "report": path.name,
                "galaxy": cluster.galaxy,
                "value": cluster.value,
                "kind": kind_of(cluster.galaxy),
                "role": role,
                "label": label,
                "mentions": len(mine),
                "sentences": len({(f.part.offset, f.sentence_start) for f in mine}),
                "title": int(any(form and form in title for form in forms)),
                "summary": int(
                    any(form and form in summary for form in forms) or any(f.part.role == "summary" for f in mine)
                ),
                "heading": int(
                    any(f.part.role == "heading" for f in mine)
                    or any(a <= s < b for s in starts for a, b in heading_spans)
                ),
                "first_paragraph": int(any(first[0] <= s < first[1] for s in starts)),
                "structured": int(any(f.part.role in STRUCTURED_ROLES for f in mine)),
                "table": int(any(f.place != PROSE for f in mine) or any(_table_line(report.text, s) for s in starts)),
                "verb": int(any(p.search(f.clause) for f in mine for p in verbs)),
                "words": len(report.text.split()),
                "zipf": round(max(zipfs), 2) if zipfs else 0.0,
                "first_pos": round(min(starts) / max(1, len(report.text)), 3) if starts else 0.0,
                "share": round(len(mine) / max(1, most[kind_of(cluster.galaxy)]), 3),
                "emitted": int(cluster in chosen),
            }
        )
    return rows


def _table_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start].lstrip().startswith(("|", "- ", "* ", "+ "))


def gather(extra: list[Path] | None = None) -> list[dict]:
    """The rows of every development folder, and of `extra` folders (each a fold named after it)."""
    rows = []
    for fold, folder in folds() + [(p.name, p) for p in extra or []]:
        for path in discover_reports(folder):
            gold_path = path.with_name(path.name.rsplit(".", 1)[0] + ".gold.yaml")
            if not gold_path.exists():
                continue
            rows += report_rows(fold, path, yaml.safe_load(gold_path.read_text(encoding="utf-8")))
    return rows


# --- the search ----------------------------------------------------------------------------------------------

PROMINENT = ("title", "summary", "heading", "first_paragraph", "structured", "table")


@dataclass(frozen=True)
class Rule:
    """Drop a cluster named in at most `sentences` sentences, in a report of at least `words` words, nowhere
    prominent, with no governing verb (if `no_verb`), its name at least `zipf` common (0: any), first named past
    `first_pos` of the text and with at most `share` of the mentions of its kind's most named cluster."""

    sentences: int
    words: int
    no_verb: bool
    zipf: float
    first_pos: float
    share: float

    def drops(self, row: dict) -> bool:
        return (
            int(row["sentences"]) <= self.sentences
            and int(row["words"]) >= self.words
            and not any(int(row[p]) for p in PROMINENT)
            and (not self.no_verb or not int(row["verb"]))
            and float(row["zipf"]) >= self.zipf
            and float(row["first_pos"]) >= self.first_pos
            and float(row["share"]) <= self.share
        )

    def __str__(self) -> str:
        return (
            f"sentences<={self.sentences} words>={self.words} no_verb={self.no_verb} zipf>={self.zipf}"
            f" first_pos>={self.first_pos} share<={self.share}"
        )


RULES = [
    Rule(s, w, v, z, p, sh)
    for s in (1, 2)
    for w in (0, 300, 500, 800, 1000, 1500, 2000)
    for v in (True, False)
    for z in (0.0, 2.0, 3.0, 4.0, 5.0)
    for p in (0.0, 0.3, 0.5, 0.7)
    for sh in (1.0, 0.5, 0.25)
]


def _class(row: dict) -> str:
    """ok_emitted / ok_latent (ok, not emitted now) / trap / wrong (emitted, in neither list)."""
    if row["label"] == "ok":
        return "ok_emitted" if int(row["emitted"]) else "ok_latent"
    return row["label"]


def score(rows: list[dict], rule: Rule) -> Counter:
    c: Counter = Counter()
    for row in rows:
        cls = _class(row)
        c[cls] += 1
        c[f"{cls}_emitted"] += row["label"] != "ok" and int(row["emitted"])
        if rule.drops(row):
            c["drop_" + cls] += 1
            c[f"drop_{cls}_emitted"] += row["label"] != "ok" and int(row["emitted"])
    return c


def best_rule(rows: list[dict], max_lost: float) -> Rule | None:
    """The rule removing most traps and wrong clusters with at most `max_lost` of the emitted ok clusters lost in
    every fold."""
    by_fold = defaultdict(list)
    for row in rows:
        by_fold[row["fold"]].append(row)
    best, best_gain = None, 0
    for rule in RULES:
        counts = [score(r, rule) for r in by_fold.values()]
        if any(c["drop_ok_emitted"] > max_lost * c["ok_emitted"] for c in counts):
            continue
        gain = sum(c["drop_trap"] + c["drop_wrong"] for c in counts)
        if gain > best_gain:
            best, best_gain = rule, gain
    return best


def _line(c: Counter) -> str:
    return (
        f"ok lost {c['drop_ok_emitted']}/{c['ok_emitted']} (latent ok {c['drop_ok_latent']}/{c['ok_latent']}),"
        f" traps {c['drop_trap']}/{c['trap']} (emitted now {c['drop_trap_emitted']}/{c['trap_emitted']}),"
        f" wrong {c['drop_wrong']}/{c['wrong']}"
    )


def cross_validate(rows: list[dict], kind: str, max_lost: float) -> None:
    mine = [r for r in rows if r["kind"] == kind]
    print(f"\n{kind}: {dict(Counter(_class(r) for r in mine))}")
    total: Counter = Counter()
    for held in sorted({r["fold"] for r in mine}):
        rule = best_rule([r for r in mine if r["fold"] != held], max_lost)
        if rule is None:
            print(f"  leave out {held:8s}: no rule removes a trap with ok lost <= {max_lost:.0%} on every other fold")
            continue
        c = score([r for r in mine if r["fold"] == held], rule)
        total.update(c)
        print(f"  leave out {held:8s}: {rule}\n      on {held}: {_line(c)}")
    if total:
        print(f"  summed over the held-out folds: {_line(total)}")


def describe(rows: list[dict]) -> None:
    """Per kind and class: how many are named in one sentence, anywhere prominent, with a verb, and the bare."""
    print(f"{'kind':9s} {'class':10s} {'n':>4s} {'1sent':>6s} {'prom':>6s} {'verb':>6s} {'1s+np':>6s} {'1s+np+nv':>8s}")
    for kind in ("actor", "software", "country", "region", "sector"):
        for cls in ("ok_emitted", "ok_latent", "trap", "wrong"):
            sel = [r for r in rows if r["kind"] == kind and _class(r) == cls]
            if not sel:
                continue
            one = [r for r in sel if int(r["sentences"]) <= 1]
            plain = [r for r in one if not any(int(r[p]) for p in PROMINENT)]
            bare = [r for r in plain if not int(r["verb"])]
            prom = sum(any(int(r[p]) for p in PROMINENT) for r in sel)
            verb = sum(int(r["verb"]) for r in sel)
            print(f"{kind:9s} {cls:10s} {len(sel):4d} {len(one):6d} {prom:6d} {verb:6d} {len(plain):6d} {len(bare):8d}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", type=Path, help="write the feature rows here")
    ap.add_argument("--load", type=Path, help="read feature rows from an earlier --csv instead of converting")
    ap.add_argument("--max-lost", type=float, default=0.01, help="emitted ok clusters a rule may lose per fold")
    ap.add_argument("--extra", type=Path, action="append", help="a further folder with gold, as a fold of its own")
    ap.add_argument("--kind", action="append", help="search only these kinds (default: all)")
    ap.add_argument(
        "--rule",
        help="count one rule per kind and fold instead: SENTENCES,WORDS,NO_VERB(0/1),ZIPF,FIRST_POS,SHARE",
    )
    args = ap.parse_args(argv)
    if args.load:
        with args.load.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    else:
        rows = gather(args.extra)
    if args.csv:
        with args.csv.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, FIELDS)
            writer.writeheader()
            writer.writerows(rows)
    print(f"{len(rows)} clusters; per fold: {dict(Counter(r['fold'] for r in rows))}")
    describe(rows)
    if args.rule:
        s, w, v, z, p, sh = args.rule.split(",")
        rule = Rule(int(s), int(w), v == "1", float(z), float(p), float(sh))
        print(f"\nrule: {rule}")
        for kind in args.kind or ("actor", "software", "country", "region", "sector"):
            for fold in sorted({r["fold"] for r in rows}):
                c = score([r for r in rows if r["kind"] == kind and r["fold"] == fold], rule)
                print(f"  {kind:8s} {fold:8s} {_line(c)}")
        return 0
    for kind in args.kind or ("actor", "software", "country", "region", "sector"):
        cross_validate(rows, kind, args.max_lost)
    return 0


if __name__ == "__main__":
    sys.exit(main())
