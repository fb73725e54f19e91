"""The `misp` sink: upsert events into a MISP instance with PyMISP, as MISP 2.5 really answers.

MISP's edit merges: attributes and tags left out of an edit stay. So the sink reads the stored event
(soft-deleted attributes included), sends only the differences (with explicit `deleted` flags), and reads
the answer to report what MISP dropped without an error. Refusals handled: an existing UUID on add (update
instead), a blocklisted UUID (explained), and "not newer than the local copy" (resent without timestamps).
"""

from __future__ import annotations

import copy
import logging
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from pymisp import PyMISP

from ..retry import ResponseObserver, RetryPolicy
from . import Outcome, SinkError, SinkUnavailable, retired_copy
from .diff import EVENT_FIELDS, EventDiff, diff_events, dropped, tag_names

log = logging.getLogger(__name__)
NOT_NEWER = "not newer than the local copy"


def redact_url(url: str) -> str:
    """The URL without user:password@ (a URL may carry credentials; it goes into logs and the state)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


@dataclass
class MispConnection:
    """How to reach MISP. `verify` is True, False or a CA bundle path; `cert` a client certificate
    (one PEM, or certificate and key)."""

    url: str
    key: str = field(repr=False)
    verify: bool | str = True
    cert: str | tuple[str, str] | None = None
    proxies: dict[str, str] | None = None
    timeout: float = 30.0


def own_session(misp: PyMISP) -> PyMISP:
    """A copy of a connected PyMISP with a new HTTP session (same headers: key, user agent), for another
    thread. PyMISP keeps its session private and offers no other way than its constructor's checks."""
    clone = copy.copy(misp)
    session = requests.Session()
    session.headers.update(misp._PyMISP__session.headers)  # type: ignore[attr-defined]
    clone._PyMISP__session = session  # type: ignore[attr-defined]
    return clone


def error_of(answer: Any) -> tuple[int, dict[str, Any]] | None:
    """PyMISP's {'errors': (status, body)} answer as (status, body), None for a success."""
    if isinstance(answer, dict) and "errors" in answer and "Event" not in answer:
        status, body = answer["errors"] if isinstance(answer["errors"], (list, tuple)) else (0, answer["errors"])
        return int(status), body if isinstance(body, dict) else {"message": str(body)}
    return None


def message_of(body: dict[str, Any]) -> str:
    text = str(body.get("message") or body.get("name") or "")
    details = body.get("errors")
    return f"{text} ({details})" if details else text


def without_timestamps(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_timestamps(v) for k, v in value.items() if k not in ("timestamp", "publish_timestamp")}
    if isinstance(value, list):
        return [without_timestamps(v) for v in value]
    return value


def edit_body(wanted: dict[str, Any], diff: EventDiff) -> dict[str, Any]:
    """Only what changed, with explicit deletions: MISP keeps everything an edit leaves out."""
    body: dict[str, Any] = {"uuid": wanted["uuid"]}
    body.update({k: wanted[k] for k in (*EVENT_FIELDS, "timestamp") if k in wanted})
    attributes = []
    for change in diff.attributes:
        source = change.attribute
        if change.kind == "remove":
            attributes.append({k: source[k] for k in ("uuid", "type", "value") if k in source} | {"deleted": True})
            continue
        item = {k: v for k, v in source.items() if k != "Tag"}
        if change.kind == "restore":
            item["deleted"] = False  # without it MISP leaves a soft-deleted attribute deleted
        tags = [*source.get("Tag", []), *({"name": t, "deleted": True} for t in change.tags_removed)]
        if tags:
            item["Tag"] = tags
        attributes.append(item)
    if attributes:
        body["Attribute"] = attributes
    tags = [t for t in wanted.get("Tag", []) if t["name"] in diff.tags_added]
    tags += [{"name": t, "deleted": True} for t in diff.tags_removed]
    if tags:
        body["Tag"] = tags
    reports = [{**r, "deleted": False} for kind, r in diff.reports if kind != "remove"]
    if reports:
        body["EventReport"] = reports
    return body


