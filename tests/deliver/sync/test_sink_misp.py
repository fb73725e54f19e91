"""The misp sink against the double: MISP's refusals, silent drops and faults, with hand-built events."""

from __future__ import annotations

import json
from typing import Any

import pytest
from misp_double import Fault, MispDouble, MispModel, Permissions
from pymisp import MISPEvent

from misp_module.deliver.sync.retry import RetryPolicy
from misp_module.deliver.sync.sinks import SinkError
from misp_module.deliver.sync.sinks.misp import MispConnection, MispSink

EVENT = "4545e1dc-4fbc-5de0-9780-db9bc6d7179e"


def event(*attributes: tuple[str, str], tag: str = "tlp:clear", timestamp: int | None = None) -> dict[str, Any]:
    built = MISPEvent(force_timestamps=True)  # keep a timestamp we set in the JSON
    built.from_dict(uuid=EVENT, info="Sink scenario", distribution=0, date="2024-11-05")
    for number, (kind, value) in enumerate(attributes):
        built.add_attribute(kind, value, uuid=f"78d1bef3-3b1c-574b-bd45-00ae8911510{number}")
    built.add_tag(tag)
    if timestamp is not None:
        built.timestamp = timestamp
    return json.loads(built.to_json())


def sink_for(double: MispDouble, sleeps: list[float] | None = None, timeout: float = 5.0) -> MispSink:
    retry = RetryPolicy(attempts=3, base=0.01, cap=0.02, sleep=(sleeps.append if sleeps is not None else print))
    return MispSink(MispConnection(double.url, double.key, timeout=timeout), retry)


def test_an_events_own_old_timestamp_gives_way_to_the_guard_of_the_read(double: MispDouble) -> None:
    sink = sink_for(double)
    sink.upsert_event(event(("ip-dst", "203.0.113.10")), expect_new=True)
    held = int(double.model.view(EVENT, "t")["Event"]["timestamp"])
    # older than MISP's copy: sent as it is, MISP would answer 403 "not newer" (07)
    stale = event(("ip-dst", "203.0.113.10"), ("domain", "evil.example.com"), timestamp=1_000_000_000)
    outcome = sink.upsert_event(stale)
    assert outcome.action == "updated"
    edits = [r for r in double.writes() if r.path.startswith("/events/edit/")]
    assert [r.status for r in edits] == [200]
    assert int(edits[0].body["timestamp"]) > held
    assert all("timestamp" not in a for a in edits[0].body["Attribute"])
    held_values = {a["value"] for a in double.model.view(EVENT, "t")["Event"]["Attribute"]}
    assert held_values == {"203.0.113.10", "evil.example.com"}


def test_values_and_tags_misp_drops_silently_become_warnings() -> None:
    model = MispModel(permissions=Permissions(perm_tag_editor=False), known_tags=("tlp:clear",))
    with MispDouble(model=model) as double:
        outcome = sink_for(double).upsert_event(
            event(("ip-dst", "not-an-ip"), ("domain", "valid.example.org"), tag="custom:never-created"),
            expect_new=True,
        )
    assert outcome.action == "created"
    assert any("attribute ip-dst 'not-an-ip'" in w and "not valid" in w for w in outcome.warnings)
    assert any("'custom:never-created'" in w and "perm_tag_editor" in w for w in outcome.warnings)
    assert len(outcome.warnings) == 2


def test_retry_after_is_honoured_before_retrying(double: MispDouble) -> None:
    sleeps: list[float] = []
    double.inject(Fault(path="/events/add", status=429, retry_after=7, times=2))
    outcome = sink_for(double, sleeps).upsert_event(event(("ip-dst", "203.0.113.10")), expect_new=True)
    assert outcome.action == "created"
    assert sleeps == [7, 7]
    assert [r.status for r in double.writes()] == [429, 429, 200]


def test_a_slow_answer_is_retried_after_the_timeout(double: MispDouble) -> None:
    sink = sink_for(double, [], timeout=0.3)
    assert sink.misp is not None  # connect before the fault, so only the event request is slow
    double.inject(Fault(path="/events/view/", delay=1.0))
    assert sink.upsert_event(event(("ip-dst", "203.0.113.10"))).action == "created"


def test_a_lost_answer_to_an_add_ends_with_one_event(double: MispDouble) -> None:
    double.inject(Fault(path="/events/add", reset=True, after=True))
    outcome = sink_for(double, []).upsert_event(event(("ip-dst", "203.0.113.10")), expect_new=True)
    assert outcome.action == "unchanged"  # the retried add met MISP's "already exists", and nothing differed
    assert [(r.path, r.status) for r in double.writes()] == [("/events/add", 200), ("/events/add", 404)]
    assert len(double.model.events) == 1


def test_retries_run_out_with_the_last_fault(double: MispDouble) -> None:
    double.inject(Fault(path="/events/add", status=502, times=0))
    with pytest.raises(Exception, match="HTTP 502"):
        sink_for(double, []).upsert_event(event(("ip-dst", "203.0.113.10")), expect_new=True)
    assert len(double.writes()) == 3


def test_a_blocklisted_uuid_is_explained(double: MispDouble) -> None:
    double.model.blocklist[EVENT] = {"event_uuid": EVENT}
    with pytest.raises(SinkError, match=r"event blocklist.*delete_event_blocklist"):
        sink_for(double).upsert_event(event(("ip-dst", "203.0.113.10")), expect_new=True)
