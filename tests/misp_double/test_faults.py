"""The double's fault injection and request log, seen through the real PyMISP client."""

from __future__ import annotations

import pytest
import requests
from pymisp import MISPEvent, PyMISP

from misp_double import Fault, MispDouble, MispModel, Permissions


@pytest.fixture
def double() -> MispDouble:
    with MispDouble() as running:
        yield running


def event(uuid: str = "4545e1dc-4fbc-5de0-9780-db9bc6d7179e") -> MISPEvent:
    misp_event = MISPEvent()
    misp_event.from_dict(uuid=uuid, info="Fault scenario", distribution=0)
    misp_event.add_attribute("ip-dst", "203.0.113.10", uuid="78d1bef3-3b1c-574b-bd45-00ae89115193")
    return misp_event


def test_pymisp_connects_and_counts_no_write(double: MispDouble) -> None:
    PyMISP(double.url, double.key, ssl=False)
    assert [r.path for r in double.requests()] == [
        "/servers/getVersion",
        "/users/view/me",
        "/attributes/describeTypes.json",
    ]
    assert double.writes() == []


def test_a_throttled_request_answers_429_with_retry_after(double: MispDouble) -> None:
    double.inject(Fault(path="/events/add", status=429, retry_after=7))
    answer = requests.post(double.url + "/events/add", json={}, headers={"Authorization": double.key}, timeout=5)
    assert (answer.status_code, answer.headers["Retry-After"]) == (429, "7")
    answer = requests.post(double.url + "/events/add", json={}, headers={"Authorization": double.key}, timeout=5)
    assert answer.status_code == 403  # the fault fired once; then MISP's own answer (no info)


def test_a_reset_after_processing_stores_the_event_but_the_client_sees_an_error(double: MispDouble) -> None:
    misp = PyMISP(double.url, double.key, ssl=False)
    double.inject(Fault(path="/events/add", reset=True, after=True))
    with pytest.raises(requests.ConnectionError):
        misp.add_event(event())
    assert misp.event_exists("4545e1dc-4fbc-5de0-9780-db9bc6d7179e")
    assert [r.path for r in double.writes()] == ["/events/add"]


def test_a_slow_answer_times_the_client_out(double: MispDouble) -> None:
    misp = PyMISP(double.url, double.key, ssl=False, timeout=0.2)
    double.inject(Fault(path="/events/view/", method="GET", delay=0.5))
    with pytest.raises(requests.Timeout):
        misp.get_event("4545e1dc-4fbc-5de0-9780-db9bc6d7179e")


def test_a_server_error_raises_in_pymisp(double: MispDouble) -> None:
    misp = PyMISP(double.url, double.key, ssl=False)
    double.inject(Fault(path="/events/edit/", status=500))
    with pytest.raises(Exception, match="Error code 500"):
        misp.update_event(event())


def test_unknown_tags_are_dropped_silently_without_tag_editor_permission() -> None:
    model = MispModel(permissions=Permissions(perm_tag_editor=False), known_tags=("tlp:clear",))
    with MispDouble(model=model) as double:
        misp = PyMISP(double.url, double.key, ssl=False)
        sent = event()
        sent.add_tag("tlp:clear")
        sent.add_tag("custom:never-seen")
        stored = misp.add_event(sent, pythonify=True)
    assert [t.name for t in stored.tags] == ["tlp:clear"]


def test_a_bad_key_is_refused_on_every_endpoint(double: MispDouble) -> None:
    with pytest.raises(Exception, match="Unable to get the user settings"):
        PyMISP(double.url, "not-the-key", ssl=False)
