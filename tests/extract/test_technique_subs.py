"""A parent technique given as its sub-technique where the report itself says which one (techniques.py
`promote_subs`): small reports, in our own words, that must and must not promote."""

from __future__ import annotations

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.technique_cues import hinted_subs
from misp_module.extract.techniques import GALAXY
from misp_module.read.reader import read_report

CAMPAIGN = "The group ran a spear-phishing campaign against energy ministries this spring."
ATTACHMENT = "Recipients were told the attachment held a tender schedule for the coming year."
CHAT = "Targets first got a friendly note over LinkedIn from a made-up recruiter."


def _report(*paragraphs: str) -> str:
    return "# Ministries targeted\n\n" + "\n\n".join(paragraphs) + "\n"


def techniques(text: str) -> set[str]:
    """The technique IDs the event of a report gets."""
    report = read_report(text.encode(), identity="post.md", name="post.md", max_bytes=1_000_000)
    return {c.external_id for c in galaxy_clusters(report) if c.galaxy == GALAXY}


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        ((CAMPAIGN, ATTACHMENT), "T1566.001"),
        ((CAMPAIGN, CHAT), "T1566.003"),
        (
            (CAMPAIGN, "Each message linked to a file-sharing page where a password-protected archive waited."),
            "T1566.002",
        ),
        (
            (
                "The intruders logged on with valid accounts they had bought from an access broker.",
                "The logons came from a domain account of the payroll team.",
            ),
            "T1078.002",
        ),
        (
            (
                "The crew searched the mailbox for conversations about open invoices.",
                "Every logon to the victim's Microsoft 365 account came from a rented server abroad.",
            ),
            "T1114.002",
        ),
    ],
)
def test_a_parent_becomes_the_one_sub_technique_the_report_supports(paragraphs: tuple[str, ...], expected: str) -> None:
    found = techniques(_report(*paragraphs))
    assert expected in found
    assert expected.split(".")[0] not in found


@pytest.mark.parametrize(
    "paragraphs",
    [
        # nothing says which kind of phishing
        (CAMPAIGN, "The themes changed every week and followed the news of the region closely."),
        # two kinds: the parent is the honest answer
        (CAMPAIGN, ATTACHMENT, "Others " + CHAT[0].lower() + CHAT[1:]),
        # the author wrote the parent's ID: it is theirs to choose
        (CAMPAIGN.replace("campaign", "campaign (T1566)"), ATTACHMENT),
        # advice is no behaviour of the adversary
        (
            CAMPAIGN,
            "## Recommendations",
            "Mail gateways can hold back an attachment in an archive format for a closer look before delivery.",
        ),
        (CAMPAIGN, "Watch social media for fake profiles that impersonate your staff."),
    ],
)
def test_a_parent_stays_where_the_report_does_not_say_which_sub_technique(paragraphs: tuple[str, ...]) -> None:
    found = techniques(_report(*paragraphs))
    assert "T1566" in found
    assert not {t for t in found if t.startswith("T1566.")}


def test_holding_domain_admin_rights_is_no_use_of_a_domain_account() -> None:
    found = techniques(
        _report(
            "The intruders logged on with valid accounts they had bought from an access broker.",
            "By the second day they held domain administrator rights across the forest.",
        )
    )
    assert "T1078" in found
    assert "T1078.002" not in found


def test_a_parent_beside_its_own_sub_technique_is_left_out() -> None:
    found = techniques(
        _report(
            "The backdoor communicates with its command-and-control server using an application layer protocol.",
            "Each beacon is a small HTTPS POST request with a random path.",
        )
    )
    assert "T1071.001" in found
    assert "T1071" not in found


