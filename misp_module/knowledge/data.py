"""Our own knowledge data, misp_module/data/*.yaml: read once per process, with an error that names the file."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import MispReportError
from ..yaml_text import YamlSyntaxError, safe_load
from .cache import cache_dir, read_cached, write_cached


class KnowledgeError(MispReportError):
    """A knowledge data file (misp_module/data/*.yaml) is invalid: a packaging or editing mistake."""


def data_dir() -> Path:
    """misp_module/data, inside the installed package or the source checkout."""
    return Path(str(resources.files("misp_module"))) / "data"


@cache
def load_data(name: str) -> dict[str, Any]:
    """One YAML file of misp_module/data, as a mapping (parsed once per contents: see `parsed_yaml`)."""
    path = data_dir() / name
    try:
        data = parsed_yaml(path.read_bytes(), f"data-{path.stem}")
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot load knowledge data ({exc}); reinstall misp-module") from exc
    except (UnicodeDecodeError, YamlSyntaxError) as exc:
        raise KnowledgeError(f"{path}: cannot load knowledge data ({exc}); reinstall misp-module") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: must be a YAML mapping; reinstall misp-module")
    return data


def parsed_yaml(raw: bytes, name: str) -> Any:
    """The YAML document `raw` (UTF-8) parsed, kept in the cache folder as `NAME-DIGEST.pickle` under the digest
    of its bytes: parsing the data files and the templates was a tenth of a cold `convert` (and PyYAML's import
    a fiftieth more); an edited file has another digest, so it is parsed again. Raises `UnicodeDecodeError` and
    `YamlSyntaxError` as parsing does."""
    folder = cache_dir()
    cached_path = folder / f"{name}-{hashlib.sha256(raw).hexdigest()[:20]}.pickle" if folder else None
    if cached_path is not None and (stored := read_cached(cached_path, "parsed YAML")) is not None:
        return stored
    data = safe_load(raw.decode("utf-8"))
    if cached_path is not None and data is not None:
        write_cached(cached_path, data, "parsed YAML")
    return data
