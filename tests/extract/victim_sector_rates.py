"""Pass rate of the victim-sector cases, by kind: tests/data/galaxies/victim-sectors.yaml says who was hit in the
words incident reports use ("a dairy cooperative", "called in by a food distributor", "paid the ransom") next to
sentences where the same words name no victim (issue 8, recall of sectors without everyday-word sectors).

    .venv/bin/python -m tests.extract.victim_sector_rates [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.extract import paraphrase_rates

CASES_FILE = Path(__file__).parents[1] / "data" / "galaxies" / "victim-sectors.yaml"


def load_cases() -> list[dict]:
    """The victim-sector cases (see `paraphrase_rates.load_cases`)."""
    return paraphrase_rates.load_cases(CASES_FILE)


def main(argv: list[str]) -> int:
    paraphrase_rates.print_rates(load_cases(), paraphrase_rates.failures, "-v" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
