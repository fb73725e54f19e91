"""Deterministic UUIDs: the same report always gives the same event, attribute and report UUIDs."""

from __future__ import annotations

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
