"""Deterministic UUIDs: the same report always gives the same event, attribute and report UUIDs."""

from __future__ import annotations

import hashlib
import uuid

# Fixed namespace of this project's events: changing it would duplicate every synced event.
EVENT_NAMESPACE = uuid.UUID("6b1f7a52-3c1e-5a0e-9a57-1f2c8e6d4b10")


def event_uuid(identity: str, namespace: uuid.UUID = EVENT_NAMESPACE) -> uuid.UUID:
    """The event UUID of a report: uuid5 of its stable identity (front matter `id` or repository path)."""
    return uuid.uuid5(namespace, identity)


def attribute_uuid(event: uuid.UUID, attribute_type: str, value: str) -> uuid.UUID:
    """An attribute is identified by its type and value within its event (so edits keep its UUID)."""
    return uuid.uuid5(event, f"attribute\x1f{attribute_type}\x1f{value}")


def report_uuid(event: uuid.UUID, name: str) -> uuid.UUID:
    """The event report's UUID: the event and the report's name, so an edited report replaces itself."""
    return uuid.uuid5(event, f"event-report\x1f{name}")


def attribute_uuid_text(event: uuid.UUID, attribute_type: str, value: str) -> str:
    """`str(attribute_uuid(...))`, without the UUID object: a report's attributes are hundreds (`uuid5_text`)."""
    return uuid5_text(event, f"attribute\x1f{attribute_type}\x1f{value}")


def uuid5_text(namespace: uuid.UUID, name: str) -> str:
    """`str(uuid.uuid5(namespace, name))` (RFC 4122: SHA-1 of the namespace and the name, version 5, variant
    bits 10), written from the digest directly: the UUID object's checks and its formatting cost three times
    the hash."""
    digest = bytearray(hashlib.sha1(namespace.bytes + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
