"""Issue 8, software on real pages named once in the sentence that matters, and the rules that dropped it: a turn to
the report's own time, a plural noun of software before a list of families, verbs and nouns that tie software to the
intrusion, a family written with its kind, ransomware behind a country's or a crew's name, a name in a link's slug;
each rule with a report that must and one that must not give the cluster (tests/data/galaxies/software-recall.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("software-recall.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_software_recall_rule(case: dict) -> None:
    check_rule_case(case)
