"""Knowledge is loaded once per process, even when many threads ask for it at the same moment."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from misp_module.knowledge.cache import CACHE_ENV, cache_dir, load_once


def test_concurrent_first_calls_load_once() -> None:
    calls = []

    @load_once
    def slow_knowledge() -> object:
        calls.append(1)
        time.sleep(0.2)
        return object()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: slow_knowledge(), range(8)))
    assert len(calls) == 1
    assert all(r is results[0] for r in results)
    slow_knowledge.cache_clear()
    slow_knowledge()
    assert len(calls) == 2


def test_cache_dir_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "misp-report"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_dir() is None
