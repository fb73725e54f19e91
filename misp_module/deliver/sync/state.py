"""The sync state: per sink and report, what was last delivered (a cache in SQLite, guarded by a lock file)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import MispReportError
from .lock import acquire, release

SCHEMA = """
CREATE TABLE IF NOT EXISTS delivery (
    sink TEXT NOT NULL,
    identity TEXT NOT NULL,
    event_uuid TEXT NOT NULL,
    input_hash TEXT NOT NULL,
    event_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    delivered TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    digest TEXT NOT NULL DEFAULT '',
    sketch TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sink, identity)
)
"""
# A state written before a column existed gains it, empty: "no record", "no earlier path".
MIGRATIONS = {
    "delivered": "ALTER TABLE delivery ADD COLUMN delivered TEXT NOT NULL DEFAULT ''",
    "origin": "ALTER TABLE delivery ADD COLUMN origin TEXT NOT NULL DEFAULT ''",
    "digest": "ALTER TABLE delivery ADD COLUMN digest TEXT NOT NULL DEFAULT ''",
    "sketch": "ALTER TABLE delivery ADD COLUMN sketch TEXT NOT NULL DEFAULT ''",
}
COLUMNS = (
    "identity",
    "event_uuid",
    "input_hash",
    "event_hash",
    "status",
    "detail",
    "delivered",
    "origin",
    "digest",
    "sketch",
)
PLACES = ", ".join("?" * (len(COLUMNS) + 1))  # the sink, then COLUMNS


class StateLocked(MispReportError):
    """Another sync holds the state folder."""


@dataclass(frozen=True)
class Delivery:
    """What a sink holds of one report: `input_hash` (report bytes + settings), `event_hash` (the event
    JSON delivered) and `status`: ok, failed, retired, or writing (saved before a write is sent: a run
    killed before it saved the write's end leaves it, and the next run retries it). A failed or writing
    delivery is retried on the next run.
    `delivered` is the sink's record of what it wrote (JSON, see sinks/delivered.py), the base of the
    three-way merge that keeps analysts' changes; "" means no record (an older state, or a lost one).
    `origin` is the path the event's UUIDs derive from when it is not `identity`: a report renamed or moved
    without a front matter `id` keeps the event of its first path (moves.py `renames`); "" for its own.
    `digest` is the source's digest of the report delivered (its content alone, whatever the settings): a
    renamed report is found by it in a run that also re-converts every report (an upgrade).
    `sketch` is the delivered event's title and a short hash of each indicator and cluster (likeness.py): a
    report renamed and edited in one run on a folder is found by it."""

    identity: str
    event_uuid: str
    input_hash: str
    event_hash: str
    status: str
    detail: str = ""
    delivered: str = ""
    origin: str = ""
    digest: str = ""
    sketch: str = ""

    @property
    def record(self) -> dict[str, Any] | None:
        """The delivery record as data, or None when there is none."""
        if not self.delivered:
            return None
        try:
            value = json.loads(self.delivered)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None


class StateStore:
    """SQLite file in the state folder; every `save` is its own transaction, so a crash loses at most the
    report being delivered, and the next run asks the sink about that one again."""

    def __init__(self, folder: Path, sink: str, read_only: bool = False) -> None:
        """`read_only` (dry runs) creates nothing: a missing state reads as empty."""
        self.folder, self.sink = folder, sink
        path = folder / "state.sqlite3"
        if read_only:
            target = f"{path.resolve().as_uri()}?mode=ro" if path.exists() else "file::memory:"
            self._db = sqlite3.connect(target, uri=True, isolation_level=None)
            if not path.exists():
                self._db.execute(SCHEMA)
            self._columns = self._existing_columns()
            return
        folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(SCHEMA)
        for column, migration in MIGRATIONS.items():
            if column not in self._existing_columns():
                self._db.execute(migration)
        self._columns = self._existing_columns()

    def _existing_columns(self) -> set[str]:
        return {row[1] for row in self._db.execute("PRAGMA table_info(delivery)")}

    def close(self) -> None:
        self._db.close()

    def all(self) -> dict[str, Delivery]:
        selected = ", ".join(c if c in self._columns else "''" for c in COLUMNS)
        rows = self._db.execute(f"SELECT {selected} FROM delivery WHERE sink = ?", (self.sink,))
        return {row[0]: Delivery(*row) for row in rows}

    def save(self, delivery: Delivery) -> None:
        self._db.execute(
            f"INSERT OR REPLACE INTO delivery (sink, {', '.join(COLUMNS)}) VALUES ({PLACES})",
            (
                self.sink,
                delivery.identity,
                delivery.event_uuid,
                delivery.input_hash,
                delivery.event_hash,
                delivery.status,
                delivery.detail,
                delivery.delivered,
                delivery.origin,
                delivery.digest,
                delivery.sketch,
            ),
        )

    def forget(self, identity: str) -> None:
        self._db.execute("DELETE FROM delivery WHERE sink = ? AND identity = ?", (self.sink, identity))


@contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """Hold `folder/lock` for the whole run; the kernel drops it if the process dies, so no stale lock."""
    handle = acquire(
        folder / "lock",
        lambda holder: StateLocked(
            f"{folder}: another sync is running on this state folder (pid {holder}); wait for it to finish, "
            "or give this run its own --state-dir"
        ),
    )
    try:
        yield
    finally:
        release(handle)
