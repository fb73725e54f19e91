"""Issue 8, sectors on real pages, both directions: organisation nouns governed by a victim or targeting word name
their sector, an organisation's name, the actor's own body, what it abuses and plant-network jargon name none. Each
rule with reports that must give the sector and reports of the same shape that must not
(tests/data/galaxies/sector-organisations.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("sector-organisations.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_sector_organisations_rule(case: dict) -> None:
    check_rule_case(case)
