"""`new_attribute`, `new_object`: the state PyMISP's constructors build, copied (the same JSON, no container shared)."""

from __future__ import annotations

import itertools
import uuid as uuid_module
from pathlib import Path

import pytest
from pymisp import MISPAttribute, MISPEvent, MISPEventReport, MISPTag
from pymisp.exceptions import NewAttributeError

from misp_module.build import new_objects
from misp_module.build.identity import attribute_uuid, attribute_uuid_text, uuid5_text
from misp_module.build.new_objects import loaded_attribute, new_attribute, new_object
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


def _from_dict(describe_types: dict, **fields) -> MISPAttribute:
    """What build_event did before `loaded_attribute`: PyMISP's own `from_dict` on a new attribute."""
    attribute = MISPAttribute(describe_types=describe_types)
    attribute.edited = True
    attribute.from_dict(**fields)
    attribute.edited = True
    return attribute


_FINDINGS = [
    # type, value, category, to_ids, comment, disable_correlation
    ("sha256", "a" * 64, None, None, "dropper", None),
    ("ip-dst", "198.51.100.7", "Network activity", True, "C2 server", False),
    ("url", "https://bad.example/x", None, False, "", True),
    ("target-location", "Czechia", "Targeting data", False, None, None),
    ("text", "free text", "Other", None, "a note", False),
    ("email-subject", "Invoice overdue", "Payload delivery", True, "lure", None),
]


@pytest.mark.parametrize(("kind", "value", "category", "to_ids", "comment", "uncorrelated"), _FINDINGS)
def test_loaded_attribute_is_from_dicts_state_field_for_field(
    kind: str, value: str, category: str | None, to_ids: bool | None, comment: str | None, uncorrelated: bool | None
) -> None:
    describe_types = _describe_types()
    uuid = "6b1f7a52-3c1e-5a0e-9a57-1f2c8e6d4b99"
    fields: dict = {"type": kind, "value": value, "uuid": uuid, "comment": comment, "disable_correlation": uncorrelated}
    if category is not None:
        fields["category"] = category
    if to_ids is not None:
        fields["to_ids"] = to_ids
    expected = _from_dict(describe_types, **fields)
    built = loaded_attribute(describe_types, kind, value, uuid, comment, uncorrelated, category, to_ids)
    assert list(built.__dict__.items()) == list(expected.__dict__.items())
    assert built.to_json() == expected.to_json()
    assert built.edited


@pytest.mark.parametrize(
    ("kind", "value", "category", "to_ids"),
    [
        ("datetime", "2024-05-01T10:00:00+00:00", None, None),  # from_dict parses the value
        ("ip-dst", "198.51.100.7", "Payload delivery", None),  # a category the type does not fit: dropped
        ("domain", "bad.example", None, 1),  # to_ids not a bool: from_dict's make_bool
    ],
)
def test_what_the_direct_writing_does_not_cover_is_built_by_from_dict(
    kind: str, value: str, category: str | None, to_ids: object
) -> None:
    describe_types = _describe_types()
    fields: dict = {"type": kind, "value": value, "uuid": "u", "comment": "c", "disable_correlation": None}
    if category is not None:
        fields["category"] = category
    if to_ids is not None:
        fields["to_ids"] = to_ids
    built = loaded_attribute(describe_types, kind, value, "u", "c", None, category, to_ids)  # type: ignore[arg-type]
    assert built.to_json() == _from_dict(describe_types, **fields).to_json()


def test_an_unknown_type_or_category_raises_what_from_dict_raises() -> None:
    describe_types = _describe_types()
    with pytest.raises(NewAttributeError):
        loaded_attribute(describe_types, "no-such-type", "x", "u", None)
    fields = {"type": "domain", "value": "bad.example", "uuid": "u", "category": "No such category"}
    with pytest.raises(Exception) as by_pymisp:
        _from_dict(describe_types, **fields)
    with pytest.raises(by_pymisp.type):
        loaded_attribute(describe_types, "domain", "bad.example", "u", None, category="No such category")


def test_a_from_dict_that_sets_fields_otherwise_is_used_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    original = MISPAttribute.from_dict

    def with_extra(self: MISPAttribute, **kwargs) -> None:
        original(self, **kwargs)
        self.extra = "set by a newer PyMISP"

    monkeypatch.setattr(MISPAttribute, "from_dict", with_extra)
    monkeypatch.setattr(new_objects, "_CHECKED", {})
    built = loaded_attribute(_describe_types(), "domain", "bad.example", "u", None)
    assert built.extra == "set by a newer PyMISP"


def test_uuid5_text_is_the_uuid_modules_uuid5() -> None:
    namespace = uuid_module.UUID("6b1f7a52-3c1e-5a0e-9a57-1f2c8e6d4b10")
    for name in ["", "a", "attribute\x1fip-dst\x1f198.51.100.7", "caf\u00e9 \u2013 \U0001f600", "x" * 5000]:
        assert uuid5_text(namespace, name) == str(uuid_module.uuid5(namespace, name))
    event = uuid_module.uuid5(namespace, "reports/a.md")
    assert attribute_uuid_text(event, "domain", "bad.example") == str(attribute_uuid(event, "domain", "bad.example"))


@pytest.mark.parametrize("kind", [MISPEvent, MISPEventReport, MISPTag])
def test_new_object_is_the_constructors_state_with_containers_of_its_own(kind: type) -> None:
    built, first, second = kind(), new_object(kind), new_object(kind)
    assert list(first.__dict__) == list(built.__dict__)
    assert [v for k, v in first.__dict__.items() if k != "uuid"] == [
        v for k, v in built.__dict__.items() if k != "uuid"
    ]
    for key, value in first.__dict__.items():
        if isinstance(value, list):
            assert value is not second.__dict__[key]


def test_a_new_event_converts_to_the_json_of_a_constructed_one(reports_dir: Path) -> None:
    """The whole event `build_event` makes from a copied MISPEvent and event report, against the constructors'."""
    path = sorted(reports_dir.glob("*.md"))[0]
    copied = convert_bytes(path.read_bytes(), identity=path.name, name=path.name, settings=Settings())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("misp_module.build.event.new_object", lambda kind: kind())
        constructed = convert_bytes(path.read_bytes(), identity=path.name, name=path.name, settings=Settings())
    assert copied.to_json() == constructed.to_json()
