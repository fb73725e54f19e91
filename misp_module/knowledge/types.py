"""MISP's attribute type table (describeTypes.json, shipped in pymisp): default category and to_ids per type."""

from __future__ import annotations

import json
from pathlib import Path

import pymisp

from .cache import load_once

DESCRIBE_TYPES = Path(pymisp.__file__).parent / "data" / "describeTypes.json"


@load_once
def _describe_types() -> dict:
    with DESCRIBE_TYPES.open(encoding="utf-8") as handle:
        return json.load(handle)["result"]


def known_type(misp_type: str) -> bool:
    """Whether MISP knows the attribute type."""
    return misp_type in _describe_types()["sane_defaults"]


def default_category(misp_type: str) -> str:
    """The category MISP gives the type when none is set."""
    return _describe_types()["sane_defaults"][misp_type]["default_category"]


def default_to_ids(misp_type: str) -> bool:
    """Whether MISP marks the type as an IDS indicator by default."""
    return bool(_describe_types()["sane_defaults"][misp_type]["to_ids"])


def category_allows(category: str, misp_type: str) -> bool:
    """Whether MISP accepts the type in the category."""
    return misp_type in _describe_types()["category_type_mappings"].get(category, ())
