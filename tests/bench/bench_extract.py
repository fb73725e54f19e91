"""Indicator extraction benchmark: reports/s and MB/s on reports of 1 KB to 1 MB (dense generated ones and
ones made of the annotated samples; indicator extractor alone and the whole extract stage), and the cold
start of one conversion by the CLI."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from misp_module.extract import extract
from misp_module.extract.indicators import indicator_findings
from misp_module.knowledge.warninglists import warninglists
from misp_module.read.reader import read_report
from misp_module.settings import Settings

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
SIZES = (1_000, 10_000, 100_000, 1_000_000)
HEAD = "Full Report\nA generated report.\nAnalysis Summary\n# Threat Actor: APT28\n"
SECTIONS = ("## Activity Summary", "## Tactics, Techniques & Procedures", "## Tools & Infrastructure")


def _paragraph(rng: random.Random) -> str:
    """Prose with a handful of indicators in the defang and markdown styles reports use."""
    ip = ".".join(str(rng.randint(1, 223)) for _ in range(4))
    host = "".join(rng.choice("abcdefghijklmnop") for _ in range(8))
    digest = "".join(rng.choice("0123456789abcdef") for _ in range(64))
    return (
        f"The operators staged payloads on {host}-cdn[.]com and beaconed to {ip.replace('.', '[.]', 1)} "
        f"over HTTPS (see hxxps://{host}[.]net/gate.php?id={rng.randint(1, 9999)}). The dropper `{host}.dll` "
        f"SHA256: {digest} was signed; version 10.0.19041.1 hosts, e.g. build servers, were hit via "
        f"CVE-2023-{rng.randint(1000, 99999)}. Mail came from {host}[at]mail-{host}[.]org and microsoft.com "
        "was impersonated.\n"
        f"| `{ip}` | C2 | AS{rng.randint(1000, 60000)} |\n"
    )


def generated_report(size: int, seed: int = 0) -> bytes:
    """A report of about `size` bytes in the Analysis Summary layout."""
    rng = random.Random(seed)
    parts = [HEAD]
    length = len(HEAD)
    while length < size:
        piece = (f"{rng.choice(SECTIONS)}\n" if rng.random() < 0.2 else "") + _paragraph(rng)
        parts.append(piece)
        length += len(piece)
    return "".join(parts).encode()[:size]


def _rate(label: str, function, report, size: int) -> None:
    """Repeat for about one second (two rounds at least) and print the mean rate."""
    rounds, start = 0, time.perf_counter()
    while rounds < 2 or time.perf_counter() - start < 1.0:
        function(report, Settings())
        rounds += 1
    seconds = (time.perf_counter() - start) / rounds
    print(f"extract: {label:22s} {size / 1000:>5.0f} KB: {1 / seconds:8.1f} reports/s {size / seconds / 1e6:6.2f} MB/s")


def sample_report(size: int) -> bytes:
    """A report of about `size` bytes made of the annotated sample reports (their indicator density)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("indicators-*.md"))]
    body = "\n".join(text.split("Analysis Summary", 1)[-1] for text in texts)
    return (HEAD + body * (size // len(body) + 1)).encode()[:size]


REAL_STYLE = REPORTS.parent / "real-style"
_DOMAIN_LIKE = re.compile(r"\b[A-Za-z0-9-]+(?=(?:\[\.\]|\(\.\)|\.)[A-Za-z0-9-]*[A-Za-z])")
_LONG_HEX = re.compile(r"\b[0-9a-fA-F]{32,}\b")
_IPV4 = re.compile(r"\b\d{1,3}(?:(?:\[\.\]|\.)\d{1,3}){3}\b")


def _paragraphs() -> list[str]:
    """Every paragraph of the sample and real-style reports (markdown and text), in a fixed order."""
    paths = sorted(REPORTS.glob("*.md")) + sorted(REPORTS.glob("*.txt"))
    paths += sorted(p for p in REAL_STYLE.glob("*/*") if p.suffix in (".md", ".txt"))
    return [part.strip() for p in paths for part in p.read_text(encoding="utf-8").split("\n\n") if part.strip()]


def _rewriter(rng: random.Random) -> Callable[[str], str]:
    """A rewrite of indicator values drawn from `rng`: the first label of domain-like names, long hex digests
    and IPv4 addresses changed by substitutions (prose words and technique identifiers kept)."""
    lower = "abcdefghijklmnopqrstuvwxyz"
    letters = str.maketrans(lower, "".join(rng.sample(lower, len(lower))))
    hexes = str.maketrans("0123456789abcdef", "".join(rng.sample("0123456789abcdef", 16)))
    shift = rng.randint(1, 250)

    def rewritten(text: str) -> str:
        text = _LONG_HEX.sub(lambda m: m[0].lower().translate(hexes), text)
        text = _IPV4.sub(lambda m: re.sub(r"\d+", lambda o: str((int(o[0]) + shift) % 254 + 1), m[0]), text)
        return _DOMAIN_LIKE.sub(lambda m: m[0].translate(letters), text)

    return rewritten


def varied_report(size: int, seed: int = 0) -> bytes:
    """A report of about `size` bytes that does not repeat itself: the paragraphs of the sample and real-style
    reports, shuffled anew for each pass over them, with other indicator values from the second pass on. A
    text of a few sections repeated thousands of times flatters every per-value or per-sentence cache; this
    one repeats a paragraph once per pass (some 300 KB), each time among other neighbours and values."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    parts, length, rounds = [HEAD], len(HEAD), 0
    while length < size:
        order = paragraphs[:]
        rng.shuffle(order)
        rewritten = _rewriter(rng) if rounds else str
        for paragraph in order:
            piece = rewritten(paragraph) + "\n\n"
            parts.append(piece)
            length += len(piece)
            if length >= size:
                break
        rounds += 1
    return "".join(parts).encode()[:size]


def _cold_start(report: Path, cache: str | None) -> float:
    env = dict(os.environ)
    if cache is not None:
        env["XDG_CACHE_HOME"] = cache
    cli = Path(sys.executable).with_name("misp-report")
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([str(cli), "convert", str(report), "-o", out], check=True, capture_output=True, env=env)
        return time.perf_counter() - start


def main() -> None:
    """Print the figures; asserts nothing."""
    warninglists()
    for corpus, make in (("generated", generated_report), ("sample-like", sample_report)):
        for size in SIZES:
            report = read_report(make(size), identity="bench", name="bench.md", max_bytes=2 * size + 1024)
            hits = len(indicator_findings(report, Settings()).attributes)
            print(f"extract: {corpus} report of {size / 1000:.0f} KB, {hits * 1000 / size:.1f} indicators per KB")
            _rate(f"indicators, {corpus}", indicator_findings, report, size)
            _rate(f"whole stage, {corpus}", extract, report, size)
    sample = REPORTS / "indicators-kimsuky-mail.md"
    warm = sorted(_cold_start(sample, None) for _ in range(3))[1]
    print(f"extract: cold start of 'misp-report convert {sample.name}' (warm disk caches): {warm:.2f} s")
    with tempfile.TemporaryDirectory() as cache:
        first = _cold_start(sample, cache)
    print(f"extract: same with an empty cache dir (warninglist and galaxy indexes compiled): {first:.2f} s")
