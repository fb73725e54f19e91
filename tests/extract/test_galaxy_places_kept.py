"""Issue 8, countries on real news and vendor pages: the attribution and victim countries earlier precision rules
dropped, and passing countries real pages still gave; each rule with a report that must give the country and one
of the same shape that must not (tests/data/galaxies/places-kept.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("places-kept.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_places_kept_rule(case: dict) -> None:
    check_rule_case(case)
