"""Galaxy index benchmark: build time (cold) vs loading the disk cache, first use in a fresh process, and
matching throughput on texts of 1 KB to 1 MB made from the sample reports."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from misp_module.extract.galaxies import galaxy_findings
from misp_module.knowledge.cache import CACHE_ENV
from misp_module.knowledge.galaxies import galaxy_index
from misp_module.read.reader import read_report

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
SIZES = (1_000, 10_000, 100_000, 1_000_000)
FIRST_USE = (
    "import time; t = time.perf_counter(); "
    "from misp_module.knowledge.galaxies import galaxy_index; galaxy_index().find('APT28 in Ukraine'); "
    "print(time.perf_counter() - t)"
)


def _first_use(cache: str) -> float:
    """Seconds from import to the first match, in a new interpreter (as inside misp-modules or the CLI)."""
    env = {**os.environ, CACHE_ENV: cache}
    out = subprocess.run([sys.executable, "-c", FIRST_USE], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def _corpus() -> str:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(REPORTS.glob("*.md"))]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(REPORTS.glob("*.txt"))]
    return "\n\n".join(texts)


def main() -> None:
    """Print the figures; asserts nothing."""
    with tempfile.TemporaryDirectory() as cache:
        cold = _first_use(cache)
        warm = min(_first_use(cache) for _ in range(3))
    print(f"galaxies: first use in a new process: {cold:.2f} s building the index, {warm:.2f} s from the disk cache")
    index = galaxy_index()
    print(f"galaxies: index of {len(index)} names over {len(index.clusters)} clusters")
    corpus = _corpus()
    for size in SIZES:
        text = (corpus * (size // len(corpus) + 1))[:size]
        rounds = max(1, 2_000_000 // size)
        start = time.perf_counter()
        for _ in range(rounds):
            matches = index.find(text)
        elapsed = (time.perf_counter() - start) / rounds
        report = read_report(text.encode(), identity="bench", name="bench", max_bytes=10 * size, template=None)
        start = time.perf_counter()
        for _ in range(rounds):
            galaxy_findings(report)
        extracted = (time.perf_counter() - start) / rounds
        print(
            f"galaxies: {size / 1000:>6.0f} KB: find() {elapsed * 1000:8.2f} ms ({size / elapsed / 1e6:4.1f} MB/s,"
            f" {len(matches)} matches); galaxy_findings() {extracted * 1000:8.2f} ms"
            f" ({size / extracted / 1e6:4.1f} MB/s)"
        )
