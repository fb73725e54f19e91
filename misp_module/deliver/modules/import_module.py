"""The import module `threat_report_import` (formerly `misp_report_import`): an uploaded or pasted report → the
target event's attributes, tags (galaxy clusters as `misp-galaxy:` tags) and an event report."""

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
    NO_TLP,
    ROLE_OPTIONS,
    ROLES_KEY,
    TEMPLATE_TLP,
    TLP_TAGS,
    RequestError,
    config_number,
    decode_upload,
    module_config,
    roles_on_tags,
    settings_from_config,
    target_namespace,
    tlp_choice,
)
from .results import without_tlp
from .time_limit import caller_wait
from .worker import QUERY_SECONDS, convert_to_results

# MISP lists an import module by its internal name, humanised ("Threat Report Import"); `meta.name` is unused.
NAME = "threat_report_import"
# The name of earlier versions, still served for a MISP whose Plugin.Import_misp_report_import_* settings exist.
LEGACY_NAME = "misp_report_import"
# MISP shows Select options in a narrow drop-down (about 30 characters before it cuts them).
LABEL_MAX = 28
LOGGER = logging.getLogger(__name__)
NOTHING_TO_IMPORT = "Nothing to import: paste a report or choose a file."

MODULEINFO: dict[str, Any] = {
    "version": __version__,
    "author": "misp-report",
    "description": "Import a threat-intelligence report (text, markdown, HTML, PDF or Word): its indicators, galaxy "
    "clusters, tags and the report itself as an event report.",
    "module-type": ["import"],
    "name": "Threat report import (misp-report)",
    "logo": "",
    "requirements": ["the misp-module Python package installed in the misp-modules environment"],
    "features": "Reads the report's sections with a template (picked automatically or chosen), extracts indicators "
    "and galaxy clusters, and returns them in the misp_standard format with UUIDs of the target event. The galaxy "
    "tags' roles are listed in the event report, or also set on the tags for an API call that asks for it.",
    "references": [],
    "input": "A report file (.txt, .md, .html, .pdf, .docx) or pasted report text.",
    "output": "MISP attributes, event tags and an event report.",
}
# Admin settings (Plugin.Import_threat_report_import_<name>); the analyst's choices are in user_config().
MODULECONFIG = ["max_report_bytes", "techniques", "time_limit"]
WARNINGLIST_OPTIONS = {
    "soft": "Keep them, IDS off",
    "drop": "Leave them out",
    "off": "Do not check",
}


def _template_options() -> dict[str, str]:
    """Select options, value → label (MISP submits the value); never raises, `GET /modules` must answer."""
    options = {AUTO_TEMPLATE: "Auto (from the headings)"}
    try:
        templates = load_templates()
    except MispReportError as exc:
        LOGGER.error("%s: templates not loaded, only 'auto' offered: %s", NAME, exc)
        return options
    for template in templates:
        label = template.name
        options[template.name] = label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"
    return options


def user_config() -> dict[str, dict[str, Any]]:
    """The questions MISP asks the analyst before the import. MISP labels each with its key, first letter
    capitalised, so the keys are words; the message under it says what the choice does."""
    return {
        "template": {
            "type": "Select",
            "message": "Report format: auto picks it from the report's headings.",
            "options": _template_options(),
        },
        "TLP": {
            "type": "Select",
            "message": "TLP of the event when the report states none; None adds no TLP tag at all.",
            "options": {
                TEMPLATE_TLP: "Template's default",
                NO_TLP: "None (keep the event's)",
                **{tlp: tlp for tlp in TLP_TAGS},
            },
        },
        "warninglists": {
            "type": "Select",
            "message": "Values on a MISP warninglist (a vendor's own domain, a public resolver…).",
            "options": WARNINGLIST_OPTIONS,
        },
        # The safe choice first: the browser selects the first option, and "On the tags" chosen in this form
        # would make MISP's preview page save each role as a tag of its own (see results.py).
        ROLES_KEY: {
            "type": "Select",
            "message": "Roles of the galaxy tags (targets, uses…): keep 'In the report' here, the preview page cannot "
            "keep them on tags.",
            "options": dict(ROLE_OPTIONS),
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


def legacy_version() -> dict[str, Any]:
    """`meta` of the module under its earlier name: the same module, saying which name to switch to."""
    description = f"Old name of {NAME}, kept for a MISP that enabled it; enable {NAME} instead. "
    return {**version(), "description": description + MODULEINFO["description"]}


def import_report(query: dict[str, Any]) -> dict[str, Any]:
    """The misp_standard results of the report in `query["data"]`."""
    config = module_config(query)
    settings = settings_from_config(config)
    on_tags = roles_on_tags(config)
    filename = query.get("filename")
    uploaded = isinstance(filename, str) and bool(filename.strip())
    name = filename.strip() if uploaded else "pasted report"
    encoded = query.get("data")
    if not isinstance(encoded, str) or not encoded.strip():
        raise RequestError(NOTHING_TO_IMPORT)
    data = decode_upload(encoded, name, settings.max_report_bytes)
    if not uploaded and not data.strip():
        raise RequestError(NOTHING_TO_IMPORT)
    answer = convert_to_results(
        data,
        identity=hashlib.sha256(data).hexdigest(),
        name=name,
        settings=settings,
        namespace=target_namespace("import", query.get("event_id")),
        roles_on_tags=on_tags,
        seconds=config_number(config, "time_limit", QUERY_SECONDS),
        wait=caller_wait(query),
    )
    return without_tlp(answer) if tlp_choice(config) == NO_TLP else answer


dict_handler, handler = entry_points(NAME, import_report)
