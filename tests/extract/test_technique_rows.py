"""The recogniser's shortcuts read a sentence exactly as the model's features do: a sentence's rows looked up
from its words (no feature strings) and a chained sentence's actions sliced from the sentence's words."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from bisect import bisect_left
from pathlib import Path

import pytest

from misp_module.extract.technique_decisions import _on_word_edges, _piece_spans
from misp_module.extract.techniques_features import MAX_WORDS, features, word_starts, words
from misp_module.extract.techniques_model import WordRows, technique_model

CHAINED = [
    "The operators dumped LSASS memory with comsvcs.dll, then moved laterally over RDP to the file server.",
    "They created a scheduled task named `UpdateCheck`; the task ran rundll32 every hour and then beaconed home.",
    "Stage two copies itself to %APPDATA%, and it adds a Run key, before it contacts the C2 over HTTPS.",
    "The loader decrypted the payload with RC4, which the actor re-used from their 2022 campaign, and then ran it.",
    "İstanbul staff received lures with ISO attachments, and the ISO dropped a LNK file that ran PowerShell.",
    " ".join(["The implant enumerates running processes and services"] * 12)
    + ", and then it uploads the list to the server.",
    "Operators used 7-Zip to archive files under C:\\Users\\Public; they then exfiltrated them over the C2 channel.",
]


def _feature_rows(text: str) -> set[int]:
    model = technique_model()
    rows = {**model.word_rows, **{f"{a} {b}": r for a, seconds in model.pair_rows.items() for b, r in seconds.items()}}
    return {rows[f] for f in features(text) if f in rows}


@pytest.mark.parametrize("sentence", CHAINED)
def test_rows_from_words_are_the_features_rows(sentence: str) -> None:
    model = technique_model()
    for a, b in _piece_spans(sentence):
        assert model.rows_of(words(sentence[a:b])) == _feature_rows(sentence[a:b])


@pytest.mark.parametrize("sentence", CHAINED)
def test_an_action_sliced_from_its_sentence_reads_as_the_action_alone(sentence: str) -> None:
    model = technique_model()
    spans = _piece_spans(sentence)
    assert len(spans) > 2, "each sample is a chained sentence"
    tokens, starts = words(sentence), word_starts(sentence)
    rows = model.word_rows_of(tokens)
    for a, b in spans[1:]:
        if starts is None or not _on_word_edges(sentence, a, b):
            continue
        first, last = bisect_left(starts, a), bisect_left(starts, b)
        assert tokens[first:last] == words(sentence[a:b])
        assert list(rows.rows(first, last)) == list(model.rows_of(words(sentence[a:b])))


def test_no_slicing_where_it_would_not_read_the_same() -> None:
    assert word_starts("İstanbul staff opened the lure") is None  # lower-casing "İ" gives two characters
    assert word_starts("word " * (MAX_WORDS + 1)) is None  # cut at MAX_WORDS words
    assert word_starts("x" * (MAX_WORDS * 40 + 1)) is None  # cut at MAX_WORDS * 40 characters
    assert word_starts("Runs cmd.exe /c whoami") == [0, 5, 9, 14, 16]
    assert not _on_word_edges("rundll32", 3, 8)


_GUESSES = """
import re, sys
from pathlib import Path
from misp_module.extract.techniques_model import technique_model
model = technique_model()
for path in sorted(Path(sys.argv[1]).glob("*.md")):
    for sentence in re.split(r"(?<=[.!?])\\s+|\\n", path.read_text(encoding="utf-8")):
        print(repr(model.guess(sentence)))
"""


def test_guesses_are_the_same_whatever_the_hash_seed() -> None:
    """Candidates with as many votes are ranked by where their words are in the sentence, not by the order
    of a set of strings (which PYTHONHASHSEED changes from one process to the next)."""
    folder = Path(__file__).resolve().parents[1] / "data" / "techniques"
    # The three processes run side by side: each is independent of the others, and the test waits for them all.
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _GUESSES, str(folder)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in ("1", "2", "3")
    ]
    runs = []
    for process in processes:
        out, err = process.communicate()
        assert process.returncode == 0, err
        runs.append(out)
    assert runs[0].count("Guess(") > 100
    assert runs[0] == runs[1] == runs[2]


def test_rows_iterate_in_an_order_that_no_missing_row_changes() -> None:
    """A word without a row (None) never enters the set of rows: None hashes by its address, which changes
    between processes, and where it landed once changed the order the rows iterate in (and with it ties
    between candidates and the order of float sums)."""
    rows = WordRows([7, None, 3, None, 40, 3], [None, 11, None, None, 72])
    expected: set[int] = set()
    for row in [7, 3, 40, 3, 11, 72]:
        expected.add(row)
    assert rows.rows() == expected and list(rows.rows()) == list(expected)
    assert list(rows.rows(1, 4)) == list({3, 11})


def _rows_one_by_one(rows: WordRows, first: int, last: int) -> list[int]:
    """WordRows.rows as first written: a set built row by row, None skipped, in iteration order."""
    found = {row for row in rows.words[first:last] if row is not None}
    found.update(row for row in rows.pairs[first : max(last - 1, first)] if row is not None)
    return list(found)


@pytest.mark.filterwarnings("error")  # e.g. NotImplemented used as a truth value
def test_rows_keep_row_zero_and_the_order() -> None:
    import random

    chooser = random.Random(13)
    for _ in range(500):
        size = chooser.randrange(0, 30)
        pick = [None, 0, 0, 1, 7, 8, 16, 64, 1000, 123456]
        rows = WordRows(
            [chooser.choice([*pick, chooser.randrange(2000)]) for _ in range(size)],
            [chooser.choice([*pick, chooser.randrange(2000)]) for _ in range(max(size - 1, 0))],
        )
        first = chooser.randrange(0, size + 1)
        last = chooser.randrange(first, size + 1)
        assert list(rows.rows(first, last)) == _rows_one_by_one(rows, first, last)
    assert rows_with_zero() == [0]


def rows_with_zero() -> list[int]:
    return list(WordRows([None, 0, None], [0, None]).rows())


def test_pairs_read_in_two_passes_match_a_lookup_per_pair() -> None:
    model = technique_model()
    for text in [*CHAINED, "", "ransomware", "copies itself"]:
        tokens = words(text)
        expected = [model.pair_rows.get(a, {}).get(b) for a, b in itertools.pairwise(tokens)]
        assert model.word_rows_of(tokens).pairs == expected
