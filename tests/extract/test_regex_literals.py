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
    parts = [part for parts in [*cues.parts.values(), *cues.weak_parts.values()] for part in parts]
    for expression in [*cues.patterns.values(), *cues.weak_patterns.values(), *parts]:
        if re.search(expression, sentence):
            assert _passes(expression, sentence), expression


@pytest.mark.parametrize(
    "sentence",
    [
        "the operators compressed the collected documents into a password-protected rar archive.",
        "once the victim opens the attachment, a macro downloads the second stage from a rented server.",
        "stolen credentials were used to log in to the vpn gateway.",
        "the group archived its own press releases on a public website.",
        "users must open the document and enable content for the lure to work.",
    ],
)
def test_each_pattern_behind_its_own_gate_answers_as_their_union(sentence: str) -> None:
    # `cued` tries a technique's patterns one by one, each behind its own literal gate: the same answer as the
    # one expression of them all, for sentences with and without a cue phrase.
    cues = technique_cues._cues()
    for parts, union in [(cues.parts, cues.patterns), (cues.weak_parts, cues.weak_patterns)]:
        for technique, expression in union.items():
            expected = re.search(expression, sentence) is not None
            assert technique_cues._search_parts(parts[technique], sentence) == expected, technique
