"""The same report gives the same event, in the same order, in every process: MISP keeps tags and attributes in
the order they come, `convert` output is compared byte for byte between runs, and the sync would otherwise see a
change where there is none. Python's sets of strings iterate in an order PYTHONHASHSEED changes per process, so
every list of clusters must come from an ordered source (a region list built from a set once varied this way)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Victims in seven countries of three regions, and a sentence naming the three regions: the regions come from the
# victims-region reading, the tags of the event from several readings merged.
_REPORT = """# Harbour crew widens its reach

Published 3 March 2026 by the research team.

Over the last quarter the group breached port operators in Djibouti, Egypt and Mozambique, a logistics firm in
Austria and Bulgaria, and a shipping agent in Vietnam and Thailand. The intrusions began with spear-phishing
mails that carried a shipping manifest as bait.

The group has been active across Africa, Europe and South-eastern Asia for years, and its recent victims in all
three regions were maritime and logistics companies.
"""


def _tags_and_attributes(event_file: Path) -> list[str]:
    event = json.loads(event_file.read_text(encoding="utf-8"))["Event"]
    rows = [tag["name"] for tag in event.get("Tag", [])]
    rows += [f"{a['type']}={a['value']}" for a in event.get("Attribute", [])]
    return rows


def test_an_event_comes_out_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "harbour.md").write_text(_REPORT, encoding="utf-8")
    seeds = ("1", "2", "3", "4")
    # Independent processes, side by side; the test waits for them all.
    command = [sys.executable, "-m", "misp_module.deliver.cli", "convert", str(reports), "--jobs", "1", "-o"]
    processes = [
        subprocess.Popen(
            [*command, str(tmp_path / seed)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in seeds
    ]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    runs = [_tags_and_attributes(tmp_path / seed / "harbour.json") for seed in seeds]
    assert sum(row.startswith("misp-galaxy:region=") for row in runs[0]) >= 2, runs[0]
    assert all(run == runs[0] for run in runs[1:]), runs
