"""Issue 8 on real vendor pages: software named the way news items and landscape pages name it (a naming phrase, a
ranking, the family's first word alone, a list of families, one family's builds for two platforms, a related post's
teaser), each rule with a report that must and one that must not give the cluster
(tests/data/galaxies/software-prose.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("software-prose.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_software_prose_rule(case: dict) -> None:
    check_rule_case(case)
