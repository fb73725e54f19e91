"""New PyMISP attributes at a fraction of the constructor's cost, in the very state the constructor leaves.

`MISPAttribute()` builds the same state every time: references into describe_types, a fresh empty list for
each of its children (tags, sightings, notes...), a random uuid4 — a seventh of the build stage of a convert
(about 14 µs per attribute, most of it `__setattr__` layers). That state is copied here from one attribute the
constructor built, with a new copy of each container the constructor makes per object. Which values those
are is found by comparing two attributes the constructor built, so a PyMISP release that adds a field is
copied right; one that adds a per-object value other than a container or the uuid is built by the constructor.
The uuid is the prototype's until the caller sets its own (`build_event` always passes one to `from_dict`).

`loaded_attribute` goes one step further for the attributes `build_event` makes: the fields `from_dict` would
set, written in its order with its defaults and checks, without its `__setattr__` layers (two thirds of the
build stage). Checked against `from_dict` itself on first use: where a PyMISP release sets them otherwise, or a
finding is outside what it writes (a `datetime` value, a category that does not fit the type, `to_ids` not a
bool), `from_dict` builds it.
"""

from __future__ import annotations

from typing import Any

from pymisp import MISPAttribute

_PER_OBJECT_SCALARS = frozenset({"uuid"})


class _AttributeCopier:
    """Copies of one attribute PyMISP's constructor built for a describe_types."""

    def __init__(self, describe_types: dict[str, Any]) -> None:
        self.describe_types = describe_types
        first = MISPAttribute(describe_types=describe_types)
        second = MISPAttribute(describe_types=describe_types)
        self.state = dict(first.__dict__)
        different = [key for key, value in self.state.items() if value is not second.__dict__.get(key, value)]
        self.containers = tuple(key for key in different if isinstance(self.state[key], (list, dict, set)))
        self.exact = set(self.state) == set(second.__dict__) and set(different) - set(self.containers) <= set(
            _PER_OBJECT_SCALARS
        )

    def new(self) -> MISPAttribute:
        if not self.exact:
            return MISPAttribute(describe_types=self.describe_types)
        attribute = MISPAttribute.__new__(MISPAttribute)
        state = attribute.__dict__
        state.update(self.state)
        for key in self.containers:
            state[key] = state[key].copy()
        return attribute


_COPIERS: dict[int, _AttributeCopier] = {}


def new_attribute(describe_types: dict[str, Any]) -> MISPAttribute:
    """`MISPAttribute(describe_types=describe_types)`, its uuid left to the caller, at a twelfth of the cost."""
    copier = _COPIERS.get(id(describe_types))
    if copier is None or copier.describe_types is not describe_types:
        copier = _COPIERS[id(describe_types)] = _AttributeCopier(describe_types)
    return copier.new()


# The fields `MISPAttribute.from_dict` sets for the keywords `build_event` passes, in its order: type, value,
# category, to_ids, distribution (None when not given), disable_correlation, then the other keywords (uuid,
# comment) in the order given, those that are None left out; the object is then marked loaded (not edited).
_EDITED = "_AbstractMISP__edited"


def _written(
    describe_types: dict[str, Any],
    attribute_type: str,
    value: str,
    attribute_uuid: str,
    comment: str | None,
    disable_correlation: bool | None,
    category: str | None,
    to_ids: bool | None,
) -> MISPAttribute | None:
    """The attribute with its fields written directly, or None where `from_dict` must judge the finding."""
    if attribute_type == "datetime" or not isinstance(value, str) or attribute_type not in describe_types["types"]:
        return None
    if category is not None and (
        category not in describe_types["categories"]
        or attribute_type not in describe_types["category_type_mappings"].get(category, ())
    ):
        return None
    if to_ids is not None and not isinstance(to_ids, bool):
        return None
    defaults = describe_types["sane_defaults"][attribute_type]
    attribute = new_attribute(describe_types)
    state = attribute.__dict__
    if _EDITED not in state:
        return None
    state["type"] = attribute_type
    state["value"] = value
    state["category"] = category if category is not None else defaults["default_category"]
    state["to_ids"] = to_ids if to_ids is not None else bool(int(defaults["to_ids"]))
    state["distribution"] = None
    state["disable_correlation"] = disable_correlation if disable_correlation is not None else False
    state["uuid"] = attribute_uuid
    if comment is not None:
        state["comment"] = comment
    state[_EDITED] = True
    return attribute


def _by_from_dict(
    describe_types: dict[str, Any],
    attribute_type: str,
    value: str,
    attribute_uuid: str,
    comment: str | None,
    disable_correlation: bool | None,
    category: str | None,
    to_ids: bool | None,
) -> MISPAttribute:
    """What `build_event` did before: a new attribute marked edited, `from_dict`, marked edited again (new: its
    export need not search its fields for an edited child)."""
    kwargs: dict[str, object] = {"uuid": attribute_uuid, "comment": comment, "disable_correlation": disable_correlation}
    if category is not None:
        kwargs["category"] = category
    if to_ids is not None:
        kwargs["to_ids"] = to_ids
    attribute = new_attribute(describe_types)
    attribute.edited = True
    attribute.from_dict(type=attribute_type, value=value, **kwargs)
    attribute.edited = True
    return attribute


# Findings the direct writing is checked on, per describe_types, against `from_dict`: every optional keyword
# given and none given.
_PROBES = (
    ("ip-dst", "192.0.2.10", "00000000-0000-5000-8000-000000000001", "probe", False, "Network activity", True),
    ("domain", "example.org", "00000000-0000-5000-8000-000000000002", None, None, None, None),
    ("text", "a note", "00000000-0000-5000-8000-000000000003", "", True, None, False),
)
_CHECKED: dict[int, tuple[dict[str, Any], bool]] = {}


def _same_as_from_dict(describe_types: dict[str, Any], probe: tuple[Any, ...]) -> bool:
    direct, loaded = _written(describe_types, *probe), _by_from_dict(describe_types, *probe)
    return direct is not None and list(direct.__dict__.items()) == list(loaded.__dict__.items())


def _direct_ok(describe_types: dict[str, Any]) -> bool:
    """Whether the direct writing gives `from_dict`'s state (the same fields, values and order) for this
    describe_types, worked out on first use."""
    checked = _CHECKED.get(id(describe_types))
    if checked is None or checked[0] is not describe_types:
        same = all(_same_as_from_dict(describe_types, probe) for probe in _PROBES)
        checked = _CHECKED[id(describe_types)] = (describe_types, same)
    return checked[1]


def loaded_attribute(
    describe_types: dict[str, Any],
    attribute_type: str,
    value: str,
    attribute_uuid: str,
    comment: str | None,
    disable_correlation: bool | None = None,
    category: str | None = None,
    to_ids: bool | None = None,
) -> MISPAttribute:
    """A new attribute with these fields, marked edited: the state `from_dict(type=..., value=..., uuid=...,
    comment=..., disable_correlation=..., [category=...], [to_ids=...])` leaves on an attribute marked edited
    before and after it (None for category or to_ids: not given, the type's defaults), the same JSON byte for
    byte. `NewAttributeError` where `from_dict` raises it."""
    fields = (describe_types, attribute_type, value, attribute_uuid, comment, disable_correlation, category, to_ids)
    direct = _written(*fields) if _direct_ok(describe_types) else None
    return direct if direct is not None else _by_from_dict(*fields)
