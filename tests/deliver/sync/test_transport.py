"""The MISP transport under a MISP (or what stands in front of it) answering badly: redirects elsewhere,
answers that are not events, MISP down for good, a huge Retry-After. Real PyMISP against the double."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from misp_double import Fault, MispDouble
from sync_helpers import generate_reports

from misp_module.deliver.sync.retry import RetryPolicy
from misp_module.deliver.sync.sinks.misp import MispConnection, MispSink

EVENT = {"uuid": "4545e1dc-4fbc-5de0-9780-db9bc6d7179e", "info": "Transport scenario", "date": "2024-11-05"}


@pytest.fixture
def elsewhere() -> Iterator[MispDouble]:
    """Another server, where a redirect might send the event."""
    with MispDouble() as running:
        yield running


def test_a_307_to_another_host_is_not_followed(sync, double: MispDouble, elsewhere: MispDouble, reports) -> None:
    double.inject(Fault(path="/events/add", status=307, location=f"{elsewhere.url}/events/add", times=0))
    result = sync(str(reports), double=double)
    assert result.code == 1
    assert elsewhere.requests() == []  # not one byte of an event went there
    assert double.model.events == {}
    failed = [line for line in result.shown.splitlines() if line.startswith("failed")]
    assert len(failed) == 1, result.shown
    assert f"HTTP 307 to {elsewhere.url}/events/add: not followed, it leads away from MISP" in failed[0]
    assert "(3 report(s) not delivered in this run)" in failed[0]
    assert "Traceback" not in result.out + result.err


def test_a_post_redirected_to_a_login_page_is_not_turned_into_a_get(sync, double: MispDouble, reports) -> None:
    double.inject(Fault(path="/events/add", status=302, location="/users/login", times=0))
    result = sync(str(reports), double=double)
    assert result.code == 1
    assert "following it would turn the POST into a GET and drop what it sends" in result.out
    assert not [r for r in double.requests() if r.path == "/users/login"]


def test_a_redirect_within_misp_keeping_the_method_is_followed(sync, double: MispDouble, reports) -> None:
    double.inject(Fault(path="/servers/getVersion$", method="GET", status=301, location="/servers/getVersion.json"))
    result = sync(str(reports), double=double)
    assert result.code == 0, result.out
    assert len(double.model.events) == 3
    assert [r.path for r in double.requests()][:2] == ["/servers/getVersion", "/servers/getVersion.json"]


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ([{"Event": {"uuid": "x"}}], "a JSON list of 1 item(s)"),
        ({"Event": None}, '{"Event": null}'),
        ({"saved": True}, "a JSON object without an event (keys: saved)"),
    ],
)
def test_an_answer_that_is_not_an_event_fails_that_report_in_one_line(sync, double, reports, body, shown) -> None:
    double.inject(Fault(path="/events/add", status=200, body=body))
    result = sync(str(reports), double=double)
    assert result.code == 1
    failed = [line for line in result.shown.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and f"MISP answered POST /events/add with {shown} instead of an event" in failed[0]
    assert len(double.model.events) == 2  # the other reports went on
    assert "Traceback" not in result.out + result.err
    assert sync(str(reports), double=double).code == 0  # and the failed one is delivered next time
    assert len(double.model.events) == 3


def test_misp_down_stops_the_run_and_the_next_run_delivers_the_rest(sync, double, tmp_path: Path) -> None:
    generate_reports(tmp_path / "many", 12)
    # MISP goes down once PyMISP has connected: every later request has its connection reset
    double.inject(Fault(path="/", method="POST", reset=True, times=0))
    result = sync(str(tmp_path / "many"), "--workers", "1", double=double)
    assert result.code == 1
    refused = [r for r in double.requests() if r.status == 0]
    assert len(refused) == 10  # not 12 reports x 3 attempts: the run gave up after 10 faults in a row
    assert "MISP failed 10 times in a row (last: connection to MISP failed or was reset)" in result.out
    assert "(9 report(s) not delivered in this run)" in result.out
    double.faults.clear()
    rerun = sync(str(tmp_path / "many"), double=double)
    assert rerun.code == 0, rerun.out
    assert len(double.model.events) == 12


def test_with_several_writers_the_give_up_still_comes_after_a_few_faults(sync, double, tmp_path: Path) -> None:
    generate_reports(tmp_path / "many", 12)
    double.inject(Fault(path="/", method="POST", reset=True, times=0))
    result = sync(str(tmp_path / "many"), "--workers", "4", double=double)
    assert result.code == 1 and "MISP failed" in result.out and "times in a row" in result.out
    assert len([r for r in double.requests() if r.status == 0]) <= 10 + 3  # writers in flight end their try


def test_a_huge_retry_after_is_capped(double: MispDouble) -> None:
    sleeps: list[float] = []
    double.inject(Fault(path="/events/add", status=429, retry_after=86_400, times=1))
    sink = MispSink(MispConnection(double.url, double.key), RetryPolicy(attempts=3, sleep=sleeps.append))
    assert sink.upsert_event(EVENT, expect_new=True).action == "created"
    assert len(sleeps) == 1 and 0 < sleeps[0] <= 120
