"""Sentences beside the adversary's behaviour that read like a technique (data/techniques.yaml, issue 12): a negated
subject, a namesake or a class of other crews, the group's earlier record, the researchers' attribution, page
furniture that announces other stories, a counterfactual anywhere in the sentence, and a filter's phrase split by
doubled spaces; and a sentence opening on a year well before the report's stated date (technique_history.py). They
yield no technique, while the adversary's sentences of the same words still do."""

from __future__ import annotations

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.techniques import behaviour_text, not_behaviour
from misp_module.read.reader import read_report
from tests.extract.test_technique_descriptive import prose_techniques_of


@pytest.mark.parametrize(
    "sentence",
    [
        # a negated subject
        "Nobody at the consulate opened the attachment or clicked the phishing link.",
        "None of the staff entered a password on the spoofed sign-in page.",
        # a namesake, another family told apart, a class of crews named by examples
        "The loader is unrelated to the banking trojan of the same name that spreads through SMS phishing.",
        "Readers ask whether Vortex is the same thing as Crate, a miner that spread through SSH brute force.",
        "Ransomware crews such as Play and Akira still encrypt the hypervisors and extort their victims.",
        # other builds than the one seen
        "Older versions of the loader tunnel their traffic over ICMP echo packets.",
        # the group's earlier record restated
        "The relay servers were hijacked WordPress sites, in line with what the crew has done before.",
        "Loading a DLL beside a signed viewer has been this group's delivery habit for years.",
        "The gang takes its name from port 3389, which its early campaigns brute-forced.",
        # the researchers' attribution
        "We attribute these intrusions to Ember Wolf with moderate confidence, based on the DLL side-loading chains.",
        "Three findings tie the campaign to the group: the shared decoder, the side-loading of a signed binary and "
        "the lures.",
        # page furniture announcing other stories
        'Also on this blog: "How password spraying against VPN portals changed in 2025".',
        "Next issue: a review of phishing kits sold on Telegram.",
        "Our next monthly note will cover the spread of phishing lures themed on tax refunds.",
        # a counterfactual after a fronted phrase
        "In hindsight, egress filtering would have stopped the upload of the archives to the cloud storage account.",
        # a filter's phrase across doubled spaces or a line break
        "We have   notified the owners of the email addresses that\nwere impersonated.",
    ],
)
def test_an_aside_is_not_behaviour(sentence: str) -> None:
    assert not_behaviour(sentence)
    assert not prose_techniques_of(sentence)


@pytest.mark.parametrize(
    ("technique", "sentence"),
    [
        ("T1566", "The operators sent every consulate employee a phishing link to a fake webmail page."),
        ("T1110.003", "The crew sprayed common passwords against the VPN portal of the ministry."),
        ("T1574.001", "The operators side-loaded a malicious DLL through a signed viewer."),
        ("T1486", "The affiliate encrypted the hypervisors with the Linux build of the ransomware."),
        ("T1567.002", "The intruders uploaded the archives to a MEGA account with Rclone."),
        # "no" and "none" that negate no action of the adversary stay out of the filter's reach, and so do a
        # habit, a folder named like the file and another program of the group
        ("T1486", "The crew encrypted the file servers; no backup was spared."),
        ("T1055", "If none is running, the loader injects the payload into a suspended copy of Edge."),
        ("T1055", "The loader injected itself into a new wermgr.exe, a trick the family has used for years."),
        ("T1059.003", "Opening the shortcut ran a batch script in a hidden folder of the same name through cmd.exe."),
        (
            "T1553.002",
            "They deployed Waterbug, another backdoor of the group, signed with a stolen code-signing certificate.",
        ),
    ],
)
def test_the_adversarys_sentence_still_counts(technique: str, sentence: str) -> None:
    """The filters leave the sentence to the recogniser: it yields the technique, or a sub-technique of it where the
    sentence says which ("a suspended copy" is process hollowing, T1055.012)."""
    assert behaviour_text(sentence) is not None
    found = prose_techniques_of(sentence)
    assert technique in found or any(found_id.startswith(f"{technique}.") for found_id in found)


def test_the_clause_before_other_variants_still_counts() -> None:
    sentence = "The implant sent its data over HTTPS, although the family also exists in variants that use ICMP."
    text = behaviour_text(sentence)
    assert text is not None and "ICMP" not in text and "HTTPS" in text


def test_a_clause_after_the_earlier_record_still_counts() -> None:
    """The earlier record reaches up to the next contrast: the crew's own clause after it is read."""
    sentence = "The gang has hit hospitals for years, but this time it encrypted the files on every server."
    text = behaviour_text(sentence)
    assert text is not None and "encrypted the files" in text
    assert "T1486" in prose_techniques_of(sentence)


def dated_report_techniques(
    sentence: str, byline: str | None = "Published 14 May 2025 by the research desk"
) -> set[str]:
    """The techniques tagged for the sentence in a short report with (or without) a byline giving its date."""
    head = f"{byline}\n\n" if byline else ""
    data = f"# Intrusion analysis\n\n{head}## Technical details\n\n{sentence}\n".encode()
    report = read_report(data, identity="case.md", name="case.md", max_bytes=1_000_000)
    return {c.external_id or "" for c in galaxy_clusters(report) if c.galaxy == "mitre-attack-pattern"}


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2020 the group targeted Kurdish users through trojanised installers of popular utilities.",
        "Back in March 2022 the crew encrypted the file servers of a shipping company.",
        "During late 2021 the operators deleted the volume shadow copies on every server.",
    ],
)
def test_a_sentence_opening_on_an_older_year_is_history(sentence: str) -> None:
    assert not dated_report_techniques(sentence)
    # the same sentence in a report that states no date still counts: a file's time says nothing
    assert dated_report_techniques(sentence, byline=None)


@pytest.mark.parametrize(
    ("technique", "sentence"),
    [
        ("T1486", "In November 2024 the crew encrypted the file servers of a shipping company."),
        ("T1486", "In 2025 the crew encrypted the file servers of a shipping company."),
        ("T1486", "The crew, known since 2019, encrypted the file servers of a shipping company."),
        ("T1486", "In 2019-2025 the crew encrypted the file servers of shipping companies."),
    ],
)
def test_a_recent_or_inner_year_is_no_history(technique: str, sentence: str) -> None:
    assert technique in dated_report_techniques(sentence)


def test_a_look_back_at_an_older_campaign_keeps_its_year() -> None:
    """A report of 2025 on a campaign of 2023 writes 2023 most: its sentences opening on 2023 are its subject."""
    sentence = (
        "The campaign of 2023 hit shipping firms; its 2023 wave was the largest. "
        "In 2023 the crew encrypted the file servers of a shipping company."
    )
    assert "T1486" in dated_report_techniques(sentence)
