"""The event builder: deterministic UUIDs, template defaults, config and flag overrides, the event report."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from pymisp import MISPEvent, MISPTag

from misp_module.build.new_objects import new_tag
from misp_module.pipeline import convert_bytes
from misp_module.settings import EventOverrides, Settings


def convert(data: bytes, identity: str = "reports/a.txt", **kwargs) -> MISPEvent:
    settings = kwargs.pop("settings", Settings())
    return convert_bytes(data, identity=identity, name=identity, settings=settings, **kwargs)


def test_same_report_gives_byte_identical_json(reports_dir: Path) -> None:
    data = (reports_dir / "deepseek-czechia.txt").read_bytes()
    assert convert(data).to_json() == convert(data).to_json()


def test_no_wall_clock_timestamps(reports_dir: Path) -> None:
    event = json.loads(convert((reports_dir / "deepseek-czechia.txt").read_bytes()).to_json())
    assert "timestamp" not in event
    assert all("timestamp" not in a for a in event["Attribute"])


def test_event_uuid_is_uuid5_of_the_identity(reports_dir: Path) -> None:
    data = (reports_dir / "deepseek-czechia.txt").read_bytes()
    first, moved = convert(data, "a/report.txt"), convert(data, "b/report.txt")
    assert first.uuid != moved.uuid
    assert uuid.UUID(first.uuid).version == 5
    assert {a.uuid for a in first.attributes}.isdisjoint({a.uuid for a in moved.attributes})
    assert first.EventReport[0].uuid != moved.EventReport[0].uuid


def test_front_matter_id_beats_the_path(reports_dir: Path) -> None:
    data = (reports_dir / "generic-phishing-note.md").read_bytes()
    assert convert(data, "x.md").uuid == convert(data, "elsewhere/y.md").uuid


def test_edit_keeps_uuids_of_unchanged_attributes_and_the_report(reports_dir: Path) -> None:
    data = (reports_dir / "deepseek-czechia.txt").read_bytes()
    edited = data.replace(b"Czech Ministry of Foreign Affairs", b"Czech Ministry of the Interior")
    before, after = convert(data), convert(edited)
    assert before.uuid == after.uuid
    assert before.EventReport[0].uuid == after.EventReport[0].uuid
    by_value = {a.value: a.uuid for a in before.attributes}
    for attribute in after.attributes:
        if attribute.value in by_value:
            assert attribute.uuid == by_value[attribute.value]
    assert "Czech Ministry of the Interior" not in by_value


def test_namespace_changes_every_uuid(reports_dir: Path) -> None:
    data = (reports_dir / "deepseek-czechia.txt").read_bytes()
    default, other = convert(data), convert(data, namespace=uuid.uuid4())
    assert default.uuid != other.uuid
    assert {a.uuid for a in default.attributes}.isdisjoint({a.uuid for a in other.attributes})


def test_template_defaults(reports_dir: Path) -> None:
    event = convert((reports_dir / "deepseek-czechia.txt").read_bytes())
    assert (event.threat_level_id, event.analysis, event.distribution) == (2, 2, 0)
    assert "tlp:amber" in [t.name for t in event.tags]
    assert event.published is False


def test_config_overrides_template_defaults(reports_dir: Path) -> None:
    settings = Settings(event=EventOverrides(threat_level_id=1, distribution=1), tags=("source:team-cti",))
    event = convert((reports_dir / "deepseek-czechia.txt").read_bytes(), settings=settings)
    assert (event.threat_level_id, event.analysis, event.distribution) == (1, 2, 1)
    assert {"tlp:amber", "source:team-cti"} <= {t.name for t in event.tags}


def test_event_report_holds_the_report_and_info_is_readable(reports_dir: Path) -> None:
    data = (reports_dir / "deepseek-czechia.txt").read_bytes()
    # (without its closing list of clusters named in passing: tests/build/test_also_named.py)
    event = convert(data, settings=Settings(also_named=False))
    content = event.EventReport[0].content
    assert content.replace("# Full Report", "Full Report").replace("# Analysis Summary", "Analysis Summary") == (
        data.decode("utf-8").strip() + "\n"
    )
    assert "DeepSeek" in event.info and "Chinese State-Sponsored Actors" in event.info
    assert "deepseek-czechia" not in event.info


def test_descriptive_attributes(reports_dir: Path) -> None:
    event = convert((reports_dir / "deepseek-czechia.txt").read_bytes())
    values = {(a.type, a.value) for a in event.attributes}
    assert ("threat-actor", "Chinese State-Sponsored Actors") in values
    assert ("target-org", "Czech Ministry of Foreign Affairs") in values
    assert any(t == "text" and v.startswith("The AI products") for t, v in values)
    assert all(a.to_ids is False for a in event.attributes if a.type in ("threat-actor", "text", "target-org"))


def test_link_attribute_when_the_report_names_its_source(reports_dir: Path) -> None:
    event = convert((reports_dir / "generic-phishing-note.md").read_bytes())
    links = [a for a in event.attributes if a.type == "link"]
    assert [a.value for a in links] == ["https://intel.example.org/notes/2025-03-phishing-wave"]


def test_output_loads_back_into_pymisp(reports_dir: Path) -> None:
    for path in sorted(reports_dir.glob("*.*")):
        if path.suffix in (".txt", ".md", ".html"):
            event = convert(path.read_bytes(), path.name)
            loaded = MISPEvent()
            loaded.from_json(event.to_json())
            assert loaded.uuid == event.uuid and loaded.info == event.info


def tlp_tags(event: MISPEvent) -> list[str]:
    return [t.name for t in event.tags if t.name.startswith("tlp:")]


def test_one_tlp_config_beats_template(reports_dir: Path) -> None:
    event = convert((reports_dir / "deepseek-czechia.txt").read_bytes(), settings=Settings(tags=("tlp:green",)))
    assert tlp_tags(event) == ["tlp:green"]


def test_one_tlp_report_marking_beats_config_and_template() -> None:
    data = b"# Note\n\nTLP:RED\n\nThe loader campaign hit three banks in Chile through malvertising.\n"
    event = convert(data, settings=Settings(tags=("tlp:green",)))
    assert tlp_tags(event) == ["tlp:red"]


def test_tags_are_built_as_from_dict_builds_them_but_marked_new() -> None:
    """`new_tag` sets the fields `from_dict` would, in its order (the same JSON), and leaves the tag new (edited):
    a tag with a timestamp would lose it on export, and a new one has none."""
    cases = [
        ("tlp:amber", False, None),
        ('misp-galaxy:threat-actor="APT28"', False, "attributed-to"),
        ("x", None, None),
    ]
    for name, local, relationship in cases:
        loaded = MISPTag()
        loaded.from_dict(name=name, local=local)
        if relationship:
            loaded.relationship_type = relationship
        built = new_tag(name, local, relationship)
        assert built.to_json() == loaded.to_json()
        assert list(built.__dict__) == list(loaded.__dict__)
        assert built.edited and not MISPTag(name=name).edited
