"""The targeting word is searched for once per sentence, and a name's "no targeting word before me" is read from
that search (galaxy_target_context `_no_targeting_before`) where the answer for the text before the name is the same.
That holds when the character before the name is white space and no targeting word ends with white space."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract.galaxy_cues import cues, words_pattern
from misp_module.extract.galaxy_targets import PlaceRules
from misp_module.knowledge.data import load_data

_TARGETING = load_data("mentions.yaml")["targeting"]
# Pieces that make texts close to the cue words: the words themselves, cut and glued, and names after them.
_PIECES = [*_TARGETING, "targets", "attack", "victim's", "lures", "to", "on", "APT28", "Spain", "-", "'", ",", "."]


def _no_cue_before_holds(pattern, text: str) -> bool:
    """The sentence-wide answer equals the answer for every text before a position after white space."""
    if pattern.search(text):
        return True
    return all(
        not list(pattern.finditer(text, 0, position))
        for position in range(1, len(text) + 1)
        if text[position - 1].isspace()
    )


class _Rules(PlaceRules):
    def __init__(self) -> None:
        self.cues = cues()
        self._text_answers = {}


def _rule_agrees(text: str) -> bool:
    """Wherever `_no_targeting_before` says there is no targeting word before a position, there is none."""
    rules = _Rules()
    return all(
        not list(rules.cues.targeting.finditer(text, 0, position))
        for position in range(len(text) + 1)
        if rules._no_targeting_before(text, position)
    )


def test_no_targeting_word_ends_with_white_space() -> None:
    assert _TARGETING
    for word in _TARGETING:
        assert word == word.rstrip(), word
        assert not word.endswith("..."), word


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "  ", "\n", ""])), max_size=8))
def test_text_before_a_name_has_no_targeting_word_when_the_sentence_has_none(pieces) -> None:
    text = "".join(word + gap for word, gap in pieces)
    assert _no_cue_before_holds(cues().targeting, text)
    assert _rule_agrees(text)


def test_sentences_written_fresh() -> None:
    targeting = cues().targeting
    for text in (
        "The crew rented servers in Germany and kept them for months.",
        "Attackers staged payloads at providers in the Netherlands.",
        "Defenders in Japan should patch the appliance now.",
        "The victim\u2019s network in Chile was quiet.",
    ):
        assert _no_cue_before_holds(targeting, text)
        assert _rule_agrees(text)
    # A name glued to a targeting word: the text before it holds the word, the whole sentence does not.
    glued = "Mail reached targetsAPT28 in Spain."
    assert targeting.search(glued) is None and list(targeting.finditer(glued, 0, glued.index("APT28")))
    assert not _Rules()._no_targeting_before(glued, glued.index("APT28"))
    assert _rule_agrees(glued)


def test_the_rule_fails_for_a_word_that_ends_with_white_space() -> None:
    """Why the words must not end with white space: such a word matches the text cut before the name and not the
    whole sentence, whose next character is the name's."""
    cue = words_pattern(["attacks "])
    text = "waves of attacks Spain"
    assert cue.search(text) is None
    assert list(cue.finditer(text, 0, text.index("Spain")))
    assert not _no_cue_before_holds(cue, text)
