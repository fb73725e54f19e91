"""One sync run: list the source, convert what changed, upsert it into the sink, retire what disappeared.

Per report: an unchanged input (same bytes, same settings) costs no conversion and no request; a changed
input whose event comes out identical costs no request either; anything else goes to the sink, which
compares with what it holds before writing. The state is saved after every report, so an interrupted or
killed run loses at most the report in flight, and the sink's own comparison makes redoing it harmless.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from pymisp import MISPEvent, PyMISPError

from ...build.identity import attribute_uuid
from ...errors import MispReportError, ReportError
from ...pipeline import conversion_fingerprint, convert_bytes
from ...settings import Settings
from ..failure import unexpected_failure
from ..files import read_limited
from .retry import TransientError, describe, transient_cause
from .sinks import Outcome, Sink, SinkError, SinkUnavailable
from .sources import Commit, SourceReport
from .state import Delivery, StateStore

log = logging.getLogger(__name__)
ACTIONS = ("created", "updated", "unchanged", "retired", "failed")


class Source(Protocol):
    description: str

    def prepare(self) -> None: ...

    def reports(self) -> Iterator[SourceReport]: ...

    def close(self) -> None: ...


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def report(self, identity: str, outcome: Outcome, dry_run: bool) -> None: ...

    def finish(self) -> None: ...


@dataclass
class Summary:
    """Counts per action, and the failures and warnings with the report they concern."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False

    @property
    def exit_code(self) -> int:
        """0 all delivered, 1 some report failed, 130 interrupted (what was done is saved)."""
        if self.interrupted:
            return 130
        return 1 if self.failures else 0


def settings_fingerprint(settings: Settings, namespace: uuid.UUID | None, extra: str = "") -> str:
    """What besides the report bytes shapes its event: a change re-converts every report (writes only
    happen where the event really changed)."""
    text = json.dumps([conversion_fingerprint(settings), str(namespace), extra])
    return hashlib.sha256(text.encode()).hexdigest()


def add_commit(event: MISPEvent, identity: str, commit: Commit) -> None:
    """Record the commit that last changed the report: its id, and a link to it when on the web."""
    parent = uuid.UUID(event.uuid)
    records = [
        (
            "git-commit-id",
            commit.sha,
            "Internal reference",
            f"Last change to {identity} on {commit.date.isoformat()}: {commit.subject}"[:1000],
        )
    ]
    if commit.url:
        records.append(("link", commit.url, "External analysis", f"Commit that last changed {identity}"))
    for kind, value, category, comment in records:
        event.add_attribute(
            kind,
            value,
            uuid=str(attribute_uuid(parent, kind, value)),
            category=category,
            to_ids=False,
            disable_correlation=True,
            comment=comment,
        )


