"""Pass rate of the place and sector paraphrase cases, by kind.

The rule cases of tests/data/galaxies/extract.yaml test each place and sector rule with the sentence it was
written for; tests/data/galaxies/paraphrases.yaml says the same facts (and the passing places of issue 8's
cause 9) in other words. This prints how many paraphrase cases pass per kind, and the failing checks with
`-v`, so a rule written for one phrasing shows whether it generalises.

    .venv/bin/python -m tests.extract.paraphrase_rates [-v]
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

CASES_FILE = Path(__file__).parents[1] / "data" / "galaxies" / "paraphrases.yaml"


def load_cases(path: Path = CASES_FILE) -> list[dict]:
    """The paraphrase cases of a file, each with an `id` made of its kind and position."""
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    for number, case in enumerate(cases, 1):
        case["id"] = f"{case['kind']}-{number}"
    return cases


def case_params(cases: list[dict]) -> list:
    """The cases as pytest parameters; a case with a `gap` note is a strict xfail (once a rule reads it, the
    test fails until the note is removed)."""
    return [
        pytest.param(
            case, id=case["id"], marks=[pytest.mark.xfail(reason=case["gap"], strict=True)] if "gap" in case else []
        )
        for case in cases
    ]


def failures(case: dict) -> list[str]:
    """What the conversion of one case gets wrong: missing or mis-roled tags, forbidden tags emitted."""
    name = "case.md"
    event = convert_bytes(case["report"].encode(), identity=name, name=name, settings=Settings()).to_dict()
    tags = {t["name"]: t.get("relationship_type") for t in event.get("Tag", [])}
    wrong = [f"missing {tag}" for tag in case.get("tags", {}) if tag not in tags]
    wrong += [
        f"{tag} is {tags[tag]}, not {role}" for tag, role in case.get("tags", {}).items() if tags.get(tag, role) != role
    ]
    wrong += [f"emitted {tag}" for tag in case.get("absent", []) if tag in tags]
    return wrong


def print_rates(cases: list[dict], failures: Callable[[dict], list[str]], verbose: bool) -> None:
    """The pass rate per kind and in all; with `verbose`, each failing case and its last line."""
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in cases:
        wrong = failures(case)
        total[case["kind"]] += 1
        passed[case["kind"]] += not wrong
        if wrong and verbose:
            print(f"FAIL {case['id']}: {'; '.join(wrong)}\n    {case['report'].splitlines()[-1]}")
    for kind in total:
        print(f"{kind:16} {passed[kind]:3}/{total[kind]:<3} {passed[kind] / total[kind]:.2f}")
    print(
        f"{'all':16} {sum(passed.values()):3}/{sum(total.values()):<3} {sum(passed.values()) / sum(total.values()):.2f}"
    )


def main(argv: list[str]) -> int:
    print_rates(load_cases(), failures, "-v" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
