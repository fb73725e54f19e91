"""An import refused by the module names the uploaded file exactly once, then says why: the analyst reads
"r.md: why" in MISP, never "r.md: r.md: …", whether the refusal comes from reading the upload (in the
server) or from converting it (in the worker process the module hands it to)."""

from __future__ import annotations

import base64

import pytest

GOOD = "The loader campaign reached three banks in Chile and Peru through malvertising this week.\n"
REFUSED = {
    "binary": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), "binary file"),
    "not utf-8": ("Le groupe était très actif en Bolivie.".encode("latin-1"), "not valid UTF-8"),
    "no words": (b"# --\n\n1234 5678 !!!\n", "no recognisable content"),
    "bad front matter": (b"---\ntitle: [never closed\n---\n" + GOOD.encode(), "invalid YAML front matter"),
    "front matter list": (b"---\n- one\n- two\n---\n" + GOOD.encode(), "front matter must be a mapping"),
    "too large": (GOOD.encode() * 200, "over the limit"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_upload_is_named_once(modules_server, case: str) -> None:
    data, reason = REFUSED[case]
    query = {
        "module": "threat_report_import",
        "event_id": "9",
        "filename": "weekly-note.md",
        "data": base64.b64encode(data).decode(),
        "config": {"max_report_bytes": "5000"},
    }
    answer = modules_server.query(query)
    assert set(answer) == {"error"}, answer
    message = answer["error"]
    assert message.startswith("weekly-note.md: ") and message.count("weekly-note.md") == 1, message
    assert reason in message, message


def test_a_report_past_the_time_limit_is_the_modules_error_not_a_timeout(modules_server) -> None:
    # A time limit no conversion meets: MISP gets the module's error at once, not its own timeout 10 s later.
    # The report is long enough that its conversion outlasts one clock tick of processor time (/proc counts in
    # ticks): a report converted within the first tick is answered, as it should be, and the test would race.
    query = {
        "module": "threat_report_import",
        "event_id": "9",
        "filename": "weekly-note.md",
        "data": base64.b64encode(GOOD.encode() * 400).decode(),
        "config": {"time_limit": "0.000001"},
    }
    answer = modules_server.query(query)
    assert set(answer) == {"error"}, answer
    assert answer["error"].startswith(
        "weekly-note.md: conversion stopped after 0 s of processor time, the module's time limit"
    )
    assert "misp-report convert" in answer["error"]
