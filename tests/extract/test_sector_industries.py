"""Issue 8, sectors on real pages: the victim written as an industry or an organisation (sectors.yaml
`industry_phrasings`) and the victim readings news pages use for them (a named victim's apposition, a headline's "hit
with", what "our client operates", the scene of an attack). Each with reports that must give the sector and reports of
the same shape that must not (tests/data/galaxies/sector-industries.yaml)."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("sector-industries.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_sector_industries_rule(case: dict) -> None:
    check_rule_case(case)
