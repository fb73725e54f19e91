"""The MISP double's HTTP side: routes PyMISP's requests to the model, logs them and injects faults."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import struct
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pymisp

from .model import MispModel
from .rules import MispError, as_bool, error

HERE = Path(__file__).parent
DESCRIBE_TYPES = (Path(pymisp.__file__).parent / "data" / "describeTypes.json").read_bytes()
USER = (HERE / "user.json").read_bytes()
VERSION = {
    "version": "2.5.1",
    "pymisp_recommended_version": "2.5.1",
    "perm_sync": True,
    "perm_sighting": True,
    "perm_galaxy_editor": True,
    "perm_analyst_data": True,
    "uuid": "117e3148-d981-440e-a3c4-749c662b11b4",
    "request_encoding": ["gzip"],
    "filter_sightings": True,
}
AUTH_FAILED = (
    "Authentication failed. Please make sure you pass the API key of an API enabled user along in "
    "the Authorization header."
)
# POSTs that only read: everything else that is not GET/HEAD counts as a write.
READ_POSTS = re.compile(
    r"^/(events/view/|events/restSearch|attributes/restSearch|events/index|galaxy_clusters/restSearch"
    r"|sightings/restSearch)"
)


@dataclass
class Fault:
    """A fault for the requests matching `method` and the `path` regex, `times` times (0 = forever).

    status: answer this status (429/5xx) with an optional Retry-After, or `body` instead of an error, and a
    `location` header (a redirect); reset: drop the connection; delay: answer late (seconds); after: inject
    only once the request has been processed (the write happened but the client never learns it). `taken` counts
    the requests it has met so far: a test waits on it to know a request is being held."""

    path: str
    method: str = "POST"
    status: int | None = None
    retry_after: int | None = None
    location: str | None = None
    body: Any = None
    reset: bool = False
    delay: float = 0.0
    after: bool = False
    times: int = 1
    taken: int = 0

    def matches(self, method: str, path: str) -> bool:
        return self.method == method and re.search(self.path, path) is not None


@dataclass
class LoggedRequest:
    method: str
    path: str
    status: int
    body: Any
    user: str = "sync"

    @property
    def is_write(self) -> bool:
        return self.method not in ("GET", "HEAD") and not READ_POSTS.match(self.path)


@dataclass
class Exchange:
    """What the handler answers: status, JSON body (None for HEAD) and headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class Router:
    """Maps (method, path) to the model, as MISP 2.5.1 answers PyMISP 2.5.34."""

    def __init__(self, model: MispModel) -> None:
        self.model = model
        self.routes: list[tuple[str, re.Pattern[str], Callable[..., Any]]] = [
            ("GET", re.compile(r"/servers/getVersion(?:\.json)?"), lambda body: VERSION),
            ("GET", re.compile(r"/servers/getPyMISPVersion\.json"), lambda body: {"version": "2.5.1"}),
            ("GET", re.compile(r"/users/view/me(?:\.json)?"), lambda body: json.loads(USER)),
            ("GET", re.compile(r"/attributes/describeTypes\.json"), lambda body: json.loads(DESCRIBE_TYPES)),
            ("POST", re.compile(r"/events/add"), lambda body: model.add_event(body)),
            ("POST", re.compile(r"/events/edit/([^/]+)"), lambda body, ref: model.edit_event(ref, body)),
            ("GET", re.compile(r"/events/view/([^/]+)"), lambda body, ref: model.view(ref, f"/events/view/{ref}")),
            (
                "POST",
                re.compile(r"/events/view/([^/]+)"),
                lambda body, ref: model.view(ref, f"/events/view/{ref}", as_bool(body.get("deleted"))),
            ),
            ("POST", re.compile(r"/events/publish/([^/]+)"), lambda body, ref: model.publish(ref)),
            ("POST", re.compile(r"/events/delete/([^/]+)"), lambda body, ref: model.delete_event(ref)),
            ("POST", re.compile(r"/events/restSearch"), lambda body: {"response": model.search(body)}),
            ("POST", re.compile(r"/events/index"), lambda body: [_index_entry(e["Event"]) for e in model.search(body)]),
            (
                "POST",
                re.compile(r"/attributes/delete/([^/]+)"),
                lambda body, ref: model.delete_attribute(ref, as_bool(body.get("hard"))),
            ),
            (
                "POST",
                re.compile(r"/tags/removeTagFromObject"),
                lambda body: model.remove_tag(body.get("uuid", ""), body.get("tag", "")),
            ),
            ("GET", re.compile(r"/eventBlocklists/index"), lambda body: list(model.blocklist.values())),
            (
                "POST",
                re.compile(r"/eventBlocklists/delete/([^/]+)"),
                lambda body, ref: model.remove_blocklist_entry(ref),
            ),
            ("POST", re.compile(r"/attributes/add/([^/]+)"), lambda body, ref: model.add_attribute(ref, body)),
            ("POST", re.compile(r"/attributes/edit/([^/]+)"), lambda body, ref: model.edit_attribute(ref, body)),
            (
                "POST",
                re.compile(r"/tags/attachTagToObject"),
                lambda body: model.attach_tag(body.get("uuid", ""), body.get("tag", ""), as_bool(body.get("local"))),
            ),
            ("POST", re.compile(r"/shadowAttributes/edit/([^/]+)"), lambda body, ref: model.propose_edit(ref, body)),
            ("POST", re.compile(r"/shadowAttributes/accept/([^/]+)"), lambda body, ref: model.accept_proposal(ref)),
            ("POST", re.compile(r"/shadowAttributes/delete/([^/]+)"), lambda body, ref: model.propose_delete(ref)),
            ("POST", re.compile(r"/objectReferences/add"), lambda body: model.add_reference(body)),
            (
                "POST",
                re.compile(r"/analyst_data/add/(Note|Opinion|Relationship)/([^/]+)/([^/]+)"),
                lambda body, kind, ref, target: model.add_analyst_data(kind, ref, target, body),
            ),
            ("POST", re.compile(r"/sightings/add/([^/]+)"), lambda body, ref: model.add_sighting(ref, body)),
            (
                "POST",
                re.compile(r"/sightings/restSearch/(event|attribute)"),
                lambda body, context: model.search_sightings(context, body),
            ),
            ("POST", re.compile(r"/galaxy_clusters/restSearch"), lambda body: model.galaxies.rest_search(body)),
            ("GET", re.compile(r"/galaxy_clusters/view/([^/]+)"), lambda body, ref: model.view_cluster(ref)),
            (
                "POST",
                re.compile(r"/galaxies/attachCluster/([^/]+)/(event|attribute)/local:([01])"),
                lambda body, ref, kind, local: model.attach_cluster(ref, kind, local == "1", body),
            ),
            ("POST", re.compile(r"/attributes/restSearch"), lambda body: {"response": model.search_attributes(body)}),
            ("GET", re.compile(r"/eventReports/view/([^/]+)"), lambda body, ref: model.view_report(ref)),
            ("POST", re.compile(r"/eventReports/edit/([^/]+)"), lambda body, ref: model.edit_report(ref, body)),
            ("GET", re.compile(r"/eventReports/index/event_id:([^/]+)"), lambda body, ref: model.list_reports(ref)),
            ("POST", re.compile(r"/eventReports/add/([^/]+)"), lambda body, ref: model.add_report(ref, body)),
            (
                "POST",
                re.compile(r"/eventReports/delete/([^/]+)"),
                lambda body, ref: model.delete_report(ref, as_bool(body.get("hard"))),
            ),
        ]

    def answer(self, method: str, path: str, body: Any) -> Exchange:
        lookup = "GET" if method == "HEAD" else method
        for route_method, pattern, handler in self.routes:
            match = pattern.fullmatch(path)
            if route_method == lookup and match:
                try:
                    result = handler(body if isinstance(body, dict) else {}, *match.groups())
                except MispError as refused:
                    return Exchange(refused.status, refused.body, refused.headers)
                return Exchange(200, result)
        refused = error(404, "Not Found", path)
        return Exchange(refused.status, refused.body)


