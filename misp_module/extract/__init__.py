"""Extract stage: a `Report` → `Findings` (indicators, galaxy clusters, tags), one extractor per kind."""

from __future__ import annotations

from ..read.report import Report
from ..settings import Settings
from .descriptive import descriptive_findings
from .findings import Findings
from .galaxies import galaxy_findings
from .indicators import indicator_findings
from .taxonomy_tags import taxonomy_findings


def extract(report: Report, settings: Settings) -> Findings:
    """Run every extractor over the report; each is a pure function of the report and MISP knowledge."""
    findings = Findings()
    findings.extend(descriptive_findings(report))
    findings.extend(galaxy_findings(report, settings))
    findings.extend(taxonomy_findings(report))
    findings.extend(indicator_findings(report, settings))
    return findings
