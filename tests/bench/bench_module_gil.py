"""Why the modules server does not convert reports in its own threads: the latency of a `GET /modules`-like
answer from a threaded HTTP server in this process, idle and while 1, 2 or 12 of its threads convert the 20 KB
report in-process (the GIL is shared), against the same answer while the conversions run in the warm spare
children of deliver/modules/worker.py. The client runs in another process, as MISP does."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_modules import twenty_kb_report

from misp_module.deliver.modules import worker
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

GETS = 60
# The client: GETS requests one after the other, each latency printed in ms (one JSON list).
CLIENT = """
import json, sys, time, urllib.request
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    urllib.request.urlopen(sys.argv[1], timeout=30).read()
    times.append((time.perf_counter() - start) * 1000)
    time.sleep(0.01)
print(json.dumps(times))
"""
MODULES = json.dumps([{"name": f"module_{n}", "type": "import", "mispattributes": {}} for n in range(200)]).encode()


class _Modules(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(MODULES)))
        self.end_headers()
        self.wfile.write(MODULES)

    def log_message(self, *args: object) -> None:
        pass


def _latencies(url: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", CLIENT, url, str(GETS)], capture_output=True, check=True, text=True)
    return sorted(json.loads(out.stdout))


def _busy(threads: int, convert, stop: threading.Event) -> list[threading.Thread]:
    def loop() -> None:
        while not stop.is_set():
            convert()

    started = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for thread in started:
        thread.start()
    return started


def main() -> None:
    data = twenty_kb_report()
    settings = Settings()
    namespace = uuid.uuid4()

    def in_process() -> None:
        convert_bytes(data, identity="r", name="r.txt", settings=settings, namespace=namespace)

    def in_child() -> None:
        worker.convert_to_results(data, identity="r", name="r.txt", settings=settings, namespace=namespace)

    in_process()
    worker.start()
    in_child()
    time.sleep(2)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Modules)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/modules"
    print(f"GET /modules-like answer ({len(MODULES) // 1024} KB), {GETS} requests from another process:")
    for label, threads, convert in [
        ("idle", 0, in_process),
        ("1 conversion in-process", 1, in_process),
        ("2 conversions in-process", 2, in_process),
        ("12 conversions in-process", 12, in_process),
        ("2 conversions in spare children", 2, in_child),
        ("12 conversions in spare children", 12, in_child),
    ]:
        stop = threading.Event()
        busy = _busy(threads, convert, stop)
        times = _latencies(url)
        stop.set()
        for thread in busy:
            thread.join()
        print(
            f"  {label:34} median {statistics.median(times):6.1f} ms  p95 {times[int(len(times) * 0.95) - 1]:6.1f} ms"
            f"  max {times[-1]:6.1f} ms"
        )
    server.shutdown()


if __name__ == "__main__":
    main()
