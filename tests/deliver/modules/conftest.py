"""The real misp-modules server with this package's custom root, started once per session on a free loopback
port through `misp-report modules serve`, and small loopback web servers that record what reaches them."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

# Loading ~250 bundled modules takes a few seconds; this only bounds a server that never comes up.
STARTUP_LIMIT = 60.0


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@dataclass
class ModulesServer:
    """A running misp-modules server and its log."""

    url: str
    log: Path
    process: subprocess.Popen[bytes]

    def get(self, path: str) -> tuple[int, Any]:
        """GET a path: (HTTP status, parsed JSON body)."""
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.status, json.loads(response.read())

    def query(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /query as MISP does; misp-modules answers HTTP 200 for results and errors alike."""
        request = urllib.request.Request(
            self.url + "/query", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
            return json.loads(response.read())

    def healthy(self) -> bool:
        """Whether the server still answers its health check."""
        try:
            return self.get("/healthcheck") == (200, {"status": True})
        except (OSError, urllib.error.URLError):
            return False


def start_modules_server(log: Path) -> ModulesServer:
    """`misp-report modules serve` on a free loopback port, once /healthcheck answers."""
    port = free_port()
    command = [sys.executable, "-m", "misp_module.deliver.cli", "modules", "serve", "-l", "127.0.0.1", "-p", str(port)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    server = ModulesServer(f"http://127.0.0.1:{port}", log, process)
    deadline = time.monotonic() + STARTUP_LIMIT
    while not server.healthy():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise RuntimeError(f"misp-modules did not start; its log:\n{log.read_text(errors='replace')[-4000:]}")
        time.sleep(0.1)
    return server


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server process this session started."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def modules_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModulesServer]:
    """One misp-modules server for the whole session."""
    server = start_modules_server(tmp_path_factory.mktemp("misp-modules") / "server.log")
    yield server
    stop(server.process)


@dataclass
class Route:
    """What a loopback page server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    wait: threading.Event | None = None


@dataclass
class PageServer:
    """A web server on a loopback address, answering `routes` and recording every path requested."""

    host: str
    port: int
    routes: dict[str, Route]
    requested: list[str]

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(
        self,
        path: str,
        body: bytes = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        silent: bool = False,
    ) -> None:
        """Serve `path`; a silent route answers only when the test ends."""
        self.routes[path] = Route(status, body, headers or {}, threading.Event() if silent else None)


def _handler(routes: dict[str, Route], requested: list[str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            route = routes.get(self.path, Route(404, b"not found"))
            if route.wait is not None:
                route.wait.wait(timeout=10)
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            # the module may stop reading (a page over its size limit): what the test wants, not an error
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@pytest.fixture
def page_server_factory() -> Iterator[Callable[[str], PageServer]]:
    """Start loopback page servers (on 127.0.0.1, 127.0.0.2 …); all are stopped after the test."""
    started: list[tuple[ThreadingHTTPServer, dict[str, Route]]] = []

    def start(host: str = "127.0.0.1") -> PageServer:
        routes: dict[str, Route] = {}
        requested: list[str] = []
        httpd = ThreadingHTTPServer((host, 0), _handler(routes, requested))
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        started.append((httpd, routes))
        return PageServer(host, httpd.server_address[1], routes, requested)

    yield start
    for httpd, routes in started:
        for route in routes.values():
            if route.wait is not None:
                route.wait.set()
        httpd.shutdown()
        httpd.server_close()
