"""Recall and precision of technique recognition on the technique paraphrase set, per tactic and overall.

tests/data/techniques-paraphrases/PART.yaml says the behaviour of common techniques the way different vendors
would (3+ sentences each) and gives must-not twins (a mitigation, a detection, the defender's own work, a
negation, a product's feature). Each sentence is read alone, as the body of a short report, through the same
path as a converted report (`galaxy_clusters`). A `says` sentence passes when its technique is tagged (a parent
is met by any of its subs); a `not` sentence passes when no technique is tagged.

Figures: recall (exact: the technique as written, or a sub of a written parent; parent: the same T#### family),
precision (right / right + wrong, where wrong is every tagged technique outside the sentence's family, on
`says` and `not` sentences alike) and the must-not pass rate. `-v` lists the failing sentences and, as ALSO, the
techniques outside its family that a `says` sentence yields.

    .venv/bin/python -m tests.extract.paraphrase_rates_techniques [-v] [part1 part2 ...]
"""

from __future__ import annotations

import sys
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.techniques import GALAXY
from misp_module.read.reader import read_report

CASES_DIR = Path(__file__).parents[1] / "data" / "techniques-paraphrases"
PARTS = ("part1", "part2")
_REPORT = "# Intrusion analysis\n\n## Technical details\n\n{text}\n"


def load_cases(parts: tuple[str, ...] = PARTS) -> list[dict]:
    """One case per sentence: `id` (part, technique, must or not, position), `tactic`, `technique`, `must`,
    `text` and, for a known miss, `gap`."""
    cases = []
    for part in parts:
        path = CASES_DIR / f"{part}.yaml"
        if not path.exists():
            continue
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            for key, must in (("says", True), ("not", False)):
                for number, item in enumerate(entry.get(key) or [], 1):
                    case = dict(item) if isinstance(item, dict) else {"text": item}
                    case.update(id=f"{part}-{entry['id']}-{key}{number}", tactic=entry["tactic"], technique=entry["id"])
                    case["must"] = must
                    cases.append(case)
    return cases


@cache
def tagged(text: str) -> frozenset[str]:
    """The technique IDs tagged for a sentence read as the body of a short report."""
    data = _REPORT.format(text=text).encode()
    report = read_report(data, identity="case.md", name="case.md", max_bytes=1_000_000)
    return frozenset(c.external_id for c in galaxy_clusters(report) if c.galaxy == GALAXY and c.external_id)


def _family(technique: str) -> str:
    return technique.split(".")[0]


def _meets(found: frozenset[str], technique: str) -> bool:
    """Whether the tagged techniques give the expected one (a sub of an expected parent counts)."""
    return technique in found or ("." not in technique and any(_family(t) == technique for t in found))


def failures(case: dict) -> list[str]:
    """What the recognition gets wrong on one case: the technique missing, or any technique on a must-not."""
    found = tagged(case["text"])
    if case["must"]:
        return [] if _meets(found, case["technique"]) else [f"missing {case['technique']} (got {sorted(found)})"]
    return [f"emitted {' '.join(sorted(found))}"] if found else []


def figures(cases: list[dict]) -> dict[str, float]:
    """Recall (exact and parent), precision and the must-not pass rate over the cases."""
    must = [c for c in cases if c["must"]]
    nots = [c for c in cases if not c["must"]]
    right = sum(_meets(tagged(c["text"]), c["technique"]) for c in must)
    family = sum(_family(c["technique"]) in {_family(t) for t in tagged(c["text"])} for c in must)
    wrong = sum(len({t for t in tagged(c["text"]) if _family(t) != _family(c["technique"])}) for c in must)
    wrong += sum(len(tagged(c["text"])) for c in nots)
    return {
        "recall": right / max(len(must), 1),
        "recall_parent": family / max(len(must), 1),
        "precision": right / max(right + wrong, 1),
        "must_not": sum(not tagged(c["text"]) for c in nots) / max(len(nots), 1),
        "must_count": len(must),
        "not_count": len(nots),
        "wrong": wrong,
    }


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    parts = tuple(a for a in argv if a != "-v") or PARTS
    cases = load_cases(parts)
    by_tactic: dict[str, list[dict]] = {}
    for case in cases:
        by_tactic.setdefault(case["tactic"], []).append(case)
        wrong = failures(case)
        if wrong and verbose:
            print(f"FAIL {case['id']}{' (gap)' if 'gap' in case else ''}: {'; '.join(wrong)}\n    {case['text']}")
        other = sorted(t for t in tagged(case["text"]) if _family(t) != _family(case["technique"]))
        if case["must"] and other and verbose:
            print(f"ALSO {case['id']}: {' '.join(other)}\n    {case['text']}")
    passed = Counter()
    for tactic, group in by_tactic.items():
        f = figures(group)
        passed[tactic] = f["recall"]
        print(
            f"{tactic:22} recall {f['recall']:.2f} (parent {f['recall_parent']:.2f}) of {f['must_count']:3}"
            f"  precision {f['precision']:.2f}  must-not {f['must_not']:.2f} of {f['not_count']}"
        )
    f = figures(cases)
    print(
        f"{'all':22} recall {f['recall']:.2f} (parent {f['recall_parent']:.2f}) of {f['must_count']:3}"
        f"  precision {f['precision']:.2f} ({f['wrong']} wrong)  must-not {f['must_not']:.2f} of {f['not_count']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
