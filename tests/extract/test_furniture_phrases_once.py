"""Page furniture found with the shared passes (the headings found once per text, the furniture phrases searched
once over the lowered text) equals the line-by-line reading."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract import galaxy_furniture as furniture
from misp_module.extract import galaxy_page as page
from misp_module.extract.galaxy_cues import cues

PIECES = [
    "Copyright",
    "© 2024",
    "all rights reserved",
    "with offices in",
    "WITH OFFICES IN",
    "Offices in",
    ". offices in",
    "before joining",
    "uses cookies",
    "Turla",
    " ",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "References",
    "- ",
    "İ",
    "İİİİ",
    "©",
    "Σ",
    "x",
    ".",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_phrase_lines_equal_one_search_per_line(text: str) -> None:
    starts = furniture._phrase_starts(text, cues())
    if starts is None:  # lower-casing changed the length: the caller searches line by line
        assert len(text.lower()) != len(text)
        return
    position = 0
    for line in text.split("\n"):
        in_line = any(position <= s < position + len(line) for s in starts)
        assert in_line == bool(cues().furniture_phrase.search(line.lower())), (line, starts)
        position += len(line) + 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_furniture_equals_the_line_by_line_reading(text: str) -> None:
    page.markdown_headings.cache_clear()
    shared = furniture.furniture(text, cues())
    with mock.patch.object(furniture, "_phrase_starts", lambda text, cues: None):
        assert furniture.furniture(text, cues()) == shared


def test_headings_are_the_heading_pattern_matches_found_once() -> None:
    text = "# Title\n\nBody with Turla.\n\n## Related posts ##\n- a\n### Victims\n| Country |\n"
    found = page.markdown_headings(text)
    assert [(h.start, h.level, h.title, h.title_start) for h in found] == [
        (m.start(), len(m.group(1)), m.group(2), m.start(2)) for m in re.finditer(page._HEADING, text)
    ]
    assert [h.title for h in found] == ["Title", "Related posts", "Victims"]
    assert page.markdown_headings(text) is found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.integers(1, 40)), max_size=30))
def test_each_heading_section_ends_at_the_next_heading_of_its_level_or_higher(shape: list[tuple[int, int]]) -> None:
    starts = [sum(gap for _, gap in shape[: i + 1]) for i in range(len(shape))]
    headings = tuple(page.Heading(start, level, "t", start) for (level, _), start in zip(shape, starts, strict=True))
    length = (starts[-1] if starts else 0) + 10
    expected = [
        next((h.start for h in headings[i + 1 :] if h.level <= headings[i].level), length) for i in range(len(headings))
    ]
    assert furniture._section_ends(headings, length) == expected


def test_a_furniture_heading_spans_to_the_next_heading_of_its_level() -> None:
    text = "# Report\n\nBody.\n\n## References\n- [a](https://x.test)\n### Notes\ntext\n## Analysis\nTurla.\n"
    spans = [(start, end) for start, end, _ in furniture.furniture(text, cues())]
    assert (text.index("## References"), text.index("## Analysis")) in spans
