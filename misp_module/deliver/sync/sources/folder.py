"""The folder source: every report file under a folder; symlinks leading outside it are not followed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ....errors import ConfigError, ReportError
from ...files import (
    discover_reports,
    display_name,
    file_date,
    git_toplevel,
    read_report_file,
    report_identity,
)
from . import SourceReport


class FolderSource:
    """Reports under `root`; identities are paths relative to the git work tree holding it, if any."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        if not root.is_dir():
            raise ConfigError(f"{root}: no such folder of reports")
        self.root, self.max_bytes = root, max_bytes
        self.repository = git_toplevel(root)
        self.base = self.repository or root
        self.description = str(root)

    def prepare(self) -> None:
        """Nothing to fetch for a folder."""

    def close(self) -> None:
        """Nothing to release for a folder."""

    def reports(self) -> Iterator[SourceReport]:
        """Every report file; one that cannot be read (a FIFO, a broken link, over the size limit) is listed
        with a `read` that raises its reason, so the run reports it as failed and goes on."""
        for path in discover_reports(self.root):
            identity = report_identity(path, self.base)
            try:
                data = read_report_file(path, self.max_bytes)
            except ReportError as exc:
                yield SourceReport(identity, display_name(path), f"refused:{exc}", 0, refusal(exc), lambda: None)
                continue
            yield SourceReport(
                identity=identity,
                name=display_name(path),
                digest=hashlib.sha256(data).hexdigest(),
                size=len(data),
                read=lambda path=path: read_report_file(path, self.max_bytes),
                date=lambda path=path: file_date(path, self.repository),
            )


def refusal(error: ReportError) -> Callable[[], bytes]:
    """A `read` that raises why the report cannot be read."""

    def read() -> bytes:
        raise error

    return read
