"""misp-modules benchmark: latency of the import module through the real HTTP server, first query and warm."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from misp_module.deliver.modules_cli import serve_command

REPORT = Path(__file__).resolve().parents[1] / "data" / "reports" / "deepseek-czechia.txt"
REPORT_BYTES = 20 * 1024
QUERIES = 100
CONCURRENT = 8


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


@contextlib.contextmanager
def modules_server(cache_home: str | None = None) -> Iterator[tuple[str, float]]:
    """`misp-report modules serve` on a free loopback port: its URL and how long it took to answer. With
    `cache_home`, the knowledge layer keeps its compiled indexes there instead of the user's cache folder."""
    env = {key: value for key, value in os.environ.items() if key != "MISP_REPORT_CACHE_DIR"}
    if cache_home is not None:
        env["XDG_CACHE_HOME"] = cache_home
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(serve_command("127.0.0.1", port), stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            wait_healthy(base, process)
            yield base, time.perf_counter() - start
        finally:
            process.terminate()
            process.wait(timeout=10)


def timed(url: str, query: bytes) -> float:
    start = time.perf_counter()
    answer = post(url, query)
    if "results" not in answer:
        raise RuntimeError(f"the module answered {answer}")
    return time.perf_counter() - start


def import_query(data: bytes) -> bytes:
    """The import module's query for a 20 KB report uploaded as a file, as MISP sends it."""
    return json.dumps(
        {
            "module": "threat_report_import",
            "event_id": "1",
            "filename": "report-20kb.txt",
            "data": base64.b64encode(data).decode(),
            "config": {"template": "auto", "TLP": "template", "warninglists": "soft"},
        }
    ).encode()


def expansion_query(number: int) -> bytes:
    """An expansion of the sample report held in a text attribute, one attribute UUID per number."""
    attribute = {"type": "text", "uuid": f"00000000-0000-4000-8000-{number:012d}", "value": REPORT.read_text()}
    return json.dumps({"module": "threat_report_enrichment", "event_id": "1", "attribute": attribute}).encode()


def main() -> None:
    """Print the server start and module list, the first query (knowledge loaded then) and the warm median and
    p95; then the worst case: "Enrich event" on 8 attributes right after the very first start, when the
    knowledge indexes are not compiled on disk yet."""
    data = twenty_kb_report()
    query = import_query(data)
    with modules_server() as (base, started):
        start = time.perf_counter()
        with urllib.request.urlopen(base + "/modules", timeout=60) as response:
            listed = len(json.loads(response.read()))
        listing = time.perf_counter() - start
        first = timed(base + "/query", query)
        timings = [timed(base + "/query", query) for _ in range(QUERIES)]
        _abuse(base)
    with (
        tempfile.TemporaryDirectory() as empty,
        modules_server(empty) as (base, _),
        ThreadPoolExecutor(CONCURRENT) as pool,
    ):
        cold = list(pool.map(lambda number: timed(base + "/query", expansion_query(number)), range(CONCURRENT)))
    print(
        f"modules: misp-modules started with the custom root in {started:.2f} s (healthcheck answering); "
        f"GET /modules listed {listed} modules in {listing * 1000:.0f} ms (MISP waits 1 s)"
    )
    print(
        f"modules: import of a {len(data) / 1024:.0f} KB report over HTTP: first query {first * 1000:.0f} ms, "
        f"then {QUERIES} queries median {statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms"
    )
    print(
        f"modules: {CONCURRENT} concurrent first expansions on a first start (empty knowledge cache): "
        f"slowest answer {max(cold):.2f} s (MISP waits 10 s)"
    )


def _abuse(base: str) -> None:
    """A dozen hostile imports at once (tests/hostile.py MODULE_ABUSE), then GET /modules and a normal import
    while they run: how long each waits, and how long the hostile ones take to be answered."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from hostile import MODULE_ABUSE, case_named

    def query(data: bytes, name: str) -> bytes:
        return json.dumps(
            {
                "module": "threat_report_import",
                "event_id": "1",
                "filename": name,
                "data": base64.b64encode(data).decode(),
                "config": {},
            }
        ).encode()

    payloads = [query(case_named(name).make(scale), f"{name}.md") for name, scale in MODULE_ABUSE]
    normal = query(REPORT.read_bytes(), REPORT.name)
    start = time.perf_counter()
    with ThreadPoolExecutor(len(payloads)) as pool:
        hostile = [
            pool.submit(lambda body: (post(base + "/query", body), time.perf_counter() - start)[1], body)
            for body in payloads
        ]
        time.sleep(0.5)
        listed = time.perf_counter()
        with urllib.request.urlopen(base + "/modules", timeout=60) as response:
            response.read()
        listing = time.perf_counter() - listed
        normal_start = time.perf_counter()
        post(base + "/query", normal)
        normal_time = time.perf_counter() - normal_start
        answered = [future.result() for future in hostile]
    print(
        f"modules: {len(payloads)} hostile imports at once (~600 KB each): GET /modules answered in "
        f"{listing * 1000:.0f} ms (MISP waits 1 s), a normal import in {normal_time:.2f} s (MISP waits 10 s); "
        f"the hostile ones answered within {max(answered):.1f} s"
    )


if __name__ == "__main__":
    main()
