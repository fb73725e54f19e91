"""The rules of extract/galaxy_software_asides.py (issue 8, precision): software a report names besides its subject's
case. For each rule, a report that must not give the cluster and a twin that must
(tests/data/galaxies/software-asides.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("software-asides.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_software_aside_rules(case: dict) -> None:
    check_rule_case(case)
