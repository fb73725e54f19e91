"""ATT&CK techniques by ID, by name and in prose: sentences that must and must not yield a technique.

The prose sentences are our own, written as vendor reports write; none is an ATT&CK procedure example."""

from __future__ import annotations

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.technique_decisions import _without_subject
from misp_module.extract.techniques import GALAXY, distinctive
from misp_module.read.reader import read_report
from misp_module.settings import TECHNIQUE_RECOGNITIONS

ALL = TECHNIQUE_RECOGNITIONS


def techniques(text: str, recognition: tuple[str, ...] = ALL, name: str = "post.md") -> set[str]:
    """The technique IDs the event of a report gets."""
    report = read_report(text.encode(), identity=name, name=name, max_bytes=1_000_000)
    return {c.external_id for c in galaxy_clusters(report, recognition=recognition) if c.galaxy == GALAXY}


def family(ids: set[str]) -> set[str]:
    return {i.split(".")[0] for i in ids}


def _post(sentence: str) -> str:
    return f"# A loader seen in the wild\n\nOur team looked into a recent intrusion.\n\n{sentence}\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The operators dumped the memory of the LSASS process with ProcDump to harvest credentials.", "T1003"),
        ("The backdoor creates a scheduled task named WinUpdate that launches it every hour.", "T1053"),
        # The pluperfect of a narrative is no "past" of another campaign.
        ("Where we looked, the operators had used stolen credentials to log on to a VPN appliance.", "T1078"),
        ("Stolen archives were exfiltrated over the existing command-and-control channel.", "T1041"),
        ("The group used PowerShell scripts to download the second stage from its server.", "T1059"),
        ("The ransomware deletes volume shadow copies with vssadmin so that files cannot be restored.", "T1490"),
        ("The implant adds itself to the Run registry key to persist across reboots.", "T1547"),
    ],
)
def test_prose_that_describes_a_technique_yields_it(sentence: str, expected: str) -> None:
    assert expected in family(techniques(_post(sentence)))


def test_a_sub_technique_only_where_the_sentence_supports_it() -> None:
    found = techniques(_post("The operators dumped the memory of the LSASS process to harvest credentials."))
    assert "T1003.001" in found


@pytest.mark.parametrize(
    "sentence",
    [
        # mitigations and advice
        "Enable multi-factor authentication for all remote access and VPN accounts.",
        "Organizations should block macros in documents received from the Internet.",
        "Restrict the creation of scheduled tasks to administrators.",
        # defender tooling
        "Defenders should monitor for scheduled tasks created from a command prompt.",
        "Our EDR detects memory dumps of the LSASS process by ProcDump.",
        # negations
        "We saw no evidence that the actor used PowerShell at any stage.",
        "The loader does not create a scheduled task.",
        # another actor, the past
        "Other groups have used WMI event subscriptions for persistence in the past.",
        "The actor previously relied on browser extensions to read the victims' mail.",
        # the actor's reputation, an act the writer does not know happened
        "The crew is best known for sending spear-phishing emails with password-protected archives attached.",
        "It is unclear whether the operators scanned the whole Internet for exposed VPN gateways.",
    ],
)
def test_sentences_that_are_not_the_adversarys_behaviour_yield_nothing(sentence: str) -> None:
    assert techniques(_post(sentence)) == set()


def test_a_sentence_about_another_named_actor_yields_nothing() -> None:
    text = (
        "Full Report\nA short note.\nAnalysis Summary\n# Threat Actor: Kimsuky\n## Activity Summary\n"
        "Lazarus Group dumps the memory of the LSASS process with ProcDump to harvest credentials.\n"
        "## Tactics, Techniques & Procedures\n"
        "- The operators sent spearphishing e-mails with links to a shared document.\n"
    )
    found = techniques(text, name="note.txt")
    assert "T1003" not in family(found)
    assert "T1566" in family(found)


