"""Fixtures for the sync tests: a MISP double, a folder of reports, a git repository of them, and the
`misp-report sync` CLI (the helpers they share are in sync_helpers.py)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from misp_double import MispDouble
from sync_helpers import DATA, git_repository

from misp_module.deliver.cli import main

# Fast retries for tests: the delays are real sleeps, so keep them in milliseconds.
FAST_RETRIES = "sync:\n  retries: {attempts: 3, base_delay: 0.01, max_delay: 0.05}\n"


@pytest.fixture
def double() -> Iterator[MispDouble]:
    with MispDouble() as running:
        yield running


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(DATA / "reports", folder)
    return folder


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository of the sample reports (`reports/alpha.txt` ...), one commit."""
    return git_repository(tmp_path / "origin")


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def shown(self) -> str:
        """All the run printed: off a terminal a report's failure is on stderr as it happens (the summary on
        stdout counts it), a failure of the whole run in the summary."""
        return self.out + self.err


@pytest.fixture
def sync(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run `misp-report sync ARGS` in this process against `double` (or the feed sink without one)."""
    config = tmp_path / "sync.yaml"
    config.write_text(FAST_RETRIES)

    def run(*args: str, double: MispDouble | None = None, state: Path | None = None, key: str = "") -> Result:
        if double is not None:
            monkeypatch.setenv("MISP_URL", double.url)
            monkeypatch.setenv("MISP_KEY", key or double.key)
        else:
            monkeypatch.delenv("MISP_URL", raising=False)
            monkeypatch.delenv("MISP_KEY", raising=False)
        # The log goes where an analyst sees it, the captured stderr (not pytest's log capture): main()
        # installs its handler on a root logger without one.
        monkeypatch.setattr(logging.root, "handlers", [])
        monkeypatch.setattr(logging.root, "level", logging.root.level)
        code = main(["sync", "--config", str(config), "--state-dir", str(state or tmp_path / "state"), *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