@pytest.mark.parametrize(
    ("parent", "must", "must_not"),
    [
        ("T1566", "the victim opened the attachment", "the victim opened the document"),
        ("T1566", "building trust first and attaching the payload later", "building trust first and calling later"),
        ("T1566", "the operators sent a password-protected archive", "the operators sent a reply"),
        ("T1566", "phishing mails to staff with links to a fake sign-in page", "phishing mails to staff"),
        # the messaging service is where the target was contacted, not where the actor talks or sells
        ("T1566", "approached the engineers over LinkedIn", "the operators coordinate over Signal and Telegram"),
        ("T1566", "targets got WhatsApp messages from a fake recruiter", "they sold the data on a Telegram channel"),
        ("T1566", "the lure arrived as Microsoft Teams chats", "the victim's staff use Microsoft Teams"),
        # File Deletion: the actor's own files, not the victim's (a wiper's)
        ("T1070", "the loader deletes itself after the first run", "the wiper deletes files on every drive"),
        ("T1070", "they deleted their tools from the jump host", "it deletes the files it has encrypted"),
        ("T1053", "it registers a scheduled task", "it registers a handler"),
        ("T1021", "they moved over RDP", "they moved over the network"),
        ("T1059", "a PowerShell one-liner", "a one-liner"),
        ("T1090", "traffic leaves through Tor", "traffic leaves through a tortoise"),
        ("T1071", "beacons over HTTPS", "beacons to https://example.com"),
        ("T1567", "uploads the archives to MEGA", "uploads the archives to a megaphone"),
        # a code-hosting site that delivers the lure is no exfiltration to it
        ("T1567", "pushes the stolen files to a GitHub repository", "the lure was a GitHub repository"),
        ("T1003", "reads LSASS memory", "reads memory"),
        ("T1114", "reads mail through the Microsoft Graph API", "reads a graph of the mail contacts"),
        ("T1114", "searches the Outlook data file", "searches the Outlook window"),
        ("T1074", "the stolen files were collected in %TEMP% first", "the stolen files were collected over weeks"),
        ("T1074", "copies them to a temporary folder on the infected host", "copies them to the infected host"),
        ("T1074", "copied the archives to a central file server", "copied the archives to a server abroad"),
        # a process started suspended is hollowed; a flood's volume says a direct flood, not a reflected one
        ("T1055", "injects it into a process it started in a suspended state", "injects it into a running process"),
        ("T1498", "floods of up to 900 gigabits per second", "floods that took the portal down for a day"),
        ("T1498", "floods reflected off open DNS resolvers", "floods from thousands of rented servers"),
        ("T1114", "read the mailboxes of managers through the web interface", "read the manuals in the web interface"),
        ("T1114", "searched the mailboxes through Exchange Web Services", "searched the mailboxes of a shared drive"),
        # a password tried against a live login is guessed; hashes are cracked
        ("T1110", "brute-forced the controller's password", "brute-forced their way in"),
        ("T1110", "a short list of common passwords for root", "a short list of admin accounts"),
        ("T1110", "cracked the password hashes offline", "cracked open the appliance"),
        ("T1110", "sprayed one password at every account", "spread to every account"),
    ],
)
def test_each_hint_must_and_must_not(parent: str, must: str, must_not: str) -> None:
    assert hinted_subs(parent, [must.lower()])
    assert not hinted_subs(parent, [must_not.lower()])


def test_staged_data_becomes_local_where_the_report_names_a_local_place() -> None:
    found = techniques(
        _report(
            "The operators staged the stolen data in a hidden folder before it left the network.",
            "Each week the new archives were staged in a single directory as well.",
            "The collected documents were first gathered in C:\\PerfLogs\\ on one workstation.",
        )
    )
    assert "T1074.001" in found
    assert "T1074" not in found


def test_a_technique_name_that_names_a_kind_of_flaw_is_no_technique() -> None:
    flaw = "The way in was a template injection flaw in the web console of the workflow server."
    assert "T1221" not in techniques(_report(flaw))
    server_side = "The intruders abused server-side template injection in the ticketing portal."
    assert "T1221" not in techniques(_report(server_side))
    lure = "The lure document uses template injection to fetch a macro-laden template from a remote server."
    assert "T1221" in techniques(_report(lure))