@pytest.mark.parametrize(
    ("sentence", "technique"),
    [
        ("Security teams can track these domains and IP addresses in their logs.", "T1590.005"),
        ("Review the e-mail addresses that sent ISO attachments to your users.", "T1589.002"),
        ("The vendor shares its research on social media.", "T1593.001"),
        ("Large sites put their pages behind CDNs.", "T1596.004"),
        ("Related: [How criminals abuse cloud services](https://blog.example.com/cloud)", "T1021.007"),
        ("Enable multi-factor authentication for webmail.", "T1556.006"),
        ("Analysts can review the logs in a graphical user interface.", "T1061"),
        ("We have shared the IP addresses and domains with the national CERT.", "T1016"),
        ("IP addresses\n  5.181.80[.]115\n  88.119.175[.]231", "T1590.005"),
    ],
)
def test_a_technique_name_that_is_an_ordinary_noun_is_no_technique(sentence: str, technique: str) -> None:
    assert technique not in techniques(_post(sentence))


def test_a_technique_name_counts_where_the_adversary_does_it() -> None:
    text = (
        "Full Report\nA short note.\nAnalysis Summary\n# Threat Actor: Kimsuky\n"
        "## Tactics, Techniques & Procedures\n- Scheduled Task: the backdoor registers itself to run at logon.\n"
    )
    assert "T1053.005" in techniques(text, recognition=("names",), name="note.txt")


def test_a_program_name_counts_in_a_sentence_of_adversary_behaviour_even_hard_wrapped() -> None:
    text = _post(
        "To survive a reboot, the loader registers a scheduled task named `SyncHost` that starts\n"
        "the DLL again through rundll32 every time the user logs on."
    )
    assert "T1218.011" in techniques(text, recognition=("names",))
    assert "T1218.011" not in techniques(_post("Defenders should watch rundll32 closely."), recognition=("names",))


def test_a_deprecated_id_never_counts_and_a_revoked_one_counts_as_its_successor() -> None:
    found = techniques(_post("The mapping lists T1061 and T1086 for this stage."), recognition=("ids",))
    assert "T1061" not in found
    assert "T1086" not in found
    assert "T1059.001" in found


@pytest.mark.parametrize(
    ("recognition", "expected"),
    [
        (("ids",), {"T1105"}),
        (("prose",), {"T1003"}),
        (("ids", "prose"), {"T1105", "T1003"}),
        ((), set()),
    ],
)
def test_the_setting_chooses_the_recognitions(recognition: tuple[str, ...], expected: set[str]) -> None:
    text = _post("It pulls more tools (T1105). The operators dumped LSASS process memory to harvest credentials.")
    assert family(techniques(text, recognition=recognition)) == family(expected)


def test_same_report_same_techniques() -> None:
    text = _post("The backdoor creates a scheduled task named WinUpdate that launches it every hour.")
    assert techniques(text) == techniques(text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On two occasions the intruders ran a password-spraying campaign against the VPN portal.", "T1110.003"),
        ("Their deployment script was written in PowerShell and pulled nothing else.", "T1059.001"),
        ("The invitations it sends are phishing lures about a regional summit.", "T1566"),
        ("The page assembles the ZIP archive in the browser with an HTML smuggling trick.", "T1027.006"),
        ("From the jump host the operators used pass-the-hash against the file servers.", "T1550.002"),
        ("Two service accounts fell to Kerberoasting within the first hour.", "T1558.003"),
    ],
)
def test_a_distinctive_technique_name_counts_in_any_sentence_of_behaviour(sentence: str, expected: str) -> None:
    assert expected in techniques(_post(sentence), recognition=("names",))


@pytest.mark.parametrize(
    "sentence",
    [
        "Administrators should watch for password spraying against the VPN portal.",
        "We found no sign of PowerShell on the servers we examined.",
        "Other groups have relied on HTML smuggling for years.",
    ],
)
def test_a_distinctive_name_outside_behaviour_is_no_technique(sentence: str) -> None:
    assert techniques(_post(sentence), recognition=("names",)) == set()


@pytest.mark.parametrize(
    ("form", "technique", "expected"),
    [
        ("Password Spraying", "T1110.003", True),
        ("HTML Smuggling", "T1027.006", True),
        ("PowerShell", "T1059.001", True),
        ("Brute Force", "T1110", True),
        ("Pass the Hash", "T1550.002", True),
        ("Kerberoasting", "T1558.003", True),
        ("IP Addresses", "T1590.005", False),  # an asset the adversary gathers (Reconnaissance)
        ("CDNs", "T1596.004", False),  # rare word, but Reconnaissance: an asset
        ("Cloud Services", "T1021.007", False),  # plural head: an asset
        ("Social Media", "T1593.001", False),
        ("User Execution", "T1204", False),  # everyday words
        ("DNS", "T1071.004", False),  # one acronym: a protocol
        # Named by what the adversary acts on; the act is the parent's name (Modify Authentication Process).
        ("Multi-Factor Authentication", "T1556.006", False),
        ("Code Signing", "T1553.002", False),
    ],
)
def test_how_distinctive_a_technique_name_is_is_measured(form: str, technique: str, expected: bool) -> None:
    assert distinctive(form, technique) is expected


