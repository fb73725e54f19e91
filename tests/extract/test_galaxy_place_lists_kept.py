"""Issue 8, countries the original code kept: the places of a list whose other places are the victims' or the
actor's, and every place of a ranked list of infections; each rule with a report that must give the countries and one
of the same shape that must not (tests/data/galaxies/places-lists.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("places-lists.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_place_lists_kept_rule(case: dict) -> None:
    check_rule_case(case)
