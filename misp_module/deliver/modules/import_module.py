"""The import module `misp_report_import`: an uploaded or pasted report → the target event's attributes, tags
(galaxy clusters as `misp-galaxy:` tags) and an event report."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from ... import __version__
from ...errors import MispReportError
from ...read.templates import load_templates
from .answer import entry_points
from .request import (
    AUTO_TEMPLATE,
    TEMPLATE_TLP,
    TLP_TAGS,
    decode_upload,
    module_config,
    settings_from_config,
    target_namespace,
)
from .worker import convert_to_results

NAME = "misp_report_import"
# MISP shows Select options in a drop-down: long template descriptions are cut at a word boundary.
LABEL_MAX = 90
LOGGER = logging.getLogger(__name__)

MODULEINFO: dict[str, Any] = {
    "version": __version__,
    "author": "misp-report",
    "description": "Import a threat-intelligence report (text, markdown or HTML): its indicators, galaxy clusters, "
    "tags and the report itself as an event report.",
    "module-type": ["import"],
    "name": "Threat report import (misp-report)",
    "logo": "",
    "requirements": ["the misp-module Python package installed in the misp-modules environment"],
    "features": "Reads the report's sections with a template (picked automatically or chosen), extracts indicators "
    "and galaxy clusters, and returns them in the misp_standard format with UUIDs of the target event.",
    "references": [],
    "input": "A report file (.txt, .md, .html) or pasted report text.",
    "output": "MISP attributes, event tags and an event report.",
}
# Admin settings (Plugin.Import_misp_report_import_<name>); the analyst's choices are in USER_CONFIG.
MODULECONFIG = ["max_report_bytes"]
WARNINGLIST_OPTIONS = {
    "soft": "soft: keep values on a warninglist, with to_ids off",
    "drop": "drop: leave out values on a warninglist",
    "off": "off: do not check warninglists",
}


def _template_options() -> dict[str, str]:
    """Select options, value → label (MISP submits the value); never raises, `GET /modules` must answer."""
    options = {AUTO_TEMPLATE: "auto: pick the template from the report's headings"}
    try:
        templates = load_templates()
    except MispReportError as exc:
        LOGGER.error("%s: templates not loaded, only 'auto' offered: %s", NAME, exc)
        return options
    for template in templates:
        label = f"{template.name}: {template.description}" if template.description else template.name
        options[template.name] = label if len(label) <= LABEL_MAX else label[:LABEL_MAX].rsplit(" ", 1)[0] + "…"
    return options


def user_config() -> dict[str, dict[str, Any]]:
    """The questions MISP asks the analyst before the import."""
    return {
        "template": {
            "type": "Select",
            "message": "Report template",
            "options": _template_options(),
        },
        "default_tlp": {
            "type": "Select",
            "message": "TLP of the event when the report states none",
            "options": {TEMPLATE_TLP: "the template's default", **{tlp: tlp for tlp in TLP_TAGS}},
        },
        "warninglists": {
            "type": "Select",
            "message": "Values on a MISP warninglist",
            "options": WARNINGLIST_OPTIONS,
        },
    }


def introspection() -> dict[str, Any]:
    """What `GET /modules` shows as `mispattributes`: cheap, MISP waits one second for the whole list."""
    return {
        "userConfig": user_config(),
        "inputSource": ["file", "paste"],
        "format": "misp_standard",
    }


def version() -> dict[str, Any]:
    """What `GET /modules` shows as `meta`."""
    return {**MODULEINFO, "config": list(MODULECONFIG)}


def import_report(query: dict[str, Any]) -> dict[str, Any]:
    """The misp_standard results of the report in `query["data"]`."""
    settings = settings_from_config(module_config(query))
    filename = query.get("filename")
    name = filename.strip() if isinstance(filename, str) and filename.strip() else "pasted report"
    data = decode_upload(query.get("data"), name, settings.max_report_bytes)
    return convert_to_results(
        data,
        identity=hashlib.sha256(data).hexdigest(),
        name=name,
        settings=settings,
        namespace=target_namespace("import", query.get("event_id")),
    )


dict_handler, handler = entry_points(NAME, import_report)
