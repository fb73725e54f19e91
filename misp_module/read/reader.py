"""Read a report: decode, split front matter, pick the template and cut the text into sections."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..budget import check_time
from ..errors import ReportError
from .decode import require_content, without_controls, without_ligatures
from .formats import read_document
from .formats.html_page import article_html
from .formats.page_dates import page_dates
from .html_text import html_to_text, looks_like_html, with_page_description
from .metadata import first_paragraph, opening_sentence, split_front_matter, stated_source, strip_markdown
from .report import Report, Section
from .report_dates import report_date
from .templates import (
    MAX_HEADING_CHARS,
    SectionRule,
    Template,
    load_templates,
    render_title,
    template_by_name,
    title_placeholders,
)

PREAMBLE = "preamble"


@dataclass
class _OpenSection:
    role: str
    heading: str
    value: str | None
    start: int
    lines: list[str]


def split_sections(text: str, template: Template) -> list[Section]:
    """Cut the text at every line a section rule matches; text before the first heading is the preamble."""
    sections: list[_OpenSection] = [_OpenSection(PREAMBLE, "", None, 0, [])]
    offset = 0
    gate, pattern_rules = template.heading_gate, template.pattern_rules
    for line in text.splitlines(keepends=True):
        check_time()
        bare = line.rstrip("\n")
        if len(line) > MAX_HEADING_CHARS:
            rules: tuple[SectionRule, ...] = ()
        else:
            # A line no title rule takes is tried by the pattern rules only (the same first rule matches).
            rules = template.sections if gate is None or gate.match(bare) else pattern_rules
        for rule in rules:
            match = rule.pattern.match(bare)
            if match:
                value = match.groupdict().get("value")
                heading = strip_markdown(line)
                sections.append(
                    _OpenSection(rule.role, heading, strip_markdown(value) if value else None, offset + len(line), [])
                )
                break
        else:
            sections[-1].lines.append(line)
        offset += len(line)
    result = []
    for open_section in sections:
        body = "".join(open_section.lines)
        if open_section.role == PREAMBLE and not body.strip():
            continue
        fields = _fields(body, open_section.role, template)
        result.append(
            Section(open_section.role, open_section.heading, open_section.value, body, open_section.start, fields)
        )
    return result


def _fields(body: str, role: str, template: Template) -> dict[str, str]:
    """Labelled bullets of a section; a label given twice keeps both values, joined by a newline."""
    found: dict[str, str] = {}
    rules = [r for r in template.fields if r.section == role]
    if not rules:
        return found
    for line in body.splitlines():
        for rule in rules:
            match = rule.pattern.match(line)
            if match:
                value = match.group("value").strip()
                found[rule.role] = f"{found[rule.role]}\n{value}" if rule.role in found else value
                break
    return found


def choose_template(text: str, templates: tuple[Template, ...], name: str) -> tuple[Template, list[Section]]:
    """The most specific template whose headings the text of report `name` has (templates are ordered most
    specific first)."""
    for template in templates:
        sections = split_sections(text, template)
        roles = {s.role for s in sections if s.role != PREAMBLE}
        if len(roles) >= template.min_roles and (template.min_roles == 0 or roles):
            return template, sections
    raise ReportError(name, "no template applies; add a generic template with 'detect: {min_roles: 0}'")


def _title(template: Template, values: dict[str, str | None]) -> str | None:
    for line in template.titles:
        names = title_placeholders(line)
        if all(values.get(n) for n in names):
            return render_title(line, {n: values[n] or "" for n in names})
    return None


def read_report(
    data: bytes,
    *,
    identity: str,
    name: str,
    max_bytes: int,
    template: str | None = None,
    templates_dir: Path | None = None,
    fallback_date: datetime.date | Callable[[], datetime.date] | None = None,
) -> Report:
    """Turn the bytes of one report file into a `Report`; `ReportError` names the file and the reason.
    `fallback_date` (or the function that gives it, called only when the report states no date of its own)
    is the report's date otherwise."""
    return read_report_in_template(
        data,
        identity=identity,
        name=name,
        max_bytes=max_bytes,
        template=template,
        templates_dir=templates_dir,
        fallback_date=fallback_date,
    )[0]


def read_report_in_template(
    data: bytes,
    *,
    identity: str,
    name: str,
    max_bytes: int,
    template: str | None = None,
    templates_dir: Path | None = None,
    fallback_date: datetime.date | Callable[[], datetime.date] | None = None,
) -> tuple[Report, Template]:
    """`read_report`, and the template it read the report with (the one named `report.template`): the
    pipeline builds the event with it without looking the templates up again (a `scandir` of each template
    folder per look-up, which checks that no template was edited)."""
    document = read_document(data, name, max_bytes)
    front, body = split_front_matter(document.text, name)
    page = None
    if looks_like_html(name, body):
        page = page_dates(body)
        body = with_page_description(body, html_to_text(article_html(body)))
    body = without_ligatures(without_controls(body))
    require_content(body, name)
    if template:
        chosen = template_by_name(template, templates_dir)
        sections = split_sections(body, chosen)
    else:
        chosen, sections = choose_template(body, load_templates(templates_dir), name)
    actor = next((s.value for s in sections if s.role == "actor" and s.value), None)
    summary_section = next((s.text for s in sections if s.role == "summary" and s.text.strip()), None)
    summary = first_paragraph(summary_section or body)
    first_heading = next((s.value or s.heading for s in sections if s.heading), None)
    headline = opening_sentence(summary)
    values = {
        "headline": headline.rstrip(".") if headline else None,
        "actor": actor,
        "title": str(front["title"]).strip() if front.get("title") else first_heading,
    }
    # Last, the file's own name without its folders: the path a user typed can hold a home folder, and the title is
    # what every MISP user reads.
    title = _title(chosen, values) or headline or re.split(r"[\\/]", name)[-1] or name
    date = report_date(front, body, page=page, document=document.date)
    report = Report(
        identity=str(front.get("id") or identity),
        name=name,
        text=body,
        template=chosen.name,
        title=title,
        headline=headline,
        actor=actor,
        sections=tuple(sections),
        date=date or (fallback_date() if callable(fallback_date) else fallback_date),
        source_url=stated_source(front, body),
        summary=summary,
        metadata=front,
        date_stated=date is not None,
    )
    return report, chosen
