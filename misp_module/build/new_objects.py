"""New PyMISP attributes and tags at a fraction of the constructor's cost, in the very state the constructor
leaves.

`MISPAttribute()` builds the same state every time: references into describe_types, a fresh empty list for
each of its children (tags, sightings, notes...), a random uuid4 — a seventh of the build stage of a convert
(about 14 µs per attribute, most of it `__setattr__` layers). `MISPTag()` likewise (an event's tags and its
attributes' tags outnumber its attributes). That state is copied here from one object the constructor built,
with a new copy of each container the constructor makes per object. Which values those are is found by
comparing two objects the constructor built, so a PyMISP release that adds a field is copied right; one that
adds a per-object value other than a container or the uuid is built by the constructor. The uuid is the
prototype's until the caller sets its own (`build_event` always passes one to `from_dict`).

`loaded_attribute` goes one step further for the attributes `build_event` makes: the fields `from_dict` would
set, written in its order with its defaults and checks, without its `__setattr__` layers (two thirds of the
build stage). Checked against `from_dict` itself on first use: where a PyMISP release sets them otherwise, or a
finding is outside what it writes (a `datetime` value, a category that does not fit the type, `to_ids` not a
bool), `from_dict` builds it. `new_tag` writes a tag's fields the same way, checked against setting them
through PyMISP.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from pymisp import MISPAttribute, MISPTag
from pymisp.abstract import AbstractMISP

_PER_OBJECT_SCALARS = frozenset({"uuid"})
Built = TypeVar("Built", bound=AbstractMISP)


class _Copier:
    """Copies of one object a PyMISP constructor (`build`) made."""

    def __init__(self, build: Callable[[], AbstractMISP]) -> None:
        self.build = build
        first, second = build(), build()
        self.kind = type(first)
        self.state = dict(first.__dict__)
        different = [key for key, value in self.state.items() if value is not second.__dict__.get(key, value)]
        self.containers = tuple(key for key in different if isinstance(self.state[key], (list, dict, set)))
        self.exact = set(self.state) == set(second.__dict__) and set(different) - set(self.containers) <= set(
            _PER_OBJECT_SCALARS
        )

    def new(self) -> Any:
        if not self.exact:
            return self.build()
        built = self.kind.__new__(self.kind)
        state = built.__dict__
        state.update(self.state)
        for key in self.containers:
            state[key] = state[key].copy()
        return built


class _AttributeCopier(_Copier):
    """Copies of one attribute PyMISP's constructor built for a describe_types."""

    def __init__(self, describe_types: dict[str, Any]) -> None:
        self.describe_types = describe_types
        super().__init__(lambda: MISPAttribute(describe_types=describe_types))


_COPIERS: dict[int, _AttributeCopier] = {}


@cache
def _copier(kind: type[AbstractMISP]) -> _Copier:
    return _Copier(kind)


def new_object(kind: type[Built]) -> Built:
    """`kind()` (an event, its report, a tag: PyMISP classes built without arguments), its uuid left to the
    caller; `MISPEvent()` costs twenty times its copy (a dozen fields, each through `__setattr__`)."""
    return _copier(kind).new()  # type: ignore[no-any-return]


def new_attribute(describe_types: dict[str, Any]) -> MISPAttribute:
    """`MISPAttribute(describe_types=describe_types)`, its uuid left to the caller, at a twelfth of the cost."""
    copier = _COPIERS.get(id(describe_types))
    if copier is None or copier.describe_types is not describe_types:
        copier = _COPIERS[id(describe_types)] = _AttributeCopier(describe_types)
    return copier.new()  # type: ignore[no-any-return]


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


def _tag_by_setattr(name: str, local: bool | None, relationship_type: str | None) -> MISPTag:
    """A new tag with its fields set through PyMISP's `__setattr__`, in `from_dict`'s order (the same JSON) but
    without `from_dict`, which would mark it loaded from MISP: a tag PyMISP takes as new (edited) skips the search
    of its fields for an edited child on export. A new tag carries no timestamp, so the flag changes nothing in
    its JSON."""
    tag = MISPTag()
    tag.name = name
    if local is not None:
        tag.local = local
    if relationship_type:
        tag.relationship_type = relationship_type
    return tag


def _tag_written(name: str, local: bool | None, relationship_type: str | None) -> MISPTag | None:
    """The tag with its fields written directly; None where PyMISP's `__setattr__` would do more than store
    them (an object not marked edited)."""
    tag = new_object(MISPTag)
    state = tag.__dict__
    if state.get(_EDITED) is not True:
        return None
    state["name"] = name
    if local is not None:
        state["local"] = local
    if relationship_type:
        state["relationship_type"] = relationship_type
    return tag


# Tags the direct writing is checked on against `__setattr__`: every field given, and the name alone.
_TAG_PROBES = (('misp-galaxy:threat-actor="Probe"', False, "attributed-to"), ("tlp:clear", None, None))
_TAG_CHECKED: list[bool] = []


def _tag_direct_ok() -> bool:
    if not _TAG_CHECKED:
        written = [(_tag_written(*probe), _tag_by_setattr(*probe)) for probe in _TAG_PROBES]
        _TAG_CHECKED.append(
            all(d is not None and list(d.__dict__.items()) == list(s.__dict__.items()) for d, s in written)
        )
    return _TAG_CHECKED[0]


def new_tag(name: str, local: bool | None = None, relationship_type: str | None = None) -> MISPTag:
    """A new tag (marked edited) with `name`, and `local` and `relationship_type` when given: the state
    `MISPTag()` and setting these fields leave, at a fifth of the cost (an event has tens of tags)."""
    direct = _tag_written(name, local, relationship_type) if _tag_direct_ok() else None
    return direct if direct is not None else _tag_by_setattr(name, local, relationship_type)
