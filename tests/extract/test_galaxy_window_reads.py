"""The per-window readings that make a sentence of thousands of names linear give the answers of the per-name
readings they replace: `ListHeads` is `name_list` of every start of a sentence, and a gated cue (`GatedLater`)
finds what its pattern finds, on random texts built from the tokens those rules care about."""

from __future__ import annotations

import random

from misp_module.extract.galaxy_cues import cues
from misp_module.extract.galaxy_name_lists import ListHeads, name_list

LIST_PIECES = [
    "APT28",
    "turla",
    "(",
    ")",
    "(Microsoft)",
    ",",
    " ",
    "and",
    "the",
    "-",
    ".",
    "1",
    "\n",
    "\u00e9",
    "'",
    "*",
]
CUE_PIECES = ["asked", "whether", "if", "none", "none of", "nothing", "APT28", ",", " and", " ", "but", ";", "we"]


def _texts(pieces: list[str], count: int, seed: int) -> list[str]:
    chosen = random.Random(seed)
    return ["".join(chosen.choice(pieces) for _ in range(chosen.randint(0, 24))) for _ in range(count)]


def test_list_heads_answer_as_name_list_of_each_start() -> None:
    for text in _texts(LIST_PIECES, 3000, 21):
        heads = ListHeads(text)
        assert [heads.name_list(end) for end in range(len(text) + 1)] == [
            name_list(text[:end]) for end in range(len(text) + 1)
        ], text


def test_gated_cues_find_what_their_patterns_find() -> None:
    found = cues()
    for gated in (found.indirect_question, found.negation_before):
        plain = gated.pattern
        for text in _texts(CUE_PIECES, 1500, 22):
            for end in range(0, len(text) + 1, 3):
                assert bool(gated.search(text, 0, end)) == bool(plain.search(text[:end])), text[:end]
                assert [m.span() for m in gated.finditer(text, 0, end)] == [
                    m.span() for m in plain.finditer(text, 0, end)
                ]
