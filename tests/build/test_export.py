"""build/export.py: the JSON of new objects read from their fields, the same as PyMISP's `to_dict`."""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path

import orjson
import pytest
from pymisp import MISPAttribute, MISPEvent, MISPEventReport, MISPTag
from pymisp.abstract import pymisp_json_default

from misp_module.build import export
from misp_module.build.export import json_default
from misp_module.deliver.files import event_json
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings


def _pymisp_json(event: MISPEvent) -> str:
    return orjson.dumps({"Event": event}, default=pymisp_json_default, option=orjson.OPT_INDENT_2).decode() + "\n"


def test_the_sample_events_export_as_pymisp_exports_them(reports_dir: Path) -> None:
    paths = sorted(itertools.chain(reports_dir.glob("*.md"), reports_dir.glob("*.txt"), reports_dir.glob("*.html")))
    assert len(paths) > 10
    assert export._fast_ok()  # the direct reading is in use with this PyMISP
    for path in paths:
        event = convert_bytes(path.read_bytes(), identity=path.name, name=path.name, settings=Settings())
        assert event_json(event) == _pymisp_json(event), path.name


def test_fields_of_a_new_tag_and_attribute_are_to_dicts_in_its_order() -> None:
    tag = MISPTag()
    tag.name = " tlp:clear "
    tag.local = True
    attribute = MISPAttribute()
    attribute.from_dict(type="domain", value="example.org ", comment="", to_ids=False)
    attribute.edited = True
    attribute.Tag.append(tag)
    for item in (tag, attribute):
        assert list(json_default(item).items()) == list(item.to_dict().items())
    assert json_default(tag)["name"] == "tlp:clear"  # stripped, as to_dict does
    assert "Tag" in json_default(attribute) and "Sighting" not in json_default(attribute)  # no empty list


def test_objects_loaded_from_misp_and_others_go_through_to_dict() -> None:
    loaded = MISPAttribute()
    loaded.from_dict(type="domain", value="example.org", timestamp=1700000000, id="12")
    assert not loaded.edited
    assert json_default(loaded) == loaded.to_dict()
    assert json_default(loaded)["timestamp"] == "1700000000"  # kept, as a string: PyMISP's rules
    event = MISPEvent()
    event.info = "x"
    assert json_default(event) == event.to_dict()
    seen = MISPAttribute()
    seen.from_dict(type="domain", value="example.org", first_seen="2024-01-02T03:04:05")
    seen.edited = True
    assert json_default(seen) == seen.to_dict()


def test_a_to_dict_that_exports_otherwise_is_used_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    original = MISPTag.to_dict

    def with_colour(self: MISPTag, json_format: bool = False) -> dict:
        return {**original(self, json_format), "colour": "#000000"}

    monkeypatch.setattr(MISPTag, "to_dict", with_colour)
    monkeypatch.setattr(export, "_checked", [])
    tag = MISPTag()
    tag.name = "tlp:clear"
    assert json_default(tag)["colour"] == "#000000"


def test_a_new_event_and_its_report_are_to_dicts_in_its_order() -> None:
    """Integers as strings and the date in ISO form, as `to_dict` writes them; a datetime for a date (which
    MISPEvent's `to_dict` cuts to its day) goes through `to_dict`."""
    report = MISPEventReport()
    report.from_dict(name="r", content=" text ", distribution=5)
    report.edited = True
    event = MISPEvent()
    event.info, event.date, event.threat_level_id, event.published = "i", datetime.date(2025, 3, 4), 2, False
    event.edited = True
    event.EventReport.append(report)
    for item in (report, event):
        assert export._fields(item.__dict__) is not None
        assert list(json_default(item).items()) == list(item.to_dict().items())
    assert json_default(event)["date"] == "2025-03-04" and json_default(event)["threat_level_id"] == "2"
    event.__dict__["date"] = datetime.datetime(2025, 3, 4, 5, 6)
    assert export._fields(event.__dict__) is None
    assert json_default(event) == event.to_dict()
