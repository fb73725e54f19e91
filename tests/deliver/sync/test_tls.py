"""`misp-report sync` to a MISP over HTTPS whose certificate the system does not trust: a certificate
failure is no network fault, so the run stops at once with one line that says which host, what is wrong
with its certificate and how to fix it. Real PyMISP against the MISP double served over TLS with a
self-signed certificate that `openssl` makes for the test."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from misp_double import Fault, MispDouble

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key, as a test MISP instance is often set up."""
    cert, key = folder / "misp-cert.pem", folder / "misp-key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class TlsHandshakes:
    """Serves `double` over HTTPS and counts the TLS connections clients opened (failed handshakes too)."""

    def __init__(self, double: MispDouble, cert: Path, key: Path) -> None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server = double._server
        # The handshake runs in accept(): a client that refuses the certificate ends it there, quietly.
        server.socket = context.wrap_socket(server.socket, server_side=True)
        self.count = 0
        accept = server.get_request

        def counted() -> object:
            self.count += 1
            return accept()

        server.get_request = counted  # type: ignore[method-assign]
        double.url = double.url.replace("http://", "https://")


@pytest.fixture
def https(tmp_path: Path) -> Iterator[tuple[MispDouble, TlsHandshakes, Path]]:
    cert, key = self_signed(tmp_path)
    double = MispDouble()
    handshakes = TlsHandshakes(double, cert, key)
    with double:
        yield double, handshakes, cert


def test_an_untrusted_certificate_stops_the_run_at_once_with_the_fix(sync, https, reports) -> None:
    double, handshakes, _ = https
    result = sync(str(reports), double=double)
    assert result.code == 1
    assert handshakes.count == 1  # not retried: trying again cannot change the certificate
    failed = [line for line in result.out.splitlines() if line.startswith("failed")]
    assert len(failed) == 1, result.out
    line = failed[0]
    assert "127.0.0.1" in line and "certificate" in line and "self" in line and "signed" in line
    assert "--ca-bundle FILE" in line and "sync.misp.ca_bundle" in line
    assert double.key not in result.out + result.err
    assert "Traceback" not in result.out + result.err
    assert double.model.events == {}


def test_with_its_ca_bundle_the_same_misp_is_synced(sync, https, reports) -> None:
    double, _, cert = https
    result = sync(str(reports), "--ca-bundle", str(cert), double=double)
    assert result.code == 0, result.out
    assert len(double.model.events) == len(list(reports.iterdir()))


def test_a_reset_connection_over_tls_is_still_retried(sync, https, reports) -> None:
    double, _, cert = https
    double.inject(Fault(path="/events/add", reset=True, times=1))
    result = sync(str(reports), "--ca-bundle", str(cert), double=double)
    assert result.code == 0, result.out
    assert len(double.model.events) == len(list(reports.iterdir()))


def test_an_https_url_for_a_plain_http_port_stops_the_run_at_once(sync, reports) -> None:
    """A common slip (https:// for MISP's HTTP port): OpenSSL's WRONG_VERSION_NUMBER, whose `reason` is a
    string, once crashed the certificate check; now one line names the host and what to check, not retried."""
    with MispDouble() as double:
        double.url = double.url.replace("http://", "https://")
        result = sync(str(reports), double=double)
    assert result.code == 1
    failed = [line for line in result.out.splitlines() if line.startswith("failed")]
    assert len(failed) == 1, result.out
    assert "did not answer in TLS" in failed[0] and "127.0.0.1" in failed[0], failed[0]
    assert "bug" not in result.out + result.err and "Traceback" not in result.out + result.err
    assert double.log == []  # the TLS hello is no HTTP request: the double saw nothing, and nothing was retried
    assert double.model.events == {}
