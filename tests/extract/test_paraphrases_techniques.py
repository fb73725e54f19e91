"""Technique recognition on the technique paraphrase set (issue 12).

Each case of tests/data/techniques-paraphrases/PART.yaml is one sentence, read as the body of a short report:
a `says` sentence must yield its technique (a parent is met by any of its subs), a `not` sentence (a
mitigation, a detection, the defender's own work, a negation, a product's feature) must yield none. A case
with `gap` is a known miss, said why: a strict xfail. `python -m tests.extract.paraphrase_rates_techniques`
gives recall and precision per tactic.
"""

from __future__ import annotations

import pytest

from tests.extract.paraphrase_rates_techniques import failures, load_cases

CASES = [
    pytest.param(
        case, id=case["id"], marks=[pytest.mark.xfail(reason=case["gap"], strict=True)] if "gap" in case else []
    )
    for case in load_cases()
]


@pytest.mark.parametrize("case", CASES)
def test_paraphrase(case: dict) -> None:
    wrong = failures(case)
    assert not wrong, f"{case['id']}: {'; '.join(wrong)}\n{case['text']}"