class MispSink:
    """Upserts events into one MISP instance; connects on first use, so a run with nothing to do makes
    no request at all."""

    def __init__(
        self,
        connection: MispConnection,
        retry: RetryPolicy,
        publish: str = "never",
        retired_tag: str = "misp-report:retired",
    ) -> None:
        self.connection, self.retry, self.publish, self.retired_tag = connection, retry, publish, retired_tag
        self.name = f"misp:{redact_url(connection.url)}"
        self.observer = ResponseObserver()
        # PyMISP logs expected 404s as errors, and request headers (with the API key) at debug level.
        logging.getLogger("pymisp").setLevel(logging.CRITICAL)
        # One PyMISP (one HTTP session) per writer thread: requests' sessions are not made to be shared.
        self._sessions = threading.local()
        self._connecting = threading.Lock()
        self._first: PyMISP | None = None
        self._failure: SinkUnavailable | None = None

    def close(self) -> None:
        self._sessions = threading.local()
        self._first, self._failure = None, None

    def scrub(self, text: str) -> str:
        """Error text from PyMISP or requests without the key or a credential-carrying URL."""
        text = text.replace(self.connection.key, "***") if self.connection.key else text
        return text.replace(self.connection.url, redact_url(self.connection.url))

    @property
    def misp(self) -> PyMISP:
        """This thread's PyMISP. The first is made by PyMISP's constructor (it checks the URL and key, in
        three requests); every other writer thread gets a copy with its own HTTP session."""
        session = getattr(self._sessions, "misp", None)
        if session is None:
            with self._connecting:
                if self._failure is not None:
                    raise self._failure
                if self._first is None:
                    self._first = self._connect()
                    session = self._first
                else:
                    session = own_session(self._first)
            self._sessions.misp = session
        return session

    def _connect(self) -> PyMISP:
        c = self.connection

        def connect() -> PyMISP:
            return PyMISP(
                c.url,
                c.key,
                ssl=c.verify,
                cert=c.cert,
                proxies=c.proxies,
                timeout=c.timeout,
                auth=self.observer,
                tool="misp-report-sync",
            )

        try:
            return self.retry.call("connecting to MISP", connect)
        except Exception as exc:
            self._failure = SinkUnavailable(f"{redact_url(c.url)}: cannot use MISP: {self.scrub(str(exc))}")
            raise self._failure from None

    def _call(self, what: str, operation: Any) -> Any:
        return self.retry.call(what, operation)

    def fetch(self, event_uuid: str) -> dict[str, Any] | None:
        """MISP's copy with its soft-deleted attributes, or None when MISP has no such event."""
        answer = self._call(f"{event_uuid}: read", lambda: self.misp.get_event(event_uuid, deleted=True))
        if (problem := error_of(answer)) is not None:
            if problem[0] == 404:
                return None
            raise SinkError(f"event {event_uuid}: MISP refused to show it: {message_of(problem[1])}")
        return answer["Event"]

    # -- upsert ----------------------------------------------------------------------------------------
    def upsert_event(self, wanted: dict[str, Any], *, dry_run: bool = False, expect_new: bool = False) -> Outcome:
        """`expect_new` (the state knows no delivery) tries the add first: one request for a new event,
        and MISP's "already exists" answer sends it down the update path when the state was lost."""
        event_uuid = wanted["uuid"]
        if expect_new and not dry_run:
            answer = self._add(wanted)
            if answer is not None:
                self._publish_if(event_uuid, created=True)
                return Outcome("created", ["create event"], dropped(wanted, answer))
        stored = self.fetch(event_uuid)
        diff = diff_events(wanted, stored)
        if dry_run or diff.empty:
            return Outcome("unchanged" if diff.empty else "created" if diff.created else "updated", diff.lines())
        if diff.created:
            answer = self._add(wanted)
            if answer is None:  # it exists after all (a lost answer, or a parallel writer): update it
                stored = self.fetch(event_uuid)
                diff = diff_events(wanted, stored)
                if diff.empty:
                    return Outcome("unchanged")
                answer = self._edit(wanted, diff, stored)
        else:
            answer = self._edit(wanted, diff, stored)
        self._publish_if(event_uuid, created=diff.created)
        return Outcome("created" if diff.created else "updated", diff.lines(), dropped(wanted, answer))

    def _add(self, wanted: dict[str, Any]) -> dict[str, Any] | None:
        event_uuid = wanted["uuid"]
        answer = self._call(f"{event_uuid}: add", lambda: self.misp.add_event(wanted))
        problem = error_of(answer)
        if problem is None:
            return answer["Event"]
        status, body = problem
        if status == 404 and "already exists" in message_of(body):
            return None
        if status == 403 and "blocklist" in message_of(body):
            raise SinkError(
                f"event {event_uuid} is on MISP's event blocklist: it was deleted in MISP once. To sync it again, "
                f"remove the entry (Administration > Event Blocklists, or PyMISP "
                f"delete_event_blocklist('{event_uuid}')) and rerun; to keep it out, delete the report"
            )
        raise SinkError(f"event {event_uuid}: MISP refused to create it: {message_of(body)}")

    def _edit(self, wanted: dict[str, Any], diff: EventDiff, stored: dict[str, Any] | None) -> dict[str, Any]:
        event_uuid = wanted["uuid"]
        body = edit_body(wanted, diff)
        answer = self._call(f"{event_uuid}: edit", lambda: self.misp.update_event(body, event_id=event_uuid))
        problem = error_of(answer)
        if problem is not None and problem[0] == 403 and NOT_NEWER in message_of(problem[1]):
            log.info("%s: MISP holds a newer copy; resending the edit without timestamps", event_uuid)
            body = without_timestamps(body)
            answer = self._call(f"{event_uuid}: edit", lambda: self.misp.update_event(body, event_id=event_uuid))
            problem = error_of(answer)
        if problem is not None:
            raise SinkError(f"event {event_uuid}: MISP refused the update: {message_of(problem[1])}")
        for kind, report in diff.reports:
            if kind == "remove" and stored is not None:
                self._remove_report(stored, report["uuid"])
        return answer["Event"]

    def _remove_report(self, stored: dict[str, Any], report_uuid: str) -> None:
        report_id = next(r["id"] for r in stored.get("EventReport", []) if r["uuid"] == report_uuid)
        answer = self._call(f"{report_uuid}: delete report", lambda: self.misp.delete_event_report(report_id))
        problem = error_of(answer)
        if problem is not None and problem[0] != 404:
            raise SinkError(f"event report {report_uuid}: MISP refused to delete it: {message_of(problem[1])}")

    def _publish_if(self, event_uuid: str, created: bool) -> None:
        if self.publish == "on-change" or (self.publish == "on-create" and created):
            self._publish(event_uuid)

    def _publish(self, event_uuid: str) -> None:
        answer = self._call(f"{event_uuid}: publish", lambda: self.misp.publish(event_uuid))
        if (problem := error_of(answer)) is not None:
            raise SinkError(f"event {event_uuid}: MISP refused to publish it: {message_of(problem[1])}")

    # -- removed reports -------------------------------------------------------------------------------
    def retire_event(self, event_uuid: str, policy: str, *, dry_run: bool = False) -> Outcome:
        """keep: nothing; retire: tag it; soft-delete: tag it and soft-delete its attributes and reports."""
        if policy == "keep":
            return Outcome("retired", ["keep event (policy keep)"])
        stored = self.fetch(event_uuid)
        if stored is None:
            return Outcome("retired", ["event not in MISP: nothing to do"])
        wanted = retired_copy(without_timestamps(stored), policy, self.retired_tag)
        diff = diff_events(wanted, stored)
        if dry_run or diff.empty:
            return Outcome("retired", diff.lines())
        answer = self._edit(wanted, diff, stored)
        if self.publish == "on-change":
            self._publish(event_uuid)
        warnings = (
            []
            if self.retired_tag in tag_names(answer)
            else [
                f"MISP dropped the tag {self.retired_tag!r} marking event {event_uuid} as retired: create the tag "
                "in MISP or give the API user the tag editor permission"
            ]
        )
        return Outcome("retired", diff.lines(), warnings)
