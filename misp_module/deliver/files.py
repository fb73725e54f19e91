"""Report files on disk: which files are reports, their identity in the repository and their date."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from pymisp import MISPEvent
from pymisp.abstract import pymisp_json_default

from ..errors import ReportError
from ..read.decode import check_size

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; PyMISP works without it
    orjson = None

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


def discover_reports(folder: Path) -> list[Path]:
    """Every report file under a folder, sorted; hidden folders and symlinks leaving the folder skipped."""
    root = folder.resolve()
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in filenames:
            path = Path(dirpath) / filename
            if is_report_file(path) and path.resolve().is_relative_to(root):
                found.append(path)
    return sorted(found)


def read_limited(name: str, size: int, read: Callable[[], bytes], max_bytes: int) -> bytes:
    """A report's bytes, refused before they are read when over the size limit; read errors name the report."""
    check_size(size, name, max_bytes)
    try:
        return read()
    except OSError as exc:
        raise ReportError(f"{name}: cannot read ({exc.strerror})") from exc


def git_toplevel(path: Path) -> Path | None:
    """The git work tree holding `path`, or None outside git (or without git installed)."""
    folder = path if path.is_dir() else path.parent
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None


def report_identity(path: Path, root: Path) -> str:
    """The report's stable identity: its path relative to the repository root, with '/' separators."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def last_commit_date(path: Path, repository: Path) -> datetime.date | None:
    """The committer date of the last commit that changed the file (None when untracked)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(repository), "log", "-1", "--format=%cs", "--", str(path.resolve())],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = result.stdout.strip()
    return datetime.date.fromisoformat(value) if result.returncode == 0 and value else None


def file_date(path: Path, repository: Path | None) -> datetime.date:
    """A report's fallback date: the last commit that changed it in git, else its modification time."""
    if repository is not None:
        committed = last_commit_date(path, repository)
        if committed:
            return committed
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC).date()


def event_json(event: MISPEvent) -> str:
    """MISP's own export shape, {"Event": {...}}: what 'Import from MISP JSON' and `MISPEvent.load` read.
    With orjson (PyMISP's own encoder when installed) in one pass; the standard library's output is the same."""
    if orjson is not None:
        return orjson.dumps({"Event": event}, default=pymisp_json_default, option=orjson.OPT_INDENT_2).decode() + "\n"
    return json.dumps({"Event": json.loads(event.to_json())}, indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a JSON file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
