"""`make bench` is not run by the suite (it prints timings); this keeps its modules importable."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent


@pytest.mark.parametrize("name", sorted(p.stem for p in BENCH.glob("bench_*.py")))
def test_benchmark_module_imports(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    module = importlib.import_module(name)
    assert callable(module.main)
    sys.modules.pop(name, None)


def test_runner_calls_every_benchmark() -> None:
    runner = (BENCH / "run.py").read_text(encoding="utf-8")
    for path in BENCH.glob("bench_*.py"):
        assert f"{path.stem}.main()" in runner, f"{path.name} is not run by make bench"
