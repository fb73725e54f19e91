"""`_dedent` gives what textwrap.dedent gives."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.build.event_report import _dedent


def test_examples() -> None:
    for text in [
        "a\n  b\n \t\nc",
        "  a\n  b\n",
        "  a\n    b\n  \n",
        "\ta\n\tb",
        "",
        " ",
        "\n\n",
        "x\r\n  y",
        "  a\n\x0bb",
    ]:
        assert _dedent(text) == textwrap.dedent(text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=[" ", "\t", "\n", "a", "b", "\r", "\x0b", "\u2028", "é"], max_size=40))
def test_same_text_as_textwrap(text: str) -> None:
    assert _dedent(text) == textwrap.dedent(text)
