"""The regular expression cache gives `re.compile`'s patterns, from disk in a later process, and falls back to
`re` wherever it cannot."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from misp_module.knowledge import regex_cache
from misp_module.knowledge.cache import CACHE_ENV

EXPRESSIONS = [
    (r"(?P<actor>APT\s?\d+)|(?P<family>[A-Z][a-z]+Loader)\b", 0),
    (r"(?i)\b(?:spear-?phish\w*|lure)\b", 0),
    (r"(?<![\w.])(?P<name>[A-Za-z][\w.+&-]*[\w+])\s*[(\"'`]?\s*$", re.MULTILINE),
    (r"^\s*+(?:[-*+•]\s++)?(?:\*\*|__)?\s*+(?P<value>.*)", re.IGNORECASE),
    (r"colou?r (?#a comment) of\s+(\w+)(?=\.)", re.IGNORECASE | re.VERBOSE),
    (r"[\u00c0-\u017f]+ŝ|Straße", re.IGNORECASE),
    (r"(a)(b)?(?(2)c|d)", 0),
]
TEXTS = [
    "APT 29 and PeppyLoader.",
    "a Spear-Phishing lure",
    "  **Sectors** : energy",
    "colour of Berlin.",
    "abd",
    "STRASSE ŝ",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    regex_cache.reset()
    yield tmp_path
    regex_cache.reset()


def _same(pattern: re.Pattern[str], source: str, flags: int) -> None:
    expected = re.compile(source, flags)
    assert pattern == expected  # the expression, the flags and the matcher's code
    assert (pattern.groups, pattern.groupindex, pattern.flags) == (expected.groups, expected.groupindex, expected.flags)
    for text in TEXTS:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_patterns_read_back_from_disk_are_re_compile_s(folder: Path) -> None:
    first = [regex_cache.compiled(s, f) for s, f in EXPRESSIONS]
    regex_cache.save()
    assert len(list(folder.glob("regex-*.marshal"))) == 1
    regex_cache.reset()
    for (source, flags), made in zip(EXPRESSIONS, first, strict=True):
        _same(made, source, flags)
        read = regex_cache.compiled(source, flags)
        assert (source, flags) in regex_cache._state["used"]
        _same(read, source, flags)


def test_read_back_without_compiling(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.compiled(*EXPRESSIONS[0])
    regex_cache.save()
    regex_cache.reset()

    def fail(*_: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(re, "compile", fail)
    assert regex_cache.compiled(*EXPRESSIONS[0]).search("APT29").group("actor") == "APT29"


def test_an_invalid_expression_raises_re_error(folder: Path) -> None:
    with pytest.raises(re.error):
        regex_cache.compiled(r"(unclosed")


def test_nothing_written_with_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    regex_cache.reset()
    _same(regex_cache.compiled(*EXPRESSIONS[1]), *EXPRESSIONS[1])
    regex_cache.save()
    assert regex_cache._state["entries"] == {}
    regex_cache.reset()


def test_an_unreadable_file_is_rebuilt(folder: Path) -> None:
    regex_cache.compiled(*EXPRESSIONS[0])
    regex_cache.save()
    (path,) = folder.glob("regex-*.marshal")
    path.write_bytes(b"\x00not marshal")
    regex_cache.reset()
    _same(regex_cache.compiled(*EXPRESSIONS[0]), *EXPRESSIONS[0])
    regex_cache.save()
    regex_cache.reset()
    regex_cache.compiled(*EXPRESSIONS[0])
    assert not regex_cache._state["dirty"]  # read back, not made again


def _kept_in_file() -> set[tuple[str, int]]:
    """The expressions the file holds, as a later process reads them back without compiling."""
    regex_cache.reset()
    kept = set()
    for source, flags in EXPRESSIONS:
        regex_cache.compiled(source, flags)
        if not regex_cache._state["dirty"]:
            kept.add((source, flags))
        regex_cache.reset()
    return kept


def test_a_process_decodes_only_the_entries_it_asks_for(folder: Path) -> None:
    for source, flags in EXPRESSIONS:
        regex_cache.compiled(source, flags)
    regex_cache.save()
    regex_cache.reset()
    regex_cache.compiled(*EXPRESSIONS[3])
    assert list(regex_cache._state["entries"]) == [EXPRESSIONS[3]]


def test_a_writer_keeps_the_entries_of_other_versions_within_the_bounds(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One version of the rules writes its expressions, another version only some others.
    for source, flags in EXPRESSIONS[:3]:
        regex_cache.compiled(source, flags)
    regex_cache.save()
    regex_cache.reset()
    regex_cache.compiled(*EXPRESSIONS[3])
    regex_cache.save()
    assert _kept_in_file() == set(EXPRESSIONS[:4])
    # With no room for the others, a writer keeps what it used itself.
    monkeypatch.setattr(regex_cache, "MAX_BYTES", 0)
    regex_cache.compiled(*EXPRESSIONS[4])
    regex_cache.compiled(*EXPRESSIONS[0])
    regex_cache.save()
    assert _kept_in_file() == {EXPRESSIONS[4], EXPRESSIONS[0]}


def test_a_damaged_entry_is_compiled_again(folder: Path) -> None:
    regex_cache.compiled(*EXPRESSIONS[1])
    regex_cache.save()
    (path,) = folder.glob("regex-*.marshal")
    data = bytearray(path.read_bytes())
    data[-8:] = b"\xff" * 8
    path.write_bytes(bytes(data))
    regex_cache.reset()
    _same(regex_cache.compiled(*EXPRESSIONS[1]), *EXPRESSIONS[1])


CALLS: list[str] = []


def _shape(source: str) -> tuple[str, ...]:
    CALLS.append(source)
    return tuple(sorted(set(source)))


def test_derived_answers_are_kept_per_function_code(folder: Path) -> None:
    CALLS.clear()
    assert regex_cache.derived(_shape, "b|a") == ("a", "b", "|")
    regex_cache.save()
    regex_cache.reset()
    assert regex_cache.derived(_shape, "b|a") == ("a", "b", "|")
    assert CALLS == ["b|a"]  # read back, not worked out again
    (key,) = [k for k in regex_cache._state["entries"] if k[1] == "b|a"]
    assert key[0].startswith(f"{__name__}._shape:")  # with the digest of this file: other code, another key


def test_derived_answers_marshal_cannot_write_are_not_kept(folder: Path) -> None:
    assert regex_cache.derived(lambda s: {s}.__iter__, "x") is not None
    assert not regex_cache._state["dirty"]


def test_without_sre_everything_goes_through_re_and_nothing_is_kept(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As tests/regex_work.py's recorder runs the rules: every expression through re.compile, recorded.
    monkeypatch.setattr(regex_cache, "_sre", None)
    _same(regex_cache.compiled(*EXPRESSIONS[2]), *EXPRESSIONS[2])
    assert regex_cache.derived(_shape, "c|d") == ("c", "d", "|")
    regex_cache.save()
    assert not list(folder.glob("regex-*.marshal"))


def _plain_compiles(source: str) -> list[int]:
    """Lines of `re.compile(...)` calls with a str (not bytes) expression."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        called = getattr(node, "func", None)
        if (
            isinstance(node, ast.Call)
            and isinstance(called, ast.Attribute)
            and called.attr == "compile"
            and isinstance(called.value, ast.Name)
            and called.value.id == "re"
            and not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, bytes))
        ):
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_plain_compiles() -> None:
    source = 'import re\nA = re.compile("a")\nB = re.compile(rb"b")\ndef f():\n    return re.compile("c", re.I)\n'
    assert _plain_compiles(source) == [2, 5]


def test_the_rules_compile_through_the_cache() -> None:
    """Every expression of the package is compiled through `regex_cache.compiled`, so a cold `convert` reads its
    code from disk instead of parsing it: each `re.compile` of a rule added later costs every cold start again
    (issue 13)."""
    package = Path(regex_cache.__file__).resolve().parents[1]
    allowed = {package / "knowledge" / "regex_cache.py"}
    found = [
        f"{path.relative_to(package.parent)}:{line}"
        for path in sorted(package.rglob("*.py"))
        if path not in allowed
        for line in _plain_compiles(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "use misp_module.knowledge.regex_cache.compiled instead of re.compile: " + ", ".join(found)
