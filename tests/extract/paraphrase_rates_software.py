"""Pass rate of the actor and software paraphrase cases, by kind.

tests/data/galaxies/paraphrases-software.yaml says the facts of the actor and software rule cases of
extract.yaml in other words, plus fresh passing names (comparison, background, absence, furniture, things and
people named like a family or an actor) and names the report's subject uses, which must stay. This prints how
many cases pass per kind, and the failing checks with `-v`.

    .venv/bin/python -m tests.extract.paraphrase_rates_software [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings
from tests.extract import paraphrase_rates

CASES_FILE = Path(__file__).parents[1] / "data" / "galaxies" / "paraphrases-software.yaml"
_KINDS = ("threat-actor", "mitre-intrusion-set", "malpedia", "mitre-malware", "mitre-tool", "tool", "ransomware")


def load_cases() -> list[dict]:
    """The actor and software paraphrase cases (see `paraphrase_rates.load_cases`)."""
    return paraphrase_rates.load_cases(CASES_FILE)


def _named(tag: str) -> str | None:
    """The value of an actor or software tag, without its ATT&CK ID, lower case."""
    galaxy, _, value = tag.removeprefix("misp-galaxy:").partition("=")
    return value.strip('"').split(" - ")[0].lower() if galaxy in _KINDS else None


def failures(case: dict) -> list[str]:
    """What the conversion of one case gets wrong: a name it should tag missing, one it should not emitted."""
    name = "case.md"
    event = convert_bytes(case["report"].encode(), identity=name, name=name, settings=Settings()).to_dict()
    values = {v for t in event.get("Tag", []) if (v := _named(t["name"]))}
    wrong = [f"missing {n}" for n in case.get("names", []) if n.lower() not in values]
    return wrong + [f"emitted {n}" for n in case.get("not_names", []) if n.lower() in values]


def main(argv: list[str]) -> int:
    paraphrase_rates.print_rates(load_cases(), failures, "-v" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
