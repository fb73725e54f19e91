"""The rules of the names a report gives as others than its own case (issue 8, precision): other users of the tool it is
about and an actor's kin (extract/galaxy_other_users.py), a list said not present, a name of no bearing, a section
headed as a comparison or as the actor's profile, the past of "in past years"; each rule has a twin where the name
counts (tests/data/galaxies/comparisons.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("comparisons.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_comparison_rules(case: dict) -> None:
    check_rule_case(case)
