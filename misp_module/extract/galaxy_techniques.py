"""When an ATT&CK technique named in a report counts (mitre-attack-pattern galaxy): its ID anywhere, its name
under TTPs (anywhere in a report without TTPs) unless the sentence names other IDs, or the technique belongs to a
matrix of a platform the report does not name; and, through the technique recogniser (techniques.py), only the
recognitions the `techniques` setting chooses, a name only where its sentence has the adversary doing it, and no
name in a link's title."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..knowledge.galaxies import Name
from ..knowledge.regex_cache import compiled
from .galaxy_cues import Cues
from .galaxy_places import Found
from .techniques import IDS, NAMES, in_link_title, name_counts, section_weight, sentence_at

# An ATT&CK technique ID as a report writes it ("T1219", "T1059.006").
_TECHNIQUE_ID = compiled(r"(?<![\w.])T\d{4}(?:\.\d{3})?(?!\w|\.\d)", re.IGNORECASE)


def technique_counts(
    name: Name,
    found: Found,
    cues: Cues,
    has_ttps: bool,
    names_platform: Callable[[str], bool],
    recognition: tuple[str, ...],
) -> bool:
    """Whether a technique name or ID counts at its place (its role is always `uses`). `names_platform` says
    whether the report names a platform; it is asked only about the platforms of a technique's matrix."""
    role = found.part.role
    if name.is_id:
        return IDS in recognition
    if NAMES not in recognition or role == "mitigations" or (has_ttps and role != "ttps"):
        return False
    if section_weight(role, found.part.heading) <= 0:
        return False  # a name under "Recommendations" or "Detection" is the defender's, as in prose
    matrix_platforms = cues.matrix_platforms.get(name.cluster.matrix or "")
    if matrix_platforms and not any(names_platform(p) for p in matrix_platforms):
        return False
    written = {m.group().upper() for m in _TECHNIQUE_ID.finditer(found.sentence)}
    if written and name.cluster.external_id not in written:
        return False
    start, end = found.match.start - found.part.offset, found.match.end - found.part.offset
    if in_link_title(found.part.text, start, end):
        return False
    return name_counts(name.cluster, name.form, sentence_at(found.part.text, start, end), role, has_ttps)
