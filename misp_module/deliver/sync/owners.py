"""Which event each report of one sync run delivers to: moved, renamed and renamed-and-edited reports keep theirs.

Apart from the run loop (runner.py) because it is a question of identity, not of order or of writing: it is
answered from the state and the listing (and, for reports renamed and edited on a folder, from conversions the
runner hands over), holds per run what it decided, and sends no request. A report keeps its event when

- it has a front matter `id`: the id makes the event, wherever the file is (`owners`, `moved`);
- it was moved or renamed (moves.py: same content, or the git source says so) or renamed and edited
  (likeness.py: most of its indicators and title are the same): its event UUIDs derive from the earlier path
  (`origins`).

Two reports that would give one event are refused rather than merged: the second is a failure that names the first.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from ...build.identity import EVENT_NAMESPACE, event_uuid
from .conversion import Converted
from .likeness import pair, sketch
from .moves import is_new, renames
from .sources import SourceReport
from .state import Delivery


@dataclass
class Change:
    """A report that must be converted and offered to the sink: its listing, last delivery, input hash."""

    item: SourceReport
    previous: Delivery | None
    input_hash: str


@dataclass
class Claim:
    """What `Owners.claim` decided for one converted report: the change to deliver (its `previous` may be the
    delivery of a path it was moved from, `moved_from`), or why it is refused (`refusal`, with the event UUID the
    failure is recorded under)."""

    change: Change | None
    moved_from: str = ""
    refusal: str = ""
    event_uuid: str = ""


@dataclass
class Owners:
    """The per-run answers: event UUID → the listed report that has it (`owners`); event UUID → the delivery of a
    removed path (`moved`); listed path → the earlier path its event's UUIDs derive from (`origins`, a report
    renamed without a front matter id). From the likeness pairing: a new path like several gone reports (or one of
    several like one) → why it is refused (`refused`); a gone path such a pairing leaves open → why it is not
    retired (`held`); a new path's conversion made for the pairing, which its delivery reuses when the pairing
    left its origin as it was (`early`: the same task gives the same event)."""

    namespace: uuid.UUID | None = None
    owners: dict[str, str] = field(default_factory=dict)
    moved: dict[str, Delivery] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    held: dict[str, str] = field(default_factory=dict)
    early: dict[str, Converted] = field(default_factory=dict)

    @classmethod
    def of_run(
        cls,
        listed: list[SourceReport],
        known: dict[str, Delivery],
        removed: list[Delivery],
        fingerprint: str,
        namespace: uuid.UUID | None,
        renamed_to: Callable[[str], str | None] | None = None,
    ) -> Owners:
        """The answers known before any conversion: from the state, the listing and the source's renames."""
        seen = {item.identity for item in listed}
        # A front matter `id` makes the event: a report moved to another path keeps its event (and the
        # record of the old path), and two reports of one id are one event, which the second may not take.
        owners = cls(
            namespace,
            owners={d.event_uuid: i for i, d in sorted(known.items()) if i in seen and d.event_uuid},
            moved={d.event_uuid: d for d in removed if d.event_uuid},
            origins={i: d.origin for i, d in known.items() if i in seen and d.origin},
        )
        owners.origins.update(renames(listed, known, removed, fingerprint, renamed_to))
        return owners

    def unpaired(
        self, listed: list[SourceReport], known: dict[str, Delivery], removed: list[Delivery]
    ) -> tuple[list[Delivery], list[SourceReport]]:
        """The gone reports no rename was found for and the new paths that may be them, renamed and edited;
        nothing to pair (both empty) unless a gone one left a sketch or record to compare with. Only events that
        derive from a path are paired: one of a front matter id follows its id, wherever it is."""
        taken, own = set(self.origins.values()), self.namespace or EVENT_NAMESPACE
        gone = [
            d
            for d in removed
            if d.event_uuid == str(event_uuid(d.origin or d.identity, own)) and (d.origin or d.identity) not in taken
        ]
        new = [item for item in listed if is_new(item.identity, known) and item.identity not in self.origins]
        if not gone or not new or not any(d.sketch or d.delivered for d in gone):
            return [], []
        return gone, new

    def pair_alike(
        self, gone: list[Delivery], new: list[SourceReport], results: Iterator[Converted]
    ) -> list[tuple[str, str]]:
        """Pair `gone` with the `new` paths like them (likeness.py), given the new paths' conversions in order:
        a report renamed and edited in one run on a folder keeps its event. Returns a warning per pairing made
        (path, note): the analyst should know, and how to say otherwise."""
        own = self.namespace or EVENT_NAMESPACE
        drawn: dict[str, dict] = {}
        early: dict[str, Converted] = {}
        for item, result in zip(new, results, strict=False):
            early[item.identity] = result
            # a report with a front matter id is never paired: its id decides its event
            if result.wanted is not None and result.event_uuid == str(event_uuid(item.identity, own)):
                drawn[item.identity] = json.loads(sketch(result.wanted))
        pairing = pair(gone, drawn)
        # a paired report is converted again with the gone path as its origin; a refused one is not delivered
        self.early = {p: r for p, r in early.items() if p not in pairing.found and p not in pairing.refused}
        notes = []
        for path, (before, alike) in sorted(pairing.found.items()):
            self.origins[path] = before.origin or before.identity
            note = (
                f"taken as {before.identity} renamed and edited ({alike.describe()} are the same): it keeps that "
                "event and the analysts' work in it; for a new event instead, give it a front matter `id`"
            )
            notes.append((path, note))
        self.refused, self.held = pairing.refused, pairing.held
        return notes

    def claim(self, change: Change, result: Converted) -> Claim:
        """The change, taking over the delivery of a path the report was moved from; refused when another report
        of this run already has its event (the same front matter `id`) or its event is not the one it has."""
        identity = change.item.identity
        owner = self.owners.setdefault(result.event_uuid, identity)
        if owner != identity:
            why = (
                f"{owner} was renamed from this path and keeps its event"
                if self.origins.get(owner) == identity
                else "the same front matter id?"
            )
            message = (
                f"{change.item.name}: its event {result.event_uuid} is the event of {owner} already ({why}): "
                "give each report its own id (front matter `id:`)"
            )
            return Claim(None, refusal=message)
        before = change.previous
        if before is not None and before.event_uuid and before.event_uuid != result.event_uuid:
            return Claim(None, refusal=self._new_id(change, result), event_uuid=before.event_uuid)
        moved_from = self.moved.get(result.event_uuid)
        if moved_from is not None and (before is None or not before.event_uuid):  # never delivered here
            return Claim(replace(change, previous=replace(moved_from, identity=identity)), moved_from.identity)
        return Claim(change)

    def _new_id(self, change: Change, result: Converted) -> str:
        """Why a listed report that has an event now gives another one (its front matter `id` was added,
        changed or removed: nothing else moves an event UUID), and the ways out. Nothing is written: a new
        event would duplicate every indicator and leave the analysts' work behind in one no run touches again."""
        assert change.previous is not None
        held, path = change.previous.event_uuid, change.previous.origin or change.item.identity
        keep = f"`id: {path}`" if str(event_uuid(path, self.namespace or EVENT_NAMESPACE)) == held else "its earlier id"
        return (
            f"{change.item.name}: its front matter id gives it another event ({result.event_uuid}) than the one it "
            f"has ({held}); nothing was written. To keep its event and the analysts' work in it, write {keep} in its "
            "front matter; for a new event, put the report in a new file (the old path's event is then handled as "
            "on_removed says)"
        )

    def moved_here(self, identity: str) -> Delivery | None:
        """For a renamed report that failed to convert: the delivery of the path it was renamed from, taken
        over all the same (its event and record stay this report's, and the gone path is not retired), so the
        next run, once the report converts, merges against that record."""
        origin = self.origins.get(identity)
        moved = next((d for d in self.moved.values() if (d.origin or d.identity) == origin), None) if origin else None
        if moved is None or self.owners.setdefault(moved.event_uuid, identity) != identity:
            return None
        return replace(moved, identity=identity)
