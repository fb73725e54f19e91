"""Our own knowledge data, misp_module/data/*.yaml: read once per process, with an error that names the file."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import MispReportError
from ..yaml_text import safe_load


class KnowledgeError(MispReportError):
    """A knowledge data file (misp_module/data/*.yaml) is invalid: a packaging or editing mistake."""


def data_dir() -> Path:
    """misp_module/data, inside the installed package or the source checkout."""
    return Path(str(resources.files("misp_module"))) / "data"


@cache
def load_data(name: str) -> dict[str, Any]:
    """One YAML file of misp_module/data, as a mapping."""
    path = data_dir() / name
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: cannot load knowledge data ({exc}); reinstall misp-module") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: must be a YAML mapping; reinstall misp-module")
    return data
