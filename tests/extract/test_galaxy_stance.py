"""The rules of extract/galaxy_stance.py and the asides beside it (issue 8, precision): a name the sentence says is
absent, kept apart, claimed by others and rejected, set outside the brief, or tied to intrusions rather than code is
not the report's; each rule has a twin where it is (tests/data/galaxies/stance.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("stance.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_stance_rules(case: dict) -> None:
    check_rule_case(case)
