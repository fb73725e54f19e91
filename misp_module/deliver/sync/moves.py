"""Reports renamed or moved in the repository: which new path keeps which earlier path's event. Without a front
matter `id` a report's identity is its path, so a rename would otherwise make a second event, duplicate every
indicator and leave the analysts' work behind in a retired one (the runner asks this once per run)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from .sources import SourceReport
from .state import Delivery


def input_digest(fingerprint: str, digest: str) -> str:
    """A report's input hash: its content's digest under the settings that convert it."""
    return hashlib.sha256(f"{fingerprint}:{digest}".encode()).hexdigest()


def is_new(identity: str, known: dict[str, Delivery]) -> bool:
    """A path no event was ever delivered for: not in the state, or only its failures (a report whose first
    conversion failed is still new, and may still be a gone report's new path)."""
    before = known.get(identity)
    return before is None or (not before.event_uuid and not before.origin and before.status == "failed")


def renames(
    listed: list[SourceReport],
    known: dict[str, Delivery],
    removed: list[Delivery],
    fingerprint: str,
    renamed_to: Callable[[str], str | None] | None = None,
) -> dict[str, str]:
    """New path → the earlier path whose event it keeps: a report renamed or moved in the repository is the
    same report, and its analysts' work is in that event (a new event would duplicate every indicator and
    leave their work behind in a retired one). A gone path's report is the new path of the same content (the
    source's digest, whatever the settings), else the path the source says it was moved to (git: moved and
    edited in one commit). Each gone path is taken once; a front matter `id`, when the report has one,
    decides the event."""
    gone = [d for d in removed if d.event_uuid and d.status != "retired"]
    new = {item.identity: item for item in listed if is_new(item.identity, known)}
    if not gone or not new:
        return {}
    by_digest: dict[str, str] = {}
    by_input: dict[str, str] = {}  # for a delivery saved before the state kept digests
    for identity, item in new.items():
        by_digest.setdefault(item.digest, identity)
        by_input.setdefault(input_digest(fingerprint, item.digest), identity)
    found: dict[str, str] = {}
    for before in gone:
        after = by_digest.get(before.digest) if before.digest else by_input.get(before.input_hash or "-")
        if (after is None or after in found) and renamed_to is not None:
            after = renamed_to(before.identity)
        if after is None or after not in new or after in found:
            continue
        if (origin := before.origin or before.identity) != after:  # moved back: its own path again
            found[after] = origin
    return found
