"""`misp-report convert` on a hostile or unlucky folder: FIFOs, broken links, colliding names, bad -o.

Each bad case is one line on stderr naming the file and what to do, the good reports are still written,
and no run hangs (the installed command runs with a timeout, so a hang fails the test instead of the suite).
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "The loader campaign reached three banks in Chile and Peru through malvertising this week.\n"
IMPOSSIBLE_DATE = "---\ntitle: Loader campaign\ndate: 2025-02-30\n---\n" + GOOD
CLI = Path(sys.executable).with_name("misp-report")


def hostile_folder(folder: Path, reports_dir: Path) -> Path:
    """Good reports among a FIFO, a symlink loop, a broken symlink and a report with an impossible date."""
    folder.mkdir()
    (folder / "deepseek-czechia.txt").write_bytes((reports_dir / "deepseek-czechia.txt").read_bytes())
    (folder / "good.md").write_text(GOOD)
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.md").symlink_to("loop.md")
    (folder / "gone.md").symlink_to("deleted-report.md")
    (folder / "bad-date.md").write_text(IMPOSSIBLE_DATE)
    return folder


def lines_naming(stderr: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if name in line and "->" not in line]


def test_a_hostile_folder_converts_the_good_reports_and_names_each_bad_one(tmp_path: Path, reports_dir) -> None:
    folder = hostile_folder(tmp_path / "reports", reports_dir)
    out = tmp_path / "out"
    result = subprocess.run(
        [str(CLI), "convert", str(folder), "-o", str(out)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["deepseek-czechia.json", "good.json"]
    reasons = {
        "pipe.txt": "named pipe (FIFO)",
        "loop.md": "symlink loop",
        "gone.md": "broken symlink (to deleted-report.md",
        "bad-date.md": "bad-date.md",
    }
    for name, reason in reasons.items():
        lines = lines_naming(result.stderr, name)
        assert len(lines) == 1 and reason in lines[0], result.stderr
    assert "2 converted, 4 failed" in result.stderr


def test_a_fifo_given_by_name_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    result = subprocess.run(
        [str(CLI), "convert", str(tmp_path / "pipe.md")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first == f"misp-report: {tmp_path / 'pipe.md'}: a named pipe (FIFO), not a report file; " + (
        "remove it or move it out of the report folder"
    )


def test_a_link_to_a_report_of_the_folder_is_that_report_once(cli, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2025-loader.md").write_text(GOOD)
    (folder / "latest.md").symlink_to("2025-loader.md")
    result = cli("convert", folder, "-o", tmp_path / "out")
    assert result.code == 0, result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["2025-loader.json"]


def test_reports_sharing_a_name_keep_their_suffix_instead_of_overwriting(cli, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r.md").write_text(GOOD)
    (folder / "r.txt").write_text(GOOD.replace("Chile", "Bolivia"))
    (folder / "other.md").write_text(GOOD.replace("Chile", "Uruguay"))
    out = tmp_path / "out"
    result = cli("convert", folder, "-o", out)
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["other.json", "r.md.json", "r.txt.json"]
    infos = {json.loads((out / n).read_text())["Event"]["info"] for n in ("r.md.json", "r.txt.json")}
    assert len(infos) == 2 and any("Bolivia" in info for info in infos)


def test_reports_that_would_still_share_an_output_file_are_refused(cli, tmp_path: Path) -> None:
    for team in ("emea", "apac"):
        (tmp_path / team).mkdir()
        (tmp_path / team / "weekly.md").write_text(GOOD.replace("Chile", team))
    (tmp_path / "apac" / "other.md").write_text(GOOD)
    out = tmp_path / "out"
    result = cli("convert", tmp_path / "emea" / "weekly.md", tmp_path / "apac" / "weekly.md", "-o", out)
    assert result.code == 1
    for team, other in (("emea", "apac"), ("apac", "emea")):
        lines = lines_naming(result.stderr, f"{team}/weekly.md: not converted")
        assert len(lines) == 1 and f"{other}/weekly.md would be written to the same" in lines[0], result.stderr
    assert not (out / "weekly.json").exists()


def test_a_report_given_twice_is_converted_once(cli, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.md").write_text(GOOD)
    result = cli("convert", tmp_path / "reports", tmp_path / "reports" / "a.md", "-o", tmp_path / "out")
    assert result.code == 0, result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.json"]


@pytest.mark.parametrize(("where", "reason"), [("file", "is a file, not a folder"), ("below", "cannot create")])
def test_output_on_a_file_is_one_usage_line(cli, tmp_path: Path, where: str, reason: str) -> None:
    (tmp_path / "a.md").write_text(GOOD)
    (tmp_path / "taken").write_text("not a folder")
    output = tmp_path / "taken" if where == "file" else tmp_path / "taken" / "events"
    result = cli("convert", tmp_path / "a.md", "-o", output)
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"misp-report: error: -o {output}: {reason}"), result.stderr
    assert (tmp_path / "taken").read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_in_a_read_only_folder_is_one_usage_line(cli, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = cli("convert", tmp_path / "a.md", "-o", locked)
    assert result.code == 2
    assert "not writable" in result.stderr and "Traceback" not in result.stderr


def test_a_report_that_cannot_be_written_is_one_line_and_the_others_are(cli, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "2025").mkdir(parents=True)
    (folder / "2025" / "late.md").write_text(GOOD)
    (folder / "early.md").write_text(GOOD.replace("Chile", "Bolivia"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "2025").write_text("a file where the sub-folder goes")
    result = cli("convert", folder, "-o", out)
    assert result.code == 1
    lines = lines_naming(result.stderr, "late.md")
    assert len(lines) == 1 and "cannot write" in lines[0]
    assert (out / "early.json").exists()


def test_a_file_name_cannot_forge_a_line_of_the_output(cli, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    os.mkfifo(folder / "x\nmisp-report: 3 converted, 0 failed\x1b[2K.md")
    (folder / "good.md").write_text(GOOD)
    result = cli("convert", folder, "-o", tmp_path / "out")
    assert result.code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr  # the refused pipe, good.md -> ..., the count
    assert any("x\\nmisp-report: 3 converted, 0 failed\\x1b[2K.md: a named pipe (FIFO)" in line for line in lines)
    assert lines[-1] == "misp-report: 1 converted, 1 failed"


def test_a_report_deeper_than_the_recursion_limit_is_found_and_written(cli, tmp_path: Path) -> None:
    # The limit is lowered rather than the tree made deeper than the default one: pytest (and every other
    # session sharing its temporary folder) removes old trees with a recursive rmtree.
    frames = len(inspect.stack())
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(frames + 150)
    try:
        folder = deepest = tmp_path / "reports"
        folder.mkdir()
        for _ in range(250):
            deepest = deepest / "a"
            deepest.mkdir()
        (deepest / "deep.md").write_text(GOOD)
        result = cli("convert", folder, "-o", tmp_path / "out", "--jobs", "1")
    finally:
        sys.setrecursionlimit(previous)
    assert result.code == 0, result.stderr[-500:]
    assert [p.name for p in (tmp_path / "out").rglob("*.json")] == ["deep.json"]


def test_a_file_name_that_is_not_utf8_is_converted_and_named_readably(cli, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    Path(os.fsdecode(os.fsencode(folder) + b"/rapport-\xe9t\xe9.md")).write_text(GOOD)  # Latin-1 bytes
    result = cli("convert", folder, "-o", tmp_path / "out")
    assert result.code == 0, result.stderr
    assert "reports/rapport-\\xe9t\\xe9.md -> " in result.stderr
    (written,) = (tmp_path / "out").iterdir()
    assert json.loads(written.read_text())["Event"]["info"].startswith("The loader campaign")
