"""The sync scenarios against a real MISP: runs only with MISP_URL and MISP_KEY set (MISP_INSECURE=1 for a
self-signed test instance). Events get a fresh UUID namespace, and are deleted (and unblocked) afterwards.
The analyst's edits use MISP_ANALYST_KEY when set (another user), else the same key."""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pymisp import PyMISP
from sync_helpers import DATA, live, soft_deleted, tags

from misp_module.build.identity import event_uuid
from misp_module.deliver.sync.output import ConsoleProgress
from misp_module.deliver.sync.retry import RetryPolicy
from misp_module.deliver.sync.runner import Runner, Summary
from misp_module.deliver.sync.sinks.misp import MispConnection, MispSink
from misp_module.deliver.sync.sources.folder import FolderSource
from misp_module.deliver.sync.state import StateStore
from misp_module.settings import Settings

URL, KEY = os.environ.get("MISP_URL"), os.environ.get("MISP_KEY")
pytestmark = pytest.mark.skipif(not (URL and KEY), reason="set MISP_URL and MISP_KEY to run against a real MISP")
VERIFY = os.environ.get("MISP_INSECURE") != "1"


@pytest.fixture
def namespace() -> Iterator[uuid.UUID]:
    space = uuid.uuid4()
    yield space
    misp = PyMISP(URL, KEY, ssl=VERIFY)
    for identity in ("alpha.txt", "charlie.txt"):
        misp.delete_event(str(event_uuid(identity, space)))
        misp.delete_event_blocklist(str(event_uuid(identity, space)))


def analyst() -> PyMISP:
    return PyMISP(URL, os.environ.get("MISP_ANALYST_KEY") or KEY, ssl=VERIFY)


def run(folder: Path, state: Path, namespace: uuid.UUID, on_removed: str = "keep") -> tuple[Summary, int]:
    settings = Settings()
    sink = MispSink(MispConnection(URL or "", KEY or "", verify=VERIFY), RetryPolicy(attempts=3))
    store = StateStore(state, sink.name)
    runner = Runner(
        FolderSource(folder, settings.max_report_bytes),
        sink,
        store,
        settings,
        ConsoleProgress(),
        on_removed,
        namespace=namespace,
        stop=threading.Event(),
    )
    summary = runner.run()
    store.close()
    return summary, sink.observer.writes


def stored(misp: PyMISP, uuid_: str) -> dict[str, Any]:
    return misp.get_event(uuid_, deleted=True)["Event"]


def first_sync(tmp_path: Path, namespace: uuid.UUID) -> tuple[Path, Path, Summary]:
    """alpha.txt and charlie.txt synced into a fresh namespace: both created."""
    reports, state = tmp_path / "reports", tmp_path / "state"
    reports.mkdir()
    for name in ("alpha.txt", "charlie.txt"):
        shutil.copy(DATA / "reports" / name, reports / name)
    first, _ = run(reports, state, namespace)
    assert first.counts["created"] == 2 and not first.failures, first
    return reports, state, first


def test_the_sync_scenarios_against_a_real_misp(tmp_path: Path, namespace: uuid.UUID) -> None:
    reports, state, _ = first_sync(tmp_path, namespace)
    assert run(reports, state, namespace)[1] == 0  # unchanged: no write at all

    misp = PyMISP(URL, KEY, ssl=VERIFY)
    alpha_uuid = str(event_uuid("alpha.txt", namespace))
    before = stored(misp, alpha_uuid)
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    (reports / "charlie.txt").unlink()
    second, _ = run(reports, state, namespace, on_removed="soft-delete")
    assert second.counts["updated"] == 1 and second.counts["retired"] == 1 and not second.failures, second
    after = stored(misp, alpha_uuid)
    assert soft_deleted(after) >= live(before) - live(after)
    assert "Alpha Spider Renamed" in {a["value"] for a in after["Attribute"] if not a["deleted"]}
    assert tags(after) == tags(before)


def plain_galaxy_tags(event: dict[str, Any]) -> set[str]:
    """`misp-galaxy:` tags of the event that MISP holds without a cluster."""
    clusters = {c["tag_name"].lower() for g in event.get("Galaxy", []) for c in g.get("GalaxyCluster", [])}
    return {t for t in tags(event) if t.startswith("misp-galaxy:") and t.lower() not in clusters}


