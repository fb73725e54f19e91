"""New PyMISP attributes at a fraction of the constructor's cost, in the very state the constructor leaves.

`MISPAttribute()` builds the same state every time: references into describe_types, a fresh empty list for
each of its children (tags, sightings, notes...), a random uuid4 — a seventh of the build stage of a convert
(about 14 µs per attribute, most of it `__setattr__` layers). That state is copied here from one attribute the
constructor built, with a new copy of each container the constructor makes per object. Which values those
are is found by comparing two attributes the constructor built, so a PyMISP release that adds a field is
copied right; one that adds a per-object value other than a container or the uuid is built by the constructor.
The uuid is the prototype's until the caller sets its own (`build_event` always passes one to `from_dict`).
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
