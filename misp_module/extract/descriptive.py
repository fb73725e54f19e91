"""Descriptive attributes a report states about itself: its actor, source, summary and victims."""

from __future__ import annotations

import re

from ..knowledge.regex_cache import compiled
from ..read.metadata import strip_markdown
from ..read.report import Report
from .findings import AttributeFinding, Findings

# MISP's `text` attributes are shown in one table cell: keep the summary to a readable length.
SUMMARY_MAX = 2000
_LIST_SPLIT = compiled(r"\s*(?:,|;|\band\b|\bas well as\b)\s*")
_PARENTHESES = compiled(r"\s*\([^()]*\)")


def actor_name(heading_value: str) -> tuple[str, str]:
    """'APT28 (Fancy Bear / Forest Blizzard)' → ('APT28', 'Fancy Bear / Forest Blizzard')."""
    plain = strip_markdown(heading_value)
    name = _PARENTHESES.sub("", plain).strip(" -–—:") or plain
    aliases = "; ".join(m.strip() for m in re.findall(r"\(([^()]*)\)", plain))
    return name, aliases


def victim_names(field_value: str) -> list[str]:
    """Victim organisations of a 'Victims:' line, without qualifiers in parentheses."""
    plain = _PARENTHESES.sub("", strip_markdown(field_value)).rstrip(".")
    names = []
    for part in _LIST_SPLIT.split(plain):
        part = re.sub(r"^(?:potentially|possibly|likely|including|such as|e\.g\.)\s+", "", part.strip())
        # A named organisation starts with a capital; "any user of the software" is a description, not a name.
        if part[:1].isupper() and len(part) <= 120:
            names.append(part)
    return names


def descriptive_findings(report: Report) -> Findings:
    """threat-actor, link, text summary and target-org attributes from the sections that state them."""
    findings = Findings()
    if report.actor:
        name, aliases = actor_name(report.actor)
        comment = f"Threat actor as named by the report; also: {aliases}" if aliases else "Threat actor"
        findings.attributes.append(AttributeFinding("threat-actor", name, comment=comment, role="actor"))
    if report.source_url:
        findings.attributes.append(
            AttributeFinding(
                "link",
                report.source_url,
                category="External analysis",
                to_ids=False,
                comment="Source of the report",
                role="source",
            )
        )
    summary = report.summary
    if summary:
        text = summary[:SUMMARY_MAX]
        findings.attributes.append(
            AttributeFinding(
                "text",
                text,
                category="Other",
                comment="Report summary",
                role="summary",
                disable_correlation=True,
            )
        )
    for value in report.field_values("victims"):
        for name in victim_names(value):
            findings.attributes.append(
                AttributeFinding(
                    "target-org",
                    name,
                    comment="Victim named under Targeting",
                    role="victims",
                    disable_correlation=True,
                )
            )
    return findings
