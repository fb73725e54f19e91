"""misp-modules edge: the import and expansion modules MISP calls, and the custom-module root of their shims."""

from __future__ import annotations

from pathlib import Path


def custom_root() -> Path:
    """The folder to give `misp-modules -c`: its `expansion/` and `import_mod/` hold one shim file per module."""
    return Path(__file__).resolve().parent / "root"
