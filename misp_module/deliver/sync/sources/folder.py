"""The folder source: every report file under a folder; symlinks leading outside it are not followed."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

from ....errors import ConfigError
from ...files import discover_reports, file_date, git_toplevel, report_identity
from . import SourceReport

log = logging.getLogger(__name__)


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
        for path in discover_reports(self.root):
            try:
                size = path.stat().st_size
            except OSError as exc:
                log.warning("%s: cannot read (%s); skipped", path, exc.strerror)
                continue
            yield SourceReport(
                identity=report_identity(path, self.base),
                name=str(path),
                digest=self._digest(path) if size <= self.max_bytes else f"over-limit:{size}",
                size=size,
                read=path.read_bytes,
                date=lambda path=path: file_date(path, self.repository),
            )

    @staticmethod
    def _digest(path: Path) -> str:
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return "unreadable"
