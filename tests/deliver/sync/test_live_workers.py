"""Four writers against a real MISP: runs only with MISP_URL and MISP_KEY set (MISP_INSECURE=1 for a
self-signed test instance). The events get a fresh UUID namespace and are deleted (and unblocked) after."""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pymisp import PyMISP
from sync_helpers import generate_reports, live

from misp_module.deliver.files import file_date, report_identity
from misp_module.deliver.sync.output import ConsoleProgress
from misp_module.deliver.sync.pace import Pace
from misp_module.deliver.sync.retry import RetryPolicy
from misp_module.deliver.sync.runner import Runner
from misp_module.deliver.sync.sinks.misp import MispConnection, MispSink
from misp_module.deliver.sync.sources.folder import FolderSource
from misp_module.deliver.sync.state import StateStore
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

URL, KEY = os.environ.get("MISP_URL"), os.environ.get("MISP_KEY")
pytestmark = pytest.mark.skipif(not (URL and KEY), reason="set MISP_URL and MISP_KEY to run against a real MISP")
VERIFY = os.environ.get("MISP_INSECURE") != "1"
REPORTS = 8


@pytest.fixture
def created() -> Iterator[list[str]]:
    uuids: list[str] = []
    yield uuids
    misp = PyMISP(URL, KEY, ssl=VERIFY)
    for event_uuid in uuids:
        misp.delete_event(event_uuid)
        misp.delete_event_blocklist(event_uuid)


def test_four_writers_create_every_event_once_in_a_real_misp(tmp_path: Path, created: list[str]) -> None:
    namespace, settings = uuid.uuid4(), Settings()
    folder = tmp_path / "reports"
    paths = generate_reports(folder, REPORTS)
    wanted = {}
    for path in paths:
        event = convert_bytes(
            path.read_bytes(),
            identity=report_identity(path, folder),
            name=str(path),
            settings=settings,
            fallback_date=file_date(path, None),
            namespace=namespace,
        )
        wanted[event.uuid] = json.loads(event.to_json())
    created.extend(wanted)
    pace = Pace(4)
    sink = MispSink(MispConnection(URL or "", KEY or "", verify=VERIFY), RetryPolicy(attempts=3, pace=pace))
    store = StateStore(tmp_path / "state", sink.name)
    runner = Runner(
        FolderSource(folder, settings.max_report_bytes),
        sink,
        store,
        settings,
        ConsoleProgress(),
        namespace=namespace,
        stop=threading.Event(),
        jobs=2,
        workers=4,
        pace=pace,
    )
    summary = runner.run()
    store.close()
    assert summary.counts["created"] == REPORTS and not summary.failures, summary
    misp = PyMISP(URL, KEY, ssl=VERIFY)
    for event_uuid, event in wanted.items():
        stored = misp.get_event(event_uuid, deleted=True)["Event"]
        values = [(a["type"], a["value"]) for a in stored["Attribute"]]
        assert len(values) == len(set(values)) and live(stored) == live(event)
