"""The actor and software rules on paraphrases of their own cases and on passing names (issue 8, causes 2-9).

Each case of tests/data/galaxies/paraphrases-software.yaml states a fact of an actor or software rule case of
extract.yaml in other words, a fresh passing name, or a name the report's subject uses. A case with `gap` is a
known miss, said why: a strict xfail. `python -m tests.extract.paraphrase_rates_software` gives the pass rate by
kind.
"""

from __future__ import annotations

import pytest

from tests.extract.paraphrase_rates import case_params
from tests.extract.paraphrase_rates_software import failures, load_cases

CASES = case_params(load_cases())


@pytest.mark.parametrize("case", CASES)
def test_paraphrase(case: dict) -> None:
    wrong = failures(case)
    assert not wrong, f"{case['id']}: {'; '.join(wrong)}\n{case['report']}"
