"""Issue 8 on real vendor pages: sector words in another sense (a topic, a party told, another field, a war, a
compared campaign), sectors ranked by their victims on landscape pages, a victim posted on a leak site and victims
written to. Each rule with a report that must give the sector and one of the same shape that must not
(tests/data/galaxies/sector-senses.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("sector-senses.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_sector_senses_rule(case: dict) -> None:
    check_rule_case(case)
