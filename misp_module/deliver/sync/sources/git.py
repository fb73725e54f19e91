"""The git source: reports committed in a repository (a local clone, or a URL mirrored into a cache folder).

A repository is input, not code: the URL reaches git as one argument after `--`, never through a shell;
only the http(s), ssh, git and file transports are allowed (`ext::` and other command transports are
refused, and GIT_ALLOW_PROTOCOL enforces it for anything git reaches on its own); reports are read from
git's objects at the commit, so a symlink in the repository is never followed and nothing is checked out.

Credentials in an http(s) URL (`https://user:token@host/repo.git`) never reach the disk: the mirror is
cloned from the URL without them, and git gets them for that one process from a credential helper given on
its command line that reads them from its environment (not from the user's helpers, which could store
them). The cache folder is resolved once (a relative one is relative to where the command runs) and its
mirrors are private to the user (0700): they hold the reports.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

from ....errors import ConfigError, MispReportError
from ....knowledge.regex_cache import compiled
from ...files import is_report_file
from . import Commit, SourceReport

log = logging.getLogger(__name__)
ALLOWED_PROTOCOLS = "https:http:ssh:git:file"
URL_SCHEME = compiled(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
BLOB_MODES = ("100644", "100755")  # 120000 (symlink) and 160000 (submodule) are never read
GIT_TIMEOUT = 600
# Answers git's `get` with the credentials of this process's environment; the command line holds no secret.
CREDENTIAL_HELPER = (
    '!f() { test "$1" = get || return 0; printf \'username=%s\\n\' "$MISP_REPORT_GIT_USERNAME"; '
    'if [ -n "${MISP_REPORT_GIT_PASSWORD+set}" ]; then printf \'password=%s\\n\' "$MISP_REPORT_GIT_PASSWORD"; fi; }; f'
)


class GitError(MispReportError):
    """git failed: the message names the repository (without credentials) and git's own words."""


def redact(url: str) -> str:
    """A git URL without user:password@ (it goes into logs, errors and the event)."""
    parts = urlsplit(url)
    if not parts.scheme or "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def check_url(url: str) -> None:
    """Refuse what could make git run a command: `ext::`, `fd::` and any transport but the usual ones."""
    if url.startswith("-"):
        raise ConfigError(f"git source {url!r}: a repository URL cannot start with '-'")
    if "::" in url.split("/", 1)[0]:
        raise ConfigError(f"git source {redact(url)!r}: '<transport>::' URLs (e.g. ext::) run commands; refused")
    match = URL_SCHEME.match(url)
    if match and match.group(1).lower() not in ALLOWED_PROTOCOLS.split(":"):
        raise ConfigError(
            f"git source {redact(url)!r}: transport {match.group(1)!r} is not allowed; "
            "use https://, ssh://, git:// or a local path"
        )


def split_credentials(url: str) -> tuple[str, dict[str, str]]:
    """An http(s) URL without its user:password@, and the environment that hands them to CREDENTIAL_HELPER
    (empty when the URL carries none, or is not http(s): an ssh user name is not a secret)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or "@" not in parts.netloc:
        return url, {}
    userinfo, host = parts.netloc.rsplit("@", 1)
    user, has_password, password = userinfo.partition(":")
    secrets = {"MISP_REPORT_GIT_USERNAME": unquote(user)}
    if has_password:
        secrets["MISP_REPORT_GIT_PASSWORD"] = unquote(password)
    return urlunsplit(parts._replace(netloc=host)), secrets


def web_commit_url(url: str, sha: str) -> str | None:
    """https://host/owner/repo(.git) → https://host/owner/repo/commit/<sha> (GitHub, GitLab, Gitea)."""
    parts = urlsplit(redact(url))
    if parts.scheme not in ("http", "https"):
        return None
    path = parts.path.removesuffix("/").removesuffix(".git")
    return urlunsplit((parts.scheme, parts.netloc, f"{path}/commit/{sha}", "", ""))


def renames_of(name_status: str) -> dict[str, str]:
    """Old path → new path of the renames in `git diff --name-status -z` output: a status (R and C carry a
    score and two paths, every other one path), then its paths, each ended by a NUL."""
    fields, moves, index = name_status.split("\0"), {}, 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status[:1] in ("R", "C"):
            if status[:1] == "R" and index + 2 < len(fields):
                moves[fields[index + 1]] = fields[index + 2]
            index += 3
        else:
            index += 2
    return moves


