"""Issue 8, the page's subject missed on real pages: the rules that dropped malware, ransomware and actors a page is
about, each with a report that must and one that must not give the cluster (tests/data/galaxies/subjects.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("subjects.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_subject_rule(case: dict) -> None:
    check_rule_case(case)
