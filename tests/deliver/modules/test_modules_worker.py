"""Module conversions run in child processes: the answer is the same as converting in place, and a child that
runs over its time or memory budget is stopped with an error naming the report."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from misp_module.deliver.modules import worker
from misp_module.deliver.modules.results import misp_standard_results
from misp_module.errors import ReportError
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

REPORT = Path(__file__).resolve().parents[2] / "data" / "reports" / "indicators-generic-advisory.md"
NAMESPACE = uuid.UUID("6f1c3b0e-4a2d-4d8e-9b7a-1c2d3e4f5a6b")


def convert(data: bytes) -> dict:
    return worker.convert_to_results(data, identity="r", name="r.md", settings=Settings(), namespace=NAMESPACE)


def test_child_conversion_answers_what_an_in_place_one_does() -> None:
    data = REPORT.read_bytes()
    event = convert_bytes(data, identity="r", name="r.md", settings=Settings(), namespace=NAMESPACE)
    assert convert(data) == misp_standard_results(event)


def test_bad_report_in_a_child_is_the_same_clear_error() -> None:
    with pytest.raises(ReportError, match=r"r\.md: file is empty"):
        convert(b"   ")


def test_child_over_its_time_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "QUERY_SECONDS", 0.0)
    with pytest.raises(ReportError, match=r"r\.md: conversion stopped after 0 s"):
        convert(REPORT.read_bytes())


def test_the_time_limit_is_under_misps_timeout_and_says_what_to_do() -> None:
    assert worker.QUERY_SECONDS < 10  # MISP's Plugin.Import_timeout and Plugin.Enrichment_timeout default
    with pytest.raises(
        ReportError,
        match=r"r\.md: conversion stopped after 0 s of processor time, the module's time limit .* misp-report",
    ):
        worker.convert_to_results(
            REPORT.read_bytes(), identity="r", name="r.md", settings=Settings(), namespace=NAMESPACE, seconds=0.0
        )


def test_child_over_its_memory_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "QUERY_MEMORY", 1024 * 1024)
    with pytest.raises(ReportError, match=r"r\.md: (the conversion needs more than 1 MB|the conversion process ended)"):
        convert(b"# Report\n\n" + b"word " * 800_000)


def _no_worker_waits() -> None:
    with worker._spares_lock:
        spares = list(worker._spares)
        worker._spares.clear()
    for spare in spares:
        spare.discard()


def _waiting() -> dict[int, int]:
    """pid → queries served, of the workers waiting for a query."""
    with worker._spares_lock:
        return {spare.process.pid: spare.served for spare in worker._spares}


def test_a_worker_that_answered_serves_the_next_query_with_the_same_answers() -> None:
    data = REPORT.read_bytes()
    other = b"# Another report\n\nThe Lazarus Group used 198.51.100.9 and CVE-2023-4966.\n"
    _no_worker_waits()
    expected = misp_standard_results(
        convert_bytes(data, identity="r", name="r.md", settings=Settings(), namespace=NAMESPACE)
    )
    convert(other)
    served = _waiting()
    assert any(count >= 1 for count in served.values()), served
    assert convert(data) == expected  # nothing of the previous query leaks into this one
    assert any(count >= 2 for count in _waiting().values()) or max(served.values()) >= worker.REUSES


def test_a_worker_that_ran_out_of_memory_or_time_is_not_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_worker_waits()
    monkeypatch.setattr(worker, "QUERY_MEMORY", 1024 * 1024)
    with pytest.raises(ReportError):
        convert(b"# Report\n\n" + b"word " * 800_000)
    monkeypatch.setattr(worker, "QUERY_SECONDS", 0.0)
    with pytest.raises(ReportError):
        convert(REPORT.read_bytes())
    assert all(count == 0 for count in _waiting().values()), _waiting()
    monkeypatch.undo()
    data = REPORT.read_bytes()
    event = convert_bytes(data, identity="r", name="r.md", settings=Settings(), namespace=NAMESPACE)
    assert convert(data) == misp_standard_results(event)


def test_a_worker_is_replaced_after_its_last_query(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "REUSES", 1)
    _no_worker_waits()
    convert(REPORT.read_bytes())
    assert all(count == 0 for count in _waiting().values()), _waiting()
