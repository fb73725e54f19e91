"""Findings: what extraction found in a report, each knowing the section role it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AttributeFinding:
    """A value to become a MISP attribute. None for category/to_ids means MISP's default for the type."""

    type: str
    value: str
    category: str | None = None
    to_ids: bool | None = None
    comment: str = ""
    role: str = ""
    tags: tuple[str, ...] = ()
    disable_correlation: bool = False


@dataclass(frozen=True)
class TagFinding:
    """An event tag (taxonomy or `misp-galaxy:TYPE="VALUE"`), with the role it plays where MISP has one."""

    name: str
    relationship_type: str | None = None
    local: bool = False


@dataclass(frozen=True)
class MentionFinding:
    """A galaxy cluster the report names in passing (extract/galaxy_mentions): no tag, listed in the event report by
    its tag name under its kind (actor, malware, tool, location, sector, technique)."""

    name: str
    kind: str


@dataclass
class Findings:
    """Everything extracted from one report; the build stage turns it into a MISP event."""

    attributes: list[AttributeFinding] = field(default_factory=list)
    tags: list[TagFinding] = field(default_factory=list)
    mentions: list[MentionFinding] = field(default_factory=list)

    def extend(self, other: Findings) -> None:
        """Add another extractor's findings (duplicates are merged by the build stage)."""
        self.attributes.extend(other.attributes)
        self.tags.extend(other.tags)
        self.mentions.extend(other.mentions)
