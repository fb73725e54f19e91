"""MISP 2.5's rules the double applies to every kind of record: its error answers, value validation (12),
booleans as MISP reads them, the API user's role, and the one organisation the double knows."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any

ORG = {"id": "1", "name": "MISP-TEST", "uuid": "50f9a82b-933c-4426-8d0a-89188d61d65d", "local": True}
HEX_LENGTHS = {"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$", re.I)
ATTRIBUTE_FIELDS = (
    "type",
    "category",
    "value",
    "to_ids",
    "comment",
    "distribution",
    "sharing_group_id",
    "disable_correlation",
    "first_seen",
    "last_seen",
    "object_relation",
)


class MispError(Exception):
    """An error answer: HTTP status, JSON body and extra headers (e.g. Location)."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(body.get("message"))
        self.status, self.body, self.headers = status, body, headers or {}


def error(status: int, message: str, url: str, **extra: Any) -> MispError:
    return MispError(status, {"name": message, "message": message, "url": url, **extra})


def valid_value(attribute_type: str, value: str) -> bool:
    """A small part of MISP's validation: enough to reproduce the silent drop of an invalid value (12)."""
    if not isinstance(value, str) or not value.strip():
        return False
    if attribute_type in ("ip-src", "ip-dst"):
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            return False
        return True
    if attribute_type in ("domain", "hostname"):
        return bool(DOMAIN.match(value))
    if attribute_type in HEX_LENGTHS:
        return len(value) == HEX_LENGTHS[attribute_type] and all(c in "0123456789abcdefABCDEF" for c in value)
    if attribute_type in ("email", "email-src", "email-dst"):
        return "@" in value
    return True


def as_bool(value: Any) -> bool:
    return value not in (False, 0, "0", "", None)


@dataclass
class Permissions:
    """The API user's role: without perm_tag_editor unknown tags are dropped, without perm_tagger all tags;
    without perm_modify (or for an event of another organisation) event adds and edits are refused."""

    perm_tagger: bool = True
    perm_tag_editor: bool = True
    perm_modify: bool = True
    # events another organisation owns (a site admin moved them, or they came from another MISP by its sync):
    # the user still sees them, and may not edit them
    elsewhere: set[str] = field(default_factory=set)


def may_modify(permissions: Permissions, url: str, event_uuid: str = "") -> None:
    """EventsController's ACL check: a user who may not modify the event gets a 403 ForbiddenException."""
    if not permissions.perm_modify or event_uuid in permissions.elsewhere:
        raise error(403, "You do not have permission to do that.", url)


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
