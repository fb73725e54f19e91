"""Sources: a folder (symlinks leaving it ignored, oversized reports skipped) and a git repository."""

from __future__ import annotations

import base64
import functools
import shutil
import stat
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from misp_double import MispDouble
from sync_helpers import git, stored_event

from misp_module.deliver.sync.sources.git import GitError, GitSource, check_url
from misp_module.errors import ConfigError


def test_symlinks_leaving_the_folder_are_not_followed(sync, double: MispDouble, reports, tmp_path) -> None:
    secret = tmp_path / "outside.txt"
    shutil.copy(reports / "alpha.txt", secret)
    (reports / "link.txt").symlink_to(secret)
    assert sync(str(reports), double=double).code == 0
    assert len(double.model.events) == 3


def test_an_oversized_report_is_reported_and_skipped(sync, double: MispDouble, reports: Path, tmp_path) -> None:
    (tmp_path / "sync.yaml").write_text("max_report_bytes: 500\n" + (tmp_path / "sync.yaml").read_text())
    result = sync(str(reports), double=double)
    assert result.code == 1
    assert "alpha.txt" in result.shown and "failed" in result.shown
    assert len(double.model.events) == 2


def test_a_git_clone_syncs_committed_reports_with_their_last_commit(sync, double, repository: Path) -> None:
    (repository / "reports" / "uncommitted.txt").write_text("Not committed: never synced.\n")
    result = sync(str(repository), "--git", double=double)
    assert result.code == 0, result.out + result.err
    assert len(double.model.events) == 3
    commit = git(repository, "rev-parse", "HEAD")
    for event in double.model.events.values():
        values = {(a["type"], a["value"]) for a in event["Attribute"]}
        assert ("git-commit-id", commit) in values


def test_a_git_url_is_mirrored_and_fetched_on_each_run(sync, double, repository: Path, tmp_path: Path) -> None:
    url = repository.resolve().as_uri()  # file:// goes through git's transport like a remote
    assert sync(url, "--cache-dir", str(tmp_path / "cache"), double=double).code == 0
    shutil.copy(repository / "reports" / "charlie.txt", repository / "reports" / "echo.txt")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "Echo")
    result = sync(url, "--cache-dir", str(tmp_path / "cache"), double=double)
    assert result.code == 0, result.out
    assert len(double.model.events) == 4
    assert [p.name for p in (tmp_path / "cache").iterdir()] and not (tmp_path / "cache" / "reports").exists()


def test_a_symlink_committed_in_the_repository_is_never_read(double: MispDouble, repository: Path, tmp_path) -> None:
    (tmp_path / "secret.txt").write_text("secret")
    (repository / "reports" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "Symlink")
    source = GitSource(str(repository), tmp_path / "cache", 10_000)
    assert "reports/leak.txt" not in {r.identity for r in source.reports()}


@pytest.mark.parametrize("url", ["ext::sh -c touch% /tmp/pwned", "fd::17", "-uhelp", "weird://host/repo"])
def test_command_transports_and_option_like_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigError):
        check_url(url)


def test_the_repository_identity_is_the_path_in_the_repository(sync, double, repository: Path) -> None:
    sync(str(repository), "--git", "--subdir", "reports", double=double)
    infos = sorted(stored_event(double, u)["info"][:5] for u in double.model.events)
    assert len(infos) == 3


@pytest.mark.parametrize("flags", [("--subdir", "reports"), ("--ref", "main")])
def test_git_selections_on_a_folder_source_are_refused_not_ignored(sync, double, repository, flags) -> None:
    """A local clone given without --git is read as a folder: --subdir must not silently sync every report."""
    result = sync(str(repository), *flags, double=double)
    assert result.code == 2
    assert "--git" in result.err and "read as a folder" in result.err
    assert double.model.events == {}


def test_a_git_url_with_the_default_relative_cache_is_mirrored_once(sync, double, repository, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = repository.resolve().as_uri()
    assert sync(url, double=double).code == 0
    mirrors = list((tmp_path / ".misp-report" / "cache").iterdir())
    assert len(mirrors) == 1 and (mirrors[0] / "HEAD").exists()
    assert not list(mirrors[0].rglob(".misp-report"))
    assert stat.S_IMODE(mirrors[0].stat().st_mode) == 0o700
    assert sync(url, double=double).code == 0  # and fetched on the next run


USER, PASSWORD = "analyst", "s3cret-p@ss"


@pytest.fixture
def private_http_repository(repository: Path, tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """The repository served over git's dumb HTTP protocol behind Basic authentication: (URL, the
    Authorization headers it received)."""
    bare = tmp_path / "served.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repository), str(bare)], check=True)
    git(bare, "update-server-info")
    seen: list[str] = []
    wanted = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    class Private(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

        def do_GET(self) -> None:
            seen.append(self.headers.get("Authorization", ""))
            if self.headers.get("Authorization") != wanted:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="reports"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Private, directory=str(bare)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{USER}:{PASSWORD.replace('@', '%40')}@127.0.0.1:{server.server_address[1]}/", seen
    finally:
        server.shutdown()
        server.server_close()


def test_credentials_in_a_git_url_are_used_but_never_written_to_disk(private_http_repository, tmp_path) -> None:
    url, seen = private_http_repository
    cache = tmp_path / "cache"
    source = GitSource(url, cache, 10_000)
    source.prepare()
    assert len(list(source.reports())) == 3
    source.close()
    assert any(header.startswith("Basic ") for header in seen)  # git authenticated through our helper
    mirror = next(cache.iterdir())
    git(mirror, "config", "remote.origin.url", url)  # what an older version left in the mirror's config
    again = GitSource(url, cache, 10_000)
    again.prepare()  # fetches with the credentials, and scrubs the old URL
    again.close()
    for path in cache.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert PASSWORD.encode() not in data and b"s3cret" not in data, path
    assert stat.S_IMODE(mirror.stat().st_mode) == 0o700
    assert "s3cret" not in source.description


def test_a_git_url_without_its_credentials_is_refused_by_the_server(private_http_repository, tmp_path) -> None:
    url, _ = private_http_repository
    anonymous = url.replace(f"{USER}:{PASSWORD.replace('@', '%40')}@", "")
    with pytest.raises(GitError, match="git clone failed"):
        GitSource(anonymous, tmp_path / "cache", 10_000).prepare()


def test_renames_are_read_from_git_name_status_whatever_the_file_names() -> None:
    from misp_module.deliver.sync.sources.git import renames_of

    listing = "M\0README.md\0R087\0Reports/a.txt\0Reports/2025/a.txt\0C100\0R\0Rb\0D\0R100\0A\0M\0"
    assert renames_of(listing) == {"Reports/a.txt": "Reports/2025/a.txt"}
    assert renames_of("") == {}
