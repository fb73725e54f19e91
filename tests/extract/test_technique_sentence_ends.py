"""Where the technique recogniser's sentences end (data/techniques.yaml `sentence_ends`): not after an abbreviation's
full stop ("U.S.", "e.g.", "Dr."), unless a word that opens sentences follows it."""

from __future__ import annotations

import pytest

from misp_module.extract.techniques import sentences
from misp_module.read.reader import read_report


def sentences_of(paragraph: str) -> list[str]:
    """The sentences the recogniser reads in a one-paragraph report."""
    data = f"# Intrusion analysis\n\n## Technical details\n\n{paragraph}\n".encode()
    report = read_report(data, identity="case.md", name="case.md", max_bytes=1_000_000)
    return [s.text for s in sentences(report)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The crew broke into two U.S. Treasury contractors through their exposed VPN appliances last spring.",
        "The group sent the lures to staff of the U.K. Ministry of Defence and of several embassies in Europe.",
        "It then runs living-off-the-land tools, e.g. PowerShell and certutil, to fetch the second stage.",
        "The malware was first described by Dr. Weber and her team at a conference in the autumn of that year.",
        "Victims in the E.U. Member States received invoices that carried a macro-laden spreadsheet as attachment.",
        "The attackers reached the network of Acme Corp. Finance through a supplier's stolen credentials.",
    ],
)
def test_an_abbreviations_full_stop_ends_no_sentence(paragraph: str) -> None:
    assert sentences_of(paragraph) == [paragraph]


@pytest.mark.parametrize(
    ("paragraph", "count"),
    [
        ("Most of the victims were in the U.S. The group then moved on to targets in Canada and Mexico.", 2),
        ("The lures named the U.K. In March the operators switched to fake invoices from a courier firm.", 2),
        ("The loader reached out to its server. Then it downloaded the backdoor and started it in memory.", 2),
        ("It collects browser cookies, saved passwords, etc. The data is zipped and sent over HTTPS.", 2),
        ("Persistence came from a scheduled task. Credentials were dumped from LSASS with a renamed tool.", 2),
    ],
)
def test_a_sentence_still_ends_at_a_full_stop_before_the_next_sentence(paragraph: str, count: int) -> None:
    assert len(sentences_of(paragraph)) == count
