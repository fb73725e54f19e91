"""Sentences that describe rather than tell what the adversary did (data/techniques.yaml `descriptive`, issue 12):
a product or platform described, the researchers' or the organisation's own routine, a figure, a control's
effect. They yield no technique, while the adversary's sentences of the same words still do."""

from __future__ import annotations

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.techniques import cued, not_behaviour
from misp_module.read.reader import read_report


def prose_techniques_of(sentence: str) -> set[str]:
    """The techniques tagged for the sentence read as the body of a short report."""
    data = f"# Intrusion analysis\n\n## Technical details\n\n{sentence}\n".encode()
    report = read_report(data, identity="case.md", name="case.md", max_bytes=1_000_000)
    return {c.external_id or "" for c in galaxy_clusters(report) if c.galaxy == "mitre-attack-pattern"}


@pytest.mark.parametrize(
    "sentence",
    [
        "We reverse-engineered the loader and decrypted its configuration by hand.",
        "Our analysts wrote a decoder for the obfuscated strings.",
        "The administrators pushed the new firewall rules to every branch router.",
        "IT staff use AnyDesk to reach the point-of-sale terminals.",
        "A scheduled task restarts the backup service for maintenance every Sunday.",
        "The screenshot below shows the phishing kit's admin panel.",
        "Figure 3 shows the loader dumping LSASS memory.",
        "This report describes how the stealer collects browser cookies.",
        "PsExec is a legitimate Microsoft tool that runs commands on remote hosts.",
        "Mshta.exe is a Windows utility that executes HTML applications.",
        "Remote Desktop is turned on by default on these servers.",
        "The customer portal is served over HTTPS only.",
        "Task Manager lists the running processes and their owners.",
        "Most EDR products detect the dumping of LSASS memory.",
        "The legitimate lsass.exe always runs from the System32 folder.",
        "Credential Guard makes LSASS dumping much harder.",
        "Every company laptop is encrypted with BitLocker.",
        # i12-precision: the organisation's defence, staff and estate; a control at its work; the report itself
        "Our incident responders reviewed the file listings of the server to build a timeline.",
        "The SIEM collects event logs from every domain controller.",
        "The helpdesk uses TeamViewer to support remote staff.",
        "Employees connect to the VPN when they travel.",
        "BitLocker encrypts the system drive of every laptop.",
        "Password managers keep every login in an encrypted vault.",
        "The client's Active Directory held about 4,000 accounts and 600 servers.",
        "Security patches are copied to the servers from the deployment share every month.",
        "The registry is where Windows stores driver settings.",
        "Figure: the attack path from the phishing mail to the domain controller.",
        "This digest summarises the week's intrusions and lists indicators.",
        "Change the default program for .hta files to Notepad through Group Policy.",
        "Obfuscation makes the analysis of such scripts slow, as every reverse engineer knows.",
        # i12-precision2: the organisation's people at their own work in any tense, a product that lets users act, a
        # network defence, a routine system, a survey, a counterfactual, a legitimate agent's features (each reads a
        # technique's cue phrase without the filter)
        "The IT team downloaded Rclone to copy the old archives to the new NAS.",
        "Support engineers opened a Splashtop session to update the kiosk software.",
        "Remote workers used the SSL VPN to enter the network during the rail strike.",
        "Accounts payable replied in the ongoing thread to ask for the missing purchase order.",
        "Outlook lets every user export the contacts from the mailbox to a CSV file.",
        "A CDN can absorb HTTP floods aimed at the checkout page.",
        "SYN cookies let a busy server keep answering during a SYN flood.",
        "The mail gateway deletes bounce messages after a week.",
        "Every night the backup client uploads the database dumps to an FTP server at the hosting provider.",
        "In our poll, 7% of the firms reported an application-layer DDoS attack last year.",
        "Had the intruders deployed ransomware, the offline backups would have allowed a restore within hours.",
        "Supported commands of the monitoring agent include screenshot and reboot, which the customer has to approve.",
        "Screenshots of the spoofed sign-in page are attached to this ticket.",
        "The vulnerability scanner scans the intranet hosts every Sunday.",
        "The company exposes its intranet wiki through a Cloudflare tunnel.",
        "The legal team collects mail archives for e-discovery.",
        "The HR system queries the tenant's users and groups every night.",
        "The phishing exercise impersonated the CEO to test staff awareness.",
        "A blue team exercise simulated ransomware deployed across the domain.",
        "Report any e-mail impersonating the help desk to the security team.",
        "Users connect to the VPN with their smart cards.",
        "The penetration testers used the VPN to enter the network with a test account.",
        "Researchers rented a stresser to measure how much traffic it could produce.",
        "The web filter blocks downloads of WinSCP and Rclone.",
        "The SOC team exported the global address list for the mail migration.",
        "During the migration, the mailboxes were exported to PST files by the provider.",
        "The payroll provider pushes the salary files over SFTP every Friday.",
        "The backup tool copies the files into a hidden folder on the NAS.",
        "Visual Studio builds each solution from MSBuild project files.",
        "The partner API returns the data base64-encoded in a JSON field.",
        "The log retention policy deletes web proxy logs after ninety days.",
        "Our honeypot recorded thousands of SYN floods from the botnet last month.",
        "Rental prices for DDoS-for-hire services dropped by half in 2024.",
        "The candidate clones the repository and runs the tests, as the course explains.",
        "The brand runs personas on Instagram to promote its products.",
        "Android asks the user before an app can read the contacts.",
        "Many parents install apps that track a child's location and read their messages.",
        "The phone's backup copies the call history and messages to the computer.",
        "The records manager searches the archived mailboxes when auditors ask for them.",
        "Our vulnerability scanner swept the internal ranges for open SMB ports last night.",
        "Night-shift engineers log in through the Citrix gateway to watch the plant.",
        "The careers office messages graduates on LinkedIn about open roles.",
        "The mobile app copies the address book only after the user agrees.",
        "Supported commands include screenshot and upload file, according to the vendor's manual for the support tool.",
        # i12-techreal: researchers, law enforcement and the page itself (real pages read such sentences as the
        # adversary's domains, defacement, masquerading and process discovery)
        "The researchers registered two of the botnet's command-and-control domains and pointed them at a sinkhole.",
        "\u201cWe resolved the domains we had registered to a server in our own lab.",
        "Europol and the FBI jointly took down the servers of the botnet in a weekend operation.",
        "Police seized the gang's leak site and defaced it with a banner of their own.",
        "The lab registered a handful of the C2 domains in order to conduct a closer analysis of the bots.",
        "A message from the National Crime Agency appeared on the affiliate panel after the takedown.",
        "Kaspersky has been watching the crew since 2021 and tracks it under the name SilentLynx.",
        "The full infection chain is explained in detail in our earlier post.",
        "Judging by the countries from which the samples were uploaded, most victims live in Brazil.",
        "And check which apps may read your notifications every few weeks.",
    ],
)
def test_a_descriptive_sentence_is_not_behaviour(sentence: str) -> None:
    assert not_behaviour(sentence)
    assert not prose_techniques_of(sentence)