@pytest.mark.parametrize(
    ("sentence", "kept", "dropped"),
    [
        # The negation governs its own clause only.
        ("The backdoor is loaded straight into memory and never touches the disk.", "T1620", None),
        ("The loader did not use PowerShell but dropped a VBScript that runs at each logon.", "T1059.005", "T1059.001"),
        ("GLASSWING does not persist; it takes a screenshot of the desktop every minute.", "T1113", None),
        # A negation before "and" with no new verb covers both things.
        ("There is no sign of credential dumping and of the deletion of shadow copies.", None, "T1490"),
        # Every clause negated: nothing.
        ("We found no web shell on the servers, and no scheduled task either.", None, "T1505.003"),
        ("We found no web shell on the servers, and no scheduled task either.", None, "T1053.005"),
    ],
)
def test_a_negation_reaches_only_its_clause(sentence: str, kept: str | None, dropped: str | None) -> None:
    found = techniques(_post(sentence), recognition=("prose",))
    if kept:
        assert kept in found
    if dropped:
        assert dropped not in found


@pytest.mark.parametrize(
    ("sentences", "technique"),
    [
        # One weak cue (the phrase also fits ordinary prose) in a body sentence is not enough; two are.
        (["The operators walked the directory trees of the engineering shares."], None),
        (
            [
                "The operators walked the directory trees of the engineering shares.",
                "A few hours later they browsed the folders of the finance team.",
            ],
            "T1083",
        ),
    ],
)
def test_a_weak_cue_needs_a_second_sentence_outside_ttps(sentences: list[str], technique: str | None) -> None:
    found = techniques(_post("\n\n".join(sentences)), recognition=("prose",))
    assert (technique in found) if technique else "T1083" not in found


def test_a_weak_cue_the_model_reads_too_counts_alone() -> None:
    """Two recognisers that read the same technique in one sentence are two observations: a weak cue phrase and
    the model, each under `threshold` in a body sentence, pass it together (issue 12)."""
    sentence = "On the build server they searched the home folders for wallet files and copied them."
    assert "T1083" in techniques(_post(sentence), recognition=("prose",))


def test_a_weak_cue_counts_alone_under_ttps() -> None:
    text = (
        "Full Report\nA short note.\nAnalysis Summary\n# Threat Actor: Kimsuky\n"
        "## Tactics, Techniques & Procedures\n"
        "- **Discovery:** The operators walked the directory trees of the engineering shares.\n"
    )
    assert "T1083" in techniques(text, recognition=("prose",), name="note.txt")


def test_a_parent_read_with_its_sub_technique_in_one_sentence_is_not_tagged_too() -> None:
    found = techniques(_post("The group sends spear-phishing e-mails that carry a malicious attachment."))
    assert "T1566.001" in found
    assert "T1566" not in found


def test_a_technique_name_counts_in_a_clause_no_negation_governs() -> None:
    found = techniques(
        _post("Some accounts had never been disabled; elsewhere they ran a password-spraying campaign at the portal.")
    )
    assert "T1110.003" in found
    found = techniques(_post("They ran no password-spraying campaign; they signed in with stolen credentials."))
    assert "T1110.003" not in found


