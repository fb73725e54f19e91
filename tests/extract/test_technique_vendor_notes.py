"""The fourth round of issue 12, measured on real vendor pages: how short vendor texts say behaviour that the
filters took for something else, what a technique's words must not be taken for, and list items that go on
with their lead-in. Each rule has sentences that must and must not give the technique (our own words)."""

from __future__ import annotations

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.technique_filters import behaviour_text
from misp_module.extract.technique_objects import with_objects
from misp_module.extract.technique_sentences import sentences
from misp_module.read.reader import read_report


def techniques_of(body: str) -> set[str]:
    """The techniques tagged for the text read as the body of a short report."""
    data = f"# Intrusion analysis\n\n## Technical details\n\n{body}\n".encode()
    report = read_report(data, identity="case.md", name="case.md", max_bytes=1_000_000)
    return {c.external_id or "" for c in galaxy_clusters(report) if c.galaxy == "mitre-attack-pattern"}


# --- filters: an advice opener that is a noun; the bank's customers as victims; accounts obtained earlier


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Audit & system logs cleared.", "T1070.001"),
        ("Security and system logs cleared on the file server.", "T1070.001"),
        (
            "The trojan can intercept text messages on Android and defeat the SMS codes protecting "
            "customers' accounts.",
            "T1636.004",
        ),
        (
            "The gang uses accounts they had previously stolen in breaches to send its phishing to partners.",
            "T1586.002",
        ),
        ("The skimmer scripts are heavily obfuscated, making them difficult to detect.", "T1027"),
    ],
)
def test_behaviour_the_filters_took_for_advice_defence_or_the_past_is_read(sentence: str, expected: str) -> None:
    assert behaviour_text(sentence) is not None
    assert expected in techniques_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Audit logs regularly and alert when they are cleared.",
        "Review the system logs for cleared entries every week.",
        "We advise our customers to patch the VPN appliance.",
        "The group previously compromised a ministry in 2019.",
        "Specify which processes may read the keychain.",
        "Define which accounts can log in over RDP.",
        "Sigma rules to detect the loader are in the appendix.",
        "In May we received a phone call from the CFO of a shipping firm.",
    ],
)
def test_advice_defence_and_the_past_stay_unread(sentence: str) -> None:
    assert behaviour_text(sentence) is None or not techniques_of(sentence)


# --- object checks


@pytest.mark.parametrize(
    ("technique", "sentence"),
    [
        ("T1570", "The attackers had deployed aggressive anti-forensics across every server they touched."),
        ("T1570", "The intruders rolled out new settings across all the hosts of the domain."),
        ("T1567", "Researchers detected a sample of the stealer posted to a Telegram channel about crypto."),
        ("T1113", "The trojan presents a counterfeit PIN-entry screen that records the digits."),
        ("T1113", "It abuses the overlay permission to capture on-screen PIN entry."),
        ("T1070.004", "It then removes the quarantine attribute from its files with xattr."),
        ("T1657", "The passwords are resold to BEC crews, who use them for invoice fraud."),
        ("T1134.001", "Among the stealers were Discord token loggers built to take over accounts."),
        ("T1518.001", "The attack compromised official images of a well-known security tool."),
        ("T1543", "The attackers rent bulletproof hosting services for the panels."),
        ("T1027", "Everything was compressed, encrypted and exfiltrated within minutes."),
        ("T1124", "By the time the responders arrived, the servers were encrypted."),
    ],
)
def test_a_technique_without_its_object_is_dropped(technique: str, sentence: str) -> None:
    assert technique not in with_objects({technique: 0.8}, sentence.lower())


@pytest.mark.parametrize(
    ("technique", "sentence"),
    [
        ("T1570", "The intruders deployed the encryptor across every server of the domain."),
        ("T1567", "The stealer posted the stolen logs to a Telegram channel run by the seller."),
        ("T1113", "It takes screenshots of the lock screen every minute."),
        ("T1070.004", "Afterwards it deletes itself and its log files."),
        ("T1657", "The crew used the hijacked mailbox for invoice fraud."),
        ("T1134.001", "It duplicates the access token of a SYSTEM process to run as SYSTEM."),
        ("T1518.001", "The loader lists the installed security tools before it runs."),
        ("T1543.003", "It installs itself as a Windows service named after the print spooler."),
        ("T1027", "The loader is packed and its strings are encrypted."),
        ("T1124", "It reads the system time and the time zone of the host."),
    ],
)
def test_a_technique_with_its_object_is_kept(technique: str, sentence: str) -> None:
    assert technique in with_objects({technique: 0.8}, sentence.lower())


# --- list items that go on with their lead-in; a capability that is never used

_LISTED = "Once it has the password, the stealer collects:\n\n- {first}\n- {second}\n"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (
            "saved passwords and card data from Safari, Chrome and Firefox on the machine;",
            "documents from the desktop.",
            "T1555.003",
        ),
        (
            "the login keychain, which it decrypts with the password the user typed;",
            "documents from the desktop.",
            "T1555.001",
        ),
    ],
)
def test_a_lower_case_list_item_is_read_with_its_lead_in(first: str, second: str, expected: str) -> None:
    assert expected in techniques_of(_LISTED.format(first=first, second=second))


def test_only_a_lower_case_item_goes_on_with_the_lead_in_and_the_model_reads_it_alone() -> None:
    text = _LISTED.format(
        first="saved passwords and card data from Safari, Chrome and Firefox;",
        second="Documents on the desktop are synced by the cloud client.",
    )
    report = read_report(text.encode(), identity="case.md", name="case.md", max_bytes=1_000_000)
    read = {s.text: s.lead for s in sentences(report)}
    lead = "Once it has the password, the stealer collects "
    joined = lead + "saved passwords and card data from Safari, Chrome and Firefox;"
    assert read[joined] == len(lead)
    assert read["Documents on the desktop are synced by the cloud client."] == 0


def test_a_capability_that_is_never_called_is_no_behaviour() -> None:
    dead = "Some builds still carry code that downloads a payload from a Dropbox link, but it is never called."
    live = "Some builds download a payload from a Dropbox link when the operator asks for it."
    assert not techniques_of(dead) & {"T1105", "T1102"}
    assert "T1105" in techniques_of(live)
