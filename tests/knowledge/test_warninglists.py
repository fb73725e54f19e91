"""The warninglist index: compiled once into the user cache dir, then exact, parent-domain, CIDR, hash and
regex look-ups (built here from the small lists in tests/data/warninglists)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from misp_module.knowledge import warninglists as wl
from misp_module.knowledge.cache import CACHE_ENV

LISTS = Path(__file__).parents[1] / "data" / "warninglists" / "lists"


@pytest.fixture
def index(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    lists = tmp_path / "lists"
    shutil.copytree(LISTS, lists)
    return wl.WarningIndex(wl._index_folder(lists)), lists, tmp_path / "cache"


def slugs(found) -> list[str]:
    return sorted(info.slug for info in found)


def test_index_is_cached_under_the_data_version(index, monkeypatch) -> None:
    _, lists, cache = index
    folder = cache / "misp-report" / f"warninglists-{wl.data_version(lists)}"
    assert (folder / "names.idx").exists() and (folder / "lists.pickle").exists()

    def no_rebuild(*args):
        raise AssertionError("the cached index should have been used")

    monkeypatch.setattr(wl, "build_index", no_rebuild)
    assert wl._index_folder(lists) == folder


def test_cache_off_compiles_for_this_process_only(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = wl._index_folder(LISTS)
    assert (folder / "lists.pickle").exists()
    assert not (tmp_path / "cache").exists()
    assert slugs(wl.WarningIndex(folder).lookup("domain", "microsoft.com")[0]) == ["vendor"]


def test_unwritable_cache_warns_and_still_works(tmp_path, monkeypatch, caplog) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "sub"))
    folder = wl._index_folder(LISTS)
    assert (folder / "lists.pickle").exists()
    assert "cannot cache the warninglist index" in caplog.text


def test_changed_lists_change_the_data_version(index) -> None:
    _, lists, _ = index
    before = wl.data_version(lists)
    (lists / "vendor" / "list.json").write_text((lists / "vendor" / "list.json").read_text() + "\n")
    assert wl.data_version(lists) != before


def test_host_names_match_themselves_and_their_subdomains(index) -> None:
    warning, _, _ = index
    assert slugs(warning.lookup("domain", "microsoft.com")[0]) == ["vendor"]
    exact, parents = warning.lookup("hostname", "learn.microsoft.com")
    assert exact == () and slugs(parents) == ["vendor"]
    assert slugs(warning.lookup("url", "https://learn.microsoft.com/x")[1]) == ["vendor"]
    assert warning.lookup("domain", "notmicrosoft.com") == ((), ())


def test_a_public_suffix_stops_parent_matching(index) -> None:
    warning, _, _ = index
    assert warning.is_public_suffix("github.io") and warning.is_public_suffix("com")
    assert not warning.is_public_suffix("microsoft.com")
    assert warning.is_tld("com") and not warning.is_tld("local")
    assert warning.lookup("hostname", "evil.duckdns.org")[1] != ()


def test_addresses_match_their_networks(index) -> None:
    warning, _, _ = index
    assert slugs(warning.lookup("ip-dst", "104.18.2.3")[0]) == ["cdn"]
    assert slugs(warning.lookup("ip-dst|port", "104.18.2.3|443")[0]) == ["cdn"]
    assert slugs(warning.lookup("ip-src", "2606:4700::6810:84e5")[0]) == ["cdn"]
    assert slugs(warning.lookup("ip-dst", "8.8.8.8")[0]) == ["cdn"]
    assert warning.lookup("ip-dst", "8.8.8.9") == ((), ())
    assert [i.group for i in warning.lookup("ip-dst", "45.63.60.39")[0]] == ["hosting"]


def test_hashes_and_regexes(index) -> None:
    warning, _, _ = index
    assert slugs(warning.lookup("md5", "d41d8cd98f00b204e9800998ecf8427e")[0]) == ["known-hashes"]
    assert slugs(warning.lookup("filename|md5", "x.txt|d41d8cd98f00b204e9800998ecf8427e")[0]) == ["known-hashes"]
    assert slugs(warning.lookup("email-src", "Abuse@corp.example")[0]) == ["contacts"]
    assert warning.lookup("email-src", "ceo@corp.example") == ((), ())


def test_regex_lists_are_compiled_on_the_first_address(index) -> None:
    """A report without e-mail addresses never pays for compiling the regex lists."""
    warning, _, _ = index
    warning.lookup("domain", "corp.example")
    warning.lookup("md5", "d41d8cd98f00b204e9800998ecf8427e")
    assert warning._compiled_regexes is None
    assert slugs(warning.lookup("email-dst", "abuse@corp.example")[0]) == ["contacts"]
    assert warning._compiled_regexes


def test_lists_apply_only_to_their_attribute_types(index) -> None:
    warning, _, _ = index
    assert warning.lookup("md5", "microsoft.com") == ((), ())
    assert warning.lookup("email-src", "x@microsoft.com")[0] == ()
