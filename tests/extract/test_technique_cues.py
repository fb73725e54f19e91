"""Cue phrases of techniques (data/technique_cues.yaml): each rule with sentences that must and must not trigger
it (in tests/extract/technique_cue_sentences/, one module per stage of an attack), the second readings of a
sentence (an aside left out, a shared preposition spread) and the filter of sentences that are not behaviour."""

from __future__ import annotations

import pytest

from misp_module.extract.technique_cues import compile_all, shared_preposition, without_asides
from misp_module.extract.techniques import cued, not_behaviour
from misp_module.extract.techniques_model import technique_model
from misp_module.knowledge.data import load_data
from tests.extract.technique_cue_sentences import MUST, MUST_NOT


@pytest.mark.parametrize(
    ("sentence", "bare"),
    [
        ("e-mails — replies in stolen threads — with a link.", "e-mails with a link."),
        ("a loader -- small and quiet -- starts the payload.", "a loader starts the payload."),
        ("a well-known brand was used.", None),
        ("the range 1 - 5 only.", None),
    ],
)
def test_an_aside_between_dashes_is_read_without(sentence: str, bare: str | None) -> None:
    assert without_asides(sentence) == bare


@pytest.mark.parametrize(
    ("sentence", "spread"),
    [
        ("moved laterally over smb and wmi.", "moved laterally over smb and over wmi."),
        ("connected with remote desktop, or ssh.", "connected with remote desktop, or with ssh."),
        ("encrypted with aes and the key is sent.", None),
        ("moved via rdp and then dumped lsass.", None),
        ("dumped lsass and moved on.", None),
    ],
)
def test_a_shared_preposition_is_given_to_each_item_and_no_further(sentence: str, spread: str | None) -> None:
    assert shared_preposition(sentence) == spread


@pytest.mark.parametrize(("technique", "sentence"), MUST)
def test_a_cue_phrase_yields_its_technique(technique: str, sentence: str) -> None:
    assert technique in cued(sentence)
    assert not not_behaviour(sentence)


@pytest.mark.parametrize(("technique", "sentence"), MUST_NOT)
def test_a_sentence_without_the_cue_yields_no_technique_from_it(technique: str, sentence: str) -> None:
    assert technique not in cued(sentence)


def test_every_cue_is_tested_both_ways_and_names_a_current_technique() -> None:
    """Each technique of data/technique_cues.yaml has a sentence that must and one that must not trigger it,
    and is a technique ATT&CK has not revoked or deprecated."""
    cues = load_data("technique_cues.yaml")["cues"]
    must, must_not = {t for t, _ in MUST}, {t for t, _ in MUST_NOT}
    assert set(cues) <= must, sorted(set(cues) - must)
    assert set(cues) <= must_not, sorted(set(cues) - must_not)
    model = technique_model()
    assert all(model.current(t) == t for t in cues), [t for t in cues if model.current(t) != t]
    assert compile_all() >= len(cues)


@pytest.mark.parametrize(
    "sentence",
    [
        "Defenders should monitor for new services and Run keys.",
        "We saw no sign that the actor deleted shadow copies.",
        "Other groups have used PsExec for years.",
        "Staff were asked to report anyone posing as IT support.",
        "Our sensors recorded network traffic at the border.",
        "Some endpoint security solutions can be configured to stop process injection.",
        "Identify and block software that may run through a Run key or the Startup folder.",
        "Correlate push fatigue with calls to the help desk from unknown numbers.",
        "An XMRig miner was installed by an unrelated actor through an exposed Redis instance.",
        "Our EDR kills the process if it detects a check for a debugger.",
    ],
)
def test_a_cue_in_a_sentence_that_is_not_behaviour_is_filtered(sentence: str) -> None:
    assert cued(sentence)
    assert not_behaviour(sentence)
