"""The one-line reasons of a failed MISP request say what to fix, without the request's details."""

from __future__ import annotations

import requests

from misp_module.deliver.sync.retry import describe


def test_a_tls_failure_points_to_the_ca_bundle() -> None:
    reason = describe(requests.exceptions.SSLError("certificate verify failed: https://user:pw@misp.example.org"))
    assert "TLS" in reason and "--ca-bundle" in reason and "pw@" not in reason


def test_a_reset_connection_is_no_tls_failure() -> None:
    reason = describe(requests.ConnectionError("Connection reset by peer"))
    assert reason == "connection to MISP failed or was reset"
