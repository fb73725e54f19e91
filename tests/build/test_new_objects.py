"""`new_attribute`: the state PyMISP's constructor builds, copied (the same JSON, no container shared)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pymisp import MISPAttribute, MISPEvent

from misp_module.build import new_objects
from misp_module.build.new_objects import new_attribute
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings


def _describe_types() -> dict:
    return MISPEvent().describe_types


def test_state_is_the_constructors_but_the_uuid() -> None:
    describe_types = _describe_types()
    built, copied = MISPAttribute(describe_types=describe_types), new_attribute(describe_types)
    assert list(copied.__dict__) == list(built.__dict__)
    assert {k: v for k, v in copied.__dict__.items() if k != "uuid"} == {
        k: v for k, v in built.__dict__.items() if k != "uuid"
    }
    # What the constructor shares between attributes (describe_types and its parts) is shared here too.
    for key, value in built.__dict__.items():
        if isinstance(value, dict) and value:
            assert copied.__dict__[key] is value


def test_no_container_is_shared_between_two_attributes() -> None:
    describe_types = _describe_types()
    first, second = new_attribute(describe_types), new_attribute(describe_types)
    shared_by_constructor = {
        key
        for key, value in MISPAttribute(describe_types=describe_types).__dict__.items()
        if value is MISPAttribute(describe_types=describe_types).__dict__[key]
    }
    for key, value in first.__dict__.items():
        if isinstance(value, (list, dict, set)) and key not in shared_by_constructor:
            assert value is not second.__dict__[key], key
    first.Tag.append("x")
    assert second.Tag == [] and new_attribute(describe_types).Tag == []


def test_every_attribute_of_the_sample_events_exports_the_same(reports_dir: Path) -> None:
    describe_types = _describe_types()
    count = 0
    for path in itertools.islice(sorted(reports_dir.glob("*.md")), 8):
        event = convert_bytes(path.read_bytes(), identity=path.name, name=path.name, settings=Settings())
        for attribute in event.attributes:
            fields = {k: attribute[k] for k in ("type", "value", "category", "to_ids", "uuid", "comment")}
            fields["disable_correlation"] = attribute.disable_correlation
            by_constructor = MISPAttribute(describe_types=describe_types)
            by_constructor.edited = True
            by_constructor.from_dict(**fields)
            copied = new_attribute(describe_types)
            copied.edited = True
            copied.from_dict(**fields)
            assert copied.to_json() == by_constructor.to_json() == attribute.to_json()
            count += 1
    assert count > 20


def test_a_new_per_object_value_falls_back_to_the_constructor(monkeypatch: pytest.MonkeyPatch) -> None:
    original = MISPAttribute.__init__
    serial = itertools.count()

    def with_serial(self: MISPAttribute, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        self.serial = next(serial)

    monkeypatch.setattr(MISPAttribute, "__init__", with_serial)
    monkeypatch.setattr(new_objects, "_COPIERS", {})
    describe_types = _describe_types()
    assert new_attribute(describe_types).serial != new_attribute(describe_types).serial
