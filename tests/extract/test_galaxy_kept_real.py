"""Issue 8, clusters the original code found on real vendor pages and the precision rules lost with the wrong ones:
software a post introduces (galaxy_software_subject) and places a few words from their telling word
(galaxy_place_lists), each rule with a report that must and one that must not give the cluster
(tests/data/galaxies/kept-real.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("kept-real.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_kept_real_rule(case: dict) -> None:
    check_rule_case(case)
