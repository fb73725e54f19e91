"""Victims described in words (issue 8): each case of tests/data/galaxies/victim-sectors.yaml must give the sectors
it lists and none it forbids. `python -m tests.extract.victim_sector_rates` gives the pass rate by kind."""

from __future__ import annotations

import pytest

from tests.extract.paraphrase_rates import case_params, failures
from tests.extract.victim_sector_rates import load_cases

CASES = case_params(load_cases())


@pytest.mark.parametrize("case", CASES)
def test_victim_sector(case: dict) -> None:
    wrong = failures(case)
    assert not wrong, f"{case['id']}: {'; '.join(wrong)}\n{case['report']}"
