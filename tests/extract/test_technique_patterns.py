"""The faster forms of the technique recogniser's word lists and ID pattern match exactly what their plain forms
match (technique_rules `_words`, technique_sentences' patterns)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract import technique_rules
from misp_module.extract import technique_sentences as sentences
from misp_module.knowledge.data import load_data

DATA = Path(__file__).resolve().parents[1] / "data"
LISTS = ("negation", "defender", "past", "other_actors", "advice_openers", "defender_headings", "adversary_headings")


def _plain(words: list[str], flags: int) -> re.Pattern[str]:
    """The alternation as it was first written: every phrase, longest first."""
    alternatives = "|".join(re.escape(str(w).lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


def _texts() -> list[str]:
    texts = []
    for path in sorted((DATA / "techniques").glob("*.md")) + sorted((DATA / "reports").glob("*.md")):
        texts.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return texts


def test_word_lists_match_the_same_lines() -> None:
    data = load_data("techniques.yaml")
    texts = _texts()
    assert len(texts) > 500
    for name in LISTS:
        words = [str(w) for w in data[name]]
        for flags in (0, re.IGNORECASE):
            grouped, plain = technique_rules._words(words, flags), _plain(words, flags)
            for text in texts:
                for variant in (text, text.lower()):
                    assert bool(grouped.search(variant)) == bool(plain.search(variant)), (name, variant)
            # Each phrase alone, and glued to a word (which must not match).
            for word in words:
                assert grouped.search(f"x {word.lower()} y") and grouped.search(word.lower())
                assert bool(grouped.search(f"x{word.lower()}")) == bool(plain.search(f"x{word.lower()}"))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["no", "not", "never", "n't", "no sign", "so", "x-y", "a.b"]), min_size=1, max_size=6),
    st.text(alphabet="notx -'.aby sign", max_size=40),
)
def test_grouped_alternation_is_the_plain_one(words: list[str], text: str) -> None:
    assert bool(technique_rules._words(words, 0).search(text)) == bool(_plain(words, 0).search(text))


_PLAIN_ID = re.compile(r"(?<![\w.])T\d{4}(?:\.\d{3})?(?![\w])", re.IGNORECASE)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="Tt1234.05 aX_-", max_size=30))
def test_technique_id_pattern_finds_the_same_ids(text: str) -> None:
    assert [m.span() for m in sentences._TECHNIQUE_ID.finditer(text)] == [m.span() for m in _PLAIN_ID.finditer(text)]


def test_technique_id_examples() -> None:
    found = [m.group() for m in sentences._TECHNIQUE_ID.finditer("T1059.001, t1003 and xT1111, .T1222, T10599")]
    assert found == ["T1059.001", "t1003"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab Cd./-_1\\", max_size=40), st.integers(min_value=0, max_value=8))
def test_has_words_counts_like_a_full_list(text: str, count: int) -> None:
    assert sentences._has_words(text, count) == (len(sentences._PROSE_WORD.findall(text)) >= count)


_PLAIN_LINK = re.compile(r"!?\[[^\]\n]{0,500}\]\([^)\s]{0,2000}\)")
_PLAIN_URL = re.compile(r"\b(?:https?|hxxps?)://[^\s<>\"'`]{0,2000}[^\s<>\"'`.,;:!?)\]]")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="![]()hxtps:/a. _\n", max_size=40))
def test_link_and_url_patterns_find_the_same_spans(text: str) -> None:
    for fast, plain in ((sentences._LINK, _PLAIN_LINK), (sentences._URL, _PLAIN_URL)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_link_and_url_patterns_on_report_lines() -> None:
    lines = [*_texts(), "see ![fig](https://x.io/a.png) and [title](http://a.b/c), xhttps://no.pe, hxxps://a.b/c."]
    for fast, plain in ((sentences._LINK, _PLAIN_LINK), (sentences._URL, _PLAIN_URL)):
        for line in lines:
            assert [m.span() for m in fast.finditer(line)] == [m.span() for m in plain.finditer(line)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="![]()hxtps:/a. _", max_size=40))
def test_lines_without_links_are_blanked_as_before(line: str) -> None:
    assert sentences._without_links(line) == _PLAIN_URL.sub(" ", _PLAIN_LINK.sub(" ", line))


def test_lines_of_reports_without_links_as_before() -> None:
    for line in _texts():
        assert sentences._without_links(line) == _PLAIN_URL.sub(" ", _PLAIN_LINK.sub(" ", line))