@dataclass
class Runner:
    source: Source
    sink: Sink
    state: StateStore
    settings: Settings
    progress: Progress
    on_removed: str = "keep"
    dry_run: bool = False
    namespace: uuid.UUID | None = None
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> Summary:
        summary = Summary()
        self.source.prepare()
        fingerprint = settings_fingerprint(self.settings, self.namespace, self.sink.name)
        known = self.state.all()
        listed = list(self.source.reports())
        seen = {item.identity for item in listed}
        removed = [d for i, d in sorted(known.items()) if i not in seen and d.status != "retired"]
        self.progress.start(len(listed) + len(removed))
        try:
            for item in listed:
                if self.stop.is_set():
                    summary.interrupted = True
                    break
                self._deliver(item, known.get(item.identity), fingerprint, summary)
            for delivery in removed:
                if self.stop.is_set() or summary.interrupted:
                    summary.interrupted = True
                    break
                self._retire(delivery, summary)
        except SinkUnavailable as exc:
            left = len(listed) + len(removed) - sum(summary.counts.values())
            summary.failures.append(("*", f"{exc} ({left} report(s) not delivered in this run)"))
        finally:
            self.progress.finish()
            self.sink.close()
            self.source.close()
        return summary

    def _record(self, identity: str, outcome: Outcome, summary: Summary) -> None:
        summary.counts[outcome.action] += 1
        summary.warnings.extend((identity, w) for w in outcome.warnings)
        for warning in outcome.warnings:
            log.warning("%s: %s", identity, warning)
        self.progress.report(identity, outcome, self.dry_run)

    def _fail(self, item: SourceReport, event_uuid: str, message: str, summary: Summary) -> None:
        summary.failures.append((item.identity, message))
        self._record(item.identity, Outcome("failed", [message]), summary)
        if not self.dry_run:
            self.state.save(Delivery(item.identity, event_uuid, "", "", "failed", message))

    def _deliver(self, item: SourceReport, previous: Delivery | None, fingerprint: str, summary: Summary) -> None:
        input_hash = hashlib.sha256(f"{fingerprint}:{item.digest}".encode()).hexdigest()
        if previous is not None and previous.status == "ok" and previous.input_hash == input_hash:
            self._record(item.identity, Outcome("unchanged"), summary)
            return
        event_uuid = previous.event_uuid if previous else ""
        try:
            data = read_limited(item.name, item.size, item.read, self.settings.max_report_bytes)
            event = convert_bytes(
                data,
                identity=item.identity,
                name=item.name,
                settings=self.settings,
                fallback_date=item.date(),
                namespace=self.namespace,
            )
            event_uuid = event.uuid
            commit = item.commit()
            if commit is not None:
                add_commit(event, item.identity, commit)
            wanted = json.loads(event.to_json())
            event_hash = hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()
            if previous is not None and previous.status == "ok" and previous.event_hash == event_hash:
                outcome = Outcome("unchanged")
            else:
                outcome = self.sink.upsert_event(wanted, dry_run=self.dry_run, expect_new=previous is None)
        except SinkUnavailable:
            raise
        except (ReportError, SinkError) as exc:
            self._fail(item, event_uuid, str(exc), summary)
            return
        except (PyMISPError, TransientError, OSError, ValueError) as exc:
            cause = transient_cause(exc)
            reason = f"gave up after retries: {describe(cause)}" if cause else f"{type(exc).__name__}: {exc}"
            self._fail(item, event_uuid, f"{item.name}: {reason}; it will be retried on the next run", summary)
            return
        except MispReportError:
            raise  # a bad template or setting fails every report alike: the run stops with it
        except Exception as exc:  # a bug must cost one report, not the run
            self._fail(item, event_uuid, unexpected_failure(item.name, exc), summary)
            return
        self._record(item.identity, outcome, summary)
        if not self.dry_run:
            self.state.save(
                Delivery(item.identity, event_uuid, input_hash, event_hash, "ok", "; ".join(outcome.warnings))
            )

    def _retire(self, delivery: Delivery, summary: Summary) -> None:
        if not delivery.event_uuid:
            if not self.dry_run:
                self.state.forget(delivery.identity)
            return
        try:
            outcome = self.sink.retire_event(delivery.event_uuid, self.on_removed, dry_run=self.dry_run)
        except SinkUnavailable:
            raise
        except Exception as exc:  # a bug must cost one event, not the run
            cause = transient_cause(exc)
            known = isinstance(exc, (SinkError, PyMISPError, TransientError, OSError, ValueError))
            message = describe(cause) if cause else str(exc) if known else unexpected_failure(delivery.identity, exc)
            summary.failures.append((delivery.identity, f"retiring event {delivery.event_uuid}: {message}"))
            self._record(delivery.identity, Outcome("failed", [message]), summary)
            return
        self._record(delivery.identity, outcome, summary)
        if not self.dry_run:
            self.state.save(replace(delivery, status="retired"))


def counts_line(summary: Summary) -> str:
    return ", ".join(f"{summary.counts[a]} {a}" for a in ACTIONS) + f", {len(summary.warnings)} warnings"
