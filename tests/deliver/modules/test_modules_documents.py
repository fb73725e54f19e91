"""The import module on the real misp-modules server, given a PDF or Word report as MISP uploads it (base64):
the same event content as the core makes of the file; a bad document is an error MISP shows, in one line."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from pymisp import MISPEvent
from report_renderings import encrypted_pdf, render_docx, render_pdf, zip_bomb_docx

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

ADVISORY = (Path(__file__).resolve().parents[2] / "data" / "documents" / "fin7-baltics.txt").read_text()
RENDERINGS = {"advisory.pdf": render_pdf, "advisory.docx": render_docx}


def upload(name: str, data: bytes) -> dict[str, Any]:
    return {
        "module": "misp_report_import",
        "data": base64.b64encode(data).decode(),
        "filename": name,
        "event_id": "31",
        "config": {"template": "auto", "default_tlp": "template", "warninglists": "soft"},
    }


def attributes(event: MISPEvent) -> set[tuple[str, str, bool]]:
    return {(a.type, a.value, bool(a.to_ids)) for a in event.attributes}


@pytest.mark.parametrize("name", sorted(RENDERINGS))
def test_an_uploaded_document_gives_its_reports_event(modules_server, name: str) -> None:
    data = RENDERINGS[name](ADVISORY)
    answer = modules_server.query(upload(name, data))
    assert "error" not in answer, answer
    event = MISPEvent()
    event.load({"Event": {"info": "target", **answer["results"]}})
    core = convert_bytes(data, identity=name, name=name, settings=Settings())

    assert attributes(event) == attributes(core)
    from_text = convert_bytes(ADVISORY.encode(), identity="t", name="advisory.txt", settings=Settings())
    assert attributes(event) == attributes(from_text)
    [report] = event.event_reports
    assert "# Threat Actor: FIN7" in report.content and "## Targeting" in report.content


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("locked.pdf", encrypted_pdf(), "encrypted with a password"),
        ("bomb.docx", zip_bomb_docx(), "unpacks to more than"),
    ],
)
def test_a_bad_document_is_an_error_in_one_line(modules_server, name: str, data: bytes, reason: str) -> None:
    answer = modules_server.query(upload(name, data))
    assert reason in answer["error"] and "\n" not in answer["error"] and "Traceback" not in answer["error"]
    assert modules_server.healthy()
