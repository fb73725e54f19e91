"""Name finding's short cuts give the same matches as asking every check of every hit: the boundary checks are
skipped only next to characters they cannot refuse, the names that fit a writing are remembered per
(surface, key hit, flags), and `fold` blanks ASCII by bytes."""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st

from misp_module.knowledge import galaxy_matching as gm
from misp_module.knowledge.galaxies import galaxy_index
from misp_module.knowledge.galaxy_capitals import capitals_name, written_as_name
from misp_module.knowledge.galaxy_matching import GalaxyIndex, Match


def plain_candidates(index: GalaxyIndex, text: str) -> Iterator[Match]:
    """Every check asked of every hit, nothing remembered (the reading before the short cuts)."""
    padded = f" {gm.fold(text)} "
    for end_index, (length, slot) in index._automaton.iter(padded):
        names = index._names_at(slot)
        start = end_index - length - 1
        end = start + length
        if not gm._boundary_before(text, start):
            continue
        program_file = False
        if not gm._boundary_after(text, end):
            if gm._PROGRAM_EXTENSION.match(text, end) is None:
                continue
            program_file = True
        written = text[max(0, start - 1) : end + 1]
        if ("/" in written or "-" in written) and gm._in_path(text, start, end):
            continue
        if "-" in written and gm._in_file_name(text, start, end):
            continue
        surface = text[start:end]
        glued = "-" in written and gm._glued(text, start, end)
        capitals = surface.isupper() and written_as_name(text, start, end)
        fitting = tuple(
            n
            for n in names
            if (gm.case_fits(surface, n.form, n.case) or (capitals and capitals_name(n)))
            and not (glued and n.word)
            and (not program_file or n.cluster.galaxy == "mitre-attack-pattern")
        )
        if fitting:
            yield Match(start, end, surface, fitting)
    yield from index._suffixed(text)


PIECES = [
    "APT28",
    "apt28",
    "Lazarus Group",
    "LAZARUS",
    "Emotet",
    "emotet",
    "mshta",
    "Mshta",
    "China",
    "china",
    "Sandworm",
    "CrimsonRAT",
    "Jigsaw",
    "jigsaw",
    " ",
    " ",
    "\n",
    "-",
    "-linked",
    "-like",
    ".",
    ".exe",
    ".com",
    "_",
    "/",
    "://",
    "@",
    "$",
    "%",
    "\\",
    "'s",
    "x",
    "İ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), min_size=1, max_size=4))
@example(["LAZARUS apt28apt28apt28apt28"])  # a common-word actor in capitals (galaxy_capitals) found once failed here
@example(["apt28 LAZARUS'sAPT28Lazarus Group"])
def test_candidates_equal_every_check_asked_of_every_hit(texts: list[str]) -> None:
    index = galaxy_index()
    for text in texts + texts:  # the second round reads the remembered fits
        assert list(index._candidates(text)) == list(plain_candidates(index, text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=6), st.characters(), st.text(max_size=6))
def test_boundary_checks_refuse_only_next_to_the_characters_looked_at(left: str, middle: str, right: str) -> None:
    text = left + middle + right
    at = len(left)
    if middle not in gm._BEFORE_LOOKED_AT:
        assert gm._boundary_before(text, at + 1)
    if middle not in gm._AFTER_LOOKED_AT:
        assert gm._boundary_after(text, at)


def test_a_pickled_index_forgets_the_fits_keyed_by_this_process_ids() -> None:
    index = galaxy_index()
    index.find("APT28 and Emotet")
    assert index.__dict__.get("_fits")
    assert "_fits" not in pickle.loads(pickle.dumps(index)).__dict__


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "Z", "9", " ", "_", "?", "-", "\n", "é", "É", "ß", "İ", "Σ", "\u2014", "\u00a0", "²", "Ⅻ", "中"]
        )
        | st.characters(),
        max_size=40,
    ).map("".join)
)
def test_fold_by_bytes_equals_blanking_every_non_word_character(text: str) -> None:
    lowered = text.lower()  # (context-aware: a final sigma)
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    assert gm.fold(text) == re.sub(r"[\W_]", " ", lowered)
