"""What the indicator extractor knows of files: extensions of file names, well-known system binaries."""

from __future__ import annotations

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "indicators.yaml"

with DATA.open(encoding="utf-8") as _handle:
    _data = yaml.safe_load(_handle)

FILE_EXTS: frozenset[str] = frozenset(_data["file_extensions"])
SYSTEM_FILES: frozenset[str] = frozenset(name.lower() for name in _data["system_files"])
