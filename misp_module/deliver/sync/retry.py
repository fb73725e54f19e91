"""Retries with exponential backoff and jitter for transient HTTP faults (connection, timeout, 429, 5xx),
and a run-wide give-up: after GIVE_UP_AFTER transient faults in a row, MISP is taken as down and the run
stops instead of waiting out every report's retries (the next run retries what was not delivered)."""

from __future__ import annotations

import logging
import random
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from requests.auth import AuthBase

from .answers import check_event_answer, check_redirect
from .pace import Pace
from .sinks import SinkUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_AFTER_CEILING = 120.0  # a longer Retry-After is taken as two minutes: the give-up bounds the rest
GIVE_UP_AFTER = 10  # transient faults in a row, across reports, before the run stops


class TransientError(Exception):
    """A 429 or 5xx answer: worth retrying, after `retry_after` seconds when the server said so."""

    def __init__(self, status: int, retry_after: float | None) -> None:
        super().__init__(f"MISP answered HTTP {status}" + (f" (Retry-After {retry_after:g} s)" if retry_after else ""))
        self.status, self.retry_after = status, retry_after


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class MispDown(SinkUnavailable):
    """Too many transient faults in a row: MISP is down or overloaded, the run stops."""


class CertificateRefused(SinkUnavailable):
    """MISP's TLS certificate was not verified (self-signed, unknown CA, other host), or its port does not
    speak TLS: no retry can change that, so the run stops at once and says what to fix."""


def _linked(exc: BaseException) -> list[BaseException]:
    """`exc` and every exception it carries: requests and urllib3 keep the ssl error in their exceptions'
    arguments, causes and `reason` (urllib3's `reason` is an exception, ssl.SSLError's a string)."""
    pending, found = [exc], dict[int, BaseException]()
    while pending:
        current = pending.pop()
        if id(current) in found:
            continue
        found[id(current)] = current
        linked = (current.__cause__, current.__context__, getattr(current, "reason", None), *current.args)
        pending.extend(e for e in linked if isinstance(e, BaseException))
    return list(found.values())


def certificate_problem(exc: BaseException) -> str | None:
    """OpenSSL's reason ("self-signed certificate", "unable to get local issuer certificate", a hostname
    mismatch) when `exc` comes from a certificate that failed verification, else None."""
    for current in _linked(exc):
        if isinstance(current, ssl.SSLCertVerificationError):
            return current.verify_message or current.reason or "certificate verify failed"
    return None


# OpenSSL's reasons when the server answered the TLS hello in plain text (an https:// URL for an HTTP port).
PLAIN_TEXT_REASONS = frozenset(
    {"WRONG_VERSION_NUMBER", "HTTP_REQUEST", "PACKET_LENGTH_TOO_LONG", "RECORD_LAYER_FAILURE"}
)


def speaks_no_tls(exc: BaseException) -> bool:
    """True when `exc` says the server does not speak TLS at all: no retry can change that."""
    return any(isinstance(e, ssl.SSLError) and e.reason in PLAIN_TEXT_REASONS for e in _linked(exc))


def refuse_certificate(url: str, problem: str) -> CertificateRefused:
    """The one line a certificate failure gives: the host (never the URL's credentials), the reason, the fix."""
    parts = urlsplit(url)
    host = parts.hostname or "MISP"
    host = f"{host}:{parts.port}" if parts.port else host
    return CertificateRefused(
        f"MISP's TLS certificate at {host} was not verified ({problem}); not retried: give the CA that signed "
        "it with --ca-bundle FILE (settings: sync.misp.ca_bundle), or turn verification off for a test "
        "instance only (--insecure)"
    )


def refuse_plain_text(url: str) -> CertificateRefused:
    """The one line for an https:// URL whose port answers in plain HTTP."""
    parts = urlsplit(url)
    host = f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname or "MISP"
    return CertificateRefused(
        f"{host} did not answer in TLS (an https:// URL for a plain-HTTP port?); not retried: check the MISP URL's "
        "scheme and port"
    )


