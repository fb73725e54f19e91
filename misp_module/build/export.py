"""The JSON fields of the events `build_event` makes, as PyMISP's `to_dict` gives them, at a third of its cost.

PyMISP's encoder asks `to_dict` of the event, its report and every tag and attribute: a walk of the object as a
Mapping, through `__iter__` (a filtered copy of its fields), `__getitem__` and `items()` for each field, then
`_int_to_str`. Our objects are new (marked edited), with no `data`, no `first_seen`/`last_seen`, no timestamps:
for those the same fields are read from the object's dictionary in one loop, with the same rules (no private
field, none PyMISP keeps out of JSON, no None, no empty list, strings stripped, no timestamp of an edited
object, integers as strings, the event's `date` in ISO form). Anything else (an object PyMISP loaded, a field
of a type this loop does not know) goes through PyMISP's own `to_dict`; and the loop is checked against
`to_dict` on first use (a PyMISP release that exports these objects otherwise is used as it is).
"""

from __future__ import annotations

import datetime
from typing import Any

from pymisp import MISPAttribute, MISPEvent, MISPEventReport, MISPTag
from pymisp.abstract import AbstractMISP, pymisp_json_default

_EDITED = "_AbstractMISP__edited"
_HIDDEN = "_AbstractMISP__not_jsonable"
_FORCE_TIMESTAMPS = "_AbstractMISP__force_timestamps"
# Fields whose value `to_dict` converts (time zone added to a naive datetime, the event's publishing and
# sighting times as timestamps) or MISPAttribute adds (base64 of `data`): where one is set, `to_dict` exports
# the object.
_CONVERTED = frozenset({"first_seen", "last_seen", "datetime", "data", "publish_timestamp", "sighting_timestamp"})
_FAST = (MISPTag, MISPAttribute, MISPEvent, MISPEventReport)


def _fields(state: dict[str, Any]) -> dict[str, Any] | None:
    """`to_dict()` of a new (edited) object from its dictionary, None where `to_dict` must judge."""
    if state.get(_EDITED) is not True or state.get(_FORCE_TIMESTAMPS) is not False:
        return None
    hidden = state.get(_HIDDEN)
    if hidden is None:
        return None
    fields: dict[str, Any] = {}
    for key, value in state.items():
        if value is None or key[0] == "_" or key in hidden or key == "timestamp":
            continue
        if key in _CONVERTED:
            return None
        kind = type(value)
        if kind is str:
            value = value.strip()
        elif kind is list:
            if not value:
                continue
        elif kind is int:
            value = str(value)  # as `_int_to_str`
        elif kind is datetime.date:
            value = value.isoformat()  # as MISPEvent.to_dict its `date`
        elif kind is not bool:
            return None  # a dictionary (`_int_to_str` walks it), a datetime, an enum: PyMISP's own
        fields[key] = value
    return fields


def _probes() -> list[AbstractMISP]:
    """A tag, attributes, an event report and an event as `build_event` makes them."""
    from .new_objects import loaded_attribute, new_object, new_tag

    tag = new_tag('misp-galaxy:threat-actor="Probe"', False, "attributed-to")
    attribute = loaded_attribute(
        MISPAttribute().describe_types, "ip-dst", " 192.0.2.1 ", "00000000-0000-5000-8000-000000000001", "probe "
    )
    attribute.Tag.append(tag)
    plain = loaded_attribute(attribute.describe_types, "domain", "example.org", "u", None)
    report = new_object(MISPEventReport)
    report.from_dict(name="Probe", content="# Probe\n", distribution=5)
    report.edited = True
    event = new_object(MISPEvent)
    event.uuid, event.info, event.date = "00000000-0000-5000-8000-000000000002", "Probe ", datetime.date(2025, 1, 2)
    event.analysis, event.threat_level_id, event.distribution, event.published = 0, 4, 1, False
    event.Tag.append(new_tag("tlp:clear"))
    event.edited = True
    event.attributes.extend([attribute, plain])
    event.EventReport.append(report)
    return [tag, attribute, plain, report, event]


_checked: list[bool] = []


def _same(fields: dict[str, Any] | None, by_pymisp: dict[str, Any]) -> bool:
    return fields is not None and list(fields.items()) == list(by_pymisp.items())


def _fast_ok() -> bool:
    if not _checked:
        _checked.append(all(_same(_fields(p.__dict__), p.to_dict()) for p in _probes()))
    return _checked[0]


def json_default(obj: Any) -> Any:
    """orjson's `default` for an event: PyMISP's `pymisp_json_default`, with the fields of new objects read
    directly (`_fields`)."""
    if type(obj) in _FAST and _fast_ok():
        fields = _fields(obj.__dict__)
        if fields is not None:
            return fields
    return pymisp_json_default(obj)
