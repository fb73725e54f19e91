"""When an ATT&CK technique named in a report counts (mitre-attack-pattern galaxy): its ID anywhere, its name
under TTPs (anywhere in a report without TTPs) unless the sentence names other IDs, or the technique belongs to a
matrix of a platform the report does not name. Kept apart for the technique recogniser that will replace it."""

from __future__ import annotations

import re

from ..knowledge.galaxies import Name
from .galaxy_cues import Cues
from .galaxy_places import Found

# An ATT&CK technique ID as a report writes it ("T1219", "T1059.006").
_TECHNIQUE_ID = re.compile(r"(?<![\w.])T\d{4}(?:\.\d{3})?(?!\w|\.\d)", re.IGNORECASE)


def technique_counts(name: Name, found: Found, cues: Cues, has_ttps: bool, platforms: set[str]) -> bool:
    """Whether a technique name or ID counts at its place (its role is always `uses`)."""
    role = found.part.role
    if name.is_id:
        return True
    if role == "mitigations" or (has_ttps and role != "ttps"):
        return False
    matrix_platforms = cues.matrix_platforms.get(name.cluster.matrix or "")
    if matrix_platforms and not matrix_platforms & platforms:
        return False
    written = {m.group().upper() for m in _TECHNIQUE_ID.finditer(found.sentence)}
    return not (written and name.cluster.external_id not in written)
