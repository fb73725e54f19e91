"""The modules server under abuse: a dozen hostile imports at once (pathological reports of about 600 KB, and
broken ones) while MISP lists the modules and another analyst imports a normal report. Conversions run in
child processes, so the server answers `GET /modules` within MISP's one-second timeout and the normal import
is answered; every hostile query gets an answer and the server stays up. `make bench` prints the latencies."""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from hostile import MODULE_ABUSE, case_named

REPORT = Path(__file__).resolve().parents[2] / "data" / "reports" / "indicators-generic-advisory.md"
# MISP's client timeouts (Plugin.Import_timeout is 10 s; GET /modules gets 1 s).
MODULES_TIMEOUT = 1.0
IMPORT_TIMEOUT = 10.0


def import_query(data: bytes, filename: str) -> bytes:
    return json.dumps(
        {
            "module": "threat_report_import",
            "event_id": "7",
            "filename": filename,
            "data": base64.b64encode(data).decode(),
            "config": {"template": "auto", "default_tlp": "template", "warninglists": "soft"},
        }
    ).encode()


def post(url: str, body: bytes, timeout: float) -> dict[str, Any]:
    request = urllib.request.Request(url + "/query", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def hostile_payloads() -> list[tuple[str, bytes]]:
    return [(name, import_query(case_named(name).make(scale), f"{name}.md")) for name, scale in MODULE_ABUSE]


def test_a_dozen_hostile_imports_leave_the_server_answering(modules_server) -> None:
    payloads = hostile_payloads()
    answers: dict[str, Any] = {}

    def send(name: str, body: bytes) -> None:
        try:
            answers[name] = post(modules_server.url, body, timeout=300)
        except OSError as exc:
            answers[name] = exc

    threads = [threading.Thread(target=send, args=item, daemon=True) for item in payloads]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # every hostile query is being converted or queued

    with urllib.request.urlopen(modules_server.url + "/modules", timeout=MODULES_TIMEOUT) as response:
        names = {module["name"] for module in json.loads(response.read())}
    assert {"threat_report_import", "threat_report_enrichment"} <= names

    normal = post(modules_server.url, import_query(REPORT.read_bytes(), REPORT.name), timeout=IMPORT_TIMEOUT)
    assert normal.get("results", {}).get("Attribute"), normal

    for thread in threads:
        thread.join(timeout=300)
    for name, _ in payloads:
        answer = answers.get(name)
        assert isinstance(answer, dict) and ("results" in answer or "error" in answer), (name, answer)
    refused = {name for name, answer in answers.items() if "error" in answer}
    assert {"billion-laughs", "deep-list", "surrogate-id"} <= refused
    assert modules_server.healthy()
