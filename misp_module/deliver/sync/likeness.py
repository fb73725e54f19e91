"""Reports renamed and edited in one run, on a source that cannot say so itself (a folder): the gone report
and the new one are paired by what their events share, so the analysts' work stays in the event.

A delivered report leaves a sketch of its event in the state (`sketch`): its title and a short hash of each
indicator (type and value) and galaxy cluster. A new path and a gone one are the same report when

- most of their indicators and clusters are the same (the Dice coefficient of the two sets, LIKE_ITEMS),
- and much of the title is the same (the Dice coefficient of its words, LIKE_TITLE),

and the pairing is one to one: a gone report like two new ones (a report split in two, a copy) or a new one
like two gone ones (two reports merged) is refused, the reports named, until a front matter `id` says which
event each report has. A report with a front matter `id` is never paired: its `id` decides.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ...knowledge.regex_cache import compiled
from .state import Delivery

LIKE_ITEMS = 0.5  # "most of the same indicators and clusters": at least half of both sets together
LIKE_TITLE = 0.5  # the title may be edited, not replaced
# What a source adds about its history, not the report's content (git: the commit that last changed it).
HISTORY_TYPES = frozenset({"git-commit-id"})
HISTORY_COMMENT = "Commit that last changed"
WORD = compiled(r"\w+")


def item_key(kind: str, value: Any) -> str:
    return hashlib.sha256(f"{kind}\x1f{value}".encode()).hexdigest()[:16]


def sketch(event: dict[str, Any]) -> str:
    """The sketch to save for a delivered event (JSON): its title and its items' short hashes."""
    items = {
        item_key(a["type"], a["value"])
        for a in event.get("Attribute", [])
        if a["type"] not in HISTORY_TYPES and not str(a.get("comment", "")).startswith(HISTORY_COMMENT)
    }
    items.update(item_key("tag", t["name"]) for t in event.get("Tag", []) if t["name"].startswith("misp-galaxy:"))
    return json.dumps({"title": str(event.get("info", "")), "items": sorted(items)})


def sketch_of(delivery: Delivery) -> dict[str, Any] | None:
    """A delivery's sketch; for one saved before sketches were, the misp sink's record gives the same."""
    if delivery.sketch:
        try:
            value = json.loads(delivery.sketch)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None
    record = delivery.record
    if record is None:
        return None
    event = {
        "info": record.get("fields", {}).get("info", ""),
        "Attribute": [a for a in record.get("attributes", {}).values() if "type" in a and "value" in a],
        "Tag": [{"name": t} for t in record.get("tags", [])],
    }
    return json.loads(sketch(event))


def dice(first: set[str], second: set[str]) -> float:
    return 2 * len(first & second) / (len(first) + len(second)) if first or second else 0.0


def words(title: str) -> set[str]:
    return {w.lower() for w in WORD.findall(title)}


@dataclass(frozen=True)
class Likeness:
    shared: int  # items in common
    items: int  # items of the gone report
    title: float

    def describe(self) -> str:
        return f"{self.shared} of its {self.items} indicators and clusters, and most of its title"


def likeness(gone: dict[str, Any], new: dict[str, Any]) -> Likeness | None:
    """How the new report's sketch is like the gone one's, or None when it is not the same report."""
    before, after = set(gone.get("items", [])), set(new.get("items", []))
    title = dice(words(str(gone.get("title", ""))), words(str(new.get("title", ""))))
    if dice(before, after) < LIKE_ITEMS or title < LIKE_TITLE:
        return None
    return Likeness(len(before & after), len(before), title)


@dataclass
class Pairing:
    """`found`: new path → (the gone delivery it continues, how alike); `refused`: path → why (a new path
    like several gone ones or a gone one like several new ones); `held`: gone paths kept from retiring."""

    found: dict[str, tuple[Delivery, Likeness]] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    held: dict[str, str] = field(default_factory=dict)


def pair(gone: list[Delivery], new: dict[str, dict[str, Any]]) -> Pairing:
    """Pair gone deliveries with new paths' sketches (`new`: path → sketch of its event)."""
    sketches = {d.identity: s for d in gone if (s := sketch_of(d)) is not None}
    alike = {
        (d.identity, path): found
        for d in gone
        if d.identity in sketches
        for path, drawn in new.items()
        if (found := likeness(sketches[d.identity], drawn)) is not None
    }
    by_gone: dict[str, list[str]] = {}
    by_new: dict[str, list[str]] = {}
    for before, after in alike:
        by_gone.setdefault(before, []).append(after)
        by_new.setdefault(after, []).append(before)
    deliveries = {d.identity: d for d in gone}
    result = Pairing()
    for (before, after), found in sorted(alike.items()):
        if len(by_gone[before]) == 1 and len(by_new[after]) == 1:
            result.found[after] = (deliveries[before], found)
            continue
        result.refused.setdefault(after, refusal(after, deliveries, by_new[after], by_gone))
        for path in by_new[after]:
            result.held.setdefault(path, held(path, by_gone[path]))
    return result


def keeps(delivery: Delivery) -> str:
    """The front matter line that gives a report the event of `delivery` (the path its UUIDs derive from)."""
    return f"`id: {delivery.origin or delivery.identity}`"


def refusal(path: str, deliveries: dict[str, Delivery], gone: list[str], by_gone: dict[str, list[str]]) -> str:
    """Why a new path is neither paired nor a new event: it is like several gone reports, or one of several
    new reports like one gone report. Nothing is written until a front matter `id` decides."""
    if len(gone) > 1:
        olds = " and ".join(sorted(gone))
        ways = " or ".join(keeps(deliveries[g]) for g in sorted(gone))
        return (
            f"nothing was written: it is like {olds}, which are gone, so it may continue either event. To keep "
            f"one of them, write its id in this report's front matter ({ways}); for a new event, any other id"
        )
    before = gone[0]
    others = " and ".join(sorted(set(by_gone[before]) - {path}))
    return (
        f"nothing was written: it is like {before}, which is gone, and so is {others}, so either may continue "
        f"{before}'s event. Write {keeps(deliveries[before])} in the front matter of the report that continues it, "
        "and any other id in the other"
    )


def held(path: str, new: list[str]) -> str:
    return (
        f"not retired: its report may have been renamed to {' or '.join(sorted(new))} (see there); "
        "the event stays until a front matter id says which report continues it"
    )
