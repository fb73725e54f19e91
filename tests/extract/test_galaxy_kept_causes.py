"""Issue 8, the kept side: salience decisions that dropped right clusters or kept passing mentions on real pages, one
general rule each, with sentences that must and must not give the cluster (tests/data/galaxies/kept-causes.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("kept-causes.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_kept_cause(case: dict) -> None:
    check_rule_case(case)