def test_analysts_work_and_galaxies_on_a_real_misp(tmp_path: Path, namespace: uuid.UUID) -> None:
    reports, state, first = first_sync(tmp_path, namespace)
    misp, person = PyMISP(URL, KEY, ssl=VERIFY), analyst()
    alpha_uuid = str(event_uuid("alpha.txt", namespace))
    charlie_uuid = str(event_uuid("charlie.txt", namespace))
    warned = " ".join(w for _, w in first.warnings)
    for uuid_ in (alpha_uuid, charlie_uuid):  # every galaxy tag MISP keeps as a plain tag is named
        assert all(tag in warned for tag in plain_galaxy_tags(stored(misp, uuid_)))

    alpha = stored(misp, alpha_uuid)
    by_value = {a["value"]: a for a in alpha["Attribute"]}
    person.add_attribute(alpha_uuid, {"type": "ip-dst", "value": "198.51.100.77", "comment": "proxy logs"})
    person.tag(alpha_uuid, 'workflow:state="draft"')
    person.delete_attribute(by_value["invoice-alpha.example.com"]["uuid"])
    person.update_attribute({"to_ids": True}, by_value["https://invoice-alpha.example.com/download"]["uuid"])
    fields = {k: alpha[k] for k in ("date", "threat_level_id", "analysis", "distribution")}
    person.update_event({**fields, "info": "Alpha (reviewed)"}, event_id=alpha_uuid)
    charlie = stored(misp, charlie_uuid)
    person.add_attribute(charlie_uuid, {"type": "ip-dst", "value": "198.51.100.78", "comment": "ours"})
    person.tag(charlie_uuid, 'workflow:state="draft"')
    person.add_event_report(charlie["id"], {"name": "Triage notes", "content": "Checked."})

    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    (reports / "charlie.txt").unlink()
    second, _ = run(reports, state, namespace, on_removed="soft-delete")
    assert not second.failures, second
    assert second.kept >= 3, second  # the title, to_ids, the deletion

    after = stored(misp, alpha_uuid)
    values = {a["value"]: a for a in after["Attribute"]}
    assert not values["198.51.100.77"]["deleted"] and 'workflow:state="draft"' in tags(after)
    assert values["invoice-alpha.example.com"]["deleted"]
    assert values["https://invoice-alpha.example.com/download"]["to_ids"] is True
    assert after["info"] == "Alpha (reviewed)"
    assert "Alpha Spider Renamed" in {a["value"] for a in after["Attribute"] if not a["deleted"]}
    retired = stored(misp, charlie_uuid)
    assert live(retired) == {("ip-dst", "198.51.100.78")}
    assert {'workflow:state="draft"', "misp-report:retired"} <= tags(retired)
    assert "Triage notes" in [r["name"] for r in retired.get("EventReport", []) if not r.get("deleted")]


def test_an_analysts_copy_and_a_published_event_on_a_real_misp(tmp_path: Path, namespace: uuid.UUID) -> None:
    """Checks two MISP behaviours the sync relies on: a second attribute of the same category, type and value
    is refused in an event edit (Attribute::valueIsUnique), and an edit unpublishes a published event."""
    reports, state, _ = first_sync(tmp_path, namespace)
    misp, person = PyMISP(URL, KEY, ssl=VERIFY), analyst()
    alpha_uuid = str(event_uuid("alpha.txt", namespace))
    person.add_attribute(
        alpha_uuid, {"type": "ip-dst", "category": "Network activity", "value": "203.0.113.20", "comment": "ours"}
    )
    person.publish(alpha_uuid)
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")  # the report gives 203.0.113.20 too

    second, _ = run(reports, state, namespace)

    assert not second.failures, second
    warned = " ".join(w for _, w in second.warnings)
    assert "was published" in warned and "MISP dropped" not in warned, warned
    after = stored(misp, alpha_uuid)
    copies = [a for a in after["Attribute"] if a["value"] == "203.0.113.20" and not a["deleted"]]
    assert [a["comment"] for a in copies] == ["ours"]
    assert not after["published"]
