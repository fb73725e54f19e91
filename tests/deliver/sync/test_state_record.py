"""The delivery record in the state: a state written by an older version (no record column) still opens,
read-only too, and gains the column; a record saved is read back as data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from misp_module.deliver.sync.state import Delivery, StateStore

OLD_SCHEMA = """CREATE TABLE delivery (sink TEXT NOT NULL, identity TEXT NOT NULL, event_uuid TEXT NOT NULL,
input_hash TEXT NOT NULL, event_hash TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '',
PRIMARY KEY (sink, identity))"""


def old_state(folder: Path) -> None:
    folder.mkdir()
    db = sqlite3.connect(folder / "state.sqlite3")
    db.execute(OLD_SCHEMA)
    db.execute("INSERT INTO delivery VALUES ('misp:x', 'a.txt', 'u1', 'i1', 'e1', 'ok', '')")
    db.commit()
    db.close()


def test_an_older_state_opens_read_only_and_then_gains_the_record(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    old_state(folder)
    reader = StateStore(folder, "misp:x", read_only=True)
    assert reader.all()["a.txt"].record is None
    reader.close()

    store = StateStore(folder, "misp:x")
    assert store.all()["a.txt"].record is None
    record = {"version": 1, "tags": ["tlp:amber"]}
    store.save(Delivery("a.txt", "u1", "i2", "e2", "ok", "", json.dumps(record)))
    store.close()
    assert StateStore(folder, "misp:x").all()["a.txt"].record == record


def test_an_older_state_gains_the_origin_and_digest_of_renamed_reports(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    old_state(folder)
    assert StateStore(folder, "misp:x", read_only=True).all()["a.txt"].origin == ""
    store = StateStore(folder, "misp:x")
    assert (store.all()["a.txt"].origin, store.all()["a.txt"].digest) == ("", "")
    store.save(Delivery("2025/a.txt", "u1", "i2", "e2", "ok", "", "", origin="a.txt", digest="d1"))
    store.close()
    moved = StateStore(folder, "misp:x").all()["2025/a.txt"]
    assert (moved.event_uuid, moved.origin, moved.digest) == ("u1", "a.txt", "d1")
