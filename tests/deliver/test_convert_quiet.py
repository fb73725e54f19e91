"""`convert -q` prints only the failures and the last count line; without it each report written is a line too.
Either way each failure is said once, stderr being no terminal here (as in a cron job's mail)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GOOD = "The loader campaign reached three banks in Chile and Peru through malvertising this week.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.md").write_text(GOOD, encoding="utf-8")
    (reports / "b.txt").write_text(GOOD.replace("Chile", "Bolivia"), encoding="utf-8")
    (reports / "empty.txt").write_bytes(b"")
    return reports


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_prints_the_failures_and_the_count_line_only(cli, folder: Path, tmp_path: Path, flag: str) -> None:
    result = cli("convert", folder, "-o", tmp_path / "events", flag)
    assert result.code == 1
    assert result.stderr.splitlines() == [
        f"misp-report: {folder / 'empty.txt'}: file is empty",
        "misp-report: 2 converted, 1 failed",
    ]
    assert (tmp_path / "events" / "a.json").is_file() and (tmp_path / "events" / "b.json").is_file()


def test_without_quiet_each_report_written_is_a_line_and_each_failure_is_said_once(
    cli, folder: Path, tmp_path: Path
) -> None:
    result = cli("convert", folder, "-o", tmp_path / "events")
    assert result.code == 1
    assert f"{folder / 'a.md'} -> {tmp_path / 'events' / 'a.json'}" in result.stderr.splitlines()
    assert result.stderr.count("empty.txt") == 1
    assert result.stderr.splitlines()[-1] == "misp-report: 2 converted, 1 failed"


def test_quiet_with_one_good_report_prints_its_event_and_nothing_else(cli, folder: Path) -> None:
    result = cli("convert", folder / "a.md", "-q")
    assert result.code == 0 and result.stderr == "" and json.loads(result.stdout)["Event"]["uuid"]


def test_quiet_is_in_the_help_with_its_default(cli) -> None:
    for command in ("convert", "sync"):
        text = " ".join(cli(command, "--help").stdout.split())
        assert "-q, --quiet" in text and "default:" in text.split("--quiet", 1)[1].split(" -", 1)[0], command
