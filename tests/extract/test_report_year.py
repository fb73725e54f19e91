"""The report's own date in the target rules (tests/data/galaxies/report-year.yaml): the year before the report's is
its campaign's time only in a report dated early in its year, and a span of years reaching the report's time is no
past. Each rule has a report that must not give the cluster and a twin that must."""

from __future__ import annotations

import pytest

from tests.extract.galaxy_rule_cases import check_rule_case, load_rule_cases, rule_ids

CASES = load_rule_cases("report-year.yaml")


@pytest.mark.parametrize("case", CASES, ids=rule_ids(CASES))
def test_report_year_rules(case: dict) -> None:
    check_rule_case(case)
