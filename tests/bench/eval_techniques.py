"""Document-level precision, recall and F1 of the techniques the convert pipeline tags, per folder of reports
with gold techniques (REPORT.gold.yaml beside REPORT.md/.txt/.html, key `techniques`).

Two counts: exact (the technique ID as tagged) and parent (both sides mapped to their T#### family, so a
parent tagged for a gold sub-technique counts right). `-v` lists each report's wrong and missed techniques.

    .venv/bin/python tests/bench/eval_techniques.py [-v] tests/data/techniques [DIR ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.techniques import GALAXY
from misp_module.read.reader import read_report

SUFFIXES = (".md", ".txt", ".html")


def _family(technique: str) -> str:
    return technique.split(".")[0]


def _figures(right: int, wrong: int, missed: int) -> str:
    precision = right / max(right + wrong, 1)
    recall = right / max(right + missed, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return f"P {precision:.2f} R {recall:.2f} F1 {f1:.2f} ({right} right, {wrong} wrong, {missed} missed)"


def evaluate(folder: Path, verbose: bool = False) -> dict[str, tuple[int, int, int]]:
    """The exact and parent counts (right, wrong, missed) summed over the folder's reports."""
    counts = {"exact": [0, 0, 0], "parent": [0, 0, 0]}
    for path in sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES):
        gold_path = path.with_suffix(".gold.yaml")
        if not gold_path.exists():
            continue
        gold = set(yaml.safe_load(gold_path.read_text(encoding="utf-8")).get("techniques") or [])
        report = read_report(path.read_bytes(), identity=path.name, name=path.name, max_bytes=10_000_000)
        found = {c.external_id for c in galaxy_clusters(report) if c.galaxy == GALAXY and c.external_id}
        for name, (ours, theirs) in {
            "exact": (found, gold),
            "parent": ({_family(t) for t in found}, {_family(t) for t in gold}),
        }.items():
            counts[name][0] += len(ours & theirs)
            counts[name][1] += len(ours - theirs)
            counts[name][2] += len(theirs - ours)
        if verbose:
            print(f"  {path.name[:44]:44s} wrong: {' '.join(sorted(found - gold))}")
            print(f"  {'':44s} missed: {' '.join(sorted(gold - found))}")
    return {name: (right, wrong, missed) for name, (right, wrong, missed) in counts.items()}


def main(arguments: list[str]) -> None:
    verbose = "-v" in arguments
    for folder in (Path(a) for a in arguments if a != "-v"):
        for name, counts in evaluate(folder, verbose).items():
            print(f"{folder.name:28s} {name:6s} {_figures(*counts)}")


if __name__ == "__main__":
    main(sys.argv[1:])
