"""Retries with exponential backoff and jitter for transient HTTP faults (connection, timeout, 429, 5xx)."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import requests
from requests.auth import AuthBase

from .pace import Pace

log = logging.getLogger(__name__)
T = TypeVar("T")
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_AFTER_CEILING = 600.0  # a Retry-After beyond ten minutes is taken as ten minutes


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


class ResponseObserver(AuthBase):
    """Given to PyMISP as `auth`: counts requests and turns 429/5xx answers into `TransientError`.

    PyMISP returns 4xx answers as error dicts and drops the response headers, so this hook is the only
    place that sees `Retry-After`. Raising here also keeps PyMISP from logging the request body of a 5xx.
    """

    def __init__(self) -> None:
        self.requests = 0
        self.writes = 0
        self._lock = threading.Lock()  # the sync's writers share one observer

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        with self._lock:
            self.requests += 1
            if request.method not in ("GET", "HEAD") and "/events/view/" not in (request.url or ""):
                self.writes += 1
        request.register_hook("response", self._check)
        return request

    @staticmethod
    def _check(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if response.status_code in TRANSIENT_STATUSES:
            raise TransientError(response.status_code, parse_retry_after(response.headers.get("Retry-After")))
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
    """`attempts` tries in all; waits base·2ⁿ (capped at `cap`) with full jitter, or the server's Retry-After."""

    attempts: int = 5
    base: float = 1.0
    cap: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    random: Callable[[], float] = field(default=random.random)
    # Shared by every writer of a run: a 429 seen by one holds them all back (see pace.py).
    pace: Pace | None = None

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """The backoff, or the server's Retry-After when longer (up to RETRY_AFTER_CEILING)."""
        backoff = min(self.cap, self.base * 2**attempt) * self.random()
        return max(backoff, min(retry_after, RETRY_AFTER_CEILING)) if retry_after is not None else backoff

    def call(self, what: str, operation: Callable[[], T]) -> T:
        """Run `operation`; on a transient fault wait and retry, and re-raise the last fault when out of tries."""
        for attempt in range(self.attempts):
            if self.pace is not None:
                self.pace.wait(self.sleep)
            try:
                return operation()
            except Exception as exc:
                cause = transient_cause(exc)
                if cause is None or attempt == self.attempts - 1:
                    raise
                wait = self.delay(attempt, getattr(cause, "retry_after", None))
                if self.pace is not None and getattr(cause, "status", None) == 429:
                    self.pace.slow_down(wait)
                log.info("%s: %s; retry %d/%d in %.1f s", what, describe(cause), attempt + 1, self.attempts - 1, wait)
                self.sleep(wait)
        raise AssertionError("unreachable")


def describe(exc: BaseException) -> str:
    """A one-line reason without URLs or request details (they may carry credentials)."""
    if isinstance(exc, TransientError):
        return str(exc)
    if isinstance(exc, requests.Timeout):
        return "MISP did not answer in time"
    if isinstance(exc, (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        return "connection to MISP failed or was reset"
    return type(exc).__name__
