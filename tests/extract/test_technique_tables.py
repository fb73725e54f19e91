"""Tables of what a program does, read as its behaviour (issue 12, technique_tables.py), and the clause edges and
openers of the third prose round (technique_filters.py): a fronted "Instead of X,", a negated aside, a translated
report's "Use X as bait"."""

from __future__ import annotations

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.technique_filters import behaviour_text, not_behaviour
from misp_module.extract.technique_tables import capability_sentences
from misp_module.read.reader import read_report

_REPORT = """# A backdoor and its modules

## Technical details

The operators deployed the backdoor on three servers last week and kept it there for a month.

{table}
"""

_CAPABILITIES = """| Module | What it does |
|---|---|
| `snap` | Takes screenshots of the desktop every minute |
| `keys` | Records keystrokes in every window |
| `net` | Network statistics |"""

# The same behaviour in a table whose columns say who and where, not what each row does: not read.
_VICTIMS = """| Victim | Sector |
|---|---|
| Takes screenshots of the desktop every minute | Records keystrokes in every window |"""


# i12-precision2: a table of the defender's controls, with a column of what each does: not read either.
_CONTROLS = """| Control | What it does |
|---|---|
| Mail filter | Deletes messages with executable attachments |
| Screen lock | Takes the session to the lock screen after five minutes |
| Backups | Copies the file shares to offline storage every night |"""


def _techniques(text: str) -> set[str]:
    report = read_report(text.encode(), identity="case.md", name="case.md", max_bytes=1_000_000)
    return {c.external_id or "" for c in galaxy_clusters(report) if c.galaxy == "mitre-attack-pattern"}


def test_a_column_of_what_each_module_does_is_read_as_the_programs_sentences() -> None:
    rows = _CAPABILITIES.splitlines()
    assert list(capability_sentences(rows)) == [
        "It takes screenshots of the desktop every minute.",
        "It records keystrokes in every window.",
    ]
    assert {"T1113", "T1056.001"} <= _techniques(_REPORT.format(table=_CAPABILITIES))


def test_a_table_without_such_a_column_stays_unread() -> None:
    assert not list(capability_sentences(_VICTIMS.splitlines()))
    assert not {"T1113", "T1056.001"} & _techniques(_REPORT.format(table=_VICTIMS))


def test_a_table_of_the_defenders_controls_stays_unread() -> None:
    assert not list(capability_sentences(_CONTROLS.splitlines()))
    assert not _techniques(_REPORT.format(table=_CONTROLS)) - _techniques(_REPORT.format(table=""))
    # the same rows under a header of what a module does are read
    modules = _CONTROLS.replace("| Control |", "| Module |")
    assert list(capability_sentences(modules.splitlines()))


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # a fronted "Instead of X," negates only X
        ("Instead of an attachment, the e-mail carries a link to an archive on a file share.", "the e-mail carries"),
        # a negated aside in parentheses or between commas is a clause of its own
        ("The crew had a foothold (we could not establish how), used certutil to download a loader.", "used certutil"),
        ("A stealer, not yet identified, took saved passwords from the browsers.", "took saved passwords"),
    ],
)
def test_a_negation_reaches_only_its_own_clause(sentence: str, kept: str) -> None:
    text = behaviour_text(sentence)
    assert text is not None and kept in text


@pytest.mark.parametrize(
    ("sentence", "advice"),
    [
        ("Use compressed package containing LNK file as bait, the LNK file call PowerShell.", False),
        ("Use the signed program to load malicious DLL beside it.", False),
        ("Use application control to stop unsigned programs.", True),
        ("Use multi-factor authentication for every remote login.", True),
    ],
)
def test_a_translated_imperative_opener_of_the_adversary_is_no_advice(sentence: str, advice: bool) -> None:
    assert not_behaviour(sentence) is advice
