"""The team's scorer (../shared/score.py) on every labelled report folder: the issue's quality thresholds.

Skipped where the team's shared folder is absent (a fresh clone elsewhere); the in-repository gold checks
(test_indicator_reports, test_galaxy_extract) run everywhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from misp_module.deliver.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "score.py"
FOLDERS = {"repository": ROOT / "tests" / "data" / "reports", "shared": ROOT.parent / "shared" / "reports"}
THRESHOLDS = {
    "attr_recall": 0.95,
    "attr_precision": 0.95,
    "ids_rate": 0.90,
    "cluster_recall": 0.90,
    "cluster_precision": 0.90,
}


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/score.py is not here")
@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_scores_meet_the_thresholds(folder: str, tmp_path: Path) -> None:
    reports = FOLDERS[folder]
    if not any(reports.glob("*.gold.yaml")):
        pytest.skip(f"no labelled report in {reports}")
    assert main(["convert", str(reports), "-o", str(tmp_path)]) == 0
    result = subprocess.run(
        [sys.executable, str(SCORER), str(reports), str(tmp_path)], capture_output=True, text=True, check=True
    )
    figures = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", result.stdout)}
    for name, minimum in THRESHOLDS.items():
        assert figures[name] >= minimum, f"{name}={figures[name]} < {minimum}\n{result.stdout}"
    assert figures["noise_hits"] == 0, result.stdout
    assert figures["missing_events"] == 0, result.stdout
