"""Sentences under five words are read for cue phrases where they have a verb (issue 12): "Persistence is via a
LaunchAgent." is the adversary's behaviour; a label, a list of names or a line without a verb is not."""

from __future__ import annotations

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.read.reader import read_report

_REPORT = "# Intrusion analysis\n\n## Technical details\n\n{text}\n"


def _techniques(text: str) -> set[str]:
    data = _REPORT.format(text=text).encode()
    report = read_report(data, identity="case.md", name="case.md", max_bytes=1_000_000)
    return {c.external_id or "" for c in galaxy_clusters(report) if c.galaxy == "mitre-attack-pattern"}


@pytest.mark.parametrize(
    ("technique", "sentence"),
    [
        ("T1543.001", "Persistence is via a LaunchAgent."),
        ("T1003.001", "They dumped LSASS."),
        ("T1555.001", "Keychain is stolen too."),
        ("T1071.004", "It beacons over DNS."),
    ],
)
def test_a_short_sentence_with_a_verb_is_read(technique: str, sentence: str) -> None:
    assert technique in _techniques(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["LaunchAgent persistence", "Keychain: stolen.", "- LSASS dump\n- Run keys", "Stolen keychain", "Dumped LSASS"],
)
def test_a_short_line_without_a_verb_or_stop_is_not(sentence: str) -> None:
    assert not _techniques(sentence)
