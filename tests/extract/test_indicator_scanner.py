"""The indicator scanner's filter (indicator_patterns.NEEDED) only skips positions: with or without it, the
scanner finds the same values, of the same kinds, at the same places. The same for the labelled values'
pattern, whose first letter is a case-sensitive class so that it is searched letter-first."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract.indicator_patterns import LABELLED, SCANNER, SCANNER_FORMS, SENTENCE_END, TOKEN_START

UNFILTERED = re.compile(TOKEN_START + SCANNER_FORMS)
# The labelled values' pattern as first written: a case-insensitive look-ahead, then the labels.
LABELLED_PLAIN = re.compile(
    r"(?i)(?=[umse])(?P<label>user[- ]agent(?: string)?|mutex(?:es)?|mutant|(?:e-?mail )?subject(?: line)?s?)"
    r"[^\"'`“\n]{0,30}?[\"'`“](?P<value>[^\"'`”\n]{3,400})[\"'`”]"
)
LABEL_PIECES = st.sampled_from(
    [
        *" \n:-'\"`“”",
        "User-Agent",
        "user agent string",
        "MUTEX",
        "mutexes",
        "Mutant",
        "e-mail subject",
        "EMAIL SUBJECT LINES",
        "Subject",
        "\u017fubject",
        "us",
        "mu",
        "e",
        "s",
        "Mozilla/5.0 (Windows NT 10.0)",
        "Global\\mx41",
    ]
)

# One value of every kind the scanner knows, written as reports write them (made up here).
VALUES = [
    "https://files.example-cdn.net/a/b.php?id=7",
    "ops.desk@mail-relay.example.org",
    "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\updater",
    "HKEY_CURRENT_USER\\Software\\Vendor",
    "\\\\.\\pipe\\msagent_41",
    "C:\\ProgramData\\Sync\\svchelper.exe",
    "%APPDATA%\\Roaming\\loader.dll",
    "CVE-2024-21887",
    "96:kGx3rT0bVq:kGx3rT0bVq",
    "2001:db8:85a3::8a2e:370:7334",
    "[2001:db8::1]:8443",
    "fe80::1",
    "cdn.example.net/updates/get",
    "203.0.113.45",
    "198.51.100.7/24",
    "192.0.2.10:8080",
    "T1" + "A3" * 35,
    "d41d8cd98f00b204e9800998ecf8427e",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A",
    "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "3J98t1WpEZ73CNmQviecrnyiWr",  # the shortest shapes the scanner takes (26 and 14 characters)
    "bc1qw508d6qejxt",
    "AS64500",
    "ASN 64501",
    "ASN: 64502",
    "update-check.example.com",
    "invoice_0412.pdf.exe",
    "evil-host.example:4444",
]
PIECES = st.sampled_from(
    [*VALUES, *" \n\t.,;:()[]\"'`|-_/\\@%~+$", "the", "AS", "ASN", "bc1", "T1", "abc", "0", "12", "ff", "x" * 30, "**"]
)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], int | None, dict]]:
    return [(m.span(), m.lastindex, m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("value", VALUES)
def test_every_kind_passes_the_filter(value: str) -> None:
    text = f"Seen: {value} and ({value}), then {value}."
    found = _found(SCANNER, text)
    assert found == _found(UNFILTERED, text)
    assert found


def test_plain_prose_never_reaches_the_alternatives() -> None:
    assert not SCANNER.search("the operators moved laterally over remote desktop and dumped credentials")


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join) | st.text(max_size=300))
def test_the_filter_changes_no_match(text: str) -> None:
    assert _found(SCANNER, text) == _found(UNFILTERED, text)


@settings(max_examples=500, deadline=None)
@given(st.lists(LABEL_PIECES, max_size=20).map("".join) | st.text(max_size=200))
def test_labelled_values_are_found_as_the_plain_pattern_finds_them(text: str) -> None:
    assert _found(LABELLED, text) == _found(LABELLED_PLAIN, text)


def test_labelled_values_of_every_label() -> None:
    text = 'User-Agent: "Mozilla/5.0 (X11)"; the mutex "Global\\q1" and e-mail subject line \u201cInvoice due\u201d'
    assert [m.group("value") for m in LABELLED.finditer(text)] == ["Mozilla/5.0 (X11)", "Global\\q1", "Invoice due"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!?;\n \t\r\u00a0ab", max_size=60))
def test_sentence_ends_are_found_as_the_plain_pattern_finds_them(text: str) -> None:
    plain = re.compile(r"[.!?;](?=\s)|\n")
    assert [m.span() for m in SENTENCE_END.finditer(text)] == [m.span() for m in plain.finditer(text)]
