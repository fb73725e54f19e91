"""Converting one report for the sync: the task a worker process can run (picklable), its result, and what
shapes an event besides the report's bytes (the settings' fingerprint, the commit that last changed it)."""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from dataclasses import dataclass

from pymisp import MISPEvent, PyMISPError

from ...build.identity import attribute_uuid
from ...errors import MispReportError, ReportError
from ...pipeline import conversion_fingerprint, convert_bytes
from ...settings import Settings
from ..failure import unexpected_failure
from ..memory import memory_cap
from .retry import describe, transient_cause
from .sinks import SinkError
from .sources import Commit


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


def failure_message(exc: BaseException) -> str:
    """A report's failure as the summary shows it after the report's path (so without naming the report
    again): the error itself when the user can act on it, else what went wrong (a network fault after its
    retries) and that the next run retries it."""
    if isinstance(exc, ReportError):
        return exc.reason
    if isinstance(exc, SinkError):
        return str(exc)
    cause = transient_cause(exc)
    reason = f"gave up after retries: {describe(cause)}" if cause else f"{type(exc).__name__}: {exc}"
    return f"{reason}; it will be retried on the next run"


# What conversion can raise for one report (bad input, a malformed value); anything else is a bug.
CONVERSION_ERRORS = (ReportError, PyMISPError, OSError, ValueError)


@dataclass(frozen=True)
class ConversionTask:
    """What converting one report needs, read by the main process (sources hold open repositories and
    closures): picklable, so that a worker process can do it. `error` is a failure found while reading."""

    identity: str
    name: str
    settings: Settings
    namespace: uuid.UUID | None
    data: bytes = b""
    origin: str = ""  # the earlier path the event's UUIDs derive from (a renamed report), "" for `identity`
    fallback_date: datetime.date | None = None
    commit: Commit | None = None
    error: str | None = None


@dataclass(frozen=True)
class Converted:
    """One report's event as MISP JSON and its digest, or why it could not be converted."""

    event_uuid: str = ""
    wanted: dict | None = None
    event_hash: str = ""
    error: str | None = None


def convert_task(task: ConversionTask) -> Converted:
    """Convert one report (in a worker process with --jobs > 1); user-facing errors come back as `error`."""
    if task.error is not None:
        return Converted(error=task.error)
    try:
        # Under the cap `convert` has: a PDF bomb in the repository fails its report, not the machine (the
        # limit is set in the process converting, a worker's or this one's, and restored after the report).
        with memory_cap(task.name, len(task.data)):
            event = convert_bytes(
                task.data,
                identity=task.origin or task.identity,
                name=task.name,
                settings=task.settings,
                fallback_date=task.fallback_date,
                namespace=task.namespace,
            )
        if task.commit is not None:
            add_commit(event, task.identity, task.commit)
        wanted = json.loads(event.to_json())
    except CONVERSION_ERRORS as exc:
        return Converted(error=failure_message(exc))
    except MispReportError:
        raise  # a bad template or setting fails every report alike: the run stops with it
    except Exception as exc:  # a bug must cost one report, not the run
        return Converted(error=unexpected_failure(task.name, exc))
    event_hash = hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()
    return Converted(event.uuid, wanted, event_hash)