class ResponseObserver(AuthBase):
    """Given to PyMISP as `auth`: counts requests, turns 429/5xx answers into `TransientError`, and refuses
    redirects away from MISP and event answers that are not events (`answers`).

    PyMISP returns 4xx answers as error dicts and drops the response headers, so this hook is the only
    place that sees `Retry-After`. Raising here also keeps PyMISP from logging the request body of a 5xx.
    """

    def __init__(self) -> None:
        self.requests = 0
        self.writes = 0
        self._lock = threading.Lock()  # the sync's writers share one observer
        self._dates = threading.local()  # each writer thread's last answer's Date: MISP's clock

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        with self._lock:
            self.requests += 1
            if request.method not in ("GET", "HEAD") and "/events/view/" not in (request.url or ""):
                self.writes += 1
        request.register_hook("response", self._check)
        return request

    def server_time(self) -> int | None:
        """MISP's clock (epoch seconds) when it answered this thread's last request: its Date header."""
        return getattr(self._dates, "last", None)

    def _check(self, response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        try:
            self._dates.last = int(parsedate_to_datetime(response.headers["Date"]).timestamp())
        except (KeyError, TypeError, ValueError):
            self._dates.last = None
        if response.status_code in TRANSIENT_STATUSES:
            raise TransientError(response.status_code, parse_retry_after(response.headers.get("Retry-After")))
        check_redirect(response)
        check_event_answer(response)
        return response


RETRYABLE = (TransientError, requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)


def transient_cause(exc: BaseException) -> BaseException | None:
    """The retryable error behind `exc` (PyMISP's constructor wraps everything in PyMISPError)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, RETRYABLE):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


@dataclass
class RetryPolicy:
    """`attempts` tries in all; waits base·2ⁿ (capped at `cap`) with full jitter, or the server's Retry-After.
    One policy serves a whole run: `give_up_after` transient faults in a row, whatever the operation, raise
    `MispDown`; any success resets the count."""

    attempts: int = 5
    base: float = 1.0
    cap: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    random: Callable[[], float] = field(default=random.random)
    # Shared by every writer of a run: a 429 seen by one holds them all back (see pace.py).
    pace: Pace | None = None
    give_up_after: int = GIVE_UP_AFTER
    faults_in_a_row: int = field(default=0, init=False)
    _count_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def _count(self, fault: BaseException | None) -> None:
        """Count a transient fault (None: a success resets the count); raise MispDown once they come
        `give_up_after` times in a row, whichever writer met them."""
        with self._count_lock:
            self.faults_in_a_row = 0 if fault is None else self.faults_in_a_row + 1
            self._give_up_if_down(fault)

    def _give_up_if_down(self, last: BaseException | None = None) -> None:
        if self.faults_in_a_row >= self.give_up_after:
            detail = f" (last: {describe(last)})" if last is not None else ""
            raise MispDown(
                f"MISP failed {self.faults_in_a_row} times in a row{detail}; this run stops, and what it did not "
                "deliver is retried on the next run"
            ) from None

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """The backoff, or the server's Retry-After when longer (up to RETRY_AFTER_CEILING)."""
        backoff = min(self.cap, self.base * 2**attempt) * self.random()
        return max(backoff, min(retry_after, RETRY_AFTER_CEILING)) if retry_after is not None else backoff

    def call(self, what: str, operation: Callable[[], T], url: str = "MISP") -> T:
        """Run `operation`; on a transient fault wait and retry, and re-raise the last fault when out of tries.
        A certificate that fails verification, or a server that does not speak TLS, raises `CertificateRefused`
        (about `url`) at once."""
        for attempt in range(self.attempts):
            self._give_up_if_down()
            if self.pace is not None:
                self.pace.wait(self.sleep)
            try:
                result = operation()
            except Exception as exc:
                cause = transient_cause(exc)
                if cause is None:
                    raise
                if (problem := certificate_problem(cause)) is not None:
                    raise refuse_certificate(url, problem) from None
                if speaks_no_tls(cause):
                    raise refuse_plain_text(url) from None
                self._count(cause)
                if attempt == self.attempts - 1:
                    raise
                wait = self.delay(attempt, getattr(cause, "retry_after", None))
                if self.pace is not None and getattr(cause, "status", None) == 429:
                    self.pace.slow_down(wait)
                log.info("%s: %s; retry %d/%d in %.1f s", what, describe(cause), attempt + 1, self.attempts - 1, wait)
                self.sleep(wait)
                continue
            self._count(None)
            return result
        raise AssertionError("unreachable")


def describe(exc: BaseException) -> str:
    """A one-line reason without URLs or request details (they may carry credentials)."""
    if isinstance(exc, TransientError):
        return str(exc)
    if isinstance(exc, requests.Timeout):
        return "MISP did not answer in time"
    if isinstance(exc, requests.exceptions.SSLError):  # a ConnectionError too: say which fix it needs
        return "TLS handshake with MISP failed (certificate not verified? give its CA with --ca-bundle)"
    if isinstance(exc, (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        return "connection to MISP failed or was reset"
    return type(exc).__name__
