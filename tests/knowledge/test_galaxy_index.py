"""The galaxy index: whole-word matching with per-name case rules, and its disk cache."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.knowledge import galaxies
from misp_module.knowledge.cache import CACHE_ENV
from misp_module.knowledge.data import KnowledgeError
from misp_module.knowledge.galaxies import galaxy_index
from misp_module.knowledge.galaxy_matching import _KIND_SUFFIX, fold

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "galaxies" / "names.yaml").read_text(encoding="utf-8"))


def found_tags(text: str) -> list[str]:
    """Every cluster found, once per match ('misp-galaxy:' prefix left out)."""
    return [c.tag.removeprefix("misp-galaxy:") for m in galaxy_index().find(text) for c in m.clusters]


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_name_rules(case: dict) -> None:
    tags = found_tags(case["text"])
    for tag in case.get("finds", []):
        assert tag in tags, f"{case['rule']}: {tag} not found in {tags}"
    for tag in case.get("misses", []):
        assert tag not in tags, f"{case['rule']}: {tag} found"
    for tag, count in case.get("count", {}).items():
        assert tags.count(tag) == count, f"{case['rule']}: {tag} found {tags.count(tag)} times"


def test_match_offsets_point_at_the_written_name() -> None:
    text = "Overlap with **Forest Blizzard**'s servers."
    (match,) = [m for m in galaxy_index().find(text) if m.clusters[0].galaxy == "threat-actor"]
    assert text[match.start : match.end] == "Forest Blizzard" == match.surface


def test_unicode_that_changes_length_when_lower_cased_keeps_offsets() -> None:
    text = "İİİ attack by APT28"
    (match,) = [m for m in galaxy_index().find(text) if m.clusters[0].galaxy == "threat-actor"]
    assert match.surface == "APT28"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    galaxy_index.cache_clear()
    yield tmp_path
    galaxy_index.cache_clear()


def test_index_is_cached_on_disk_reused_and_rebuilt_when_corrupt(
    cache_folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """One test, so the index is built twice (first use, corrupt cache) instead of three times."""
    first = galaxy_index()
    (cached,) = cache_folder.glob("galaxies-*.pickle")
    galaxy_index.cache_clear()
    second = galaxy_index()
    assert second is not first
    assert second.key == first.key and len(second) == len(first)
    assert [m.clusters for m in second.find("APT28 in Ukraine")] == [m.clusters for m in first.find("APT28 in Ukraine")]
    assert list(cache_folder.glob("galaxies-*.pickle")) == [cached]
    assert not list(cache_folder.glob(".galaxies-*"))

    cached.write_bytes(b"not a pickle")
    galaxy_index.cache_clear()
    with caplog.at_level(logging.WARNING):
        index = galaxy_index()
    assert "unreadable" in caplog.text
    assert next(c.value for m in index.find("APT28") for c in m.clusters) == "APT28"
    assert cached.read_bytes() != b"not a pickle"


def test_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    galaxy_index.cache_clear()
    try:
        assert len(galaxy_index()) > 0
    finally:
        galaxy_index.cache_clear()
    assert not any(tmp_path.rglob("*.pickle"))


def test_unwritable_cache_folder_still_gives_an_index(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "sub"))
    galaxy_index.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert len(galaxy_index()) > 0
    finally:
        galaxy_index.cache_clear()
    assert "cannot cache" in caplog.text


def test_unknown_galaxy_is_refused() -> None:
    with pytest.raises(KnowledgeError, match="not configured"):
        galaxies.build_index(["no-such-galaxy"])


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=80)
    | st.lists(st.sampled_from([" ", "_", "a", "B", "-", "\n", "é", "İ", "\u00a0", "1"])).map("".join)
)
def test_fold_lowers_and_blanks_every_non_word_character(text: str) -> None:
    """`fold` (which leaves spaces out of its replacements) equals blanking every non-word character and "_"."""
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    assert fold(text) == re.sub(r"[\W_]", " ", lowered)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["RAT", "Loader", "Stealer", "Crimson", "a", "9", " ", "-", "_", "R", "L", "S", "é"])).map(
        "".join
    )
)
def test_glued_kind_pattern_finds_what_the_plain_form_finds(text: str) -> None:
    plain = re.compile(r"(?<=[A-Za-z0-9])(?:RAT|Loader|Stealer)(?![\w-])")
    assert [m.span() for m in _KIND_SUFFIX.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_glued_kind_is_found_after_a_letter_or_digit_only() -> None:
    text = "CrimsonRAT, JSSLoader and Agent9Stealer; not RAT, -Loader, XRATs or LoaderX"
    assert [m.group() for m in _KIND_SUFFIX.finditer(text)] == ["RAT", "Loader", "Stealer"]