@pytest.mark.parametrize(
    ("heading", "sentence", "expected"),
    [
        # Under a defender's heading a technique's name is advice, whatever the sentence's first word.
        ("Recommendations", "Turn on phishing-resistant multi-factor authentication for every administrator.", set()),
        ("Detection", "Password spraying shows up as many failed logons from one address in the VPN logs.", set()),
        ("How to protect your users", "Roll out PowerShell logging on every server.", set()),
        # The same names in the body of the post, as the adversary's doing, count.
        ("What we saw", "The operators ran a password-spraying campaign against the VPN portal.", {"T1110.003"}),
        ("What we saw", "Their deployment script was written in PowerShell and pulled nothing else.", {"T1059.001"}),
        # An imperative is advice anywhere.
        ("What we saw", "Turn on phishing-resistant multi-factor authentication for every administrator.", set()),
    ],
)
def test_a_technique_name_under_a_defenders_heading_is_advice(heading: str, sentence: str, expected: set[str]) -> None:
    text = f"# A loader seen in the wild\n\nOur team looked into a recent intrusion.\n\n## {heading}\n\n{sentence}\n"
    assert techniques(text, recognition=("names",)) == expected


# A list of short items after a lead-in sentence ending with a colon: each item is read after the lead-in.
_LISTED = "# A backdoor for the long haul\n\nWe looked at the implant in depth.\n\n{lead}\n\n{items}\n"


@pytest.mark.parametrize(
    ("lead", "item", "expected"),
    [
        ("Once installed, the implant carries out these tasks:", "grabbing screenshots;", "T1113"),
        ("On its first run the stealer gathers:", "the contents of the clipboard.", "T1115"),
        ("The commands the crew issued most often were:", "screen captures on demand;", "T1113"),
    ],
)
def test_a_short_list_item_is_read_after_its_lead_in(lead: str, item: str, expected: str) -> None:
    items = f"- reading the host name and domain;\n- {item}\n- running shell commands."
    assert expected in techniques(_LISTED.format(lead=lead, items=items))


@pytest.mark.parametrize(
    "text",
    [
        # no lead-in: a heading above the list says nothing of who did what
        "# Features\n\nSome words of prose about the tool and its authors.\n\n## Capabilities\n\n- screenshots;\n"
        "- clipboard contents.\n",
        # the lead-in is negated, or advice
        "# A small tool\n\nWe looked at the implant in depth.\n\nUnlike its cousins, the implant never does:\n\n"
        "- grabbing screenshots;\n- clipboard contents.\n",
        "# A small tool\n\nWe looked at the implant in depth.\n\nDefenders should alert on processes that do:\n\n"
        "- grabbing screenshots;\n- clipboard contents.\n",
        # the lead-in ends a paragraph that is no lead-in (no colon): the items stay unread
        "# A small tool\n\nWe looked at the implant in depth. It has a short list of strings.\n\n"
        "- grabbing screenshots;\n- clipboard contents.\n",
    ],
)
def test_a_short_list_item_without_a_lead_in_of_behaviour_yields_nothing(text: str) -> None:
    assert not techniques(text) & {"T1113", "T1115"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "to protect" the adversary's own keys is no defence
        ("The encryptor uses RSA-2048 to protect the keys and then encrypts every file on the mapped drives.", "T1486"),
        # the consequence "so that … cannot" negates no action before it
        ("The script wiped every volume shadow copy with vssadmin so that the files could not be restored.", "T1490"),
        # another actor's past, then a turn to this actor: the part after the turn is read
        (
            "Other groups have leaned on WMI for this in the past, but this crew created a scheduled task "
            "that runs the loader every hour.",
            "T1053.005",
        ),
        # "in the last year" says how recent, not another time
        ("The backdoor searches the local drives for documents and spreadsheets changed in the last year.", "T1005"),
        # "with no" describes the machines, it negates no action
        ("On hosts with no Internet access the implant collects files with the .docx and .pdf extensions.", "T1005"),
        # a fronted clause with a negation, then the main clause after "they"
        ("Where neither trick worked, they flooded the victim with push prompts until one was accepted.", "T1621"),
    ],
)
def test_a_clause_of_behaviour_is_read_beside_a_negation_or_another_time(sentence: str, expected: str) -> None:
    assert expected in techniques(_post(sentence))


@pytest.mark.parametrize(
    ("sentence", "technique"),
    [
        ("Other crews have created scheduled tasks that run the loader hourly, and WMI consumers too.", "T1053.005"),
        ("In earlier campaigns the group searched local drives for documents and spreadsheets.", "T1005"),
        ("The implant has no module to collect documents with the .docx and .pdf extensions.", "T1005"),
        ("Our product helps to protect against ransomware that encrypts every file on mapped drives.", "T1486"),
        ("Backups to protect your data from ransomware that deletes volume shadow copies are a must.", "T1490"),
        ("The operators did not delete the shadow copies so that the backups could be restored.", "T1490"),
    ],
)
def test_a_clause_that_is_not_the_adversarys_behaviour_stays_unread(sentence: str, technique: str) -> None:
    assert technique not in techniques(_post(sentence))


