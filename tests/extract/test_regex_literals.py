"""The literal gate of a regular expression (extract/regex_literals.py): what every match must contain, so that
a text without it is never searched. Sound on the cue phrases and verb classes themselves: each way the code tests a
gate gives the answers of the plain search (checked here on fresh sentences)."""

from __future__ import annotations

import re
from collections.abc import Callable
from unittest import mock

import pytest

from misp_module.extract import technique_actions, technique_cues
from misp_module.extract.regex_literals import GatedPattern, gate_holds, gated_patterns, literal_gate


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


def _gated_pattern(sentence: str) -> list[tuple[str, bool, bool]]:
    """regex_literals.GatedPattern (the rule modules' phrase patterns), on every cue and verb expression."""
    cues = technique_cues._cues()
    parts = [part for parts in [*cues.parts.values(), *cues.weak_parts.values()] for part in parts]
    verbs = [pattern.pattern for pattern in technique_actions._table().verbs.values()]
    expressions = [*cues.patterns.values(), *cues.weak_patterns.values(), *parts, *verbs]
    return [(e, GatedPattern(e).search(sentence) is not None, re.search(e, sentence) is not None) for e in expressions]


def _cue_reading(sentence: str) -> list[tuple[str, bool, bool]]:
    """technique_cues._Reading.has: a technique's patterns, each behind its own gate whose first groups one pass of
    an automaton meets, against the one expression of them all."""
    cues = technique_cues._cues()
    reading = technique_cues._Reading(sentence)
    return [
        (technique, reading.has(parts[technique]), re.search(union[technique], sentence) is not None)
        for parts, union in [(cues.parts, cues.patterns), (cues.weak_parts, cues.weak_patterns)]
        for technique in union
    ]


def _gate_holds(sentence: str) -> list[tuple[str, bool, bool]]:
    """regex_literals.gate_holds (the technique modules' test), with the gates they keep: each verb class's
    (technique_actions) and each cue pattern's (technique_cues), searched only where its gate holds."""
    table = technique_actions._table()
    cues = technique_cues._cues()
    parts = [part for parts in [*cues.parts.values(), *cues.weak_parts.values()] for part in parts]
    probes = [(verb, table.verb_gates[verb], pattern) for verb, pattern in table.verbs.items()]
    probes += [(part, technique_cues._gate(part), re.compile(part)) for part in parts]
    answers = []
    for key, gate, pattern in probes:
        expected = pattern.search(sentence) is not None
        answers.append((key, gate_holds(gate, sentence) and expected, expected))
    return answers


@pytest.mark.parametrize("gated", [_gated_pattern, _cue_reading, _gate_holds], ids=lambda gated: gated.__name__[1:])
@pytest.mark.parametrize(
    "sentence",
    [
        "the operators dumped the memory of the lsass process with procdump.",
        "the loader downloads a second-stage payload from a rented server and runs it.",
        "recipients who opened the attachment saw a decoy invoice while the macro ran.",
        "stolen archives were uploaded to mega with rclone over several nights.",
        "the operators compressed the collected documents into a password-protected rar archive.",
        "once the victim opens the attachment, a macro downloads the second stage from a rented server.",
        "stolen credentials were used to log in to the vpn gateway.",
        "the group archived its own press releases on a public website.",
        "users must open the document and enable content for the lure to work.",
        "the weather was mild and the conference went ahead as planned.",
    ],
)
def test_each_literal_gate_answers_as_its_expression(gated: Callable, sentence: str) -> None:
    # The literal gate is tested two ways in the code (GatedPattern, for the rule modules; gate_holds, for the
    # technique modules, which technique_cues._Reading.has asks behind an automaton over the first groups): each gives
    # the answer of the plain search on sentences with and without a cue phrase, the gate only skipping texts that
    # could not match.
    answers = gated(sentence)
    assert answers
    assert [key for key, found, expected in answers if found != expected] == []


# GatedPattern: the same answers as the bare expression, searched only where the gate lets a text through.
_PHRASE = r"\b(?:checked|searched)\s+for\b"


@pytest.mark.parametrize(
    "text",
    [
        "The responders CHECKED FOR web shells on every server.",
        "Analysts searched for the loader and found nothing.",
        "The loader was checked by hand.",  # a literal of one group only: no match, not searched
        "The team swept the hosts for beacons.",
        "Die Analysten haben nach Spuren gesucht, checked  for Zeichen.",
        "Les équipes ont checked for des traces.",  # not ASCII: searched without a gate
        "",
    ],
)
def test_gated_pattern_gives_the_answers_of_the_expression(text: str) -> None:
    gated = GatedPattern(_PHRASE, re.IGNORECASE)
    bare = re.compile(_PHRASE, re.IGNORECASE)
    assert bool(gated.search(text)) == bool(bare.search(text))
    assert bool(gated.search(text, 4, 40)) == bool(bare.search(text, 4, 40))
    assert bool(gated.match(text)) == bool(bare.match(text))
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in bare.finditer(text)]
    assert gated.sub(" ", text) == bare.sub(" ", text)


def test_gated_pattern_skips_a_text_without_its_words() -> None:
    gated = GatedPattern(_PHRASE, re.IGNORECASE)
    with mock.patch.object(gated, "pattern") as pattern:
        assert gated.search("The loader was copied to the share.") is None
        pattern.search.assert_not_called()
        gated.search("The team searched for it.")
        pattern.search.assert_called_once()


def test_gated_pattern_searches_what_it_cannot_gate() -> None:
    # Case folding beyond ASCII ("ſ" matches "s" without case) and a verbose expression are never gated.
    assert GatedPattern(_PHRASE, re.IGNORECASE).search("the team ſearched for it")
    assert not GatedPattern(r"check ed", re.VERBOSE)._gate
    assert GatedPattern(r"check ed", re.VERBOSE).search("checked")


def test_gated_patterns_of_a_rule_file() -> None:
    from misp_module.knowledge.data import load_data

    data = load_data("history.yaml")
    patterns = gated_patterns("history.yaml", frozenset({"vendor_words"}))
    assert set(patterns) == {k for k, v in data.items() if isinstance(v, str)}  # "languages" (a list) is no pattern
    assert patterns["vendor_words"].pattern.flags & re.IGNORECASE == 0
    assert all(p.pattern.flags & re.IGNORECASE for k, p in patterns.items() if k != "vendor_words")
    assert all(p.pattern.pattern == data[k] for k, p in patterns.items())
