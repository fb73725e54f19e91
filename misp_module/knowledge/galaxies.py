"""MISP galaxies as one index: every name of the matched galaxies in one Aho-Corasick automaton, disk-cached.

`galaxy_index()` is the one entry point: it compiles the galaxies listed in `misp_module/data/galaxies.yaml`
(with the country and sector names of `countries.yaml` and `sectors.yaml`) once per process, and keeps the
compiled index in `$XDG_CACHE_HOME/misp-report/` keyed by the versions of the data it was built from, so a
cold start loads one file instead of reading the galaxy JSON. `GalaxyIndex.find(text)` is one pass over the
text: it returns every whole-word name written in it, with the case rules of each name applied and
overlapping names resolved to the longest.

This module is the entry point and the cache; the names and their rules are built in galaxy_names.py (with our
curated country, region and sector names of galaxy_curated.py), the index and its matching are galaxy_matching.py.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
from collections.abc import Iterable
from pathlib import Path

from .cache import cache_dir, load_once, read_cached, write_cached
from .data import KnowledgeError, data_dir, load_data
from .galaxy_matching import (
    CASE_RULES,
    EXACT,
    INITIALS,
    INSENSITIVE,
    Cluster,
    GalaxyIndex,
    Match,
    Name,
    case_fits,
    fold,
    name_key,
)
from .galaxy_names import IndexBuilder, galaxy_file

# What the rest of the package imports from here: the index, its entry point and the types of its matches.
__all__ = [
    "CASE_RULES",
    "EXACT",
    "INITIALS",
    "INSENSITIVE",
    "Cluster",
    "GalaxyIndex",
    "Match",
    "Name",
    "build_index",
    "cache_key",
    "case_fits",
    "fold",
    "galaxy_file",
    "galaxy_index",
    "name_key",
]

logger = logging.getLogger(__name__)

# Bump when the pickled layout or the name rules (galaxy_names.py) change: the disk cache key includes it.
INDEX_FORMAT = 24
DATA_FILES = ("galaxies.yaml", "countries.yaml", "sectors.yaml")
BUILDER_MODULES = (
    "galaxies.py",
    "galaxy_names.py",
    "galaxy_curated.py",
    "galaxy_matching.py",
    "galaxy_kind_writings.py",
    "galaxy_spellings.py",
)


def build_index(galaxies: Iterable[str] | None = None) -> GalaxyIndex:
    """Compile the galaxies of galaxies.yaml (or the given subset of them) into an index; slow, see `galaxy_index`."""
    rules = load_data("galaxies.yaml")
    specs = rules.get("galaxies") or {}
    wanted = list(galaxies) if galaxies is not None else list(specs)
    unknown = [g for g in wanted if g not in specs]
    if unknown:
        raise KnowledgeError(f"galaxies.yaml: galaxy '{unknown[0]}' is not configured under 'galaxies'")
    builder = IndexBuilder(rules)
    for galaxy in wanted:
        builder.galaxy(galaxy, specs[galaxy])
    builder.add_heads()
    builder.add_spelling_variants()
    builder.relax_camel_twins()
    builder.add_kind_writings(rules.get("place_family_words") or [])
    if galaxies is None:
        builder.add_name_variants(rules.get("name_variants") or {})
    builder.add_lowered_kind_words()
    automaton, names = builder.automaton()
    return GalaxyIndex(automaton, tuple(builder.clusters), cache_key(), builder.codes, builder.uses(), names)


def cache_key() -> str:
    """What the index is built from: our data files, the galaxy and word-frequency data, the index format, and
    the source of the modules that build it. The source is in the key because the name rules live in code too
    (galaxy_names.py, galaxy_curated.py): an upgrade, or two checkouts sharing one cache folder, that changed
    them without bumping INDEX_FORMAT would otherwise load an index built by other rules."""
    digest = hashlib.sha256(f"format {INDEX_FORMAT}".encode())
    for package in ("pymispgalaxies", "wordfreq", "pyahocorasick"):
        digest.update(f"{package} {importlib.metadata.version(package)}".encode())
    for name in DATA_FILES:
        digest.update((data_dir() / name).read_bytes())
    for module in BUILDER_MODULES:
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:20]


def _cache_path(key: str) -> Path | None:
    folder = cache_dir()
    return folder / f"galaxies-{key}.pickle" if folder else None


def _read_cache(path: Path, key: str) -> GalaxyIndex | None:
    stored = read_cached(path, "galaxy index")
    if stored is not None and (not isinstance(stored, GalaxyIndex) or stored.key != key):
        logger.warning("galaxy index cache %s does not match this installation; rebuilding it", path)
        return None
    return stored


def _write_cache(path: Path, index: GalaxyIndex) -> None:
    """Atomic: written to a temporary file of the same folder, then renamed over the final name."""
    write_cached(path, index, "galaxy index")


@load_once
def galaxy_index() -> GalaxyIndex:
    """The index of every configured galaxy, built once per process (from the disk cache when it is there)."""
    key = cache_key()
    path = _cache_path(key)
    if path is not None and (cached := _read_cache(path, key)) is not None:
        return cached
    index = build_index()
    if path is not None:
        _write_cache(path, index)
    return index
