"""Fixtures shared by every test: the sample reports and an in-process runner of the `misp-report` CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from misp_module.deliver.cli import main

# Modules whose module fixture is costly (every labelled report rendered and converted in four formats; the rule
# patterns recorded by a process converting the samples; the galaxies' cluster values): `make test` (--dist loadgroup)
# runs each on one worker, so that the fixture is built once, not once on each worker. Named here rather than by an
# xdist_group mark: pytest 9 keeps a node's id where pytest-xdist 3.8 no longer writes the mark's group into it, so the
# mark split such a module across the workers (both built the fixture: about 40 s of the suite's CPU).
ONE_WORKER_MODULES = (
    "tests/read/test_format_scores.py",
    "tests/extract/test_regex_work.py",
    "tests/bench/test_judge_holdout.py",
)

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


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """--dist loadgroup with each of ONE_WORKER_MODULES as one unit of work (the rest test by test); xdist sends the
    largest units first, so the costly modules start at once on both workers and single tests fill in the end."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class OneWorkerModules(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_WORKER_MODULES else super()._split_scope(nodeid)

    return OneWorkerModules(config, log)
