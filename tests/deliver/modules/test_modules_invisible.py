"""Indicators written with invisible or look-alike characters, through the real misp-modules server as MISP sends
them (an uploaded file, a pasted text attribute): the values MISP should store, each with a comment that the
report wrote it so, the look-alike domain written with a Cyrillic letter still refused, and the event report
keeping the text as the report wrote it."""

from __future__ import annotations

import re
from pathlib import Path

from tests.deliver.modules.test_modules_server import expand_query, import_query, loaded

REPORT = Path(__file__).resolve().parents[2] / "data" / "modules" / "invisible-indicators.md"
NOTE = re.compile(r"written with (?:invisible|look-alike|invisible and look-alike) characters \(U\+")
CLEAN = {
    ("url", "https://pay-portal-verify.com/inv/login.php"),
    ("domain", "pay-portal-verify.com"),
    ("email-src", "accountsdesk@billing-notice.net"),
    ("ip-dst", "185.244.41.81"),
    ("ip-dst", "91.92.254.66"),
    ("sha256", "9c3b7e1a5d2f8046b1e9a7c3d5f20e4b8a6c1d3f5e7092b4a6c8e0f1d3b5a7c9"),
}


def _indicators(event) -> dict[tuple[str, str], str]:
    return {(a.type, a.value): a.comment for a in event.attributes if a.type != "text"}


def test_an_upload_gives_the_clean_values_with_their_comment(modules_server):
    event = loaded(modules_server.query(import_query(REPORT)))

    indicators = _indicators(event)
    assert set(indicators) == CLEAN
    assert {key: bool(NOTE.search(comment)) for key, comment in indicators.items()} == dict.fromkeys(CLEAN, True), (
        indicators
    )
    assert "\u200b" in event.event_reports[0].content  # the report's text as written


def test_a_pasted_text_attribute_gives_the_same_values(modules_server):
    event = loaded(modules_server.query(expand_query("text", REPORT.read_text(encoding="utf-8"))))

    assert set(_indicators(event)) == CLEAN
