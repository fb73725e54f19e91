"""Regular expressions compiled once per machine, not once per process: a cold `convert` compiles some six
hundred of the rules' expressions, a fifth of its CPU time, and Python cannot keep a compiled pattern on disk.
What the rules work out from an expression's parse tree (literal gates, the shape of catastrophic
backtracking) is kept the same way (`derived`).

What `re` spends that time on is parsing the expression and generating the matcher's code; the pattern
object is then built from that code in one C call (`_sre.compile`). The code is plain integers, so it is kept
on disk (marshal, beside the other caches), keyed by the expression and its flags, in a file of its own per
Python version and `_sre` version, and a later process builds the pattern from it directly.

`_sre.compile` and the `re._parser`/`re._compiler` steps are CPython's internals, so every entry is checked
when it is made: the pattern built from the code must equal (`==`, which compares the expression, the flags
and the code) the one `re.compile` gives in the same interpreter, or nothing is kept. Any failure (another
Python, a changed signature, an unreadable file) falls back to `re.compile`; the answers are `re`'s either way.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from .cache import cache_dir

try:  # CPython's own steps of re.compile
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python
    _sre = None

_FORMAT = 2
# Entries kept at most: the rules' expressions are a few thousand; a file grown past this (expressions of
# earlier versions of the rules) keeps only those this process used.
MAX_ENTRIES = 8000

_Key = tuple[str, int]
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

Value = TypeVar("Value")

_lock = threading.RLock()
_state: dict[str, Any] = {"loaded": False, "entries": {}, "used": set(), "dirty": False, "path": None}


def derived(function: Callable[[str], Value], source: str) -> Value:
    """`function(source)` for a function of an expression alone whose answer marshal can write (tuples,
    strings, None), kept on disk with the compiled code. The key holds the digest of the function's module,
    so that an answer worked out by other code is never read back."""
    with _lock:
        if not _state["loaded"]:
            _load()
        key = (_code_key(function), source)
        entries = _state["entries"]
        if key in entries:
            _state["used"].add(key)
            return entries[key]  # type: ignore[no-any-return]
        value = function(source)
        if _state["path"] is not None:
            try:
                marshal.dumps(value)
            except ValueError:
                return value
            _remember(key, value)
        return value


@cache
def _code_key(function: Callable[..., Any]) -> str:
    module = sys.modules[function.__module__]
    digest = hashlib.sha256(Path(module.__file__ or "").read_bytes()).hexdigest()[:16]
    return f"{function.__module__}.{function.__qualname__}:{digest}"


def _remember(key: Any, value: Any) -> None:
    _state["entries"][key] = value
    _state["used"].add(key)
    if not _state["dirty"]:
        _state["dirty"] = True
        atexit.register(save)


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, from the code kept on disk where an earlier process compiled it."""
    if _sre is None or flags & re.DEBUG:
        return re.compile(source, flags)
    with _lock:
        if not _state["loaded"]:
            _load()
        key = (source, int(flags))
        entry = _state["entries"].get(key)
        if entry is not None:
            try:
                pattern = _sre.compile(source, *entry)
                _state["used"].add(key)
                return pattern
            except Exception:  # pragma: no cover - a file of another interpreter under the same name
                del _state["entries"][key]
        pattern = re.compile(source, flags)
        if _state["path"] is not None:
            made = _entry(source, flags, pattern)
            if made is not None:
                _remember(key, made)
        return pattern


def _entry(source: str, flags: int, pattern: re.Pattern[str]) -> _Entry | None:
    """The arguments of `_sre.compile` that build `pattern`, checked to build it; None where they do not."""
    try:
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        # Plain ints: the opcodes are an int subclass, which marshal does not write.
        entry: _Entry = (
            int(flags | parsed.state.flags),
            [int(c) for c in code],
            int(parsed.state.groups - 1),
            {str(k): int(v) for k, v in groupindex.items()},
            tuple(indexgroup),
        )
        return entry if _sre.compile(source, *entry) == pattern else None
    except Exception:  # pragma: no cover - internals of another Python
        return None


def _file() -> Path | None:
    """The cache file of this interpreter; None with the cache off, or without `_sre` (another Python, or a
    caller that turned the compiled code off: `derived` answers are then worked out in memory only)."""
    folder = cache_dir()
    if folder is None or _sre is None:
        return None
    version = "-".join(map(str, sys.version_info[:3]))
    return folder / f"regex-{_FORMAT}-{sys.implementation.name}-{version}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


def _load() -> None:
    _state["loaded"] = True
    path = _state["path"] = _file()
    if path is None:
        return
    try:
        stored = marshal.loads(path.read_bytes())
    except FileNotFoundError:
        return
    except Exception as exc:  # a truncated or foreign file: rebuilt by this process
        logging.getLogger(__name__).warning("regular expression cache %s is unreadable (%s); rebuilding it", path, exc)
        return
    if isinstance(stored, dict):
        _state["entries"] = stored


def save() -> None:
    """Write the entries this process made (with those it read) to disk, atomically; at exit by default."""
    with _lock:
        path, entries = _state["path"], _state["entries"]
        if not _state["dirty"] or path is None:
            return
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in _state["used"]}
        _state["dirty"] = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(marshal.dumps(entries))
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            logging.getLogger(__name__).warning("cannot cache regular expressions in %s (%s)", path.parent, exc)


def reset() -> None:
    """Forget what was loaded (tests: another cache folder)."""
    with _lock:
        _state.update(loaded=False, entries={}, used=set(), dirty=False, path=None)
