"""Fetch a `link` attribute's page for the expansion module: http(s) only, public addresses only at every
redirect hop, a deadline and a size cap, the page read as text (nothing in it is run or followed)."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from ... import __version__
from ...errors import MispReportError
from ...read.html_text import html_to_text

DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}
_CHUNK = 64 * 1024

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # the well-known prefix: the last 32 bits are the IPv4 address
# Python counts these as global: IPv4-compatible (deprecated, ::a.b.c.d reaches a.b.c.d on some stacks), the
# local-use NAT64 prefix (RFC 8215, a site's own translator) and site-local (deprecated, routed inside a site).
NOT_PUBLIC_IPV6 = (
    ipaddress.IPv6Network("::/96"),
    ipaddress.IPv6Network("64:ff9b:1::/48"),
    ipaddress.IPv6Network("fec0::/10"),
)


class FetchError(MispReportError):
    """A link that was not fetched: refused by the policy, unreachable, too slow, too large or not text."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch. `allowed_networks` lets non-public addresses through: it exists for tests that
    serve pages on loopback; the module never builds it from MISP's config."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    allowed_networks: tuple[Network, ...] = ()

    def allows(self, address: Address) -> bool:
        """A public unicast address, or one inside an explicitly allowed network. An IPv6 address that
        carries an IPv4 one (mapped, NAT64, 6to4) is judged by that IPv4 address too."""
        if any(address in network for network in self.allowed_networks):
            return True
        if isinstance(address, ipaddress.IPv6Address):
            if any(address in network for network in NOT_PUBLIC_IPV6):
                return False
            embedded = embedded_ipv4(address)
            if embedded is not None and not self.allows(embedded):
                return False
        return address.is_global and not address.is_multicast


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one reaches: IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) or 6to4
    (2002:aabb:ccdd::)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page: the URL it was finally read from and its text (HTML already read as text)."""

    url: str
    content_type: str
    text: str


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, not to whatever the name resolves to a second time."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.checked_address = address
        self.live_socket: socket.socket | None = None

    def connect(self) -> None:
        self.sock = self.live_socket = socket.create_connection((self.checked_address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to the checked address, verifying the certificate against the URL's host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.checked_address = address
        self.live_socket: socket.socket | None = None

    def connect(self) -> None:
        sock = socket.create_connection((self.checked_address, self.port), self.timeout)
        self.sock = self.live_socket = self.tls.wrap_socket(sock, server_hostname=self.host)


def _checked_address(url: str, host: str, port: int, policy: FetchPolicy) -> str:
    """The address to connect to; every address the name resolves to must be allowed (no rebinding trick
    through a round-robin name that mixes a public and an internal address)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve host '{host}' ({exc})") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    for address in addresses:
        if not policy.allows(address):
            raise FetchError(
                f"{url}: refused, '{host}' resolves to {address}, a private, loopback, link-local or otherwise "
                "non-public address; the module only fetches pages on public addresses"
            )
    return str(addresses[0])


def _split(url: str) -> tuple[str, str, int, str]:
    """Scheme, host, port and request target of an http(s) URL; any other URL is refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"{url}: refused, only http:// and https:// links are fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: the link has no host name")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise FetchError(f"{url}: invalid host name ({exc})") from exc
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port or (443 if scheme == "https" else 80), target


def _remaining(url: str, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: no complete answer within the fetch timeout")
    return left


def _limit(connection: _PinnedHTTPConnection | _PinnedHTTPSConnection, url: str, deadline: float) -> None:
    """Give the next socket operation only the time left before the deadline."""
    if connection.live_socket is not None:
        connection.live_socket.settimeout(_remaining(url, deadline))


def _read_body(
    url: str,
    connection: _PinnedHTTPConnection | _PinnedHTTPSConnection,
    response: http.client.HTTPResponse,
    policy: FetchPolicy,
    deadline: float,
) -> bytes:
    """The body, refused as soon as it is known to pass the size cap; a page dripping in slowly still ends
    at the deadline (one socket read at a time, each given only the time left)."""
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > policy.max_bytes:
        raise FetchError(f"{url}: the page is {int(length):,} bytes, over the fetch limit of {policy.max_bytes:,}")
    body = bytearray()
    while True:
        _limit(connection, url, deadline)
        chunk = response.read1(_CHUNK)
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > policy.max_bytes:
            raise FetchError(f"{url}: the page is over the fetch limit of {policy.max_bytes:,} bytes")


def _page(url: str, content_type: str | None, body: bytes) -> FetchedPage:
    """The page's text in its declared charset; HTML read as text with scripts and styles dropped."""
    header = Message()
    header["Content-Type"] = content_type or "text/plain"
    media_type = header.get_content_type()
    if media_type not in _HTML_TYPES | _TEXT_TYPES:
        raise FetchError(f"{url}: the page is {media_type}, not a text or HTML report")
    charset = header.get_content_charset() or "utf-8"
    try:
        text = body.decode(charset, errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    if media_type in _HTML_TYPES:
        text = html_to_text(text)
    return FetchedPage(url, media_type, text)


def fetch_page(url: str, policy: FetchPolicy) -> FetchedPage:
    """GET the page, following at most `policy.max_redirects` redirects, each hop checked like the first."""
    deadline = time.monotonic() + policy.timeout
    current = url.strip()
    for _ in range(policy.max_redirects + 1):
        scheme, host, port, target = _split(current)
        address = _checked_address(current, host, port, policy)
        connection_type = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_type(host, port, address, _remaining(current, deadline))
        try:
            connection.request(
                "GET",
                target,
                headers={
                    "User-Agent": f"misp-report/{__version__} (MISP expansion module)",
                    "Accept": "text/html, application/xhtml+xml, text/markdown, text/plain;q=0.9",
                    "Accept-Encoding": "identity",
                },
            )
            _limit(connection, current, deadline)
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in _REDIRECTS and location:
                current = urljoin(current, location)
                continue
            if response.status != 200:
                raise FetchError(f"{current}: the server answered HTTP {response.status} {response.reason}")
            body = _read_body(current, connection, response, policy, deadline)
            return _page(current, response.getheader("Content-Type"), body)
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError):
                raise FetchError(f"{current}: no complete answer within the fetch timeout") from exc
            raise FetchError(f"{current}: cannot fetch the page ({exc})") from exc
        finally:
            connection.close()
    raise FetchError(f"{url}: more than {policy.max_redirects} redirects")
