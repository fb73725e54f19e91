"""Our own knowledge data, misp_module/data/*.yaml: read once per process, with an error that names the file."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import MispReportError
from ..yaml_text import safe_load
from .cache import cache_dir, read_cached, write_cached


class KnowledgeError(MispReportError):
    """A knowledge data file (misp_module/data/*.yaml) is invalid: a packaging or editing mistake."""


def data_dir() -> Path:
    """misp_module/data, inside the installed package or the source checkout."""
    return Path(str(resources.files("misp_module"))) / "data"


@cache
def load_data(name: str) -> dict[str, Any]:
    """One YAML file of misp_module/data, as a mapping. The parsed mapping is kept in the cache folder under the
    digest of the file's bytes (parsing the data files was a tenth of a cold `convert`); an edited file has
    another digest, so it is parsed again."""
    path = data_dir() / name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot load knowledge data ({exc}); reinstall misp-module") from exc
    folder = cache_dir()
    cached_path = folder / f"data-{path.stem}-{hashlib.sha256(raw).hexdigest()[:20]}.pickle" if folder else None
    if cached_path is not None and isinstance(stored := read_cached(cached_path, "knowledge data"), dict):
        return stored
    try:
        data = safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: cannot load knowledge data ({exc}); reinstall misp-module") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: must be a YAML mapping; reinstall misp-module")
    if cached_path is not None:
        write_cached(cached_path, data, "knowledge data")
    return data
