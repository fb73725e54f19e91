"""A converted MISPEvent → the misp_standard `results` MISP saves: attributes, objects, event tags, event report."""

from __future__ import annotations

import json
import uuid
from typing import Any

from pymisp import MISPEvent

from ...build.identity import attribute_uuid

# What MISP stores from a misp_standard answer; a `Galaxy` key would be ignored (clusters travel as tags).
RESULT_KEYS = ("Attribute", "Object", "EventReport", "Tag")


def with_an_attribute(event: MISPEvent) -> None:
    """MISP reads a misp_standard answer with no attribute and no object as a legacy one and saves nothing, not
    even the event report and tags: a report that gave no attribute gets its title as a `text` attribute."""
    if event.attributes or event.objects:
        return
    event.add_attribute(
        "text",
        event.info,
        uuid=str(attribute_uuid(uuid.UUID(event.uuid), "text", event.info)),
        category="Other",
        to_ids=False,
        disable_correlation=True,
        comment="Report title (the report gave no other attribute)",
    )


def misp_standard_results(event: MISPEvent) -> dict[str, Any]:
    """`{"results": {...}}` with what MISP adds to the target event."""
    with_an_attribute(event)
    data = json.loads(event.to_json())
    data = data.get("Event", data)
    results = {key: data[key] for key in RESULT_KEYS if data.get(key)}
    return {"results": results}
