"""The role a place or a sector plays where a report names it (the location and sector rules of the table in
galaxies.py): a target, the actor's origin, a passing mention, or nothing. `Reader` (galaxy_roles) applies these
rules through this mixin; they read the report's places and sector words that `Reader.found` lists. The rules live by
concern: galaxy_location_rules (places), galaxy_sector_rules (sector words), galaxy_target_vetoes (what turns a
target back into a mention) and galaxy_target_context (the state and readings they share)."""

from __future__ import annotations

from .galaxy_location_rules import LocationRules
from .galaxy_sector_rules import SectorRules
from .galaxy_target_context import ATTRIBUTED, MENTIONS, TARGETS, USES

__all__ = ["ATTRIBUTED", "MENTIONS", "TARGETS", "USES", "PlaceRules"]


class PlaceRules(LocationRules, SectorRules):
    """The location and sector rules; mixed into `Reader`, whose `found` sets the places and sector spans."""
