"""Fixtures shared by every test: the sample reports and an in-process runner of the `misp-report` CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from misp_module.deliver.cli import main

DATA = Path(__file__).resolve().parent / "data"
REPORTS = DATA / "reports"
SHARED_REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"


@dataclass
class CliResult:
    """What one CLI invocation did: exit code, stdout and stderr."""

    code: int
    stdout: str
    stderr: str

    def event(self) -> dict:
        """The event of a single-report conversion printed on stdout."""
        return json.loads(self.stdout)["Event"]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `misp-report ARGS` in this process (argparse usage errors give exit code 2 as in a shell)."""

    def run(*args: str | Path) -> CliResult:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def reports_dir() -> Path:
    """The sample reports kept in the repository."""
    return REPORTS
