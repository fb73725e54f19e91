"""Cue phrases of techniques (data/techniques.yaml, `cues`): each rule with sentences that must and must not
trigger it. Our own sentences, written as vendor reports write."""

from __future__ import annotations

import pytest

from misp_module.extract.techniques import cued, not_behaviour

MUST = [
    ("T1547.001", "A second copy was registered under the Run key so that it came back at each logon."),
    ("T1547.001", r"It writes its path to HKCU\Software\Microsoft\Windows\CurrentVersion\Run as 'Updater'."),
    ("T1053.005", "To come back after a reboot it creates a scheduled task that runs every morning."),
    ("T1053.005", "The batch file calls schtasks with the /create switch."),
    ("T1543.003", "The backdoor was installed as a new Windows service set to start automatically."),
    ("T1543.003", "The dropper creates a service named WinHttpSync that points to the DLL."),
    ("T1003.001", "The operators dumped the memory of the LSASS process with a renamed ProcDump."),
    ("T1003.001", "They used comsvcs.dll to write a minidump of lsass.exe to the temp folder."),
    ("T1490", "It then deletes the volume shadow copies so that files cannot be restored."),
    ("T1490", "The script runs vssadmin with the delete shadows /all /quiet arguments."),
    ("T1560.001", "Files were packed into password-protected 7-Zip archives before they left."),
    ("T1041", "The archives were exfiltrated over the existing C2 channel in small chunks."),
    ("T1078", "They signed in with the stolen credentials of a contractor account."),
    ("T1078", "The intruders logged on to the VPN with valid domain accounts."),
    ("T1021.001", "From the jump host they moved to the file servers over RDP."),
    ("T1021.004", "On the Linux hosts they moved laterally via SSH with the stolen keys."),
    ("T1021.002", "The binary was copied to the ADMIN$ share of each host."),
    ("T1105", "The loader pulls a second-stage payload from its command-and-control server."),
    ("T1105", "The script used certutil -urlcache to fetch the tool."),
    ("T1505.003", "On two servers the intruders dropped a web shell into the Outlook on the web directory."),
    ("T1190", "The intruders exploited CVE-2024-21887 in an internet-facing VPN gateway."),
    ("T1569.002", "They ran the payload on each host with PsExec."),
    ("T1047", "Lateral movement relied on Impacket's wmiexec."),
    ("T1482", "They ran nltest /domain_trusts to map the forest."),
    ("T1069.002", 'The operators ran net group "domain admins" /domain on the first host.'),
    ("T1087.002", "AdFind was run to list every user of the domain."),
    ("T1016", "The implant runs ipconfig /all and sends the output home."),
    ("T1135", "They then listed the shares of the file servers."),
    ("T1486", "At three victims they encrypted the file servers over the weekend."),
    ("T1486", "The ransomware encrypts all files on mapped drives."),
    ("T1566", "The group sends spear-phishing e-mails to ministry staff."),
    ("T1566.001", "Its spear-phishing archives are themed on regional politics."),
    ("T1566.001", "The message carries an attached ISO image named like a shipping manifest."),
    ("T1566.002", "Each e-mail carries a link to a page that rebuilds the archive."),
    ("T1110", "They then brute-forced the RDP service of the jump host."),
    ("T1574.001", "The signed application loads a malicious DLL next to it in a side-loading chain."),
    ("T1137.006", "The operators installed a malicious Word add-in so the implant started with Word."),
    ("T1656", "The lure impersonates a ministry of foreign affairs, down to its logo."),
    ("T1204.002", "The victim has to open the attachment and double-click the shortcut."),
    ("T1204.002", "When the user opens the document, a macro drops the loader."),
    ("T1027.006", "The page assembles the archive in the browser with HTML smuggling."),
]

MUST_NOT = [
    ("T1547.001", "The service will run keyless in the next release."),
    ("T1053.005", "The task force met on a scheduled date."),
    ("T1543.003", "The vendor offers its product as a managed service."),
    ("T1003.001", "LSASS is the process that enforces the security policy on Windows."),
    ("T1490", "The backup shadow team copies data every night."),
    ("T1560.001", "The archive of past advisories is on the website."),
    ("T1041", "The implant talks to its C2 channel every five minutes."),
    ("T1078", "They stole the credentials of the backup account."),
    ("T1021.001", "RDP was exposed on port 3389."),
    ("T1021.004", "The appliance runs an SSH daemon."),
    ("T1021.004", "The implant sends home a list of the SSH sessions of the host."),
    ("T1021.002", "The tool checks whether the user can reach the C$ share."),
    ("T1486", "The loader writes encrypted files to disk and decrypts them in memory."),
    ("T1105", "The victim downloaded the report from our website."),
    ("T1505.003", "The web server answered with a shell of a page."),
    ("T1190", "The research team explored the gateway's admin interface."),
    ("T1486", "The implant decrypts its configuration with an AES key."),
    ("T1566.001", "Phishing remains the most common way in."),
    ("T1566.002", "The message was short and polite."),
    ("T1656", "The token impersonation API lets a thread act as another user."),
    ("T1204.002", "The user interface of the panel is in Russian."),
    ("T1137.006", "The analyst added a Word document to the case."),
]


@pytest.mark.parametrize(("technique", "sentence"), MUST)
def test_a_cue_phrase_yields_its_technique(technique: str, sentence: str) -> None:
    assert technique in cued(sentence)
    assert not not_behaviour(sentence)


@pytest.mark.parametrize(("technique", "sentence"), MUST_NOT)
def test_a_sentence_without_the_cue_yields_no_technique_from_it(technique: str, sentence: str) -> None:
    assert technique not in cued(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Defenders should monitor for new services and Run keys.",
        "We saw no sign that the actor deleted shadow copies.",
        "Other groups have used PsExec for years.",
    ],
)
def test_a_cue_in_a_sentence_that_is_not_behaviour_is_filtered(sentence: str) -> None:
    assert cued(sentence)
    assert not_behaviour(sentence)
