"""The `feed` sink: a MISP feed folder (manifest.json, <uuid>.json, hashes.csv) updated incrementally.

MISP pulls an event only when its manifest timestamp grows, and removes an attribute only when the feed
carries it as deleted with a newer timestamp (../shared/misp-feeds.md). So an unchanged event keeps its
file and timestamps; a changed one gets the run's time on what changed; a removed attribute, report or
tag stays in the file as a deletion.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pymisp import MISPEvent, MISPOrganisation

from ....errors import MispReportError
from ...files import write_atomically
from ..lock import acquire, release
from . import Outcome, retired_copy
from .diff import by_uuid, compare_attribute, deleted, diff_events, normal

log = logging.getLogger(__name__)
FLUSH_EVERY = 200
DIRTY = ".manifest-dirty"
LOCK = ".lock"
ORG_NAMESPACE = uuid.UUID("2f0d3c1c-9d5e-5b8e-8f41-5a1f3e0b7c21")


def stamp(
    wanted: list[dict[str, Any]],
    stored: list[dict[str, Any]],
    now: int,
    unchanged: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> list[dict[str, Any]]:
    """Wanted items keep their stored timestamp when unchanged, else get `now`; stored items no longer
    wanted stay as deletions (stamped `now` the first time)."""
    old = by_uuid(stored)
    out = []
    for item in wanted:
        previous = old.get(item["uuid"])
        keep = previous is not None and not deleted(previous) and unchanged(item, previous)
        out.append({**item, "timestamp": previous["timestamp"] if keep else str(now)})
    wanted_uuids = {item["uuid"] for item in wanted}
    for item in stored:
        if item["uuid"] not in wanted_uuids:
            out.append(item if deleted(item) else {**item, "deleted": True, "timestamp": str(now)})
    return out


def feed_view(value: Any) -> Any:
    """The event as a feed carries it: no distribution or sharing group (MISP sets them from the feed's
    own settings when it pulls), so these never count as a change."""
    if isinstance(value, dict):
        return {k: feed_view(v) for k, v in value.items() if k not in ("distribution", "sharing_group_id")}
    if isinstance(value, list):
        return [feed_view(v) for v in value]
    return value


def same_report(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(normal(k, a.get(k)) == normal(k, b.get(k)) for k in ("name", "content"))


class FeedLocked(MispReportError):
    """Another sync writes the feed folder."""


class FeedSink:
    """Writes one `<uuid>.json` per event; manifest.json and hashes.csv are rewritten every FLUSH_EVERY
    events and at the end. Only the run holding the feed folder's lock (`.lock`) writes in it, whatever its
    state folder. A manifest that does not list exactly the event files present (a crash, or two syncs of
    an older version on one feed) is rebuilt from the event files when the lock is taken."""

    def __init__(
        self,
        folder: Path,
        publish: str = "never",
        org_name: str = "misp-report",
        org_uuid: str | None = None,
        retired_tag: str = "misp-report:retired",
        clock: Callable[[], int] = lambda: int(time.time()),
        read_only: bool = False,
    ) -> None:
        """`read_only` (dry runs) reads the folder as it is and never writes."""
        self.folder, self.publish, self.retired_tag, self.clock = folder, publish, retired_tag, clock
        self.org = MISPOrganisation()
        self.org.from_dict(name=org_name, uuid=org_uuid or str(uuid.uuid5(ORG_NAMESPACE, org_name)))
        self.name = f"feed:{folder.resolve()}"
        self._pending = 0
        self._lock: int | None = None
        self._writing = False
        if read_only:
            self.manifest, self.hashes = self._load()
            return
        self._lock = acquire(
            folder / LOCK,
            lambda holder: FeedLocked(
                f"{folder}: another sync is writing this feed folder (pid {holder}); wait for it to finish "
                "(syncs with different state folders must not share a feed folder)"
            ),
        )
        if (folder / DIRTY).exists():
            log.warning("%s: the last run stopped before writing the manifest; rebuilding it", folder)
            self.manifest, self.hashes = self._rebuild()
            self._flush()
            return
        self.manifest, self.hashes = self._load()
        if set(self.manifest) != self._event_files():
            log.warning("%s: manifest.json does not list exactly the event files present; rebuilding it", folder)
            self.manifest, self.hashes = self._rebuild()
            self._flush()

    def _event_files(self) -> set[str]:
        return {path.stem for path in self.folder.glob("*.json") if path.name != "manifest.json"}

    def _load(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        manifest_path, hashes_path = self.folder / "manifest.json", self.folder / "hashes.csv"
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
        except ValueError:
            manifest = {}  # unreadable: rebuilt from the event files
        if not isinstance(manifest, dict):
            manifest = {}
        hashes: dict[str, list[str]] = {}
        if hashes_path.exists():
            for line in hashes_path.read_text(encoding="utf-8").splitlines():
                value, _, event_uuid = line.partition(",")
                hashes.setdefault(event_uuid, []).append(value)
        return manifest, hashes

    def _rebuild(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        manifest: dict[str, Any] = {}
        hashes: dict[str, list[str]] = {}
        for event_uuid in sorted(self._event_files()):
            try:
                entry, values = self._meta(self._read(event_uuid) or {})
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("%s/%s.json: not a MISP event (%s); left out of the manifest", self.folder, event_uuid, exc)
                continue
            manifest.update(entry)
            hashes[event_uuid] = values
        return manifest, hashes

    def _read(self, event_uuid: str) -> dict[str, Any] | None:
        path = self.folder / f"{event_uuid}.json"
        return json.loads(path.read_text(encoding="utf-8"))["Event"] if path.exists() else None

    def _meta(self, feed_event: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The manifest entry and the value hashes of one feed event, as PyMISP's feed generator makes them."""
        event = MISPEvent()
        event.load({"Event": feed_event})
        entry = event.manifest
        for value in entry.values():
            value["Tag"] = [t for t in value["Tag"] if not t.get("deleted")]
        live = [a for a in event.attributes if not a.get("deleted")]
        return entry, [h for a in live for h in a.hash_values("md5")]

    def _flush(self) -> None:
        write_atomically(self.folder / "manifest.json", json.dumps(self.manifest, indent=1, sort_keys=True))
        lines = [f"{h},{u}\n" for u in sorted(self.hashes) for h in self.hashes[u]]
        write_atomically(self.folder / "hashes.csv", "".join(lines))
        (self.folder / DIRTY).unlink(missing_ok=True)
        self._pending = 0

    def close(self) -> None:
        """Write the manifest and release the folder. A run stopped in the middle of writing an event
        leaves the marker instead, and the next run rebuilds the manifest from the event files."""
        if self._pending and not self._writing:
            self._flush()
        if self._lock is not None:
            release(self._lock)
            self._lock = None

    def connect(self) -> None:
        """The folder is taken when the sink is made: nothing to connect."""

    def check_access(self) -> None:
        """A folder needs no key: nothing to check."""

    def run_warnings(self) -> list[str]:
        """The feed is the sink's own folder: no galaxies to match, no analysts to keep."""
        return []

    def _write(self, wanted: dict[str, Any], stored: dict[str, Any] | None) -> None:
        self._writing = True
        self._write_event(wanted, stored)
        self._writing = False

    def _write_event(self, wanted: dict[str, Any], stored: dict[str, Any] | None) -> None:
        now = max(self.clock(), int(stored["timestamp"]) + 1 if stored else 0)
        old = stored or {}
        feed_event = {k: v for k, v in wanted.items() if k not in ("Attribute", "EventReport", "Tag")}
        feed_event["Attribute"] = stamp(
            wanted.get("Attribute", []), old.get("Attribute", []), now, lambda a, b: compare_attribute(a, b) is None
        )
        feed_event["EventReport"] = stamp(wanted.get("EventReport", []), old.get("EventReport", []), now, same_report)
        wanted_tags = {t["name"] for t in wanted.get("Tag", [])}
        removed_tags = {t["name"] for t in old.get("Tag", []) if t["name"] not in wanted_tags}
        feed_event["Tag"] = [*wanted.get("Tag", []), *({"name": name} for name in sorted(removed_tags))]
        feed_event["published"] = self.publish != "never"
        feed_event["timestamp"] = feed_event["publish_timestamp"] = str(now)
        event = MISPEvent()
        event.load({"Event": feed_event})
        event.Orgc = self.org
        output = event.to_feed(with_distribution=False)
        for tag in output["Event"].get("Tag", []):
            if tag["name"] in removed_tags:
                # PyMISP's to_feed drops a tag's `deleted` key; MISP's pull (an event edit) detaches a tag sent so.
                tag["deleted"] = True
        (self.folder / DIRTY).touch()
        write_atomically(self.folder / f"{event.uuid}.json", json.dumps(output, indent=1, sort_keys=True))
        entry, values = self._meta(output["Event"])
        self.manifest.update(entry)
        self.hashes[event.uuid] = values
        self._pending += 1
        if self._pending >= FLUSH_EVERY:
            self._flush()

    def upsert_event(
        self,
        wanted: dict[str, Any],
        *,
        dry_run: bool = False,
        expect_new: bool = False,
        delivered: dict[str, Any] | None = None,
    ) -> Outcome:
        wanted = feed_view(wanted)
        stored = self._read(wanted["uuid"])
        diff = diff_events(wanted, stored)
        action = "unchanged" if diff.empty else "created" if diff.created else "updated"
        if not (dry_run or diff.empty):
            self._write(wanted, stored)
        return Outcome(action, diff.lines())

    def retire_event(
        self, event_uuid: str, policy: str, *, dry_run: bool = False, delivered: dict[str, Any] | None = None
    ) -> Outcome:
        stored = self._read(event_uuid)
        if policy == "keep" or stored is None:
            return Outcome("retired", [])
        wanted = retired_copy({k: v for k, v in stored.items() if k not in ("timestamp",)}, policy, self.retired_tag)
        for key in ("Attribute", "EventReport", "Tag"):
            wanted[key] = [item for item in wanted.get(key, []) if not deleted(item)]
        diff = diff_events(wanted, stored)
        if not (dry_run or diff.empty):
            self._write(wanted, stored)
        return Outcome("retired", diff.lines())