@pytest.mark.parametrize(
    ("technique", "sentence"),
    [
        ("T1003.001", "We observed the operators dumping LSASS memory with a renamed ProcDump."),
        ("T1219", "The intruders installed AnyDesk to keep their access to the hosts."),
        ("T1574.001", "The legitimate signed application loads a malicious DLL placed next to it."),
        ("T1569.002", "The crew used PsExec to run the encryptor on every server."),
        ("T1003.001", "The loader is a small tool that dumps LSASS memory to a file."),
        ("T1486", "All the file servers were encrypted within an hour."),
        ("T1562.001", "The administrators' EDR console was used to uninstall the agents."),
        ("T1547.001", "Persistence is a Run key value in the current user's hive."),
        ("T1219", "Staff at the clinic found that the intruders had installed AnyDesk on two servers."),
        # i12-precision2: the same words with the adversary as subject, or the organisation's people tricked
        ("T1105", "The operators pulled down a portable copy of Rclone onto the file server."),
        ("T1133", "The intruders used the VPN to enter the network with the contractor's password."),
        ("T1656", "The fraudsters replied inside a genuine thread between the buyer and the supplier."),
        ("T1499.003", "The bots sent HTTP floods at the checkout page for six hours."),
        ("T1048.003", "Every night the implant uploads the collected files to an FTP server."),
        ("T1113", "The backdoor lets the operator upload files and take screenshots."),
        ("T1113", "Its supported commands include screenshot, upload file and execute cmd."),
        ("T1486", "The crew deployed ransomware on every hypervisor."),
        ("T1219", "Staff were tricked into installing AnyDesk by a caller posing as the IT department."),
        ("T1572", "The intruders exposed the domain controller's RDP port through a Cloudflare tunnel."),
        ("T1087.004", "The operators queried the tenant's users and groups through Microsoft Graph."),
        ("T1583.005", "The crew rented a stresser to flood the bank's portal."),
        ("T1087.003", "The attackers exported the global address list from the hijacked mailbox."),
        ("T1114", "The intruders searched the hijacked mailboxes for unpaid invoices."),
        # i12-techreal: the adversary registering domains and fetching its next stage
        ("T1583.001", "The operators registered dozens of look-alike domains a week before the campaign."),
        ("T1105", "The loader then downloads the second-stage backdoor from a compromised WordPress site."),
    ],
)
def test_the_adversarys_sentence_of_the_same_words_still_counts(technique: str, sentence: str) -> None:
    assert not not_behaviour(sentence)
    assert technique in cued(sentence)
