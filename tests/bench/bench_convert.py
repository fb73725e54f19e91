"""Conversion benchmark: time per report over the sample reports, and the cold start of the CLI."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from misp_module.deliver.files import discover_reports
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
ROUNDS = 20


def main() -> None:
    """Print the median conversion time per report (warm) and the CLI's cold start on one report."""
    reports = [(p, p.read_bytes()) for p in discover_reports(REPORTS)]
    settings = Settings()
    convert_bytes(reports[0][1], identity="warm-up", name="warm-up", settings=settings)
    timings = []
    for _ in range(ROUNDS):
        for path, data in reports:
            start = time.perf_counter()
            convert_bytes(data, identity=path.name, name=path.name, settings=settings)
            timings.append(time.perf_counter() - start)
    print(
        f"convert: {len(reports)} sample reports x {ROUNDS} rounds: median {statistics.median(timings) * 1000:.1f} ms"
        f" per report, p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms"
    )
    cli = Path(sys.executable).with_name("misp-report")
    cold = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([str(cli), "convert", str(reports[0][0])], check=True, capture_output=True)
        cold.append(time.perf_counter() - start)
    print(
        f"convert: cold start of 'misp-report convert {reports[0][0].name}': median {statistics.median(cold):.2f} s"
        " over 3 runs"
    )