class GitSource:
    """Reports at `ref` (default HEAD) of a repository, below `subdir`. A URL is mirrored into
    `cache/<hash of URL>` and fetched on each run; a local clone is pulled (fast-forward only) when it
    tracks an upstream branch and `pull` is on."""

    def __init__(
        self, location: str, cache: Path, max_bytes: int, ref: str = "HEAD", subdir: str = "", pull: bool = True
    ) -> None:
        self.location, self.max_bytes, self.ref, self.pull = location, max_bytes, ref, pull
        self.subdir = PurePosixPath(subdir.strip("/")) if subdir.strip("/") else None
        local = Path(location).expanduser()
        self.secrets: dict[str, str] = {}
        if local.is_dir():
            self.url: str | None = None
            self.repository = local
        else:
            check_url(location)
            self.url, self.secrets = split_credentials(location)
            cache = Path(os.path.abspath(cache.expanduser()))  # git runs in other folders: never relative
            self.repository = cache / hashlib.sha256(self.url.encode()).hexdigest()[:16]
        self.description = redact(location)
        self._reader: subprocess.Popen[bytes] | None = None

    def _git(self, *args: str, cwd: Path | None = None) -> str:
        env = {
            **os.environ,
            "GIT_ALLOW_PROTOCOL": ALLOWED_PROTOCOLS,
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_CONFIG_NOSYSTEM": "1",
            **self.secrets,
        }
        command = ["git", "-c", "protocol.ext.allow=never", "-c", "core.symlinks=false"]
        if self.secrets:  # only our helper: the user's own (store, cache) would keep the credentials
            command += ["-c", "credential.helper=", "-c", f"credential.helper={CREDENTIAL_HELPER}"]
        command += args
        try:
            result = subprocess.run(
                command, cwd=cwd or self.repository, env=env, capture_output=True, timeout=GIT_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise GitError(f"git source {self.description}: cannot run git ({exc})") from None
        if result.returncode != 0:
            said = result.stderr.decode(errors="replace").strip().splitlines()
            reason = redact(said[-1]) if said else f"exit code {result.returncode}"
            if self.url:
                reason = reason.replace(self.url, self.description)
            raise GitError(f"git source {self.description}: git {args[0]} failed: {reason}")
        return result.stdout.decode(errors="replace")

    def prepare(self) -> None:
        """Clone or fetch the mirror of a URL; pull a local clone that has an upstream."""
        if self.url is not None:
            if (self.repository / "HEAD").exists():
                self._git("config", "remote.origin.url", self.url)  # drops credentials an older version kept
                self._git("fetch", "--prune", "--quiet", "origin")
            else:
                self.repository.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                self._git(
                    "clone", "--mirror", "--quiet", "--", self.url, str(self.repository), cwd=self.repository.parent
                )
            self.repository.chmod(0o700)
            return
        if not self.pull:
            return
        try:
            self._git("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
        except GitError:
            return  # no upstream: nothing to pull
        self._git("pull", "--ff-only", "--quiet")

    def reports(self) -> Iterator[SourceReport]:
        listing = self._git("ls-tree", "-r", "-l", "-z", "--full-tree", self.ref)
        for entry in listing.split("\0"):
            if not entry:
                continue
            meta, _, path = entry.partition("\t")
            mode, kind, sha, size = meta.split()
            posix = PurePosixPath(path)
            if kind != "blob" or mode not in BLOB_MODES or not is_report_file(Path(posix.name)):
                continue
            if any(part.startswith(".") for part in posix.parts[:-1]):
                continue
            if self.subdir is not None and not posix.is_relative_to(self.subdir):
                continue
            yield SourceReport(
                identity=path,
                name=f"{self.description}:{path}",
                digest=sha,
                size=int(size),
                read=lambda sha=sha: self._read_blob(sha),
                date=lambda path=path: c.date if (c := self._commit(path)) else None,
                commit=lambda path=path: self._commit(path),
            )

    def _read_blob(self, sha: str) -> bytes:
        """One `git cat-file --batch` process serves every read of the run."""
        if self._reader is None:
            self._reader = subprocess.Popen(
                ["git", "cat-file", "--batch"], cwd=self.repository, stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        assert self._reader.stdin is not None and self._reader.stdout is not None
        self._reader.stdin.write(f"{sha}\n".encode())
        self._reader.stdin.flush()
        header = self._reader.stdout.readline().split()
        if len(header) != 3:
            raise GitError(f"git source {self.description}: cannot read object {sha}")
        data = self._reader.stdout.read(int(header[2]))
        self._reader.stdout.read(1)
        return data

    def _commit(self, path: str) -> Commit | None:
        out = self._git("log", "-1", "--format=%H%x00%cs%x00%s", self.ref, "--", path).strip()
        if not out:
            return None
        sha, day, subject = out.split("\0", 2)
        url = web_commit_url(self.url, sha) if self.url else None
        return Commit(sha, datetime.date.fromisoformat(day), subject, url)

    def renamed_to(self, path: str) -> str | None:
        """The path a report gone from `ref` has now, when git says it was renamed (`git mv`, also with an
        edit in the same commit: git's own rename detection), following one rename after another; None when
        it was deleted. Two git calls per rename, asked only for gone reports (removals are few)."""
        current, seen = path, set()
        while current not in seen:
            seen.add(current)
            try:
                sha = self._git("log", "-1", "--format=%H", "--no-renames", "--diff-filter=D", self.ref, "--", current)
                sha = sha.strip()
                changes = self._git("diff", "-M", "--name-status", "-z", f"{sha}^", sha) if sha else ""
            except GitError as exc:  # no rename known: the report is taken as deleted (on_removed)
                log.info("%s: cannot tell where it was moved: %s", path, exc)
                return None
            moves = renames_of(changes)
            if current not in moves:
                break
            current = moves[current]
        return current if current != path else None

    def close(self) -> None:
        if self._reader is not None:
            self._reader.communicate()
            self._reader = None
