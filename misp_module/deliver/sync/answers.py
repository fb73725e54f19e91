"""What the MISP transport refuses before PyMISP sees an answer: a redirect that leaves the MISP origin or
would drop a request's body, and an answer to an event request that is not an event.

Both run as a response hook of every request (see `retry.ResponseObserver`), so they apply to PyMISP's own
session without reaching into it. requests would follow a 307 to another host with the event in the body
(it only drops the Authorization header), and turn a POST answered by 301/302/303 into a GET without it.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import requests

from ...knowledge.regex_cache import compiled
from .sinks import SinkError, SinkUnavailable

REDIRECTS = frozenset({301, 302, 303, 307, 308})
KEEPS_METHOD = frozenset({307, 308})
EVENT_REQUEST = compiled(r"/events/(?:view|add|edit)(?:/|$)")
DEFAULT_PORTS = {"http": 80, "https": 443}


class RedirectRefused(SinkUnavailable):
    """MISP (or something in front of it) redirected a request where it must not go: the run stops."""


class UnexpectedAnswer(SinkError):
    """MISP answered an event request with something that is not an event."""


def origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme, 0)


def shown(url: str) -> str:
    """A URL for a message: no user:password@, no query (either may carry a secret)."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def check_redirect(response: requests.Response) -> None:
    """Let requests follow a redirect only within MISP's origin and only when the request keeps its method
    and body (GET/HEAD, or a 307/308); refuse anything else before a byte is sent elsewhere."""
    location = response.headers.get("Location")
    if response.status_code not in REDIRECTS or not location:
        return
    request = response.request
    method = request.method or "GET"
    target = urljoin(response.url, location)
    if origin(target) != origin(response.url):
        reason = "it leads away from MISP, and the request (with its event) would go there"
    elif method not in ("GET", "HEAD") and response.status_code not in KEEPS_METHOD:
        reason = f"following it would turn the {method} into a GET and drop what it sends"
    else:
        return
    raise RedirectRefused(
        f"MISP answered {method} {urlsplit(response.url).path} with HTTP {response.status_code} to "
        f"{shown(target)}: not followed, {reason}. Set the MISP URL to the address MISP itself answers at "
        "(scheme, host and port)"
    )


def check_event_answer(response: requests.Response) -> None:
    """A successful answer to /events/view, /events/add or /events/edit must be {"Event": {...}}: a list,
    `{"Event": null}` or an HTML page (a proxy's or a login page) is refused with what MISP sent."""
    request = response.request
    if not (200 <= response.status_code < 300 and EVENT_REQUEST.search(urlsplit(response.url).path)):
        return
    if request.method == "HEAD":
        return
    try:
        answer = json.loads(response.content)
    except ValueError:
        kind = response.headers.get("Content-Type", "no content type").split(";")[0]
        answer = None
        what = f"a non-JSON answer ({kind}, {len(response.content):,} bytes)"
    else:
        what = describe_json(answer)
    if isinstance(answer, dict) and isinstance(answer.get("Event"), dict):
        return
    raise UnexpectedAnswer(
        f"MISP answered {request.method} {urlsplit(response.url).path} with {what} instead of an event; check "
        "that the MISP URL points to MISP itself (not a proxy or login page) and that MISP's logs show no error"
    )


def describe_json(answer: object) -> str:
    if isinstance(answer, dict):
        if "Event" in answer:
            return f'{{"Event": {json.dumps(answer["Event"])[:40]}}}'
        return "a JSON object without an event (keys: " + ", ".join(sorted(map(str, answer))[:5]) + ")"
    if isinstance(answer, list):
        return f"a JSON list of {len(answer)} item(s)"
    return f"JSON {json.dumps(answer)[:40]}"
