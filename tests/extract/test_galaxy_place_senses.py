"""Issue 8 on real vendor pages: place words in another sense (a language, a threat's origin, a war's side, a
compared campaign, an organisation's seat, an armed group, another story, the police at work) and places ranked by
their victims on landscape pages. Each rule with a report that must give the cluster and one of the same shape that
must not (tests/data/galaxies/place-senses.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("place-senses.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_place_senses_rule(case: dict) -> None:
    check_rule_case(case)
