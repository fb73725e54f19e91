"""One indicator found in a section's text (`Hit`): what the scanner, the classifier and the context rules of the
indicator extractor pass between them, kept apart so that each of those modules can import it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Hit:
    """One indicator found in a section's (refanged) text, with the reasons it is not an IDS value."""

    type: str
    value: str
    start: int
    end: int
    defanged: bool = False
    notes: list[str] = field(default_factory=list)
    not_ids: bool = False
    in_reference: bool = False
    quoted: bool = False
    listed: bool = False  # on a list item or a table row: the report's own list, not a prose mention
    # written with invisible or look-alike characters (indicator_invisible): never a plain mention
    masked: bool = False
    actors: bool = False  # the report makes it the actor's own file (fake, renamed to, the actor's): never cleared
