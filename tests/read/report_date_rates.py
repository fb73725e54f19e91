"""How many report openings of tests/data/report-dates/after-rules.yaml (written after the date rules) get the date
a reader would take: right, wrong (a date that is not the report's) and missed.

    .venv/bin/python tests/read/report_date_rates.py [-v]
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import yaml

from misp_module.read.reader import read_report

CASES = Path(__file__).resolve().parents[1] / "data" / "report-dates" / "after-rules.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every case")
    args = parser.parse_args()
    counts = {"right": 0, "wrong": 0, "missed": 0}
    for case in yaml.safe_load(CASES.read_text())["cases"]:
        report = read_report(case["text"].encode(), identity=case["name"], name=case["file"], max_bytes=1 << 20)
        got, expected = (report.date if report.date_stated else None), case["expected"]
        if isinstance(expected, str):
            expected = datetime.date.fromisoformat(expected)
        verdict = "right" if got == expected else ("missed" if got is None else "wrong")
        counts[verdict] += 1
        if args.verbose or verdict != "right":
            print(f"{verdict:6} {case['name']}: expected {expected}, got {got}")
    total = sum(counts.values())
    print(f"right {counts['right']}/{total}, wrong {counts['wrong']}, missed {counts['missed']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
