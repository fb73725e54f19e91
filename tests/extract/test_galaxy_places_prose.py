"""Issue 8, victims' countries and the actor's origin said in prose: each rule with a report that must give the
country (or region) and one of the same shape that must not (tests/data/galaxies/places-prose.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("places-prose.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_places_prose_rule(case: dict) -> None:
    check_rule_case(case)
