"""The rules of extract/galaxy_place_roles.py (issue 8, precision): a place named as the home of an authority, of the
money or of a maker, and the sector words of those bodies, are no targets; each rule has a twin where they are
(tests/data/galaxies/place-roles.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("place-roles.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_place_role_rules(case: dict) -> None:
    check_rule_case(case)
