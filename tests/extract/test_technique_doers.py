"""The routine-doer veto of technique recognition (technique_doers.py `routine_doer`, issue 12): a sentence whose
subject is a routine doer (an updater, IT staff, administrators, HR, group policy, backup software, the defenders)
and that names nothing of the adversary's gives the model and the cue phrases nothing to read; one with the
adversary as its doer or named beside the routine one is read as usual (tests/data/technique-doers/routine.yaml,
our own words in the way vendors write)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from misp_module.extract.technique_doers import routine_doer

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "technique-doers" / "routine.yaml").read_text())


@pytest.mark.parametrize("sentence", CASES["routine"])
def test_a_routine_doer_with_nothing_of_the_adversary_is_vetoed(sentence: str) -> None:
    assert routine_doer(sentence)


@pytest.mark.parametrize("sentence", CASES["adversary"])
def test_the_adversary_as_doer_or_named_is_not_vetoed(sentence: str) -> None:
    assert not routine_doer(sentence)


def test_a_name_of_the_reports_own_malware_keeps_the_sentence() -> None:
    sentence = "The vendor's updater fetches a second stage from the QuietMoth server each hour."
    assert routine_doer(sentence)
    start = sentence.index("QuietMoth")
    assert not routine_doer(sentence, lambda text: [(start, start + len("QuietMoth"))])
