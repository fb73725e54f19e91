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


def test_child_over_its_memory_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "QUERY_MEMORY", 1024 * 1024)
    with pytest.raises(ReportError, match=r"r\.md: (the conversion needs more than 1 MB|the conversion process ended)"):
        convert(b"# Report\n\n" + b"word " * 800_000)
