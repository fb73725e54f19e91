"""Technique names and the routine-doer veto (issue 12): a technique's name in a sentence whose doer is a routine
one (IT staff, the help desk, group policy, a vendor's updater as the agent of a passive) and that names nothing
of the adversary's tags no technique; the same name with the adversary as its doer is tagged
(tests/data/technique-doers/names.yaml). Each sentence is read alone, as the body of a short report."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.extract.paraphrase_rates_techniques import tagged

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "technique-doers" / "names.yaml").read_text())


@pytest.mark.parametrize("sentence", CASES["routine"])
def test_a_name_used_by_a_routine_doer_tags_nothing(sentence: str) -> None:
    assert tagged(sentence) == frozenset()


@pytest.mark.parametrize("case", CASES["adversary"], ids=lambda case: case["technique"])
def test_a_name_used_by_the_adversary_is_tagged(case: dict) -> None:
    assert case["technique"] in tagged(case["text"])
