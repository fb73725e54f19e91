"""The `misp` sink: upsert events into a MISP instance with PyMISP, as MISP 2.5 really answers.

MISP's edit merges: attributes and tags left out of an edit stay. So the sink reads the stored event
(soft-deleted attributes included), sends only the differences (with explicit `deleted` flags), and reads
the answer to report what MISP dropped without an error. Refusals handled: an existing UUID on add (update
instead), a blocklisted UUID (explained), and "not newer than the local copy": every edit carries the time of
the read it was merged on as the event timestamp, so an edit made in MISP since that read is refused, and the
sync reads and merges again instead of overwriting it.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import requests
from pymisp import PyMISP

from ..retry import CertificateRefused, ResponseObserver, RetryPolicy, describe, transient_cause
from . import Outcome, SinkError, SinkUnavailable
from .delivered import dropped_by_misp, record_of, retired_record
from .diff import EventDiff, normal, tag_names
from .galaxies import TargetGalaxies, galaxy_tags, unattached
from .merge import merge_events
from .misp_wire import (
    KEY_REFUSED,
    edit_body,
    error_of,
    login_refusal,
    message_of,
    redact_url,
    refusal,
    uuid_taken,
    without_timestamps,
)

log = logging.getLogger(__name__)
NOT_NEWER = "not newer than the local copy"
EDIT_ROUNDS = 3  # read, merge, write: again when MISP says the event changed since the read


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
        self.galaxies = TargetGalaxies(self.search_clusters)

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
            return self.retry.call("connecting to MISP", connect, c.url)
        except CertificateRefused as exc:
            self._failure = exc
            raise
        except Exception as exc:
            self._failure = SinkUnavailable(f"{redact_url(c.url)}: cannot use MISP: {self.scrub(login_refusal(exc))}")
            raise self._failure from None

    def connect(self) -> None:
        """This thread's PyMISP, made now: its constructor checks the URL and key in three requests."""
        self.misp  # noqa: B018 - the property connects

    def check_access(self) -> None:
        """When the run has not talked to MISP (every report unchanged), one cheap authenticated request,
        GET /servers/getVersion, so that a wrong or revoked key is found now, not at the next edit. MISP 2.5
        answers 403 "Authentication failed" to a bad key (12-errors). Raises `SinkUnavailable` naming the fix."""
        if self._first is not None or self._failure is not None:
            return  # the run connected (PyMISP's constructor checked the key) or already failed to
        c = self.connection
        session = requests.Session()
        session.headers.update({"Authorization": c.key, "Accept": "application/json", "User-Agent": "misp-report-sync"})

        def ask() -> requests.Response:
            return session.get(
                f"{c.url.rstrip('/')}/servers/getVersion",
                verify=c.verify,
                cert=c.cert,
                proxies=c.proxies,
                timeout=c.timeout,
                auth=self.observer,
            )

        where = f"{redact_url(c.url)}: cannot use MISP"
        try:
            response = self.retry.call("checking the API key", ask, c.url)
        except SinkUnavailable:
            raise
        except Exception as exc:
            cause = transient_cause(exc)
            reason = describe(cause) if cause else self.scrub(f"{type(exc).__name__}: {exc}")
            raise SinkUnavailable(f"{where}: {reason}") from None
        finally:
            session.close()
        if response.status_code == 403:
            raise SinkUnavailable(f"{where}: {KEY_REFUSED}")
        try:
            version = response.json().get("version") if response.ok else None
        except ValueError:
            version = None
        if not version:
            raise SinkUnavailable(
                f"{where}: servers/getVersion answered HTTP {response.status_code} without a MISP version: is "
                "MISP_URL (sync.misp.url) MISP's base URL?"
            )

    def _call(self, what: str, operation: Any) -> Any:
        return self.retry.call(what, operation, self.connection.url)

    def fetch(self, event_uuid: str) -> dict[str, Any] | None:
        """MISP's copy with its soft-deleted attributes, or None when MISP has no such event."""
        answer = self._call(f"{event_uuid}: read", lambda: self.misp.get_event(event_uuid, deleted=True))
        if (problem := error_of(answer)) is not None:
            if problem[0] == 404:
                return None
            raise SinkError(f"event {event_uuid}: MISP refused to show it: {message_of(problem[1])}")
        return answer["Event"]

    def read(self, event_uuid: str) -> tuple[dict[str, Any] | None, int]:
        """MISP's copy and the guard of a write based on it: the event `timestamp` to send, newer than the
        copy and not newer than MISP's clock at the read (its Date header; one second earlier, as the header
        may be written in the second after the read). MISP refuses an edit whose timestamp is not newer than
        its copy (07), so an edit made in MISP after this read turns the sync's write into a refusal instead
        of an overwrite of what the merge never saw."""
        stored = self.fetch(event_uuid)
        clock = self.observer.server_time() or int(time.time())
        return stored, max(clock - 1, int((stored or {}).get("timestamp") or 0) + 1)

    # -- upsert ----------------------------------------------------------------------------------------
    def upsert_event(
        self,
        wanted: dict[str, Any],
        *,
        dry_run: bool = False,
        expect_new: bool = False,
        delivered: dict[str, Any] | None = None,
    ) -> Outcome:
        """`expect_new` (the state knows no delivery) tries the add first: one request for a new event,
        and MISP's "already exists" answer sends it down the update path when the state was lost.
        `delivered` (the record of the last delivery) is the base of the three-way merge. An edit made in
        MISP between the read and the write sends the merge round again (EDIT_ROUNDS at most)."""
        event_uuid = wanted["uuid"]
        wanted, renamed = self.galaxies.translate(wanted)
        if expect_new and not dry_run:
            answer = self._add(wanted)
            if answer is not None:
                self._publish_if(event_uuid, created=True)
                return self._written("created", wanted, EventDiff(created=True), answer, renamed)
        exists, sent = False, None
        for _ in range(EDIT_ROUNDS):
            stored, guard = self.read(event_uuid)
            # MISP holds the timestamp of our refused edit: it was ours, retried after a lost answer
            wrote = sent is not None and str((stored or {}).get("timestamp")) == str(sent)
            if stored is None and exists:
                raise SinkError(
                    f"event {event_uuid}: MISP says it exists but does not show it to the sync's API user (it "
                    "may belong to another organisation now, or its distribution was narrowed in MISP): give "
                    "that user access to it, or sync with a key of the organisation that owns it"
                )
            diff = self._merge(wanted, stored, delivered)
            notes = self._notes(stored, delivered, diff, dry_run)
            if dry_run or diff.empty:
                action = "updated" if wrote else "unchanged" if diff.empty else "created" if diff.created else "updated"
                changes = renamed + diff.lines() if not diff.empty or diff.kept else []
                record = record_of(wanted, diff, previous=delivered)
                return Outcome(action, changes, [*notes, *diff.conflicts], diff.kept, record)
            if diff.created:
                answer = self._add(wanted)
                if answer is None:  # it exists after all (a lost answer, or a parallel writer): update it
                    exists = True
                    continue
            else:
                answer = self._edit(wanted, diff, stored, guard)
                if answer is None:  # edited in MISP since the read (or our own edit whose answer was lost)
                    sent = guard
                    continue
                notes += self._published_meanwhile(stored, answer, dry_run)
            self._publish_if(event_uuid, created=diff.created)
            action = "created" if diff.created else "updated"
            return self._written(action, wanted, diff, answer, renamed, notes, delivered)
        raise SinkError(
            f"event {event_uuid}: edited in MISP during each of the sync's {EDIT_ROUNDS} attempts to update it "
            "(MISP refused each write as older than its copy); nothing was overwritten, the next run tries again"
        )

    def _merge(
        self, wanted: dict[str, Any], stored: dict[str, Any] | None, delivered: dict[str, Any] | None
    ) -> EventDiff:
        """The three-way merge; when it would remove attributes, MISP's sightings of the event are asked for
        (one request; MISP keeps them apart from the event) and a sighted attribute stays live."""
        diff = merge_events(wanted, stored, delivered)
        if stored is None or not any(c.kind == "remove" for c in diff.attributes):
            return diff
        sighted = self.sighted(stored)
        return merge_events(wanted, stored, delivered, sighted) if sighted else diff

    def sighted(self, stored: dict[str, Any]) -> frozenset[str]:
        """UUIDs of the event's attributes with a sighting (type 0: seen; a false-positive or expiration
        sighting keeps nothing live). A MISP that refuses the search (no sighting permission) gives none."""
        event_uuid = stored["uuid"]
        answer = self._call(
            f"{event_uuid}: sightings",
            lambda: self.misp.search_sightings(context="event", context_id=stored.get("id") or event_uuid),
        )
        if not isinstance(answer, list):
            log.info("%s: MISP did not list the event's sightings: %s", event_uuid, answer)
            return frozenset()
        ids = {str(a.get("id")): a["uuid"] for a in stored.get("Attribute", [])}
        seen = (item.get("Sighting", item) for item in answer if isinstance(item, dict))
        return frozenset(
            ids[str(s.get("attribute_id"))]
            for s in seen
            if str(s.get("type", "0")) == "0" and str(s.get("attribute_id")) in ids
        )

    def _notes(
        self, stored: dict[str, Any] | None, delivered: dict[str, Any] | None, diff: EventDiff, dry_run: bool
    ) -> list[str]:
        """What the user must know about the event as a whole before this write: it was deleted in MISP since
        the sync delivered it (and is about to come back), or it is published and the edit unpublishes it
        (MISP unpublishes an event on every edit; the sync publishes only by --publish)."""
        if stored is None and delivered is not None:
            now = (
                "it will be created again from the report, unless MISP's event blocklist holds it (then the run "
                "fails on it and says how to lift the entry)"
                if dry_run
                else "MISP's event blocklist does not hold it, so it was created again from the report"
            )
            return [
                f"the event was deleted in MISP since the last sync: {now}. To keep it out of MISP, delete it there "
                "with event blocklisting on, or remove the report"
            ]
        published = stored is not None and normal("published", stored.get("published"))
        if published and not diff.empty and self.publish != "on-change":
            return [
                f"the event was published in MISP; this update {'will unpublish' if dry_run else 'unpublished'} it "
                "(MISP unpublishes an event on every edit): review it and publish it again, or sync with "
                "--publish on-change"
            ]
        return []

    def _written(
        self,
        action: str,
        wanted: dict[str, Any],
        diff: EventDiff,
        answer: dict[str, Any],
        renamed: list[str],
        notes: Sequence[str] = (),
        delivered: dict[str, Any] | None = None,
    ) -> Outcome:
        """The outcome of a write, checked against MISP's answer: what it dropped, and the galaxy tags it
        keeps as plain tags (its galaxies have no cluster of that name)."""
        dropped = dropped_by_misp(wanted, diff, answer)
        plain = unattached(answer, set(galaxy_tags(wanted)))
        warnings = [*notes, *dropped.warnings, *diff.conflicts]
        warnings += [
            f"MISP keeps {tag} as a plain tag, not as a galaxy cluster: its galaxies have no cluster of that name"
            for tag in plain
        ]
        record = record_of(wanted, diff, dropped, delivered, answer)
        return Outcome(action, renamed + diff.lines(), warnings, diff.kept, record)

    def search_clusters(self, uuids: list[str]) -> list[dict[str, Any]]:
        """MISP's galaxy clusters of these UUIDs: one POST /galaxy_clusters/restSearch."""
        answer = self._call(
            "galaxy clusters: search",
            lambda: self.misp.direct_call("galaxy_clusters/restSearch", {"uuid": uuids, "returnFormat": "json"}),
        )
        if (problem := error_of(answer)) is not None:
            raise SinkError(f"MISP refused the galaxy cluster search: {message_of(problem[1])}")
        items = answer.get("response", []) if isinstance(answer, dict) else answer
        return [i.get("GalaxyCluster", i) for i in items or [] if isinstance(i, dict)]

    def run_warnings(self) -> list[str]:
        return self.galaxies.run_warnings()

    def _add(self, wanted: dict[str, Any]) -> dict[str, Any] | None:
        event_uuid = wanted["uuid"]
        answer = self._call(f"{event_uuid}: add", lambda: self.misp.add_event(wanted))
        problem = error_of(answer)
        if problem is None:
            return answer["Event"]
        status, body = problem
        if (status == 404 and "already exists" in message_of(body)) or uuid_taken(status, body):
            return None  # another add of this uuid landed first (a lost answer, another machine): update it
        if status == 403 and "blocklist" in message_of(body):
            raise SinkError(
                f"event {event_uuid} is on MISP's event blocklist: it was deleted in MISP once. To sync it again, "
                f"remove the entry (Administration > Event Blocklists, or PyMISP "
                f"delete_event_blocklist('{event_uuid}')) and rerun; to keep it out, delete the report"
            )
        raise SinkError(f"event {event_uuid}: MISP refused to create it: {refusal(status, body)}")

    def _edit(
        self, wanted: dict[str, Any], diff: EventDiff, stored: dict[str, Any], guard: int
    ) -> dict[str, Any] | None:
        """The edit, sent with the read's `guard` as the event timestamp; None when MISP refuses it as not
        newer than its copy: the event changed since the read, and the caller merges again."""
        event_uuid = wanted["uuid"]
        body = {**without_timestamps(edit_body(wanted, diff, stored)), "timestamp": str(guard)}
        answer = self._call(f"{event_uuid}: edit", lambda: self.misp.update_event(body, event_id=event_uuid))
        problem = error_of(answer)
        if problem is not None and problem[0] == 403 and NOT_NEWER in message_of(problem[1]):
            log.info("%s: edited in MISP since the sync read it; reading and merging again", event_uuid)
            return None
        if problem is not None:
            raise SinkError(f"event {event_uuid}: MISP refused the update: {self._why_refused(problem, stored)}")
        for kind, report in diff.reports:
            if kind == "remove":
                self._remove_report(stored, report["uuid"])
        return answer["Event"]

    def _why_refused(self, problem: tuple[int, dict[str, Any]], stored: dict[str, Any]) -> str:
        """MISP's refusal of an edit, and what to do. A 403 on an event another organisation created (a site
        admin gave it away, or MISP's own sync brought it from another MISP) names that organisation: only it,
        or a site admin, may edit the event, whatever the sync user's role."""
        status, body = problem
        user = getattr(self.misp, "_current_user", None)
        mine, owner = str(getattr(user, "org_id", "") or ""), str(stored.get("orgc_id") or "")
        if status != 403 or not mine or not owner or owner == mine:
            return refusal(status, body)
        name = (stored.get("Orgc") or {}).get("name") or f"id {owner}"
        return (
            f"{message_of(body)} (HTTP 403: the event belongs to the organisation {name!r} now, not to the sync "
            f"user's (id {mine}), and only its own organisation or a site admin may edit it: give it back to the "
            f"sync's organisation, or sync this report with a key of {name!r}. Nothing was written; the next run "
            "tries again)"
        )

    def _published_meanwhile(self, stored: dict[str, Any], answer: dict[str, Any], dry_run: bool) -> list[str]:
        """Published in MISP between the read and the write (publishing moves only publish_timestamp, so
        the timestamp guard does not see it): the write unpublished it (unless --publish on-change)."""
        if dry_run or self.publish == "on-change" or normal("published", stored.get("published")):
            return []  # published again now, or said by _notes already
        if str(answer.get("publish_timestamp") or "0") == str(stored.get("publish_timestamp") or "0"):
            return []
        return [
            "the event was published in MISP while the sync updated it; this update unpublished it (MISP "
            "unpublishes an event on every edit): review it and publish it again, or sync with --publish on-change"
        ]

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
    def retire_event(
        self, event_uuid: str, policy: str, *, dry_run: bool = False, delivered: dict[str, Any] | None = None
    ) -> Outcome:
        """keep: nothing; retire: tag it; soft-delete: tag it and soft-delete the sync's own attributes and
        event report. What analysts added (attributes, objects, tags, reports) stays, and so does an
        attribute of the sync that an analyst edited."""
        if policy == "keep":
            return Outcome("retired", ["keep event (policy keep)"])
        for _ in range(EDIT_ROUNDS):
            stored, guard = self.read(event_uuid)
            if stored is None:
                return Outcome("retired", ["event not in MISP: nothing to do"])
            wanted = {"uuid": event_uuid, "Attribute": [], "EventReport": [], "Tag": [{"name": self.retired_tag}]}
            diff = self._merge(wanted, stored, delivered) if policy == "soft-delete" else EventDiff()
            diff.fields, diff.tags_removed = {}, []
            diff.tags_added = [] if self.retired_tag in tag_names(stored) else [self.retired_tag]
            record = retired_record(delivered, diff, self.retired_tag)
            if dry_run or diff.empty:
                return Outcome("retired", diff.lines(), list(diff.conflicts), diff.kept, record)
            answer = self._edit(wanted, diff, stored, guard)
            if answer is not None:
                break
        else:
            raise SinkError(
                f"event {event_uuid}: edited in MISP during each of the sync's {EDIT_ROUNDS} attempts to retire it; "
                "nothing was overwritten, the next run tries again"
            )
        if self.publish == "on-change":
            self._publish(event_uuid)
        warnings = [*self._notes(stored, delivered, diff, dry_run), *diff.conflicts]
        warnings += self._published_meanwhile(stored, answer, dry_run)
        if self.retired_tag not in tag_names(answer):
            warnings.append(
                f"MISP dropped the tag {self.retired_tag!r} marking event {event_uuid} as retired: create the tag "
                "in MISP or give the API user the tag editor permission"
            )
        return Outcome("retired", diff.lines(), warnings, diff.kept, record)
