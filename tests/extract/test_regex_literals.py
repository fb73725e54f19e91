"""The literal gate of a regular expression (extract/regex_literals.py): what every match must contain, so that
a text without it is never searched. Sound on the cue phrases themselves: no sentence of ours or example of
ATT&CK that a cue expression matches fails its gate (checked here on fresh sentences)."""

from __future__ import annotations

import re

import pytest

from misp_module.extract import technique_cues
from misp_module.extract.regex_literals import literal_gate


def _passes(expression: str, text: str) -> bool:
    return all(any(literal in text for literal in group) for group in literal_gate(expression))


@pytest.mark.parametrize(
    ("expression", "groups"),
    [
        (r"\bspear[- ]?phishing\b", (("phishing",), ("spear",))),
        # a branch needs each alternative's literal; the longer "downloads" adds nothing to "download"
        (r"\b(?:download|downloads|fetch)\w* from\b", ((" from",), ("download", "fetch"))),
        # an optional part gives nothing
        (r"(?:evil)?corp", (("corp",),)),
        # nothing certain: always searched
        (r"(?!)", ()),
        (r"\w+|\d", ()),
    ],
)
def test_the_gate_holds_what_every_match_must_contain(expression: str, groups: tuple) -> None:
    assert literal_gate(expression) == groups


@pytest.mark.parametrize(
    "sentence",
    [
        "the operators dumped the memory of the lsass process with procdump.",
        "the loader downloads a second-stage payload from a rented server and runs it.",
        "recipients who opened the attachment saw a decoy invoice while the macro ran.",
        "stolen archives were uploaded to mega with rclone over several nights.",
        "the weather was mild and the conference went ahead as planned.",
    ],
)
def test_no_cue_expression_that_matches_a_sentence_fails_its_gate(sentence: str) -> None:
    cues = technique_cues._cues()
    for expression in [*cues.patterns.values(), *cues.weak_patterns.values()]:
        if re.search(expression, sentence):
            assert _passes(expression, sentence), expression
