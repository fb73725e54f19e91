"""The rules of extract/galaxy_history.py and those it brought along (issue 8, precision): a report that must not give a
cluster and a twin that must, for each rule (tests/data/galaxies/history.yaml; side-places.yaml for galaxy_side_places
and the round after it)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("history.yaml", "side-places.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_history_rules(case: dict) -> None:
    check_rule_case(case)
