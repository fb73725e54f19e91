"""The rules of extract/galaxy_other_users.py and the stances beside it (issue 8, precision): actors and families named
as other users of the tool a report is about, as a kin group the report's actor shares code or overlaps with, as a
list said not present, or as having no bearing on the case are not the report's; each rule has a twin where the name
counts (tests/data/galaxies/other-users.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("other-users.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_other_users_rules(case: dict) -> None:
    check_rule_case(case)
