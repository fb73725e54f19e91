"""What the misp sink sends MISP and how it reads MISP's answers: the edit body (only the differences, with
explicit deletions), PyMISP's error answers and MISP's refusals in words a user can act on.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .diff import EventDiff


def redact_url(url: str) -> str:
    """The URL without user:password@ (a URL may carry credentials; it goes into logs and the state)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def error_of(answer: Any) -> tuple[int, dict[str, Any]] | None:
    """PyMISP's {'errors': (status, body)} answer as (status, body), None for a success."""
    if isinstance(answer, dict) and "errors" in answer and "Event" not in answer:
        status, body = answer["errors"] if isinstance(answer["errors"], (list, tuple)) else (0, answer["errors"])
        return int(status), body if isinstance(body, dict) else {"message": str(body)}
    return None


def message_of(body: dict[str, Any]) -> str:
    text = str(body.get("message") or body.get("name") or "")
    details = body.get("errors")
    return f"{text} ({details})" if details else text


def uuid_taken(status: int, body: dict[str, Any]) -> bool:
    """MISP's refusal of an add whose event uuid another add took meanwhile. Event::_add looks the uuid up
    (taken: 404 "already exists"), then saves, and the save validates the uuid as unique: an add of the same
    uuid that landed between the two (another machine syncing the same report) makes the save fail with
    403 "Could not add Event" and `errors` {"Event": {"uuid": ["The UUID provided is not unique"]}}."""
    errors = body.get("errors")
    if status != 403 or not isinstance(errors, dict):
        return False
    fields = errors.get("Event", errors)
    return isinstance(fields, dict) and "not unique" in str(fields.get("uuid", ""))


def refusal(status: int, body: dict[str, Any]) -> str:
    """MISP's message, and for a 403 what to change: MISP's ACL refuses an add or edit the API user's role or
    organisation does not allow, and nothing of it was written."""
    text = message_of(body)
    if status != 403:
        return text
    return (
        f"{text} (HTTP 403: the sync's API user may not write this event: its role needs perm_add and "
        "perm_modify_org (perm_modify only edits the user's own events), and the event must belong to the "
        "user's organisation. Nothing was written; the next run tries again)"
    )


KEY_REFUSED = (
    "MISP refused the API key (HTTP 403, Authentication failed): check MISP_KEY (or sync.misp.key_file), "
    "and that the key's user is not disabled and its role allows API access (perm_auth)"
)


def login_refusal(exc: Exception) -> str:
    """PyMISP's connect error, or for a refused key (PyMISP gives MISP's answer as a tuple repr) what to check."""
    text = str(exc)
    if text.startswith("Unable to get the user settings: (403,"):
        return KEY_REFUSED
    return text


def without_timestamps(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_timestamps(v) for k, v in value.items() if k not in ("timestamp", "publish_timestamp")}
    if isinstance(value, list):
        return [without_timestamps(v) for v in value]
    return value


def edit_body(wanted: dict[str, Any], diff: EventDiff, stored: dict[str, Any]) -> dict[str, Any]:
    """Only what the sync changes, with explicit deletions: MISP keeps everything an edit leaves out, so an
    analyst's attributes, tags, objects and fields stay as they are. `info` always goes (MISP's as it is
    unless the sync changes it), so MISP never sees an edit without one."""
    body: dict[str, Any] = {"uuid": wanted["uuid"], "info": stored.get("info")}
    body.update({k: wanted[k] for k in diff.fields})
    attributes = []
    for change in diff.attributes:
        source = change.attribute
        if change.kind == "remove":
            attributes.append({k: source[k] for k in ("uuid", "type", "value") if k in source} | {"deleted": True})
            continue
        if change.kind == "update" and change.values is not None:
            item = dict(change.values)
            named = {t.get("name"): t for t in source.get("Tag", [])}
            tags = [named.get(t) or {"name": t} for t in change.tags_added]
        else:
            item = {k: v for k, v in source.items() if k != "Tag"}
            tags = list(source.get("Tag", []))
        if change.kind == "restore":
            item["deleted"] = False  # without it MISP leaves a soft-deleted attribute deleted
        tags += [{"name": t, "deleted": True} for t in change.tags_removed]
        if tags:
            item["Tag"] = tags
        attributes.append(item)
    if attributes:
        body["Attribute"] = attributes
    tags = [t for t in wanted.get("Tag", []) if t["name"] in diff.tags_added]
    tags += [{"name": t, "deleted": True} for t in diff.tags_removed]
    if tags:
        body["Tag"] = tags
    reports = [{**r, "deleted": False} for kind, r in diff.reports if kind != "remove"]
    if reports:
        body["EventReport"] = reports
    return body
