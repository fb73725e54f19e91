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

The file is shared by every version of the rules run on the machine (each upgrade, each checkout), and one
version's technique model alone holds expressions of half a megabyte each. So the file is read lazily: an index
of digests at its head, read whole, and each entry decoded from the mapped file only when asked for. A cold
start then costs the entries it uses, not the file's size (the whole file of a 283 MB cache took seconds to
decode). Each write keeps what the writing process used, then the most recently used of the rest within
`MAX_ENTRIES` and `MAX_BYTES`, so the file stays bounded however many versions come and go.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import marshal
import mmap
import os
import re
import sys
import tempfile
import threading
import time
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

_FORMAT = 3
_MAGIC = b"misp-report regex cache\n"
# Entries kept at most, and their bytes at most: one version of the rules uses a few thousand expressions and a
# few megabytes; a file grown past either keeps what the writing process used and then the most recently used.
MAX_ENTRIES = 8000
MAX_BYTES = 64 * 2**20

_Key = tuple[str, int] | tuple[str, str]
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

Value = TypeVar("Value")
_MISSING = object()

_lock = threading.RLock()
_state: dict[str, Any] = {}


def reset() -> None:
    """Forget what was loaded (tests: another cache folder)."""
    with _lock:
        _state.update(loaded=False, entries={}, used={}, dirty=False, path=None, index={}, body=b"")


reset()


def _digest(key: _Key) -> bytes:
    """The entry's name in the file's index: a digest, as the expressions themselves run to half a megabyte."""
    return hashlib.blake2b(marshal.dumps(key), digest_size=16).digest()


def _lookup(key: _Key) -> Any:
    """The entry under `key` (decoded from the file at its first use in this process), or `_MISSING`."""
    entries = _state["entries"]
    if key in entries:
        return entries[key]
    digest = _digest(key)
    place = _state["index"].get(digest)
    if place is None:
        return _MISSING
    offset, length, _ = place
    try:
        stored, value = marshal.loads(_state["body"][offset : offset + length])
    except Exception:  # a damaged entry: made again by this process
        return _MISSING
    if stored != key:  # pragma: no cover - a digest collision
        return _MISSING
    entries[key] = value
    _state["used"][key] = digest
    return value


def derived(function: Callable[[str], Value], source: str) -> Value:
    """`function(source)` for a function of an expression alone whose answer marshal can write (tuples,
    strings, None), kept on disk with the compiled code. The key holds the digest of the function's module,
    so that an answer worked out by other code is never read back."""
    with _lock:
        if not _state["loaded"]:
            _load()
        key = (_code_key(function), source)
        found = _lookup(key)
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
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


def _remember(key: _Key, value: Any) -> None:
    _state["entries"][key] = value
    _state["used"][key] = None  # made by this process: written from `entries`, not copied from the file
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
        entry = _lookup(key)
        if entry is not _MISSING:
            try:
                return _sre.compile(source, *entry)
            except Exception:  # pragma: no cover - a file of another interpreter under the same name
                del _state["entries"][key]
                _state["used"].pop(key, None)
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
    """Read the file's index and map its body; the entries are decoded as they are asked for (`_lookup`)."""
    _state["loaded"] = True
    path = _state["path"] = _file()
    if path is None:
        return
    try:
        with path.open("rb") as handle:
            body = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        head = len(_MAGIC) + 8
        if body[: len(_MAGIC)] != _MAGIC:
            raise ValueError("not a cache file of this format")
        size = int.from_bytes(body[len(_MAGIC) : head], "little")
        index = marshal.loads(body[head : head + size])
        if not isinstance(index, dict):
            raise ValueError("no index")
    except FileNotFoundError:
        return
    except Exception as exc:  # a truncated or foreign file: rebuilt by this process
        logging.getLogger(__name__).warning("regular expression cache %s is unreadable (%s); rebuilding it", path, exc)
        return
    _state.update(index=index, body=memoryview(body)[head + size :])


def _kept() -> list[tuple[bytes, bytes, int]]:
    """The (digest, encoded entry, stamp) to write: every entry this process used, stamped now, then the other
    entries of the file, the most recently used first, within MAX_ENTRIES and MAX_BYTES."""
    now = int(time.time())
    index, body, entries = _state["index"], _state["body"], _state["entries"]
    kept, seen, size = [], set(), 0
    for key, digest in _state["used"].items():
        if key not in entries:
            continue
        if digest is not None and digest in index:  # read from the file: copied as it is
            offset, length, _ = index[digest]
            blob = bytes(body[offset : offset + length])
        else:
            digest, blob = _digest(key), marshal.dumps((key, entries[key]))
        kept.append((digest, blob, now))
        seen.add(digest)
        size += len(blob)
    for digest, (offset, length, stamp) in sorted(index.items(), key=lambda item: -item[1][2]):
        if len(kept) >= MAX_ENTRIES or size + length > MAX_BYTES:
            break
        if digest not in seen:
            kept.append((digest, bytes(body[offset : offset + length]), stamp))
            size += length
    return kept


def save() -> None:
    """Write the entries this process made and used, with the most recent of the others, to disk atomically; at
    exit by default."""
    with _lock:
        path = _state["path"]
        if not _state["dirty"] or path is None:
            return
        _state["dirty"] = False
        kept = _kept()
        index, offset = {}, 0
        for digest, blob, stamp in kept:
            index[digest] = (offset, len(blob), stamp)
            offset += len(blob)
        head = marshal.dumps(index)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_MAGIC + len(head).to_bytes(8, "little") + head)
                    for _, blob, _ in kept:
                        out.write(blob)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            logging.getLogger(__name__).warning("cannot cache regular expressions in %s (%s)", path.parent, exc)
