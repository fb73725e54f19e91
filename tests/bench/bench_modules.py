"""misp-modules benchmark: latency of the import module through the real HTTP server, first query and warm."""

from __future__ import annotations

import base64
import json
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from misp_module.deliver.modules_cli import serve_command

REPORT = Path(__file__).resolve().parents[1] / "data" / "reports" / "deepseek-czechia.txt"
REPORT_BYTES = 20 * 1024
QUERIES = 100


def twenty_kb_report() -> bytes:
    """The analysis-summary sample grown to 20 KB with numbered copies of its sections, cut at a line end."""
    text = REPORT.read_text(encoding="utf-8")
    body = text.split("## Attribution & Identity", 1)[1]
    copies = [text]
    number = 1
    while len("".join(copies).encode()) < REPORT_BYTES:
        copies.append(f"\n## Annex {number}\n## Attribution & Identity{body}")
        number += 1
    data = "".join(copies).encode()[:REPORT_BYTES]
    return data[: data.rfind(b"\n") + 1]


def post(url: str, query: bytes) -> dict:
    request = urllib.request.Request(url, data=query, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def wait_healthy(url: str, process: subprocess.Popen[bytes], limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url + "/healthcheck", timeout=5):
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.05)
    raise RuntimeError("misp-modules did not start")


def main() -> None:
    """Print the server start, the first query (knowledge loaded then) and the warm median and p95."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    data = twenty_kb_report()
    query = json.dumps(
        {
            "module": "misp_report_import",
            "event_id": "1",
            "filename": "report-20kb.txt",
            "data": base64.b64encode(data).decode(),
            "config": {"template": "auto", "default_tlp": "template", "warninglists": "soft"},
        }
    ).encode()
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(serve_command("127.0.0.1", port), stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(base, process)
            started = time.perf_counter() - start
            start = time.perf_counter()
            with urllib.request.urlopen(base + "/modules", timeout=60) as response:
                listed = len(json.loads(response.read()))
            listing = time.perf_counter() - start
            start = time.perf_counter()
            answer = post(base + "/query", query)
            first = time.perf_counter() - start
            if "results" not in answer:
                raise RuntimeError(f"the import module answered {answer}")
            timings = []
            for _ in range(QUERIES):
                start = time.perf_counter()
                post(base + "/query", query)
                timings.append(time.perf_counter() - start)
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(
        f"modules: misp-modules started with the custom root in {started:.2f} s (healthcheck answering); "
        f"GET /modules listed {listed} modules in {listing * 1000:.0f} ms (MISP waits 1 s)"
    )
    print(
        f"modules: import of a {len(data) / 1024:.0f} KB report over HTTP: first query {first * 1000:.0f} ms, "
        f"then {QUERIES} queries median {statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