def _index_entry(event: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "id",
        "org_id",
        "date",
        "info",
        "uuid",
        "published",
        "analysis",
        "attribute_count",
        "orgc_id",
        "timestamp",
        "distribution",
        "sharing_group_id",
        "threat_level_id",
        "publish_timestamp",
    )
    return {key: event[key] for key in keys}


# The double's sockets (listening and accepted) and the ports it listens on, so that a forked process can let go of
# them.
_SOCKETS: weakref.WeakSet[socket.socket] = weakref.WeakSet()
_PORTS: set[int] = set()


def _close_sockets_in_child() -> None:
    """A real MISP runs in another process: its connections never leak into the client's processes. The double
    runs inside the test, so `convert`'s and `sync`'s forked workers inherit a copy of every socket it holds
    open, and a connection the double closes or resets stays open in them: the client, instead of seeing the
    reset, waits for the whole MISP timeout. Each forked child closes its copies (the parent's stay open): the
    sockets the double knows, then any other socket on one of its ports (one accepted just as the process forked,
    before the double could know it)."""
    for sock in list(_SOCKETS):
        if sock.fileno() != -1:
            os.close(sock.detach())
    ports = set(_PORTS)
    if not ports or not os.path.isdir("/proc/self/fd"):
        return
    for name in os.listdir("/proc/self/fd"):
        descriptor = int(name)
        try:
            if not stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                continue
            probe = socket.socket(fileno=descriptor)
        except OSError:  # the listing's own descriptor (closed by now), a socket of a family Python does not know
            continue
        try:
            address = probe.getsockname()
        except OSError:
            continue
        finally:
            probe.detach()
        if isinstance(address, tuple) and address[1] in ports:
            os.close(descriptor)


os.register_at_fork(after_in_child=_close_sockets_in_child)


