"""The expansion module `threat_report_enrichment` (formerly `misp_report_expand`): a report held in an
attribute (text, comment, an attached report file, or a link's page when an administrator allows fetching) →
indicator attributes, event tags and an event report."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from typing import Any

from ... import __version__
from ...settings import Settings
from .answer import entry_points
from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchPolicy, fetch_page
from .request import (
    NO_TLP,
    RequestError,
    config_bool,
    config_number,
    decode_upload,
    module_config,
    module_name,
    roles_on_tags,
    settings_from_config,
    target_namespace,
    tlp_choice,
)
from .results import without_tlp
from .time_limit import caller_wait, wait_left
from .worker import QUERY_SECONDS, convert_to_results

# MISP lists modules by their internal name; this one reads as "Threat Report Enrichment".
NAME = "threat_report_enrichment"
# The name of earlier versions, still served for a MISP whose Plugin.Enrichment_misp_report_expand_* settings exist.
LEGACY_NAME = "misp_report_expand"
INPUT_TYPES = ("text", "comment", "link", "attachment")
OUTPUT_TYPES = (
    "text",
    "link",
    "threat-actor",
    "target-org",
    "target-location",
    "campaign-name",
    "ip-dst",
    "ip-src",
    "domain",
    "hostname",
    "url",
    "email-src",
    "md5",
    "sha1",
    "sha256",
    "filename",
    "vulnerability",
)

MISPATTRIBUTES: dict[str, Any] = {
    "input": list(INPUT_TYPES),
    "output": list(OUTPUT_TYPES),
    "format": "misp_standard",
}
MODULEINFO: dict[str, Any] = {
    "version": __version__,
    "author": "misp-report",
    "description": "Expand a threat-intelligence report held in a text, comment or attachment attribute (or a "
    "link's page, when fetching is enabled) into its indicators, galaxy clusters, tags and an event report.",
    "module-type": ["expansion"],
    "name": "Threat report enrichment (misp-report)",
    "logo": "",
    "requirements": ["the misp-module Python package installed in the misp-modules environment"],
    "features": "The same reading and extraction as the import module. Fetching a link's page is off unless "
    "fetch_links is set; it then fetches http(s) pages on public addresses only, with a timeout and a size cap. "
    "The galaxy tags' roles are listed in the event report; the roles setting 'tags' also sets them on the tags "
    '(only for "Enrich event": the Enrich preview page would save them as tags of their own).',
    "references": [],
    "input": "A text, comment, attachment or link attribute holding a report.",
    "output": "MISP attributes, event tags and an event report.",
}
# Admin settings: Plugin.Enrichment_threat_report_enrichment_<name>.
MODULECONFIG = [
    "template",
    "default_tlp",
    "warninglists",
    "max_report_bytes",
    "techniques",
    "fetch_links",
    "fetch_timeout",
    "fetch_max_bytes",
    # Where the galaxy tags' roles go: empty or "report" (safe for the Enrich preview), "tags" only where the
    # module runs through "Enrich event" alone, which saves the answer without the preview page.
    "roles",
    "time_limit",
]


def introspection() -> dict[str, Any]:
    """What `GET /modules` shows as `mispattributes`."""
    return {**MISPATTRIBUTES}


def version() -> dict[str, Any]:
    """What `GET /modules` shows as `meta`."""
    return {**MODULEINFO, "config": list(MODULECONFIG)}


def legacy_version() -> dict[str, Any]:
    """`meta` of the module under its earlier name: the same module, saying which name to switch to."""
    description = f"Old name of {NAME}, kept for a MISP that enabled it; enable {NAME} instead. "
    return {**version(), "description": description + MODULEINFO["description"]}


def _fetch_policy(name: str, config: Mapping[str, Any], settings: Settings) -> FetchPolicy:
    """The admin's fetch limits; fetching itself must be switched on, and the policy never allows
    non-public addresses."""
    if not config_bool(config, "fetch_links"):
        raise RequestError(
            f"{name}: fetching links is off; an administrator can enable it with the setting "
            f"Plugin.Enrichment_{name}_fetch_links, or paste the report into a text attribute"
        )
    max_bytes = int(config_number(config, "fetch_max_bytes", DEFAULT_MAX_BYTES, integer=True))
    return FetchPolicy(
        timeout=config_number(config, "fetch_timeout", DEFAULT_TIMEOUT),
        max_bytes=min(max_bytes, settings.max_report_bytes),
    )


def _report_bytes(
    name: str, attribute: Mapping[str, Any], config: Mapping[str, Any], settings: Settings
) -> tuple[bytes, str]:
    """The report an attribute holds, and the name errors give it."""
    kind = attribute.get("type")
    value = attribute.get("value")
    if kind not in INPUT_TYPES:
        raise RequestError(
            f"{name}: attribute type '{kind}' does not hold a report; this module expands "
            f"{', '.join(INPUT_TYPES)} attributes"
        )
    if not isinstance(value, str) or not value.strip():
        raise RequestError(f"{name}: the {kind} attribute has no value")
    if kind == "link":
        page = fetch_page(value, _fetch_policy(name, config, settings))
        return page.text.encode("utf-8"), page.url
    if kind == "attachment":
        return decode_upload(attribute.get("data"), value, settings.max_report_bytes), value
    return value.encode("utf-8"), f"{kind} attribute {attribute.get('uuid') or ''}".strip()


def expand_report(query: dict[str, Any]) -> dict[str, Any]:
    """The misp_standard results of the report held by `query["attribute"]`."""
    started = time.monotonic()
    module = module_name(query, NAME)
    attribute = query.get("attribute")
    if not isinstance(attribute, dict):
        raise RequestError(
            f"{module}: the query has no 'attribute'; enable the module as a misp_standard expansion in MISP"
        )
    config = module_config(query)
    settings = settings_from_config(config)
    on_tags = roles_on_tags(config)
    data, name = _report_bytes(module, attribute, config, settings)
    identity = str(attribute.get("uuid") or hashlib.sha256(data).hexdigest())
    answer = convert_to_results(
        data,
        identity=identity,
        name=name,
        settings=settings,
        namespace=target_namespace("expansion", query.get("event_id") or attribute.get("event_id")),
        roles_on_tags=on_tags,
        seconds=config_number(config, "time_limit", QUERY_SECONDS),
        wait=wait_left(caller_wait(query), started),
    )
    return without_tlp(answer) if tlp_choice(config) == NO_TLP else answer


dict_handler, handler = entry_points(NAME, expand_report)
