"""The event report's new closing list (clusters named in passing) reaches events the sync delivered before it: the
same report (same uuid) is updated where MISP holds what the sync wrote, and left alone where an analyst edited it;
never a second report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from misp_module.deliver.sync.sinks.delivered import record_of
from misp_module.deliver.sync.sinks.diff import EventDiff
from misp_module.deliver.sync.sinks.merge import merge_events
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

CASE = Path(__file__).parents[2] / "data" / "named_in_passing" / "loader-campaign.md"


def _event(also_named: bool) -> dict[str, Any]:
    event = convert_bytes(
        CASE.read_bytes(), identity=CASE.name, name=CASE.name, settings=Settings(also_named=also_named)
    )
    data = json.loads(event.to_json())
    return data.get("Event", data)


def test_the_list_updates_the_delivered_report_and_spares_an_analysts_edit() -> None:
    before, now = _event(False), _event(True)
    record = record_of(before, EventDiff())
    updates = merge_events(now, before, record).reports
    assert [(kind, report["uuid"]) for kind, report in updates] == [("update", before["EventReport"][0]["uuid"])]
    edited = json.loads(json.dumps(before))
    edited["EventReport"][0]["content"] += "\nTriage: the analyst's notes.\n"
    assert merge_events(now, edited, record).reports == []
