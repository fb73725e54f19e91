"""Pass rate of the indicator paraphrase cases, by kind.

tests/data/indicators/paraphrases.yaml writes the facts behind the indicator rules (versions that are no
addresses, addresses next to version words, legitimate programs an actor abused, files that only mimic them,
file names with unusual characters, defanged URLs, e-mail addresses in tables, configuration files, partial
hashes, programs vouched for in everyday words, renamed tools, processes injected into) three or more ways each.
This prints how many cases pass per kind, and the failing checks with `-v`. `--file` measures another file of the
same format (cases written after the rules, such as tests/data/indicators/fresh-noise.yaml).

    .venv/bin/python -m tests.extract.paraphrase_rates_indicators [-v] [--file PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings
from tests.extract import paraphrase_rates

CASES_FILE = Path(__file__).parents[1] / "data" / "indicators" / "paraphrases.yaml"
DESCRIPTIVE = {"threat-actor", "text", "link", "target-org", "target-location", "comment"}


def load_cases(path: Path = CASES_FILE) -> list[dict]:
    """The indicator paraphrase cases of a file (see `paraphrase_rates.load_cases`)."""
    return paraphrase_rates.load_cases(path)


def failures(case: dict) -> list[str]:
    """What the conversion of one case gets wrong: a value missing or with the wrong to_ids, a version or other
    forbidden value emitted, a context value emitted with to_ids on."""
    name = "case.md"
    event = convert_bytes(case["report"].encode(), identity=name, name=name, settings=Settings())
    emitted: dict[str, bool] = {}
    for attribute in event.attributes:
        if attribute.type in DESCRIPTIVE:
            continue
        for part in str(attribute.value).split("|"):
            emitted[part] = emitted.get(part, False) or bool(attribute.to_ids)
    wrong = []
    for wanted in case.get("emit", []):
        value = str(wanted["value"])
        if value not in emitted:
            wrong.append(f"missing {value}")
        elif "to_ids" in wanted and emitted[value] is not wanted["to_ids"]:
            wrong.append(f"{value} has to_ids {emitted[value]}")
    wrong += [f"emitted {v}" for v in map(str, case.get("absent", [])) if v in emitted]
    return wrong + [f"{v} has to_ids on" for v in map(str, case.get("not_ids", [])) if emitted.get(v)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Pass rate of indicator paraphrase cases, by kind.")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each failing case")
    parser.add_argument("--file", type=Path, default=CASES_FILE, help="a cases file (default: paraphrases.yaml)")
    args = parser.parse_args(argv)
    paraphrase_rates.print_rates(load_cases(args.file), failures, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
