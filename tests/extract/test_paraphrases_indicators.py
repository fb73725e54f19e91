"""The indicator rules on paraphrases (issue 8, cause 10, and the attribute misses of the judge sets).

Each case of tests/data/indicators/paraphrases.yaml writes one fact of an indicator rule in its own words: a
version that is no address, an address next to version words, a legitimate program the actor abused, a file
that mimics one, a file name with unusual characters, a defanged URL, an e-mail address in a table, a
configuration file. A case with `gap` is a known miss, said why: a strict xfail.
`python -m tests.extract.paraphrase_rates_indicators` gives the pass rate by kind.
"""

from __future__ import annotations

import pytest

from tests.extract.paraphrase_rates import case_params
from tests.extract.paraphrase_rates_indicators import failures, load_cases

CASES = case_params(load_cases())


@pytest.mark.parametrize("case", CASES)
def test_paraphrase(case: dict) -> None:
    wrong = failures(case)
    assert not wrong, f"{case['id']}: {'; '.join(wrong)}\n{case['report']}"
