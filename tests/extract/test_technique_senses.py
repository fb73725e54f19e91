"""Technique words that tell no technique of the adversary's (techplain, issues 8 and 12): what the actor prefers
something over, an ATT&CK name in a narrower sense than the everyday words, another doer's act, a teaser cut off
by an ellipsis; and the same constructions with the adversary doing the technique, still tagged
(tests/data/technique-senses/cases.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.extract.paraphrase_rates_techniques import tagged

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "technique-senses" / "cases.yaml").read_text())


@pytest.mark.parametrize("case", CASES["untagged"], ids=lambda case: case["technique"])
def test_the_words_of_a_technique_in_another_sense_tag_nothing(case: dict) -> None:
    technique = case["technique"]
    found = tagged(case["text"])
    assert technique not in found and not any(t.startswith(technique + ".") for t in found)


@pytest.mark.parametrize("case", CASES["tagged"], ids=lambda case: case["technique"])
def test_the_adversary_doing_the_technique_is_tagged(case: dict) -> None:
    technique, found = case["technique"], tagged(case["text"])
    assert technique in found or ("." not in technique and any(t.startswith(technique + ".") for t in found))
