"""A sub-technique only where the report supports it, else the parent (technique_subs.py, and the hints of
techniques.py `promote_subs` read near the family's own sentences): small reports, in our own words, each with
a twin that does say which sub-technique."""

from __future__ import annotations

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.technique_rules import GALAXY, _clusters_by_id
from misp_module.extract.technique_subs import checked, own_stems, supports_sub
from misp_module.extract.techniques_model import Guess
from misp_module.knowledge.galaxies import galaxy_index
from misp_module.read.reader import read_report


def techniques(*paragraphs: str) -> set[str]:
    """The technique IDs the event of a small report of these paragraphs gets."""
    text = "# Intrusion notes\n\n" + "\n\n".join(paragraphs) + "\n"
    report = read_report(text.encode(), identity="notes.md", name="notes.md", max_bytes=1_000_000)
    return {c.external_id for c in galaxy_clusters(report) if c.galaxy == GALAXY and c.external_id}


@pytest.fixture(scope="module")
def own() -> dict[str, frozenset[str]]:
    return own_stems(_clusters_by_id(galaxy_index()))


def test_a_sub_techniques_own_words_are_those_of_its_name_its_siblings_lack(own: dict) -> None:
    assert own["T1070.001"] == {"window", "event"}  # "Logs" is also Clear Linux or Mac System Logs'
    assert own["T1566.002"] == {"link"}  # "Spearphishing" is every sibling's
    assert own["T1070.004"] == {"file", "delet"}
    assert "T1070" not in own  # a parent has none


@pytest.mark.parametrize(
    ("technique", "must", "must_not"),
    [
        ("T1070.001", "they cleared the windows event logs", "they cleared the logs"),
        ("T1070.004", "the loader deletes itself after one run", "the loader hides after one run"),
        ("T1070.004", "the dropper removes itself", "the dropper removes the logs"),
        ("T1566.002", "the mail linked to a fake portal", "the mail came from a fake portal"),
        ("T1497.001", "it quits inside a virtual machine", "it quits inside a minute"),
        ("T1518.001", "it lists the installed antivirus products", "it lists the installed products"),
    ],
)
def test_supports_sub_must_and_must_not(own: dict, technique: str, must: str, must_not: str) -> None:
    assert supports_sub(technique, must, own)
    assert not supports_sub(technique, must_not, own)


def test_the_model_sub_technique_becomes_the_parent_without_support(own: dict) -> None:
    guess = Guess("T1070.001", 0.8, "T1070", 0.85, {"T1070": 0.85})
    assert checked(guess, "the operators cleared the logs on the server", own).technique == "T1070"
    assert checked(guess, "the operators cleared the logs on the server", own).probability == 0.85
    assert checked(guess, "the operators cleared the windows event logs", own).technique == "T1070.001"
    # supported, but its siblings hold too much of the family: which one is unsure
    split = Guess("T1070.001", 0.45, "T1070", 0.85, {"T1070": 0.85})
    assert checked(split, "the operators cleared the windows event logs", own).technique == "T1070"
    parent = Guess("T1566", 0.8, "T1566", 0.8, {"T1566": 0.8})
    assert checked(parent, "phishing", own) is parent


@pytest.mark.parametrize(
    ("paragraphs", "parent"),
    [
        # the model's Windows Command Shell for commands run through a backdoor
        (
            ("The operators executed commands on the compromised hosts through the backdoor.",),
            "T1059",
        ),
        # a legitimate program, but no name or place imitated
        (("The malware masquerades as a legitimate program. It uses the icon of a document viewer.",), "T1036"),
        # a messaging service where the actor advertises, not where it contacts its targets
        (
            ("Phishing was the entry point.", "The operators also ran a Telegram channel where they sold stolen data."),
            "T1566",
        ),
        (("The group used phishing to reach victims. Its operators coordinate over Signal and Telegram.",), "T1566"),
        # a wiper deleting the victim's files is no deletion of the actor's own files
        (("The wiper overwrites and deletes files on all drives. Earlier the operators cleared the logs.",), "T1070"),
    ],
)
def test_the_parent_where_the_text_does_not_say_which_sub_technique(paragraphs: tuple[str, ...], parent: str) -> None:
    found = techniques(*paragraphs)
    assert parent in found
    assert not {t for t in found if t.startswith(parent + ".")}


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (("The operators executed commands on the compromised hosts through cmd.exe.",), "T1059.003"),
        (
            (
                "The malware masquerades as a legitimate program.",
                "Its file is named after a Windows update component and sits in the System32 folder.",
            ),
            "T1036.005",
        ),
        # how reports say the name was chosen to pass as a genuine one (techprose)
        (
            ("A remote-support tool was installed on the file server under the name of a legitimate IT utility.",),
            "T1036.005",
        ),
        (
            (
                "Phishing was the entry point.",
                "The operators approached the engineers over LinkedIn with fake job offers.",
            ),
            "T1566.003",
        ),
        (
            (
                "The wiper overwrites and deletes files on all drives.",
                "Earlier the operators cleared the Windows event logs with wevtutil.",
            ),
            "T1070.001",
        ),
    ],
)
def test_the_sub_technique_where_the_text_says_which(paragraphs: tuple[str, ...], expected: str) -> None:
    found = techniques(*paragraphs)
    assert expected in found
    assert expected.split(".")[0] not in found


def test_a_hint_far_from_the_familys_sentences_says_nothing() -> None:
    first = "The operators sent spear-phishing e-mails to the finance staff."
    filler = [
        "The loader then read its configuration from an encrypted blob in the resource section.",
        "Its beacon interval was ten minutes, with a random jitter of up to thirty seconds.",
        "The C2 domains were registered a week before the first intrusion.",
        "Each host got a unique identifier derived from its volume serial number.",
    ]
    near = techniques(first, "The recipients opened the attached workbook.", *filler)
    assert "T1566.001" in near
    far = techniques(first, *filler, "A list of the hashes is attached at the end.")
    assert "T1566" in far
    assert "T1566.001" not in far
