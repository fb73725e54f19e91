"""Assemble the MISP event of a report from its findings, with PyMISP's object model and validation."""

from __future__ import annotations

import datetime
import uuid

from pymisp import MISPEvent, MISPEventReport

from ..extract.findings import AttributeFinding, Findings, TagFinding
from ..read.report import Report
from ..read.templates import Template
from ..settings import Settings
from .event_report import also_named_section, report_markdown, report_name
from .identity import EVENT_NAMESPACE, attribute_uuid_text, event_uuid, report_uuid
from .new_objects import loaded_attribute, new_object, new_tag

# MISP truncates nothing but shows `info` in one line; longer titles are cut at a word boundary.
INFO_MAX = 250
# The event report's UUID derives from this fixed name, so an edited report replaces its predecessor.
EVENT_REPORT_NAME = "report"


def merge_attributes(findings: list[AttributeFinding]) -> list[AttributeFinding]:
    """One attribute per type and value: the first occurrence wins, comments of later ones are appended,
    and `to_ids` is kept when any occurrence asks for it."""
    merged: dict[tuple[str, str], AttributeFinding] = {}
    for finding in findings:
        key = (finding.type, finding.value)
        first = merged.get(key)
        if first is None:
            merged[key] = finding
            continue
        comment = first.comment
        if finding.comment and finding.comment not in comment:
            comment = f"{comment}; {finding.comment}" if comment else finding.comment
        to_ids = first.to_ids if finding.to_ids is None else bool(first.to_ids) or finding.to_ids
        tags = first.tags + tuple(t for t in finding.tags if t not in first.tags)
        merged[key] = AttributeFinding(
            first.type, first.value, first.category, to_ids, comment, first.role, tags, first.disable_correlation
        )
    return list(merged.values())


def _is_tlp(tag: TagFinding) -> bool:
    return tag.name.lower().startswith("tlp:")


def event_tags(template: Template, settings: Settings, found: list[TagFinding]) -> list[TagFinding]:
    """Template tags, then config tags, then found tags. An event carries one TLP: the report's own marking
    beats the config's (or a flag's), which beats the template's default."""
    layers = [[TagFinding(name) for name in template.tags], [TagFinding(name) for name in settings.tags], found]
    for index, layer in enumerate(layers):
        if any(_is_tlp(t) for t in layer):
            for earlier in range(index):
                layers[earlier] = [t for t in layers[earlier] if not _is_tlp(t)]
    unique: dict[str, TagFinding] = {}
    for tag in (tag for layer in layers for tag in layer):
        unique.setdefault(tag.name, tag)
    return list(unique.values())


def build_event(
    report: Report,
    findings: Findings,
    template: Template,
    settings: Settings,
    namespace: uuid.UUID = EVENT_NAMESPACE,
    today: datetime.date | None = None,
) -> MISPEvent:
    """The MISP event of one report: same report, template and settings → same JSON, byte for byte."""
    event = new_object(MISPEvent)
    event.uuid = str(event_uuid(report.identity, namespace))
    info = report.title if len(report.title) <= INFO_MAX else report.title[:INFO_MAX].rsplit(" ", 1)[0] + "…"
    event.info = info
    event.date = report.date or today or datetime.date.today()
    event.analysis = settings.event.analysis if settings.event.analysis is not None else template.event.analysis
    event.threat_level_id = (
        settings.event.threat_level_id if settings.event.threat_level_id is not None else template.event.threat_level_id
    )
    event.distribution = (
        settings.event.distribution if settings.event.distribution is not None else template.event.distribution
    )
    event.published = False
    # Appended directly, not through `add_tag`: PyMISP's check compares each new tag with every tag already
    # there through `to_dict()` (quadratic); `event_tags` already keeps one tag per name, which is stricter.
    event.Tag.extend(
        new_tag(t.name, t.local, t.relationship_type) for t in event_tags(template, settings, findings.tags)
    )
    event.edited = True
    parent = uuid.UUID(event.uuid)
    describe_types = event.describe_types
    for finding in merge_attributes(findings.attributes):
        # What `event.add_attribute` does (`from_dict` of the fields), as a new attribute marked edited: its
        # JSON export then need not search its fields for an edited child (a third of the export); no timestamp
        # to drop. Written by `loaded_attribute` without PyMISP's `__setattr__` layers, checked against
        # `from_dict` (which validates type, category and to_ids) on first use.
        attribute = loaded_attribute(
            describe_types,
            finding.type,
            finding.value,
            attribute_uuid_text(parent, finding.type, finding.value),
            finding.comment,
            finding.disable_correlation,
            finding.category,
            finding.to_ids,
        )
        event.attributes.append(attribute)
        # One tag per name, as `add_tag` would keep them, without its quadratic comparison.
        attribute.Tag.extend(new_tag(name) for name in dict.fromkeys(finding.tags))
    content = report_markdown(report)
    # The clusters named in passing close the report (extract/galaxy_mentions), unless the setting turns them off.
    if settings.also_named and (also_named := also_named_section(findings.mentions, content)):
        content += "\n" + also_named
    event_report = new_object(MISPEventReport)
    event_report.from_dict(
        name=report_name(report),
        content=content,
        distribution=5,
    )
    event_report.uuid = str(report_uuid(parent, EVENT_REPORT_NAME))
    # New, as the tags: its export need not search its fields for an edited child (it has no timestamp).
    event_report.edited = True
    event.EventReport.append(event_report)
    return event