def _kimsuky(sentence: str) -> str:
    """A main-format report on Kimsuky whose activity summary is the sentence."""
    return (
        "Full Report\nA short note.\nAnalysis Summary\n# Threat Actor: Kimsuky\n## Activity Summary\n"
        f"{sentence}\n## Implications\nThe campaign goes on.\n"
    )


@pytest.mark.parametrize(
    ("sentence", "read"),
    [
        # the other actor is named after the behaviour, in the clause that follows
        (
            "The first sample came in a spear-phishing e-mail that carried a password-protected archive; the lure "
            "reused a theme from a Sandworm operation.",
            True,
        ),
        # the sentence turns from the other actor to this one
        (
            "Lazarus Group relied on fake job offers, but this cluster sent e-mails that carried a "
            "password-protected archive.",
            True,
        ),
        # the other actor's clause goes on after a semicolon: still about them
        (
            "APT28 sent spear-phishing e-mails that carried password-protected archives; its lures were themed "
            "on summits.",
            False,
        ),
        ("Like Lazarus Group, they sent e-mails that carried a password-protected archive.", False),
    ],
)
def test_a_clause_out_of_another_named_actors_reach_is_read(sentence: str, read: bool) -> None:
    assert ("T1566.001" in techniques(_kimsuky(sentence), name="note.txt")) is read


@pytest.mark.parametrize(
    "sentence",
    [
        "The attackers deleted the prefetch files and the shell history.",
        "On the file server, the attackers deleted the prefetch files and the shell history.",
    ],
)
def test_a_generic_subject_does_not_dilute_the_action(sentence: str) -> None:
    """ATT&CK's examples, which the model learnt from, name their doer ("[APT29] has …"); a report's generic
    subject ("the attackers", "the group") is words the model weighs toward other techniques. Read without it,
    the action is what the model reads."""
    assert "T1070.004" in techniques(_post(sentence))


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("The operators enumerated the shares.", "enumerated the shares."),
        ("In May, the attackers cleared the logs.", "cleared the logs."),
        ("These affiliates then ran the encryptor.", "then ran the encryptor."),
        # The subject is the noun these words modify, or a name: left as written.
        ("The group names in this report follow our own scheme.", None),
        ("The malware family first appeared in 2019.", None),
        ("The group's loader drops a DLL.", None),
        ("The threat actor behind it is unknown.", None),
        ("Scattered Spider called the help desk.", None),
    ],
)
def test_only_a_generic_subject_is_left_out_for_the_model(sentence: str, kept: str | None) -> None:
    assert _without_subject(sentence) == (kept if kept is not None else sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The attackers behind the 2019 campaign were never identified, and we saw no trace of them since.",
        "The malware family names in this report follow the vendor's own scheme.",
        "The operators should be reported to the national CERT as soon as possible.",
    ],
)
def test_a_sentence_with_a_generic_subject_and_no_behaviour_yields_nothing(sentence: str) -> None:
    assert not techniques(_post(sentence))


def test_a_related_story_under_related_news_is_no_behaviour() -> None:
    """A page's list of related stories (furniture, galaxy_furniture.py) titles other reports: "… via Spear-Phishing
    Attack" there is another crew's phishing, not this page's adversary's."""
    page = (
        "Source: https://news.example/banking-trojan\n\n"
        "A new Android banking trojan draws overlay screens over the apps of Brazilian banks.\n"
        "Related news\n"
        "- Old Banking Malware Returns in Mexico via Spear-Phishing Attack (source)\n"
        "- Crooks Use Fake Parcel Texts to Steal Card Data (source)\n"
    )
    phishing = {"T1566", "T1660"}  # Enterprise's and, on a phone, Mobile's
    assert not phishing & family(techniques(page, name="page.txt"))
    story = page.replace("Related news\n- ", "In this campaign the crew relied on spear-phishing. ").split("\n- ")[0]
    assert phishing & family(techniques(story + "\n", name="page.txt"))
