"""YAML parsing for our data files, templates and config: libyaml's safe loader when PyYAML was built with it
(ten times faster, which a cold start of the CLI feels), else PyYAML's own; both build the same values."""

from __future__ import annotations

from typing import Any

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """`yaml.safe_load`, through libyaml when available; raises `yaml.YAMLError` alike."""
    return yaml.load(text, Loader=SAFE_LOADER)
