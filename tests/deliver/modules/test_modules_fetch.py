"""Fetching a link's page: only loopback servers started here; 127.0.0.2 is let through by the test-only
`allowed_networks`, so a redirect from it to 127.0.0.1 shows that every hop is checked."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from misp_module.deliver.modules.fetch import FetchError, FetchPolicy, fetch_page

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"
HTML = (REPORTS / "html-advisory.html").read_bytes()
TEST_HOST = "127.0.0.2"
ALLOW_TEST_HOST = FetchPolicy(allowed_networks=(ipaddress.ip_network(f"{TEST_HOST}/32"),))


@pytest.fixture
def pages(page_server_factory):
    server = page_server_factory(TEST_HOST)
    server.add("/advisory", HTML, headers={"Content-Type": "text/html; charset=utf-8"})
    server.add(
        "/notes.md",
        "# Notes\n\nCafé – résumé\n".encode("cp1252"),
        headers={"Content-Type": "text/markdown; charset=cp1252"},
    )
    return server


def test_default_policy_refuses_loopback_before_connecting(pages):
    with pytest.raises(FetchError, match="non-public address"):
        fetch_page(pages.url("/advisory"), FetchPolicy())
    assert pages.requested == []


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::7f00:1", False),  # IPv4-compatible 127.0.0.1
        ("::808:808", False),  # IPv4-compatible: deprecated, never a web server
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254 (cloud metadata)
        ("64:ff9b::808:808", True),  # NAT64 of a public address: how an IPv6-only network reaches it
        ("64:ff9b:1::a00:1", False),  # local-use NAT64
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:c0a8:101::1", False),  # 6to4 of 192.168.1.1
        ("2002:808:808::1", True),  # 6to4 of a public address
        ("fec0::1", False),  # site-local
    ],
)
def test_default_policy_allows_public_unicast_addresses_only(address, allowed):
    assert FetchPolicy().allows(ipaddress.ip_address(address)) is allowed


def test_html_page_is_read_as_text(pages):
    page = fetch_page(pages.url("/advisory"), ALLOW_TEST_HOST)

    assert page.content_type == "text/html"
    assert "# Advisory: exploitation of an edge VPN appliance" in page.text
    assert "document.write" not in page.text
    assert "<" not in page.text


def test_declared_charset_is_honoured(pages):
    page = fetch_page(pages.url("/notes.md"), ALLOW_TEST_HOST)

    assert "Café – résumé" in page.text


def test_redirect_inside_the_allowed_network_is_followed(pages):
    pages.add("/moved", status=301, headers={"Location": "/advisory"})

    page = fetch_page(pages.url("/moved"), ALLOW_TEST_HOST)

    assert page.url == pages.url("/advisory")
    assert pages.requested == ["/moved", "/advisory"]


def test_redirect_to_another_loopback_address_is_refused(pages, page_server_factory):
    inner = page_server_factory("127.0.0.1")
    inner.add("/secret", b"internal only", headers={"Content-Type": "text/plain"})
    pages.add("/go", status=302, headers={"Location": inner.url("/secret")})

    with pytest.raises(FetchError, match=r"resolves to 127\.0\.0\.1"):
        fetch_page(pages.url("/go"), ALLOW_TEST_HOST)
    assert inner.requested == []


def test_redirect_to_another_scheme_is_refused(pages):
    pages.add("/file", status=307, headers={"Location": "file:///etc/passwd"})

    with pytest.raises(FetchError, match="only http:// and https:// links"):
        fetch_page(pages.url("/file"), ALLOW_TEST_HOST)


def test_redirect_loop_ends(pages):
    pages.add("/loop", status=302, headers={"Location": "/loop"})

    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_page(pages.url("/loop"), ALLOW_TEST_HOST)
    assert len(pages.requested) == 6


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "no length"])
def test_page_over_the_size_cap_is_refused(pages, declared):
    body = b"word " * 2000
    headers = {"Content-Type": "text/plain"}
    if declared:
        headers["Content-Length"] = str(len(body))
    pages.add("/big", body, headers=headers)
    policy = FetchPolicy(max_bytes=4096, allowed_networks=ALLOW_TEST_HOST.allowed_networks)

    with pytest.raises(FetchError, match="over the fetch limit"):
        fetch_page(pages.url("/big"), policy)


def test_page_that_is_not_text_is_refused(pages):
    pages.add("/report.pdf", b"%PDF-1.7", headers={"Content-Type": "application/pdf"})

    with pytest.raises(FetchError, match="application/pdf, not a text or HTML report"):
        fetch_page(pages.url("/report.pdf"), ALLOW_TEST_HOST)


def test_error_status_is_reported(pages):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_page(pages.url("/missing"), ALLOW_TEST_HOST)


def test_silent_server_ends_at_the_timeout(pages):
    pages.add("/silent", b"late", silent=True)
    policy = FetchPolicy(timeout=0.3, allowed_networks=ALLOW_TEST_HOST.allowed_networks)

    with pytest.raises(FetchError, match="within the fetch timeout"):
        fetch_page(pages.url("/silent"), policy)
