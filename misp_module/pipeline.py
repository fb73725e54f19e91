"""The core in one call: report bytes → MISP event (read → extract → build). No network, no file writes."""

from __future__ import annotations

import datetime
import uuid

from pymisp import MISPEvent

from .build.event import build_event
from .build.identity import EVENT_NAMESPACE
from .extract import extract
from .read.reader import read_report
from .read.templates import template_by_name
from .settings import Settings


def convert_bytes(
    data: bytes,
    *,
    identity: str,
    name: str,
    settings: Settings,
    fallback_date: datetime.date | None = None,
    namespace: uuid.UUID | None = None,
    template: str | None = None,
) -> MISPEvent:
    """Convert one report. `identity` is its stable id (repository path); `name` names it in errors.

    `namespace` changes every UUID of the event: the misp-modules shims pass one derived from the target
    event so their attributes never collide with the sync job's. Raises `ReportError` for bad input.
    """
    report = read_report(
        data,
        identity=identity,
        name=name,
        max_bytes=settings.max_report_bytes,
        template=template or settings.template,
        templates_dir=settings.templates_dir,
        fallback_date=fallback_date,
    )
    findings = extract(report, settings)
    return build_event(
        report,
        findings,
        template_by_name(report.template, settings.templates_dir),
        settings,
        namespace=namespace or EVENT_NAMESPACE,
    )
