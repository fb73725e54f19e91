"""A converted MISPEvent → the misp_standard `results` MISP saves: attributes, objects, event tags, event report."""

from __future__ import annotations

import json
from typing import Any

from pymisp import MISPEvent

from ...errors import ReportError

# What MISP stores from a misp_standard answer; a `Galaxy` key would be ignored (clusters travel as tags).
RESULT_KEYS = ("Attribute", "Object", "EventReport", "Tag")


def with_default_tlp(tags: list[dict[str, Any]], tlp: str | None) -> list[dict[str, Any]]:
    """Let the module's default TLP replace the template's: the core keeps the default TLPs only when the
    report states none, so when `tlp` is present every other TLP tag is a template default."""
    names = {str(tag.get("name", "")).lower() for tag in tags}
    if tlp is None or tlp not in names:
        return tags
    return [tag for tag in tags if not str(tag.get("name", "")).lower().startswith("tlp:") or tag["name"] == tlp]


def misp_standard_results(event: MISPEvent, name: str, default_tlp: str | None = None) -> dict[str, Any]:
    """`{"results": {...}}` with what MISP adds to the target event. MISP falls back to its legacy parser and
    shows nothing when there is no attribute and no object, so such a report is an error the analyst sees."""
    data = json.loads(event.to_json())
    data = data.get("Event", data)
    results = {key: data[key] for key in RESULT_KEYS if data.get(key)}
    if not results.get("Attribute") and not results.get("Object"):
        raise ReportError(
            f"{name}: no indicator or descriptive attribute found in the report, so MISP would add nothing; "
            "check that it is the report you meant, or try another template"
        )
    if "Tag" in results:
        results["Tag"] = with_default_tlp(results["Tag"], default_tlp)
    return {"results": results}
