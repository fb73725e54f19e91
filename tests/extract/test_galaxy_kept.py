"""Issue 8, keeping the right clusters: kinds the precision rules dropped along with the wrong ones (regions that
hold the report's victims, origins and targets said in prose), each rule with a sentence that must and one that
must not give the cluster (tests/data/galaxies/kept.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("kept.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_kept_rule(case: dict) -> None:
    check_rule_case(case)
