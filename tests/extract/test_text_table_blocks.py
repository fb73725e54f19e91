"""Plain-text victim tables found from the lines with two spaces in a row (`_text_table_blocks`) are the blocks a
search of every position finds (`_TEXT_TABLE.finditer`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract.galaxy_places import _TEXT_TABLE, _text_table_blocks

PIECES = ["Country", "ES", "14", "Manufacturing", "x", " ", "  ", "   ", "\t", "\n", "\n\n", "\u00a0", "-", "é", "  \n"]


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_same_blocks_as_finditer(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _spans(_text_table_blocks(text)) == _spans(_TEXT_TABLE.finditer(text))


def test_an_advisory_table_and_its_neighbours() -> None:
    text = (
        "Victims in our telemetry, by country:\n"
        "  Country   Organisations   Sector\n"
        "  ES        14              Manufacturing\n"
        "  PT        3               Logistics\n"
        "\n"
        "A sentence with  two spaces once.\n"
        "Name   Value\n"
        "a   b"
    )
    blocks = list(_text_table_blocks(text))
    assert _spans(blocks) == _spans(_TEXT_TABLE.finditer(text))
    # (A sentence with a double space over a two-cell line is a block too: the pattern's own reading.)
    assert [b.group().split()[0] for b in blocks] == ["Country", "A"]
