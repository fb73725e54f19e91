"""Every failure line names its report exactly once, then says why: `misp-report: reports/r.md: why` in a
convert, `failed r.md: why` in a sync's progress lines, or `failed   r.md: why` in its summary on a terminal (the
report's path in the repository), never both; no "r.md: r.md: …".
Bad reports of every kind the readers refuse, in one folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "The loader campaign reached three banks in Chile and Peru through malvertising this week.\n"
# File name → (bytes, the reason the line must give). Names share no prefix, so a name counts once per line.
BAD = {
    "empty.txt": (b"", "file is empty"),
    "elf.txt": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), "binary file"),
    "latin.md": ("Le groupe était très actif en Bolivie.".encode("latin-1"), "not valid UTF-8"),
    "numbers.md": (b"# --\n\n1234 5678 !!!\n", "no recognisable content"),
    "frontmatter.md": (b"---\ntitle: [never closed\n---\n" + GOOD.encode(), "invalid YAML front matter"),
    "listmatter.md": (b"---\n- one\n- two\n---\n" + GOOD.encode(), "front matter must be a mapping"),
    "torn.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", "PDF"),
    "plain.docx": (b"this is no zip archive at all", "not a DOCX file"),
    "huge.txt": (GOOD.encode() * 200, "over the limit"),
}
MAX_SIZE = "5000"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    (folder / "dangling.md").symlink_to(folder / "gone.md")
    os.mkfifo(folder / "pipe.txt")
    return folder


EXPECTED = {**{name: reason for name, (_, reason) in BAD.items()}, "dangling.md": "broken symlink", "pipe.txt": "FIFO"}


def lines_naming(text: str, name: str) -> list[str]:
    return [line for line in text.splitlines() if name in line]


def test_convert_names_each_failed_report_once(cli, reports: Path, tmp_path: Path) -> None:
    result = cli("convert", reports, "-o", tmp_path / "events", "--max-size", MAX_SIZE)
    assert result.code == 1
    for name, reason in EXPECTED.items():
        [line] = lines_naming(result.stderr, name)
        assert line.startswith(f"misp-report: {reports / name}: "), line
        assert line.count(name) == 1 and reason in line, line
    assert result.stderr.splitlines()[-1] == f"misp-report: 1 converted, {len(EXPECTED)} failed"


def test_sync_names_each_failed_report_once_by_its_path_in_the_repository(reports: Path, tmp_path: Path) -> None:
    (tmp_path / "sync.yaml").write_text(f"max_report_bytes: {MAX_SIZE}\n", encoding="utf-8")
    command = [sys.executable, "-m", "misp_module.deliver.cli", "sync", str(reports), "--sink", "feed"]
    command += ["--feed-dir", str(tmp_path / "feed"), "--state-dir", str(tmp_path / "state")]
    command += ["--config", str(tmp_path / "sync.yaml")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    for name, reason in EXPECTED.items():
        # stderr is no terminal here (a cron job's mail): the failure is said once, as it happens; the
        # summary counts it and says where it is
        assert not lines_naming(result.stdout, name), result.stdout
        [progress] = lines_naming(result.stderr, name)
        assert progress.startswith(f"failed {name}: ") and progress.count(name) == 1 and reason in progress
    assert f"  failed     {len(EXPECTED):>6}" in result.stdout
    assert f"{len(EXPECTED)} failures: each printed as it happened, with its report, on standard error" in result.stdout
