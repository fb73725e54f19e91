"""Report files on disk: which files are reports, their identity in the repository and their date."""

from __future__ import annotations

import datetime
import errno
import json
import logging
import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

from pymisp import MISPEvent

from ..build.export import json_default
from ..errors import ReportError
from ..read.decode import check_size

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; PyMISP works without it
    orjson = None

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml", ".pdf", ".docx")
# A repository's own documentation is not a report, even in a report format.
REPOSITORY_DOCUMENTS = (
    "readme",
    "changelog",
    "license",
    "licence",
    "contributing",
    "code_of_conduct",
    "security",
)


def is_report_file(path: Path) -> bool:
    """A visible file with a report extension that is not the repository's own documentation."""
    return (
        path.suffix.lower() in REPORT_SUFFIXES
        and not path.name.startswith(".")
        and path.stem.lower() not in REPOSITORY_DOCUMENTS
    )


def display_name(path: Path | str) -> str:
    """A path as text that is valid UTF-8 whatever bytes the file system holds: a byte that is not UTF-8
    is written \\xff. Identities, names in messages and the state all use it (SQLite, JSON and MISP refuse
    the lone surrogates Python decodes such bytes to)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def resolved(path: Path) -> Path:
    """The path with its symlinks resolved as far as they go: a loop or a broken link never raises here."""
    return Path(os.path.realpath(path))


def walk_files(folder: Path) -> Iterator[Path]:
    """Every file (or link, or other non-folder) below `folder`. Hidden folders and linked folders are not
    entered, and a folder that cannot be listed is a warning. A loop, not recursion: a hostile tree can be
    thousands of folders deep."""
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            log.warning("%s: cannot list this folder (%s); its reports are skipped", current, exc.strerror)
            continue
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:  # a symlink loop: listed, and refused with its reason when read
                is_folder = False
            if not is_folder:
                yield Path(entry.path)
            elif not entry.is_symlink() and not entry.name.startswith("."):
                pending.append(Path(entry.path))


def discover_reports(folder: Path) -> list[Path]:
    """Every report file under a folder, sorted and each once; hidden folders and symlinks leaving the
    folder skipped.

    Nothing is opened here: a FIFO, a broken symlink or a symlink loop with a report's name is listed like
    any report and refused with its reason by `read_report_file`, so it is reported, never hung on.
    """
    root = resolved(folder)
    found: dict[Path, Path] = {}
    for path in sorted(walk_files(folder)):
        if not is_report_file(path):
            continue
        target = resolved(path)
        if not target.is_relative_to(root):
            log.info("%s: a symlink leading outside %s; not followed", path, folder)
        elif target not in found or found[target].is_symlink():  # a link to a report is that report, once
            found[target] = path
    return sorted(found.values())


NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def open_failure(path: Path, error: OSError) -> str:
    """Why a report file cannot be opened, and what to do about it."""
    if error.errno == errno.ELOOP:
        return "a symlink loop (the link leads back to itself); fix or remove the link"
    if error.errno == errno.ENOENT and path.is_symlink():
        return f"a broken symlink (to {os.readlink(path)}, which does not exist); fix or remove the link"
    if error.errno == errno.ENXIO:
        return "a socket, not a report file; remove it or move it out of the report folder"
    return f"cannot read ({error.strerror})"


def read_report_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a report file. Only a regular file within the size limit is read: a FIFO, device or
    socket is refused (reading a FIFO would wait forever); it is opened without blocking and checked again
    once open, so what is read is what was checked."""
    name = display_name(path)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            kind = NOT_REGULAR.get(stat.S_IFMT(mode), "not a regular file")
            raise ReportError(name, f"{kind}, not a report file; remove it or move it out of the report folder")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise ReportError(name, f"{open_failure(path, exc)}") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ReportError(name, "replaced by something other than a regular file while being read")
        check_size(os.fstat(descriptor).st_size, name, max_bytes)
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise ReportError(name, f"cannot read ({exc.strerror})") from None
    check_size(len(data), name, max_bytes)  # it grew after the check
    return data


def read_limited(name: str, size: int, read: Callable[[], bytes], max_bytes: int) -> bytes:
    """A report's bytes, refused before they are read when over the size limit; read errors name the report."""
    check_size(size, name, max_bytes)
    try:
        return read()
    except OSError as exc:
        raise ReportError(name, f"cannot read ({exc.strerror})") from exc


def _git_answer(folder: Path, timeout: float, *args: str) -> str:
    """What git prints for `git -C folder args`, stripped; "" when it fails, times out or is not installed: the
    callers fall back to what they know without git (no repository, the file's modification time)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def git_toplevel(path: Path) -> Path | None:
    """The git work tree holding `path`, or None outside git (or without git installed)."""
    top = _git_answer(path if path.is_dir() else path.parent, 10, "rev-parse", "--show-toplevel")
    return Path(top) if top else None


def report_identity(path: Path, root: Path) -> str:
    """The report's stable identity: its path relative to the repository root, with '/' separators."""
    target = resolved(path) if path.exists() else Path(os.path.abspath(path))  # a broken link names itself
    try:
        return display_name(target.relative_to(resolved(root)).as_posix())
    except ValueError:
        return display_name(path.name)


def last_commit_date(path: Path, repository: Path) -> datetime.date | None:
    """The committer date of the last commit that changed the file (None when untracked)."""
    value = _git_answer(repository, 30, "log", "-1", "--format=%cs", "--", str(path.resolve()))
    return datetime.date.fromisoformat(value) if value else None


def file_date(path: Path, repository: Path | None) -> datetime.date:
    """A report's fallback date: the last commit that changed it in git, else its modification time."""
    if repository is not None:
        committed = last_commit_date(path, repository)
        if committed:
            return committed
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC).date()


def event_json(event: MISPEvent) -> str:
    """MISP's own export shape, {"Event": {...}}: what 'Import from MISP JSON' and `MISPEvent.load` read.
    With orjson (PyMISP's own encoder when installed) in one pass, new tags and attributes read directly
    (build/export.py); the standard library's output is the same."""
    if orjson is not None:
        return orjson.dumps({"Event": event}, default=json_default, option=orjson.OPT_INDENT_2).decode() + "\n"
    return json.dumps({"Event": json.loads(event.to_json())}, indent=2, ensure_ascii=False) + "\n"


def make_folders(folder: Path) -> None:
    """`mkdir -p`, in a loop: pathlib's and os.makedirs recurse once per level, and a report tree can be
    deeper than Python's recursion limit."""
    missing = []
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(exist_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a JSON file."""
    make_folders(path.parent)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
