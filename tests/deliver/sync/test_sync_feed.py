"""The feed sink: a folder PyMISP's feed reader and MISP's feed format accept, updated incrementally."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pymisp
from pymisp import MISPEvent
from pymisp.tools import feed_meta_generator
from sync_helpers import DATA, expected_event, live

from misp_module.deliver.sync.sinks.feed import DIRTY, FeedSink
from misp_module.read.templates import bundled_templates_dir

SCHEMA = json.loads((Path(pymisp.__file__).parent / "data" / "schema-lax.json").read_text())
RECORDED = Path(__file__).parents[2] / "misp_double" / "recordings" / "02-add-event.json"


def read_feed(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text())["Event"] for p in folder.glob("*.json") if p.name != "manifest.json"}


def test_the_feed_folder_is_what_pymisp_and_misp_read(sync, reports: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    result = sync(str(reports), "--feed-dir", str(feed))
    assert result.code == 0, result.err
    events = read_feed(feed)
    assert len(events) == 3
    manifest = json.loads((feed / "manifest.json").read_text())
    assert set(manifest) == set(events)
    recorded_keys = set(json.loads(RECORDED.read_text())["calls"][0]["response"]["json"]["Event"])
    for event_uuid, event in events.items():
        jsonschema.validate({"Event": event}, SCHEMA)
        loaded = MISPEvent()
        loaded.load_file(str(feed / f"{event_uuid}.json"))
        assert loaded.uuid == event_uuid and loaded.Orgc.name == "misp-report"
        assert set(event) - {"Orgc"} <= recorded_keys  # only fields a real MISP event has
        assert int(manifest[event_uuid]["timestamp"]) == int(event["timestamp"])
    # PyMISP's own generator derives the same manifest and hashes from the event files.
    regenerated = tmp_path / "regenerated"
    shutil.copytree(feed, regenerated)
    feed_meta_generator(regenerated)
    assert json.loads((regenerated / "manifest.json").read_text()) == manifest
    assert sorted((regenerated / "hashes.csv").read_text().splitlines()) == sorted(
        (feed / "hashes.csv").read_text().splitlines()
    )


def test_an_unchanged_report_leaves_its_feed_file_alone(sync, reports: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    sync(str(reports), "--feed-dir", str(feed))
    before = {p.name: p.read_bytes() for p in feed.iterdir()}
    sync(str(reports), "--feed-dir", str(feed), state=tmp_path / "lost-state")  # state lost: feed compared
    assert {p.name: p.read_bytes() for p in feed.iterdir()} == before


def test_a_removed_indicator_stays_as_a_deletion_with_a_newer_timestamp(reports: Path, tmp_path: Path) -> None:
    clock = [1_700_000_000]
    feed = tmp_path / "feed"
    sink = FeedSink(feed, clock=lambda: clock[0])
    old = expected_event(reports / "alpha.txt", reports)
    sink.upsert_event(old)
    sink.close()
    first = read_feed(feed)[old["uuid"]]

    clock[0] += 3600
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    new = expected_event(reports / "alpha.txt", reports)
    sink = FeedSink(feed, clock=lambda: clock[0])
    assert sink.upsert_event(new).action == "updated"
    sink.close()
    second = read_feed(feed)[old["uuid"]]

    assert int(second["timestamp"]) > int(first["timestamp"])
    by_value = {(a["type"], a["value"]): a for a in second["Attribute"]}
    for key in live(old) - live(new):
        assert by_value[key]["deleted"] is True and int(by_value[key]["timestamp"]) == clock[0]
    for key in live(old) & live(new):
        kept = next(a for a in first["Attribute"] if (a["type"], a["value"]) == key)
        assert by_value[key]["timestamp"] == kept["timestamp"]  # unchanged: MISP must not re-pull it
    manifest = json.loads((feed / "manifest.json").read_text())
    assert int(manifest[old["uuid"]]["timestamp"]) == int(second["timestamp"])


def test_a_crash_before_the_manifest_is_written_is_repaired_on_the_next_run(sync, reports, tmp_path) -> None:
    feed = tmp_path / "feed"
    sync(str(reports), "--feed-dir", str(feed))
    manifest = (feed / "manifest.json").read_text()
    (feed / "manifest.json").write_text("{}")
    (feed / DIRTY).touch()
    sync(str(reports), "--feed-dir", str(feed))
    assert json.loads((feed / "manifest.json").read_text()) == json.loads(manifest)
    assert not (feed / DIRTY).exists()


def test_a_template_edit_reaches_events_already_delivered(sync, reports: Path, tmp_path: Path) -> None:
    """The state skips unchanged reports, but not when what shapes their events (here a template) changed."""
    templates = tmp_path / "templates"
    templates.mkdir()
    template = templates / "analysis-summary.yaml"
    template.write_text((bundled_templates_dir() / "analysis-summary.yaml").read_text())
    config = tmp_path / "sync.yaml"
    config.write_text(config.read_text() + f"templates_dir: {templates}\n")
    feed = tmp_path / "feed"
    assert sync(str(reports), "--feed-dir", str(feed)).code == 0
    assert "unchanged" in sync(str(reports), "--feed-dir", str(feed)).out
    template.write_text(template.read_text().replace('"tlp:amber"', '"tlp:green"'))
    result = sync(str(reports), "--feed-dir", str(feed))
    assert result.code == 0, result.err
    live_tags = [{t["name"] for t in e.get("Tag", []) if not t.get("deleted")} for e in read_feed(feed).values()]
    assert any("tlp:green" in names and "tlp:amber" not in names for names in live_tags), live_tags
