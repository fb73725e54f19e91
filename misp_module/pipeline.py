"""The core in one call: report bytes → MISP event (read → extract → build). No network, no file writes."""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
import uuid
from collections.abc import Callable

from pymisp import MISPEvent

from . import __version__
from .budget import conversion_budget
from .build.event import build_event
from .build.identity import EVENT_NAMESPACE
from .extract import extract
from .knowledge.data import data_dir
from .read.reader import read_report_in_template
from .read.templates import bundled_templates_dir
from .settings import Settings


def convert_bytes(
    data: bytes,
    *,
    identity: str,
    name: str,
    settings: Settings,
    fallback_date: datetime.date | Callable[[], datetime.date] | None = None,
    namespace: uuid.UUID | None = None,
    template: str | None = None,
) -> MISPEvent:
    """Convert one report. `identity` is its stable id (repository path); `name` names it in errors.

    `fallback_date` is the date of a report that states none (a function is called only then: a `git log`
    per report is saved where reports give their dates). `namespace` changes every UUID of the event: the
    misp-modules shims pass one derived from the target event so their attributes never collide with the sync
    job's. Raises `ReportError` for bad input, and for a report over its budget of CPU time or indicators
    (misp_module.budget).
    """
    with conversion_budget(name, len(data)):
        report, report_template = read_report_in_template(
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
            report_template,
            settings,
            namespace=namespace or EVENT_NAMESPACE,
        )


# The packages whose data shapes an event besides our own code: upgrading one re-converts every report.
KNOWLEDGE_PACKAGES = ("pymisp", "pymispgalaxies", "pymispwarninglists", "pytaxonomies", "wordfreq")


def conversion_fingerprint(settings: Settings) -> str:
    """A digest of everything besides the report's bytes that shapes its event: this package's version, the
    MISP knowledge packages' versions, our data files, the templates and the settings. The sync job re-converts
    a report when it changes, so an upgrade or a template edit reaches events already delivered."""
    digest = hashlib.sha256(f"misp-report {__version__}\n{settings!r}\n".encode())
    for package in KNOWLEDGE_PACKAGES:
        digest.update(f"{package} {importlib.metadata.version(package)}\n".encode())
    folders = [data_dir(), bundled_templates_dir()]
    if settings.templates_dir is not None:
        folders.append(settings.templates_dir)
    for folder in folders:
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.json.gz")]):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
