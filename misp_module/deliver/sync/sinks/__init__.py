"""Where events go: a MISP instance over REST (`misp`) or a MISP feed folder (`feed`), with one interface."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ....errors import MispReportError

REMOVAL_POLICIES = ("keep", "retire", "soft-delete")
PUBLISH_POLICIES = ("never", "on-create", "on-change")


class SinkError(MispReportError):
    """The sink refused a report's event for a reason retrying will not fix (the message says what to do)."""


class SinkUnavailable(SinkError):
    """The sink cannot be used at all (wrong URL or key, MISP down after retries): the run stops."""


@dataclass
class Outcome:
    """What a sink did with one event: created, updated, unchanged or retired; `changes` describe it.
    `kept`: analysts' changes in MISP the sink left alone; `delivered`: its record of what it delivered
    (saved in the state and handed back on the next run; None = keep the previous one)."""

    action: str
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    delivered: dict[str, Any] | None = None


class Sink(Protocol):
    """`name` keys the state store; every method is safe to repeat (it compares before it writes)."""

    name: str

    def upsert_event(
        self,
        wanted: dict[str, Any],
        *,
        dry_run: bool = False,
        expect_new: bool = False,
        delivered: dict[str, Any] | None = None,
    ) -> Outcome:
        """Make the sink hold `wanted`, an event as MISP JSON (`json.loads(MISPEvent.to_json())`);
        `delivered` is the record the sink returned last time for this event (None: none)."""

    def retire_event(
        self, event_uuid: str, policy: str, *, dry_run: bool = False, delivered: dict[str, Any] | None = None
    ) -> Outcome: ...

    def connect(self) -> None:
        """Be ready to write: a run that will write calls it while its first report converts, so that the
        connection's own requests are not waited for after it. Raises what the first write would raise."""

    def check_access(self) -> None:
        """At the end of a run that sent the sink nothing: check it could have been written (a wrong or
        revoked MISP key); raises `SinkUnavailable`. Costs at most one request."""

    def run_warnings(self) -> list[str]:
        """Warnings about the whole run (said once, after the last report)."""

    def close(self) -> None: ...


def retired_copy(stored: dict[str, Any], policy: str, tag: str) -> dict[str, Any]:
    """The event a removed report should leave: tagged as retired, and for soft-delete without content."""
    wanted = {**stored, "Tag": [*stored.get("Tag", []), {"name": tag}]}
    if any(t.get("name") == tag for t in stored.get("Tag", [])):
        wanted["Tag"] = stored.get("Tag", [])
    if policy == "soft-delete":
        wanted["Attribute"], wanted["EventReport"] = [], []
    return wanted
