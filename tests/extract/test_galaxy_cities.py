"""Issue 8, victims' countries given only by a large city (galaxy_cities): each rule with a report that must give the
country and one of the same shape that must not (tests/data/galaxies/places-cities.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("places-cities.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_places_cities_rule(case: dict) -> None:
    check_rule_case(case)
