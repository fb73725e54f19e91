"""The JSON fields of the events `build_event` makes, as PyMISP's `to_dict` gives them, at a third of its cost.

PyMISP's encoder asks `to_dict` of every tag and attribute: a walk of the object as a Mapping, through
`__iter__` (a filtered copy of its fields), `__getitem__` and `items()` for each field, then `_int_to_str`. Our
tags and attributes are new (marked edited), with no `data`, no `first_seen`/`last_seen`: for those the same
fields are read from the object's dictionary in one loop, with the same rules (no private field, none PyMISP
keeps out of JSON, no None, no empty list, strings stripped, no timestamp of an edited object, integers as
strings). Anything else (the event, its report, an object PyMISP loaded, a field this loop does not know)
goes through PyMISP's own `to_dict`; and the loop is checked against `to_dict` on first use (a PyMISP release
that exports these objects otherwise is used as it is).
"""

from __future__ import annotations

from typing import Any

from pymisp import MISPAttribute, MISPTag
from pymisp.abstract import AbstractMISP, pymisp_json_default

_EDITED = "_AbstractMISP__edited"
_HIDDEN = "_AbstractMISP__not_jsonable"
_FORCE_TIMESTAMPS = "_AbstractMISP__force_timestamps"
# Fields whose value `to_dict` converts (time zone added to a naive datetime) or MISPAttribute adds (base64 of
# `data`): where one is set, `to_dict` exports the object.
_CONVERTED = frozenset({"first_seen", "last_seen", "datetime", "data"})
_FAST = (MISPTag, MISPAttribute)


def _fields(state: dict[str, Any]) -> dict[str, Any] | None:
    """`to_dict()` of a new (edited) tag or attribute from its dictionary, None where `to_dict` must judge."""
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
        kind = type(value)  # the exact types first: most fields are strings, lists and booleans
        if kind is str:
            value = value.strip()
        elif kind is list:
            if not value:
                continue
        elif kind is not bool:
            if isinstance(value, list):
                if not value:
                    continue
            elif isinstance(value, str):
                value = value.strip()
            elif isinstance(value, (dict, int)) and not isinstance(value, bool):
                return None  # `_int_to_str` writes integers as strings and walks dictionaries: PyMISP's own
        fields[key] = value
    return fields


def _probes() -> list[AbstractMISP]:
    """A tag and an attribute as `build_event` makes them."""
    from .new_objects import loaded_attribute

    tag = MISPTag()
    tag.name = 'misp-galaxy:threat-actor="Probe"'
    tag.local = False
    tag.relationship_type = "attributed-to"
    attribute = loaded_attribute(
        MISPAttribute().describe_types, "ip-dst", " 192.0.2.1 ", "00000000-0000-5000-8000-000000000001", "probe "
    )
    attribute.Tag.append(tag)
    return [tag, attribute, loaded_attribute(attribute.describe_types, "domain", "example.org", "u", None)]


_checked: list[bool] = []


def _same(fields: dict[str, Any] | None, by_pymisp: dict[str, Any]) -> bool:
    return fields is not None and list(fields.items()) == list(by_pymisp.items())


def _fast_ok() -> bool:
    if not _checked:
        _checked.append(all(_same(_fields(p.__dict__), p.to_dict()) for p in _probes()))
    return _checked[0]


def json_default(obj: Any) -> Any:
    """orjson's `default` for an event: PyMISP's `pymisp_json_default`, with the fields of new tags and
    attributes read directly (`_fields`)."""
    if type(obj) in _FAST and _fast_ok():
        fields = _fields(obj.__dict__)
        if fields is not None:
            return fields
    return pymisp_json_default(obj)
