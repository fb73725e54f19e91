"""Issue 8, recall: names the converter missed in real prose (landscape items, glued origins, shared actor names,
ransomware brands, places that imply a country), each rule with a sentence that must and one that must not give
the cluster (tests/data/galaxies/recall.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("recall.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_recall_rule(case: dict) -> None:
    check_rule_case(case)
