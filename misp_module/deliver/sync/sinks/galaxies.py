"""The galaxies of the target MISP: which of the clusters an event names it knows, and under which tag.

A cluster has the same UUID in `pymispgalaxies` (which the converter uses) and in MISP, but a MISP's
galaxies are rarely the same version: a cluster may be named differently there, or be missing. MISP
attaches a cluster to an event only for a tag name its galaxies hold; any other `misp-galaxy:` tag stays a
plain tag. So before writing, the sink asks MISP (one /galaxy_clusters/restSearch by UUID per event, for the
UUIDs not asked yet in this run) and writes MISP's own tag name where it differs; clusters MISP lacks are
still written, and listed once per run with what to do.

One UUID may name several clusters in MISP: misp-galaxy keeps the deprecated per-domain ATT&CK galaxies
(`mitre-enterprise-attack-intrusion-set` …) with the UUIDs of the current ones, and MISP loads them all.
A tag MISP holds under any of them is written as it is; a rename goes to MISP's name in the tag's own
galaxy where there is one.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import threading
from collections.abc import Callable
from functools import cache
from typing import Any

from ....knowledge.galaxies import galaxy_file
from ....knowledge.regex_cache import compiled
from . import SinkError, SinkUnavailable

log = logging.getLogger(__name__)
PREFIX = "misp-galaxy:"
GALAXY_TAG = compiled(r'^misp-galaxy:([A-Za-z0-9_.-]+)="(.*)"$', re.S)
UPDATE_ADVICE = (
    "update MISP's galaxies (Galaxies > Update Galaxies, or `app/Console/cake Admin updateGalaxies`) "
    "so that MISP attaches them as clusters"
)


@cache
def _cluster_uuids(galaxy: str) -> dict[str, str]:
    """Value → UUID of one galaxy as pymispgalaxies ships it ({} for a galaxy it does not have)."""
    try:
        values = json.loads(galaxy_file(galaxy).read_text(encoding="utf-8"))["values"]
    except (OSError, ValueError, KeyError):
        return {}
    table: dict[str, str] = {}
    for cluster in values:
        if isinstance(cluster, dict) and cluster.get("value") and cluster.get("uuid"):
            table.setdefault(str(cluster["value"]), str(cluster["uuid"]))
    return table


def cluster_uuid(tag: str) -> str | None:
    """The UUID of the cluster a `misp-galaxy:TYPE="VALUE"` tag names, in the galaxies we ship."""
    match = GALAXY_TAG.match(tag)
    if match is None:
        return None
    return _cluster_uuids(match.group(1)).get(match.group(2))


def _holders(event: dict[str, Any]) -> list[dict[str, Any]]:
    return [event, *event.get("Attribute", [])]


def galaxy_tags(event: dict[str, Any]) -> list[str]:
    """Every distinct `misp-galaxy:` tag of the event and of its attributes."""
    names = (t.get("name", "") for h in _holders(event) for t in h.get("Tag", []) if not t.get("deleted"))
    return list(dict.fromkeys(n for n in names if n.startswith(PREFIX)))


def unattached(answer: dict[str, Any], delivered: set[str]) -> list[str]:
    """The delivered `misp-galaxy:` tags MISP holds as plain tags: no cluster of that name attached."""
    problems = []
    for holder in _holders(answer):
        clusters = {
            str(c.get("tag_name", "")).lower()
            for galaxy in holder.get("Galaxy") or []
            for c in galaxy.get("GalaxyCluster") or []
        }
        for tag in holder.get("Tag") or []:
            name = tag.get("name", "")
            if name in delivered and name.startswith(PREFIX) and name.lower() not in clusters:
                problems.append(name)
    return list(dict.fromkeys(problems))


def _same_galaxy(tag: str, names: list[str]) -> str:
    """MISP's name of the cluster in the galaxy of `tag`, else its first name."""
    galaxy = tag.split("=", 1)[0] + "="
    return next((n for n in names if n.startswith(galaxy)), names[0])


class TargetGalaxies:
    """What one MISP knows of the clusters the sync writes, asked once per cluster per run (thread-safe:
    several events may be written at once). `search(uuids)` returns MISP's clusters of those UUIDs."""

    def __init__(self, search: Callable[[list[str]], list[dict[str, Any]]]) -> None:
        self._search = search
        self._changed = threading.Condition()
        self._asking: set[str] = set()  # UUIDs another writer thread is asking MISP about right now
        self.names: dict[str, list[str] | None] = {}  # cluster UUID → MISP's tag names, None: MISP lacks it
        self.missing: dict[str, str] = {}  # tag → cluster UUID, for clusters MISP lacks
        self.unavailable: str | None = None

    def _lookup(self, uuids: set[str]) -> None:
        """Know MISP's names of `uuids`: ask for those nobody asked yet (outside the lock, so the other
        writers go on), wait for those another thread is asking about."""
        with self._changed:
            self._changed.wait_for(lambda: not (uuids & self._asking))
            needed = sorted(u for u in uuids if u not in self.names)
            if self.unavailable is not None or not needed:
                return
            self._asking.update(needed)
        found: dict[str, list[str]] | None = None  # stays None when the search fails: ask again next time
        try:
            answer: dict[str, list[str]] = {}
            for cluster in self._search(needed):
                if cluster.get("tag_name"):
                    answer.setdefault(str(cluster.get("uuid")), []).append(str(cluster["tag_name"]))
            found = answer
        except SinkUnavailable:
            raise
        except SinkError as exc:  # an older MISP, a role without access: check after writing only
            self.unavailable = str(exc)
            log.warning("cannot ask MISP which galaxy clusters it has (%s): tags are written as shipped", exc)
        finally:
            with self._changed:
                if found is not None:
                    self.names.update({u: found.get(u) or None for u in needed})
                self._asking.difference_update(needed)
                self._changed.notify_all()

    def translate(self, wanted: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """`wanted` with MISP's tag names for the clusters it names differently, and a line per rename."""
        tags = {tag: cluster_uuid(tag) for tag in galaxy_tags(wanted)}
        self._lookup({u for u in tags.values() if u})
        with self._changed:
            if self.unavailable is not None:
                return wanted, []
            renames: dict[str, str] = {}
            for tag, uuid in tags.items():
                if uuid is None:
                    continue
                names = self.names.get(uuid)
                if names is None:
                    self.missing[tag] = uuid
                elif tag.lower() not in {n.lower() for n in names}:  # MISP matches tag names ignoring case
                    renames[tag] = _same_galaxy(tag, names)
        if not renames:
            return wanted, []
        translated = copy.deepcopy(wanted)
        for holder in _holders(translated):
            for tag in holder.get("Tag", []):
                tag["name"] = renames.get(tag.get("name", ""), tag.get("name", ""))
        lines = [
            f"galaxy tag {old} written as {new} (MISP's name of cluster {tags[old]})" for old, new in renames.items()
        ]
        return translated, lines

    def run_warnings(self) -> list[str]:
        """One warning for the run: the clusters this MISP's galaxies lack."""
        if not self.missing:
            return []
        listed = ", ".join(sorted(self.missing))
        return [
            f"MISP's galaxies lack {len(self.missing)} cluster(s) the reports name; they were written as plain "
            f"tags: {listed}. To fix: {UPDATE_ADVICE}, then rerun"
        ]
