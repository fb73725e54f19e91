"""Indicator extraction rule by rule: each case of tests/data/indicators/cases.yaml converted into an event."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "indicators" / "cases.yaml").read_text(encoding="utf-8"))
DESCRIPTIVE = {"threat-actor", "text", "link", "target-org", "target-location", "comment"}


def convert_case(case: dict) -> list:
    """The indicator attributes of the event made from one case."""
    sections = {case.get("section", "Tools & Infrastructure"): case["text"], **case.get("extra_sections", {})}
    body = "".join(f"## {heading}\n{text}\n" for heading, text in sections.items())
    source = f"Source: {case['source']}\n" if "source" in case else ""
    report = f"# Threat Actor: Test Actor\n{source}{body}"
    settings = Settings(warninglist_mode=case.get("mode", "soft"))
    event = convert_bytes(
        report.encode(), identity=case["name"], name="case.md", settings=settings, template="analysis-summary"
    )
    return [a for a in event.attributes if a.type not in DESCRIPTIVE]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict) -> None:
    attributes = convert_case(case)
    emitted = {(a.type, a.value): a for a in attributes}
    for wanted in case.get("expect", []):
        attribute = emitted.get((wanted["type"], str(wanted["value"])))
        assert attribute is not None, f"{wanted} not in {sorted(emitted)}"
        if "to_ids" in wanted:
            assert attribute.to_ids is wanted["to_ids"], attribute.comment
        if "comment" in wanted:
            assert wanted["comment"].lower() in attribute.comment.lower()
    for value in case.get("absent", []):
        assert not [a for a in attributes if str(value).lower() in a.value.lower().split("|")], value
    for wanted in case.get("absent_types", []):
        assert (wanted["type"], wanted["value"]) not in emitted
    for value in case.get("not_ids", []):
        assert not [a for a in attributes if a.value == str(value) and a.to_ids], value


def test_one_attribute_per_value_with_every_place_in_its_comment() -> None:
    case = next(c for c in CASES if c["name"] == "a duplicate is one attribute naming every place")
    matches = [a for a in convert_case(case) if a.value == "91.92.254.14"]
    assert len(matches) == 1
    assert "Tools & Infrastructure" in matches[0].comment and "Activity Summary" in matches[0].comment


def test_categories_follow_misp_defaults() -> None:
    case = {
        "name": "categories",
        "text": "C2 91.92.254[.]14, HKCU\\Software\\Run\\x, wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    }
    categories = {a.type: a.category for a in convert_case(case)}
    assert categories == {"ip-dst": "Network activity", "regkey": "Persistence mechanism", "btc": "Financial fraud"}
