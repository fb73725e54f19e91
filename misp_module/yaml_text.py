"""YAML parsing for our data files, templates and config: libyaml's safe loader when PyYAML was built with it
(ten times faster, which a cold start of the CLI feels), else PyYAML's own; both build the same values.

PyYAML is imported at the first parse, not with this module: a cold `convert` finds the data files and the
templates already parsed in the cache folder (knowledge/data.py `parsed_yaml`) and parses nothing, and the
import alone was 13 ms of it."""

from __future__ import annotations

from typing import Any


class YamlSyntaxError(ValueError):
    """A text that is no valid YAML: PyYAML's error (the cause), with its message."""


def safe_load(text: str) -> Any:
    """`yaml.safe_load`, through libyaml when available; raises `YamlSyntaxError` for `yaml.YAMLError`."""
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc)) from exc