class QuietServer(ThreadingHTTPServer):
    """A client that gave up (timeout) leaves a broken pipe: expected here, not worth a traceback."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class MispDouble:
    """A MISP 2.5.1 stand-in on a free loopback port: `url`, `key`, `model`, `log`, `faults`.
    `analyst_key` is another user's API key: analysts edit the same events through the same REST API."""

    def __init__(self, key: str = "double-api-key-0000000000000000000000000", model: MispModel | None = None):
        self.key = key
        self.analyst_key = "double-analyst-key-00000000000000000000000"
        self.model = model or MispModel()
        self.router = Router(self.model)
        self.log: list[LoggedRequest] = []
        self.faults: list[Fault] = []
        self.on_request: Callable[[LoggedRequest], None] | None = None
        # Called with (user, method, path, body) before the model answers: a test holds a request there to choose
        # the order in which MISP processes requests that arrive at once (on_request only holds the answer).
        self.on_arrival: Callable[[str, str, str, Any], None] | None = None
        self._lock = threading.Lock()
        # MISP serves requests in parallel: the double does too (the model one request at a time), and
        # counts how many were in progress at once.
        self._model_lock = threading.Lock()
        self.in_progress = 0
        self.peak_in_progress = 0
        self._server = QuietServer(("127.0.0.1", 0), self._handler_class())
        _SOCKETS.add(self._server.socket)
        _PORTS.add(self._server.server_address[1])
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> MispDouble:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        _PORTS.discard(self._server.server_address[1])

    # -- for tests -----------------------------------------------------------------------------------
    def writes(self) -> list[LoggedRequest]:
        """The sync's writes (an analyst's are not counted)."""
        with self._lock:
            return [r for r in self.log if r.is_write and r.user == "sync"]

    def requests(self) -> list[LoggedRequest]:
        """The sync's requests."""
        with self._lock:
            return [r for r in self.log if r.user == "sync"]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def inject(self, fault: Fault) -> Fault:
        with self._lock:
            self.faults.append(fault)
        return fault

    def _take_fault(self, method: str, path: str, after: bool) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.after == after and fault.matches(method, path):
                    fault.taken += 1
                    if fault.times == 1:
                        self.faults.remove(fault)
                    elif fault.times > 1:
                        fault.times -= 1
                    return fault
        return None

    def _record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.log.append(entry)
        if self.on_request is not None:
            self.on_request(entry)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        double = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave in two writes: no delayed-ACK stall

            def setup(self) -> None:
                super().setup()
                _SOCKETS.add(self.connection)

            def log_message(self, format: str, *args: Any) -> None:
                """Silence the default stderr access log."""

            def date_time_string(self, timestamp: float | None = None) -> str:
                """The Date header: MISP's clock (the model's) when it answered the request."""
                if timestamp is None:
                    timestamp = getattr(self, "answered_at", None) or double.model.clock()
                return super().date_time_string(timestamp)

            def _read_body(self) -> Any:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    return json.loads(raw) if raw else None
                except ValueError:
                    return raw.decode("utf-8", "replace")

            def _reset(self) -> None:
                """Close with RST: the client sees 'Connection reset by peer'."""
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()

            def _send(self, exchange: Exchange, head: bool) -> None:
                payload = b"" if head or exchange.body is None else json.dumps(exchange.body).encode()
                self.send_response(exchange.status)
                content_type = "text/html" if head else "application/json"
                self.send_header("Content-Type", f"{content_type}; charset=UTF-8")
                for name, value in exchange.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _serve(self) -> None:
                with double._lock:
                    double.in_progress += 1
                    double.peak_in_progress = max(double.peak_in_progress, double.in_progress)
                try:
                    self._serve_one()
                finally:
                    with double._lock:
                        double.in_progress -= 1

            def _serve_one(self) -> None:
                self.answered_at = None
                method, path = self.command, self.path.split("?", 1)[0]
                body = self._read_body()
                fault = double._take_fault(method, path, after=False)
                if fault is not None:
                    time.sleep(fault.delay)
                    if fault.reset:
                        double._record(LoggedRequest(method, path, 0, body))
                        self._reset()
                        return
                    if fault.status is not None:
                        headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                        if fault.location is not None:
                            headers["Location"] = fault.location
                        injected = {"name": "Injected fault", "message": "Injected fault", "url": path}
                        double._record(LoggedRequest(method, path, fault.status, body))
                        self._send(
                            Exchange(fault.status, injected if fault.body is None else fault.body, headers), head=False
                        )
                        return
                user = {double.key: "sync", double.analyst_key: "analyst"}.get(self.headers.get("Authorization", ""))
                if user is None:
                    exchange = Exchange(403, {"name": AUTH_FAILED, "message": AUTH_FAILED, "url": path})
                else:
                    if double.on_arrival is not None:
                        double.on_arrival(user, method, path, body)
                    with double._model_lock:
                        exchange = double.router.answer(method, path, body)
                        self.answered_at = double.model.clock()
                if method == "HEAD":
                    exchange = Exchange(exchange.status)
                double._record(LoggedRequest(method, path, exchange.status, body, user or "sync"))
                late = double._take_fault(method, path, after=True)
                if late is not None and late.reset:
                    self._reset()
                    return
                self._send(exchange, head=method == "HEAD")

            do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _serve

        return Handler
