"""A technique kept only where the sentence holds what makes it that technique (data/technique_objects.yaml, issue
12): each check has sentences whose words read the technique but whose object says another thing (dropped, or the
parent where the sub-technique is unsupported), and sentences of the adversary's behaviour it must keep."""

from __future__ import annotations

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.technique_objects import with_objects
from misp_module.read.reader import read_report


def techniques_of(sentence: str) -> set[str]:
    """The techniques tagged for the sentence read as the body of a short report."""
    data = f"# Intrusion analysis\n\n## Technical details\n\n{sentence}\n".encode()
    report = read_report(data, identity="case.md", name="case.md", max_bytes=1_000_000)
    return {c.external_id or "" for c in galaxy_clusters(report) if c.galaxy == "mitre-attack-pattern"}


@pytest.mark.parametrize(
    ("technique", "sentence"),
    [
        # a protocol on its own port, a mining pool, a scan, exfiltration
        ("T1571", "In this campaign every sample sent its logs by SMTP on port 587."),
        ("T1571", "The backdoor reaches its server over SSH on port 22."),
        ("T1571", "The miner connects to a mining pool on port 3333."),
        ("T1571", "The operators scanned the range for hosts listening on port 8291."),
        # strings and C2 messages are no encrypted file
        ("T1027.013", "Almost all of the loader's strings are encrypted with a one-byte XOR key."),
        ("T1027.013", "Each check-in travels in a cookie header as RC4-encrypted text."),
        # the victim's files encrypted are ransomware's impact, not obfuscation
        ("T1027.013", "Files are encrypted with AES and each encrypted file is renamed with the .lock extension."),
        # a name that imitates nothing
        ("T1036", "A scheduled task named Updater7 started the loader every hour."),
        ("T1036", "The two families share nothing apart from the sound of the name."),
        # deleting shadow copies, containers or cron entries is no file deletion
        ("T1070.004", "The ransomware deletes volume shadow copies with vssadmin and deletes the backup catalogue."),
        ("T1070.004", "The script removes the cron entries of rival miners and deletes their Docker containers."),
        # a keylogger's window title
        ("T1010", "The keylogger records keystrokes together with the title of the active window."),
        # "the user" as the victim, not user discovery
        ("T1033", "The fake page makes the user run the command themselves."),
        # a network link, not a malicious link
        ("T1204.001", "Throughput was throttled so as not to saturate the link."),
        # a server's flaw is not client execution
        ("T1203", "CVE-2021-41773, a path traversal and code execution flaw in Apache HTTP Server."),
        # i12-precision2: free webmail used by no adversary; fake profiles a platform removed; new bank details the
        # payer verified; the user opening an app's page; a setup guide's instructions
        ("T1585.002", "Hobby clubs often run their mailing lists from free webmail accounts."),
        ("T1585.001", "The network removed thousands of fake profiles on Instagram in March."),
        ("T1657", "The supplier's letter gave new bank details, which the clerk confirmed with a call-back."),
        ("T1204.002", "When the user opens the settings page, the app shows the version number."),
        ("T1204.002", "The setup guide tells the user to run the installer as administrator."),
        ("T1499.003", "The bug exhausts the web server's memory when a request carries a huge header."),
        ("T1132.001", "The data in the partner's export file is base64-encoded so the spreadsheet can hold it."),
        ("T1204.002", "When the visitor opened the page, the cookie banner appeared."),
        ("T1585.001", "The shop set up fake personas on Instagram to advertise its new line."),
        ("T1512", "The banking app on the Android phone accesses the camera to read cheques."),
    ],
)
def test_a_technique_without_its_object_is_not_tagged(technique: str, sentence: str) -> None:
    assert technique not in techniques_of(sentence)


@pytest.mark.parametrize(
    ("technique", "sentence"),
    [
        ("T1571", "The implant beacons to its C2 over HTTPS on port 8531."),
        ("T1571", "The backdoor talks to its C2 over SSH on TCP port 2222."),
        ("T1027", "Almost all of the loader's strings are encrypted with a one-byte XOR key."),
        ("T1036.005", "The loader is written to AppData under a name that mimics a legitimate program."),
        ("T1036.003", "The archive held a signed copy of sqlwriter.exe renamed to wine.exe."),
        ("T1070.004", "After the encryption the script deletes itself and the dropped tools."),
        ("T1490", "The ransomware deletes volume shadow copies with vssadmin and deletes the backup catalogue."),
        ("T1203", "Opening the document exploits a flaw in the Office equation editor to run shellcode."),
        # i12-precision2
        ("T1585.002", "The lures came from free webmail accounts the crew registered under recruiters' names."),
        ("T1585.001", "The operators created fake profiles on LinkedIn to approach engineers."),
        ("T1657", "The forged supplier letter gave new bank details for the next payment."),
        ("T1204.002", "When the user opens the attachment, the macro downloads the loader."),
        ("T1585.002", "The e-mails came from free webmail accounts and invited the recipient to a workshop."),
        ("T1204.002", "The task's instructions asked the candidate to fix a small bug and then run the project."),
        ("T1499.003", "The botnet exhausted the web servers of the ticket shop with HTTPS requests."),
        ("T1132.001", "The implant's C2 requests carry the data base64-encoded in a cookie."),
        ("T1132.001", "All traffic goes out as HTTP POST bodies, AES-encrypted and then Base64 encoded."),
        ("T1512", "On the Android phone the implant turns on the camera and sends the photos to its server."),
    ],
)
def test_the_technique_with_its_object_is_kept(technique: str, sentence: str) -> None:
    found = techniques_of(sentence)
    assert technique in found or ("." not in technique and any(t.startswith(technique + ".") for t in found))


def test_an_unsupported_sub_technique_is_given_as_its_parent() -> None:
    assert with_objects({"T1027.013": 0.8}, "Its strings are encrypted with RC4.") == {"T1027": 0.8}
    assert with_objects({"T1027.013": 0.8}, "The payload is an RC4-encrypted file.") == {"T1027.013": 0.8}


def test_only_standard_ports_drop_a_non_standard_port() -> None:
    assert with_objects({"T1571": 0.8}, "It uses SMTP on port 587.") == {}
    assert with_objects({"T1571": 0.8}, "It uses SMTP on port 587 and its C2 on port 4444.") == {"T1571": 0.8}
    assert with_objects({"T1571": 0.8}, "SSH runs on port 443 here.") == {"T1571": 0.8}


def test_user_discovery_and_encrypted_configuration_keep_their_sub_technique() -> None:
    assert with_objects({"T1033": 0.8}, "It collects the host name, the user and the domain.") == {"T1033": 0.8}
    assert with_objects({"T1027.013": 0.8}, "Its configuration is encrypted with RC4.") == {"T1027.013": 0.8}
    assert with_objects({"T1571": 0.8}, "It sends a plain HTTP request over TCP port 443.") == {"T1571": 0.8}


def test_a_name_borrowed_from_a_real_program_is_masquerading() -> None:
    for sentence in (
        "They named the folder and the program after a printer driver updater.",
        "The stage is stored under a name borrowed from a graphics driver updater.",
    ):
        assert with_objects({"T1036.005": 0.8}, sentence) == {"T1036.005": 0.8}
    assert with_objects({"T1036.004": 0.8}, "A service named BthSvc7 started the pair at boot.") == {}
