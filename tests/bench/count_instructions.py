"""The work of a warm convert, for instruction counts: on a machine other jobs load, timings drift by a factor of
several, the number of instructions a conversion runs does not. Run it under valgrind twice, with and without
the measured work, and take the difference; with a fixed hash seed (the order of sets changes the work, by
about 0.7% from one process to the next):

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        python tests/bench/count_instructions.py corpus 0
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        python tests/bench/count_instructions.py corpus 1

`corpus N`: every report of tests/data/reports and tests/data/real-style converted once (knowledge loaded, every
lazy expression compiled), then N more times (the measured passes). `big 0|1|token`: the 2 MB report of
bench_floors (the paragraphs of the sample and real-style reports, shuffled, values rewritten: it does not repeat
itself), warm; 0 converts nothing, 1 converts it, `token` runs the one token-regex pass over its text that
bench_floors takes as the floor. Prints nothing; asserts nothing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from unittest import mock

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS), str(Path(__file__).resolve().parent)]

from bench_extract import varied_report  # noqa: E402

from misp_module import budget  # noqa: E402
from misp_module.deliver.files import event_json  # noqa: E402
from misp_module.pipeline import convert_bytes  # noqa: E402
from misp_module.settings import Settings  # noqa: E402

SUFFIXES = (".md", ".txt", ".html")


def corpus(passes: int) -> None:
    folders = [TESTS / "data" / "reports", *sorted((TESTS / "data" / "real-style").iterdir())]
    paths = [p for folder in folders for p in sorted(folder.iterdir()) if p.suffix in SUFFIXES]
    reports = [(p.read_bytes(), p.name) for p in paths]
    settings = Settings()
    for _ in range(passes + 1):
        for data, name in reports:
            event_json(convert_bytes(data, identity=name, name=name, settings=settings))


def big(what: str) -> None:
    settings = Settings()
    sample = TESTS / "data" / "reports" / "deepseek-czechia.txt"
    convert_bytes(sample.read_bytes(), identity="w", name="w", settings=settings)
    data = varied_report(2_000_000)
    if what == "token":
        re.compile(r"\w+").findall(data.decode())
    elif what == "1":
        # As in bench_floors: the indicator cap (a guard against hostile input) lifted to measure throughput.
        with mock.patch.object(budget, "MAX_INDICATORS", 10**7), mock.patch.object(budget, "MAX_NAMES", 10**7):
            event_json(convert_bytes(data, identity="big", name="big.md", settings=settings))


def main() -> None:
    kind, argument = sys.argv[1], sys.argv[2]
    if kind == "corpus":
        corpus(int(argument))
    else:
        big(argument)


if __name__ == "__main__":
    main()
