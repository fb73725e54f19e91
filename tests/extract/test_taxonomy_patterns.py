"""The TLP pattern opens with a look-ahead for its first letter (a speed-up): the same matches as without it."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract.taxonomy_tags import _phrases, tlp_tag

DATA = Path(__file__).resolve().parents[1] / "data"
LOOK_AHEAD = "(?=[tT])"


def _plain() -> re.Pattern[str]:
    pattern = _phrases().tlp.pattern
    assert pattern.startswith(LOOK_AHEAD)
    return re.compile(pattern[len(LOOK_AHEAD) :], re.IGNORECASE)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group("level")) for m in pattern.finditer(text)]


def test_markings_are_found_in_any_case_and_shape() -> None:
    assert tlp_tag("Shared under TLP:AMBER+STRICT with partners.") == "tlp:amber+strict"
    assert tlp_tag("tlp: clear") == "tlp:clear"
    assert tlp_tag("Tlp Red, then TLP:GREEN") == "tlp:red"
    assert tlp_tag("The ATLP:RED label and xTLP:AMBER are no markings.") is None
    # a label set in bold in markdown (a PDF or Word document read as markdown): "**TLP:** GREEN"
    assert tlp_tag("**Audience:** hotel IT staff. **TLP:** GREEN.") == "tlp:green"
    assert tlp_tag("The TLP** scheme has four colours; green is one.") is None


def test_same_matches_as_the_plain_pattern_on_every_test_report() -> None:
    plain, fast = _plain(), _phrases().tlp
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in DATA.rglob("*") if p.suffix in (".md", ".txt")]
    assert len(texts) > 50
    for text in texts:
        assert _spans(fast, text) == _spans(plain, text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "TLP",
                "tlp",
                "Tlp",
                "tLp",
                ":",
                " ",
                "-",
                "+",
                "AMBER",
                "amber",
                "STRICT",
                "red",
                "Green",
                "CLEAR",
                "white",
                "x",
                "_",
                "9",
                "\n",
                "é",
                "ŧ",
                "T",
                "t",
            ]
        ),
        max_size=30,
    )
)
def test_same_matches_as_the_plain_pattern_on_random_texts(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _spans(_phrases().tlp, text) == _spans(_plain(), text)
