"""One sync run: list the source, convert what changed, upsert it into the sink, retire what disappeared.

Per report: an unchanged input (same bytes, same settings) costs no conversion and no request; a changed
input whose event comes out identical costs no request either; anything else goes to the sink, which
compares with what it holds before writing. The state is saved after every report, so an interrupted or
killed run loses at most the reports in flight, and the sink's own comparison makes redoing them harmless.

Changed reports are converted on `jobs` processes and written by `workers` threads at a time; results are
recorded and the state saved in the calling thread only. Which event each report delivers to (a report moved,
renamed, or renamed and edited keeps its own) is owners.py's to say: this file keeps the order of the run.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections import Counter
from collections.abc import Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Protocol

from pymisp import PyMISPError

from ...settings import Settings
from ..failure import unexpected_failure
from ..files import read_limited
from ..parallel import ordered_map
from .conversion import (
    CONVERSION_ERRORS,
    ConversionTask,
    Converted,
    convert_task,
    failure_message,
    settings_fingerprint,
)
from .likeness import sketch
from .moves import input_digest
from .owners import Change, Owners
from .pace import Pace
from .retry import TransientError, describe, transient_cause
from .sinks import Outcome, Sink, SinkError, SinkUnavailable
from .sinks.delivered import doubtful
from .sources import SourceReport
from .state import Delivery, StateStore

log = logging.getLogger(__name__)
ACTIONS = ("created", "updated", "unchanged", "retired", "failed")


class Source(Protocol):
    """Also, optionally, `renamed_to(path) -> str | None`: where a gone report was moved (git sources)."""

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
    kept: int = 0
    interrupted: bool = False
    # reports moved or renamed that kept their event: (new path, old path)
    moved: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all delivered, 1 some report failed, 130 interrupted (what was done is saved)."""
        if self.interrupted:
            return 130
        return 1 if self.failures else 0


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
    # Reports converted at a time (worker processes) and events written at a time (threads, one HTTP
    # session each); `pace` is shared with the sink's retry policy, which slows every writer on a 429.
    jobs: int = 1
    workers: int = 1
    pace: Pace | None = None
    # Per run: which event each report delivers to (owners.py), made anew by `run`.
    _owners: Owners = field(default_factory=Owners, init=False, repr=False)

    def run(self) -> Summary:
        summary = Summary()
        self.source.prepare()
        fingerprint = settings_fingerprint(self.settings, self.namespace, self.sink.name)
        known = self.state.all()
        listed = list(self.source.reports())
        seen = {item.identity for item in listed}
        removed = [d for i, d in sorted(known.items()) if i not in seen and d.status != "retired"]
        renamed_to = getattr(self.source, "renamed_to", None)
        self._owners = Owners.of_run(listed, known, removed, fingerprint, self.namespace, renamed_to)
        self.progress.start(len(listed) + len(removed))
        try:
            self._renamed_and_edited(listed, known, removed, summary)
            changes = []
            for item in listed:
                if self.stop.is_set():
                    summary.interrupted = True
                    break
                if item.identity in self._owners.refused:
                    self._fail(item, "", f"{item.name}: {self._owners.refused[item.identity]}", summary)
                    continue
                change = self._change(item, known.get(item.identity), fingerprint, summary)
                if change is not None:
                    changes.append(change)
            if not summary.interrupted:
                self._deliver_all(changes, summary)
            for delivery in removed:
                if self.stop.is_set() or summary.interrupted:
                    summary.interrupted = True
                    break
                if delivery.event_uuid in self._owners.owners:  # moved: its event is a listed report's now
                    if not self.dry_run:
                        self.state.forget(delivery.identity)
                    continue
                if delivery.identity in self._owners.held:  # perhaps renamed: left as it is, retried next run
                    message = f"{delivery.identity}: {self._owners.held[delivery.identity]}"
                    summary.failures.append((delivery.identity, message))
                    self._record(delivery.identity, Outcome("failed", [message]), summary)
                    continue
                self._retire(delivery, summary)
            if not summary.interrupted:  # every report unchanged is no proof the key still works: ask once
                self.sink.check_access()
        except SinkUnavailable as exc:
            left = len(listed) + len(removed) - sum(summary.counts.values())
            summary.failures.append(("*", f"{exc} ({left} report(s) not delivered in this run)" if left else str(exc)))
        else:
            for warning in self.sink.run_warnings():
                summary.warnings.append(("*", warning))
                log.warning("%s", warning)
        finally:
            self.progress.finish()
            self.sink.close()
            self.source.close()
        return summary

    def _renamed_and_edited(
        self, listed: list[SourceReport], known: dict[str, Delivery], removed: list[Delivery], summary: Summary
    ) -> None:
        """Pair the gone reports no rename was found for with the new paths like them (owners.py): a report
        renamed and edited in one run on a folder keeps its event. Costs a conversion of each new report, only in
        a run where reports are both gone and new; the delivery of a report left unpaired reuses it."""
        gone, new = self._owners.unpaired(listed, known, removed)
        if not gone:
            return
        tasks = (self._task(Change(item, None, "")) for item in new)
        results = ordered_map(convert_task, tasks, self.jobs, stop=self.stop)
        try:
            notes = self._owners.pair_alike(gone, new, results)
        finally:
            results.close()
        for path, note in notes:
            summary.warnings.append((path, note))
            log.warning("%s: %s", path, note)

    def _record(self, identity: str, outcome: Outcome, summary: Summary) -> None:
        summary.counts[outcome.action] += 1
        summary.kept += len(outcome.kept)
        summary.warnings.extend((identity, w) for w in outcome.warnings)
        self.progress.report(identity, outcome, self.dry_run)
        for warning in outcome.warnings:  # said once, here: the summary only counts them
            log.warning("%s: %s", identity, warning)

    def _fail(
        self,
        item: SourceReport,
        event_uuid: str,
        message: str,
        summary: Summary,
        previous: Delivery | None = None,
        in_doubt: bool = False,
    ) -> None:
        """A failed delivery keeps the record of the last one: the next run merges against it (`in_doubt`: a
        write was sent and may have reached MISP, see `_writing`)."""
        summary.failures.append((item.identity, message))
        self._record(item.identity, Outcome("failed", [message]), summary)
        if not self.dry_run:
            record = previous.delivered if previous else ""
            if in_doubt and previous is not None and previous.record is not None:
                record = json.dumps(doubtful(previous.record), sort_keys=True)
            origin = self._owners.origins.get(item.identity, "")
            sketched = previous.sketch if previous else ""
            self.state.save(
                Delivery(item.identity, event_uuid, "", "", "failed", message, record, origin, sketch=sketched)
            )

    def _writing(self, delivery: Delivery | None, identity: str) -> None:
        """Before a write based on a delivery record is sent: save the record marked in doubt, with the status
        `writing`. A run killed after MISP took the write and before its end was saved (a second Ctrl-C, a
        crash) leaves that mark, and the next merge takes what MISP holds as the report wants it for the
        sync's own work, not an analyst's (sinks/merge.py). A new event needs none: it has no record."""
        if self.dry_run or delivery is None or delivery.record is None:
            return
        record = json.dumps(doubtful(delivery.record), sort_keys=True)
        origin = self._owners.origins.get(identity, delivery.origin)
        self.state.save(replace(delivery, identity=identity, status="writing", delivered=record, origin=origin))

    def _change(
        self, item: SourceReport, previous: Delivery | None, fingerprint: str, summary: Summary
    ) -> Change | None:
        """None when the report is unchanged since its last delivery (recorded as such), else the change."""
        input_hash = input_digest(fingerprint, item.digest)
        if previous is not None and previous.status == "ok" and previous.input_hash == input_hash:
            self._record(item.identity, Outcome("unchanged"), summary)
            return None
        return Change(item, previous, input_hash)

    def _task(self, change: Change) -> ConversionTask:
        """Read the report, its date and commit here (the source's objects stay in this process)."""
        item = change.item
        task = ConversionTask(
            item.identity, item.name, self.settings, self.namespace, origin=self._owners.origins.get(item.identity, "")
        )
        try:
            data = read_limited(item.name, item.size, item.read, self.settings.max_report_bytes)
            return replace(task, data=data, fallback_date=item.date(), commit=item.commit())
        except CONVERSION_ERRORS as exc:
            return replace(task, error=failure_message(exc))

    def _deliver_all(self, changes: list[Change], summary: Summary) -> None:
        """Convert the changed reports on `jobs` processes (in order) and hand each event to the sink on
        `workers` threads. Results are recorded and the state saved here, in this one thread, as each
        write ends. On a stop (Ctrl-C) or an unusable sink no new report starts; the writes in flight
        finish and are saved. `SinkUnavailable` is re-raised once they have."""
        pace = self.pace or Pace(self.workers)
        in_flight: dict[Future[Outcome], tuple[Change, Converted]] = {}
        fatal: SinkUnavailable | None = None
        started = 0
        converted = self._converted(changes)
        with ThreadPoolExecutor(max_workers=max(1, self.workers), thread_name_prefix="sync-writer") as writers:
            if any(c.previous is None for c in changes):
                # A new report is written for certain: the sink connects (three requests to MISP) while the
                # first report converts (the knowledge load), not after it. A failure is the sink's to raise
                # again at the first write, where it is recorded.
                writers.submit(self.sink.connect)
            try:
                for change, result in zip(changes, converted, strict=False):
                    if self.stop.is_set():
                        break
                    started += 1
                    if result.error is not None:
                        previous = change.previous or self._owners.moved_here(change.item.identity)
                        uuid_ = result.event_uuid or (previous.event_uuid if previous else "")
                        self._fail(change.item, uuid_, result.error, summary, previous)
                        continue
                    claim = self._owners.claim(change, result)
                    if claim.change is None:
                        self._fail(change.item, claim.event_uuid, claim.refusal, summary, change.previous)
                        continue
                    if claim.moved_from:
                        summary.moved.append((change.item.identity, claim.moved_from))
                    change = claim.change
                    previous = change.previous
                    if previous is not None and previous.status == "ok" and previous.event_hash == result.event_hash:
                        self._finish(change, result, Outcome("unchanged"), summary)
                        continue
                    while len(in_flight) >= max(1, min(self.workers, pace.limit)):
                        fatal = self._collect(in_flight, summary, pace, fatal, block=True)
                    if fatal is not None or self.stop.is_set():
                        started -= 1
                        break
                    self._writing(previous, change.item.identity)
                    future = writers.submit(
                        self.sink.upsert_event,
                        result.wanted,
                        dry_run=self.dry_run,
                        expect_new=previous is None,
                        delivered=previous.record if previous else None,
                    )
                    in_flight[future] = (change, result)
                    fatal = self._collect(in_flight, summary, pace, fatal, block=False)
                    if fatal is not None or self.stop.is_set():
                        break
            finally:
                converted.close()
                while in_flight:
                    fatal = self._collect(in_flight, summary, pace, fatal, block=True)
        if fatal is not None:
            raise fatal
        if started < len(changes):
            summary.interrupted = True

    def _converted(self, changes: list[Change]) -> Generator[Converted, None, None]:
        """The conversions of `changes`, in order: those made for the pairing (`Owners.early`) as they are, the others
        on `jobs` processes."""
        fresh = ordered_map(
            convert_task, (self._task(c) for c in changes if c.item.identity not in self._owners.early), self.jobs
        )
        try:
            for change in changes:
                result = self._owners.early.pop(change.item.identity, None) or next(fresh, None)
                if result is None:
                    return
                yield result
        finally:
            fresh.close()

    def _collect(
        self,
        in_flight: dict[Future[Outcome], tuple[Change, Converted]],
        summary: Summary,
        pace: Pace,
        fatal: SinkUnavailable | None,
        block: bool,
    ) -> SinkUnavailable | None:
        """Record the writes that have ended (all of them at once when `block`, at least one)."""
        if not in_flight:
            return fatal
        done, _ = wait(in_flight, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: in_flight[f][0].item.identity):
            change, result = in_flight.pop(future)
            try:
                outcome = future.result()
            except SinkUnavailable as exc:
                fatal = fatal or exc
                continue
            except SinkError as exc:  # MISP refused: nothing of the write was taken
                self._fail(change.item, result.event_uuid, failure_message(exc), summary, change.previous)
                continue
            except (PyMISPError, TransientError, OSError, ValueError) as exc:  # the write may have got through
                message = failure_message(exc)
                self._fail(change.item, result.event_uuid, message, summary, change.previous, in_doubt=True)
                continue
            except Exception as exc:  # a bug must cost one report, not the run
                message = unexpected_failure(change.item.name, exc)
                self._fail(change.item, result.event_uuid, message, summary, change.previous, in_doubt=True)
                continue
            pace.succeeded()
            self._finish(change, result, outcome, summary)
        return fatal

    def _finish(self, change: Change, result: Converted, outcome: Outcome, summary: Summary) -> None:
        self._record(change.item.identity, outcome, summary)
        if not self.dry_run:
            self.state.save(
                Delivery(
                    change.item.identity,
                    result.event_uuid,
                    change.input_hash,
                    result.event_hash,
                    "ok",
                    "; ".join(outcome.warnings),
                    record_text(outcome, change.previous),
                    self._owners.origins.get(change.item.identity, ""),
                    change.item.digest,
                    sketch(result.wanted) if result.wanted is not None else "",
                )
            )

    def _retire(self, delivery: Delivery, summary: Summary) -> None:
        if not delivery.event_uuid:
            if not self.dry_run:
                self.state.forget(delivery.identity)
            return
        if self.on_removed != "keep":
            self._writing(delivery, delivery.identity)
        try:
            outcome = self.sink.retire_event(
                delivery.event_uuid, self.on_removed, dry_run=self.dry_run, delivered=delivery.record
            )
        except SinkUnavailable:
            raise
        except Exception as exc:  # a bug must cost one event, not the run
            cause = transient_cause(exc)
            known = isinstance(exc, (SinkError, PyMISPError, TransientError, OSError, ValueError))
            message = describe(cause) if cause else str(exc) if known else unexpected_failure(delivery.identity, exc)
            message = f"retiring event {delivery.event_uuid}: {message}"  # the same line as it happens and after
            summary.failures.append((delivery.identity, message))
            self._record(delivery.identity, Outcome("failed", [message]), summary)
            return
        self._record(delivery.identity, outcome, summary)
        if not self.dry_run:
            self.state.save(replace(delivery, status="retired", delivered=record_text(outcome, delivery)))


def record_text(outcome: Outcome, previous: Delivery | None) -> str:
    """The delivery record to save: the sink's new one, else the previous one (an unchanged event)."""
    if outcome.delivered is not None:
        return json.dumps(outcome.delivered, sort_keys=True)
    return previous.delivered if previous else ""
