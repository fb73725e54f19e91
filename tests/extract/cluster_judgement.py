"""Judges the galaxy clusters a conversion attaches against hand-made labels: ok, weak (a passing mention) or
wrong — the measure of issue 8 on real-style vendor reports (tests/data/real-style/).

A label file (`NAME.gold.yaml`, the team's gold format) counts a cluster as ok when it is required
(`galaxy_clusters`) or acceptable (`optional_clusters`), weak when it is listed under `weak_clusters` (named in
passing: a hosting country, a vendor office, a family in an author's bio), wrong otherwise.

    .venv/bin/python -m tests.extract.cluster_judgement tests/data/real-style/dev [-v]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from misp_module.deliver.files import discover_reports
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

TAG = re.compile(r'^misp-galaxy:([^=]+)="(.*)"$')
# The galaxies the figures are kept apart for: techniques are judged by their own recogniser's work.
GROUPS = {
    "mitre-attack-pattern": "technique",
    "threat-actor": "actor",
    "mitre-intrusion-set": "actor",
    "country": "country",
    "region": "region",
    "sector": "sector",
    "ransomware": "ransomware",
}


@dataclass
class Judgement:
    """Counts of one folder: per group, ok / weak / wrong; required labels met; what was wrong or missed."""

    counts: dict[str, Counter] = field(default_factory=dict)
    required: int = 0
    required_met: int = 0
    ok: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, group: str, verdict: str) -> None:
        self.counts.setdefault(group, Counter())[verdict] += 1

    def total(self, without: frozenset[str] = frozenset()) -> Counter:
        """Counts summed over every group but those left out."""
        result: Counter = Counter()
        for group, counts in self.counts.items():
            if group not in without:
                result.update(counts)
        return result


def _pairs(entries: list | None) -> set[tuple[str, str]]:
    return {(e["galaxy"], e["value"]) for e in entries or []}


def _emitted(event: dict) -> set[tuple[str, str]]:
    names = [t["name"] for t in event.get("Tag", [])]
    for attribute in event.get("Attribute", []):
        names += [t["name"] for t in attribute.get("Tag", [])]
    return {m.groups() for n in names if (m := TAG.match(n))}


def judge(folder: Path) -> Judgement:
    """Converts every labelled report of the folder and judges each attached cluster."""
    judgement = Judgement()
    for report in discover_reports(folder):
        gold_path = report.with_name(report.name.rsplit(".", 1)[0] + ".gold.yaml")
        if not gold_path.exists():
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        event = convert_bytes(report.read_bytes(), identity=report.name, name=report.name, settings=Settings())
        emitted = _emitted(event.to_dict())
        ok = _pairs(gold.get("optional_clusters"))
        for requirement in gold.get("galaxy_clusters") or []:
            alternatives = _pairs(requirement.get("any_of", [requirement]))
            ok |= alternatives
            judgement.required += 1
            if alternatives & emitted:
                judgement.required_met += 1
            else:
                judgement.missed.append(f"{report.name}: {sorted(alternatives)[0]}")
        weak = _pairs(gold.get("weak_clusters"))
        for cluster in sorted(emitted):
            verdict = "ok" if cluster in ok else "weak" if cluster in weak else "wrong"
            judgement.add(GROUPS.get(cluster[0], "software"), verdict)
            getattr(judgement, verdict).append(f"{report.name}: {cluster[0]}={cluster[1]}")
    return judgement


def rates(counts: Counter) -> tuple[float, float]:
    """(ok rate, ok+weak rate) of some counts; 1.0 when nothing was attached."""
    judged = sum(counts.values())
    if not judged:
        return 1.0, 1.0
    return counts["ok"] / judged, (counts["ok"] + counts["weak"]) / judged


def main(argv: list[str] | None = None) -> int:
    """Prints the judgement of each folder given."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the wrong, weak and missed clusters")
    parser.add_argument("--lost-from", type=Path, help="a file of ok clusters (one a line) to list those now lost")
    parser.add_argument("--save-ok", type=Path, help="write the ok clusters here, one a line")
    args = parser.parse_args(argv)
    for folder in args.folders:
        result = judge(folder)
        print(f"{folder}")
        print(f"  {'group':12s} {'judged':>6s} {'ok':>4s} {'weak':>4s} {'wrong':>5s} {'ok rate':>7s} {'ok+weak':>7s}")
        rows = {**{g: c for g, c in sorted(result.counts.items())}, "all": result.total()}
        rows["all but techniques"] = result.total(frozenset({"technique"}))
        for group, counts in rows.items():
            ok, ok_weak = rates(counts)
            print(
                f"  {group:12s} {sum(counts.values()):6d} {counts['ok']:4d} {counts['weak']:4d} {counts['wrong']:5d}"
                f" {ok:7.2f} {ok_weak:7.2f}"
            )
        recall = result.required_met / result.required if result.required else 1.0
        print(f"  required clusters met: {result.required_met}/{result.required} ({recall:.2f})")
        if args.save_ok:
            args.save_ok.write_text("".join(f"{line}\n" for line in result.ok), encoding="utf-8")
        if args.lost_from:
            before = set(args.lost_from.read_text(encoding="utf-8").splitlines())
            lost = sorted(before - set(result.ok))
            print(f"  ok clusters before: {len(before)}, lost since: {len(lost)}")
            for line in lost:
                print(f"    lost    {line}")
        if args.verbose:
            for line in result.wrong:
                print(f"    wrong   {line}")
            for line in result.weak:
                print(f"    weak    {line}")
            for line in result.missed:
                print(f"    missed  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
