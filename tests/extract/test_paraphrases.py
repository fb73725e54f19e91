"""The place and sector rules on paraphrases of their own cases and on passing places (issue 8, cause 9).

Each case of tests/data/galaxies/paraphrases.yaml states a fact of a rule case of extract.yaml in other words, or a
passing place (infrastructure, the writer's side, a survey, a helper, history). A case with `gap` is a known miss,
said why: it is expected to fail (strictly: once a rule reads it, the test fails until the gap note is removed).
`python -m tests.extract.paraphrase_rates` gives the pass rate by kind.
"""

from __future__ import annotations

import pytest

from tests.extract.paraphrase_rates import case_params, failures, load_cases

CASES = case_params(load_cases())


@pytest.mark.parametrize("case", CASES)
def test_paraphrase(case: dict) -> None:
    wrong = failures(case)
    assert not wrong, f"{case['id']}: {'; '.join(wrong)}\n{case['report']}"
