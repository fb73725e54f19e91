"""Refanging: every form analysts write, and idempotence (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract.refang import refang, refang_with_marks

FORMS = [
    ("hxxp://evil.com", "http://evil.com"),
    ("hXXps://evil.com", "https://evil.com"),
    ("hxxps[:]//evil[.]com", "https://evil.com"),
    ("hxxp[://]evil[.]com", "http://evil.com"),
    ("fxp://files[.]evil.com", "ftp://files.evil.com"),
    ("evil(.)com", "evil.com"),
    ("evil{.}com", "evil.com"),
    ("evil[dot]com", "evil.com"),
    ("evil(dot)com", "evil.com"),
    ("evil [.] com", "evil.com"),
    ("evil[[.]]com", "evil.com"),
    ("evil\\.com", "evil.com"),
    ("user[at]evil.com", "user@evil.com"),
    ("user(at)evil.com", "user@evil.com"),
    ("user[@]evil.com", "user@evil.com"),
    ("1.2.3[.]4[:]443", "1.2.3.4:443"),
    ("hxxps://evil[.]com[/]x", "https://evil.com/x"),
    ("Austria (AT), Germany (DE)", "Austria (AT), Germany (DE)"),
    ("the (.) character", "the (.) character"),
    ("%APPDATA%\\Microsoft\\.npl", "%APPDATA%\\Microsoft\\.npl"),
]


@pytest.mark.parametrize(("written", "meant"), FORMS)
def test_refang_forms(written: str, meant: str) -> None:
    assert refang(written) == meant


def test_marks_point_at_refanged_places() -> None:
    text, marks = refang_with_marks("see evil[.]com and good.org")
    assert text == "see evil.com and good.org"
    assert marks == [8]


DEFANG_ALPHABET = st.sampled_from([*"[](){}.:/@\\ hxtpsHXfatdo1ecm", "dot", "at", "hxxp", "[.]", "[:]//"])


@settings(max_examples=300, deadline=None)
@given(st.lists(DEFANG_ALPHABET, max_size=40).map("".join) | st.text(max_size=200))
def test_refang_is_idempotent(text: str) -> None:
    once = refang(text)
    assert refang(once) == once
