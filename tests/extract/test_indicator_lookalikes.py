"""Indicators written with look-alike letters of another script (a Cyrillic "е" in a Latin domain): the scanner
must not cut the word at that letter and report the Latin rest as a domain the report never named."""

from __future__ import annotations

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings


def _values(text: str) -> set[str]:
    event = convert_bytes(
        ("# Phishing wave\n\n" + text + "\n").encode(), identity="t", name="t.md", settings=Settings()
    )
    return {a.value for a in event.attributes if a.type in {"domain", "hostname", "url", "ip-dst", "email-src"}}


def test_a_cyrillic_letter_glued_to_a_domain_is_not_cut_off() -> None:
    values = _values("The lures linked to \u0435vil-paypal.com and to secure-l\u043egin.example.net this month.")
    assert "vil-paypal.com" not in values
    assert "gin.example.net" not in values


def test_a_greek_or_accented_letter_glued_to_a_domain_is_not_cut_off() -> None:
    values = _values("Mail came from \u03b1ccount-update.com and from d\u00e9livery-notice.org last week.")
    assert "ccount-update.com" not in values and "livery-notice.org" not in values


def test_latin_indicators_beside_other_scripts_are_still_read() -> None:
    values = _values(
        "The loader called update-check.example.com and 203.0.113.50; \u6076\u610f\u57df\u540dbad-cdn.example.org "
        "and the Russian note \u0441\u0435\u0440\u0432\u0435\u0440 files-sync.example.net were seen."
    )
    assert {"update-check.example.com", "203.0.113.50", "bad-cdn.example.org", "files-sync.example.net"} <= values
