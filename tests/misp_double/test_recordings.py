"""The double answers the recorded requests of a real MISP 2.5.1 as MISP did (copies of the recordings)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import requests

from misp_double import MispDouble, MispModel

TAG_ID = re.compile(r" \(\d+\)")
RECORDINGS = sorted((Path(__file__).parent / "recordings").glob("*.json"))


def essentials(body: Any) -> Any:
    """What sync relies on: statuses, error texts, and per event its attributes, tags, reports and flags."""
    if isinstance(body, dict) and "response" in body:
        return [essentials(e) for e in body["response"]]
    if isinstance(body, dict) and "EventReport" in body:
        return body["EventReport"]
    if not (isinstance(body, dict) and "Event" in body):
        if isinstance(body, dict):  # tag ids in messages are the recorded server's own numbering
            return {k: TAG_ID.sub("(N)", v) if isinstance(v, str) else v for k, v in body.items()}
        return body if not isinstance(body, list) else len(body)
    event = body["Event"]

    def attribute(a: dict[str, Any]) -> tuple[Any, ...]:
        tags = sorted(t["name"] for t in a.get("Tag", []))
        return a["uuid"], a["value"], a["comment"], a["deleted"], a["timestamp"], tags

    attributes = [*event.get("Attribute", []), *(a for o in event.get("Object", []) for a in o["Attribute"])]
    return {
        "uuid": event["uuid"],
        "info": event["info"],
        "timestamp": event["timestamp"],
        "published": event["published"],
        "attribute_count": event.get("attribute_count"),
        "attributes": sorted(attribute(a) for a in attributes),
        "tags": sorted(t["name"] for t in event.get("Tag", [])),
        "reports": sorted((r["uuid"], r["content"], r["deleted"]) for r in event.get("EventReport", [])),
    }


def replay(double: MispDouble, clock: list[int]) -> list[tuple[str, Any, Any]]:
    """Every recorded call, in recording order, against one double; MISP's clock follows the recording."""
    mismatches = []
    for recording in RECORDINGS:
        for call in json.loads(recording.read_text())["calls"]:
            if call.get("no_http_call"):
                continue
            request, expected = call["request"], call["response"]
            body = expected.get("json")
            if isinstance(body, dict) and "EventReport" in body:
                clock[0] = int(body["EventReport"]["timestamp"])
            elif isinstance(body, dict) and "Event" in body:
                clock[0] = int(body["Event"]["timestamp"])
            headers = {"Accept": "application/json", "Content-Type": "application/json"}
            key = request["headers"].get("Authorization")
            if key:
                headers["Authorization"] = double.key if key == "<API_KEY>" else key
            data = json.dumps(request["json"]) if request.get("json") is not None else None
            answer = requests.request(
                request["method"], double.url + request["path"], data=data, headers=headers, timeout=10
            )
            got = (
                answer.status_code,
                essentials(answer.json()) if answer.content else None,
                answer.headers.get("Location"),
            )
            want = (
                expected["status"],
                essentials(body) if body is not None else None,
                expected["headers"].get("Location"),
            )
            if got != want:
                mismatches.append((f"{recording.name}: {call['step']}", want, got))
    return mismatches


def test_the_double_answers_every_recorded_call_as_misp_did() -> None:
    clock = [0]
    with MispDouble(model=MispModel(clock=lambda: clock[0])) as double:
        mismatches = replay(double, clock)
    assert mismatches == []
