"""Cue sentences of the recall round of issue 12 (techrecall2): the commonest techniques a vendor report tells
without its name, the way many reports word them. Exfiltration Over C2 Channel said by pronoun or as "the
results" after what the implant collected, over "the same" or "its own" channel, or as the upload of an implant's
capabilities; Valid Accounts as the means of a move or a sign-in ("with the stolen accounts"). Beside each, the
near misses: host facts every beacon reports, a link sent to people, a cloud store or a messenger as the way out,
credentials reset by defenders, a negation. All sentences are our own."""

MUST = [
    # --- Exfiltration Over C2 Channel: the pronoun or the results after what was collected
    ("T1041", "The stealer walks the user's folders for spreadsheets (.xlsx, .csv) edited this year and uploads them."),
    ("T1041", "The module copies every PDF from the desktop and then sends them back to its operator in small pieces."),
    ("T1041", "Each plug-in records the microphone for five minutes and sends the results back over the beacon."),
    ("T1041", "It searches mounted drives for wallet files and sends back anything that matches the pattern."),
    ("T1041", "The operators zipped the engineering drawings before uploading them through the same HTTPS tunnel."),
    ("T1041", "The archives then left over the implant's own channel, a few megabytes at a time."),
    ("T1041", "It grabs browser cookies and sends them in an encrypted blob to its command server every hour."),
    ("T1041", "The implant offers a remote shell, file upload and download, and a process list."),
    ("T1041", "A tiny Go backdoor that can upload and download files kept the crew's access alive."),
]

MUST_NOT = [
    # host facts every beacon reports are discovery, not exfiltration of data
    ("T1041", "It collects the host name, the user name and the Windows version and sends them to its C2 server."),
    ("T1041", "The loader gathers the list of running processes and posts them to a hard-coded server."),
    # a link or a lure sent to people; data sent to a messenger or a cloud store
    ("T1041", "The actor sent them a link to a server that hosted the lure."),
    ("T1041", "The stealer collects browser cookies and uploads them to a Telegram bot."),
    ("T1041", "The crew compressed the shares and then uploaded them to a cloud storage account with Rclone."),
    # a capability of a product, not an implant's command
    ("T1041", "Users of the portal upload documents, and reviewers download them after approval."),
    # commands or posts in the same session or channel
    ("T1041", "The operator sent commands in the same RDP session for about an hour."),
    ("T1041", "The seller posted new offers in the same Telegram channel every week."),
    # --- Valid Accounts
    ("T1078", "The defenders reset every account the intruders had touched and enforced new passwords."),
    ("T1078", "The crew moved to other servers over SMB with PsExec."),
    ("T1078", "Stolen passwords are sold in bulk on forums."),
]

MUST += [
    ("T1078", "They moved to three more servers with the stolen accounts over SMB."),
    ("T1078", "The first access came through the SSL VPN with a valid contractor account."),
    ("T1078", "Later the intruders signed in to the backup console using harvested administrator credentials."),
    ("T1078", "The ransomware spread itself to other machines with the stolen domain administrator password."),
    ("T1078", "Those harvested credentials were used to reach the hypervisors over SSH."),
    ("T1078", "Stolen booking-system passwords were later used to message the hotel's guests."),
]

# --- Exploit Public-Facing Application: the way in said as the unpatched or exposed server itself
MUST += [
    ("T1190", "At the port operator the way in was an unpatched Confluence server exploited through CVE-2023-22515."),
    ("T1190", "In both cases the way in was an outdated file-transfer appliance exposed to the internet."),
    ("T1190", "Initial access came through CVE-2024-3400, a command-injection flaw in the firewall's VPN portal."),
    ("T1190", "Their first foothold was an internet-facing mail server still unpatched against ProxyShell."),
]
MUST_NOT += [
    ("T1190", "An initial access broker advertised access to exposed servers of three clinics."),
    ("T1190", "The way in was a password reused on the remote desktop gateway."),
    ("T1190", "Initial access came from a phishing e-mail sent to the unpatched help desk."),
    ("T1190", "Initial access came through an internet-facing VPN appliance, with a contractor's account."),
]

# --- File and Directory Discovery: a search for files by name, extension or age
MUST += [
    ("T1083", "The stealer searches the user's profile for documents (.docx, .pdf, .xlsx) modified in the last week."),
    ("T1083", "It searched for files whose names contain wallet, seed or backup and copied them."),
    ("T1083", "A plug-in searches every drive for spreadsheets with the extension .xlsm and stages them."),
]
MUST_NOT += [
    ("T1083", "Our analysts searched the disks for files named svc.exe on every host."),
    ("T1083", "The operators searched for information about the company's engineers on LinkedIn."),
    ("T1083", "It searches for documents, then renames them."),
]

# --- Exploitation for Privilege Escalation: a flaw or a vulnerable driver used to run code as root, SYSTEM or in the
# kernel; not the first flaw a remote attacker uses on an exposed device, nor a driver block list
MUST += [
    ("T1068", "Next they used a second bug, CVE-2024-1086, to run their tools with root privileges on the host."),
    ("T1068", "The dropper exploits a vulnerable graphics driver to load its code into the Windows kernel."),
    ("T1068", "The loader gains SYSTEM privileges through a use-after-free flaw in the Win32k driver."),
    ("T1068", "Before encryption the affiliate loaded a legitimate but vulnerable signed driver to end the EDR agent."),
]
MUST_NOT += [
    ("T1068", "The flaw lets an unauthenticated attacker run commands with root privileges on the appliance."),
    ("T1068", "Microsoft's list of vulnerable drivers blocks most of them on new installations."),
    ("T1068", "The backup service runs with SYSTEM privileges by design."),
]

# --- User Execution: Malicious File, the lure file said to run or open as its subject
MUST += [
    ("T1204.002", "When run, the executable shows a fake error and installs the first stage."),
    ("T1204.002", "Every sample, once run, takes a screenshot and lists the installed software."),
    ("T1204.002", "The archive held a script posing as a receipt; when opened the file pulled down the loader."),
]
# --- Standard Encoding: the C2 traffic's content Base64-encoded (techprose)
MUST += [
    ("T1132.001", "Commands and replies are encrypted with RC4 and then Base64-encoded."),
    ("T1132.001", "The card fields were encoded in Base64 and sent as the query string of an image request."),
]
MUST_NOT += [
    ("T1132.001", "The configuration is stored Base64-encoded in the resource section of the loader."),
    ("T1132.001", "The macro decodes a Base64 blob and writes a downloader to disk."),
    ("T1132.001", "A custom action starts a PowerShell command line that is Base64-encoded."),
]

# --- Process Hollowing: code injected into a process started suspended, or a suspended copy unmapped (techprose)
MUST += [
    (
        "T1055.012",
        "The loader decrypts the payload and injects it into a copy of RegAsm.exe that it starts in a suspended state.",
    ),
    ("T1055.012", "It starts a suspended copy of msiexec.exe, unmaps its image and writes the payload in its place."),
]
MUST_NOT += [
    ("T1055.012", "The loader injects its code into explorer.exe, which keeps running as before."),
    ("T1055.012", "Accounts of the contractors were suspended after the incident; the tool was never injected again."),
]

# --- User Execution: Malicious File, with the people the lure reached as the subject (techprose)
MUST += [
    ("T1204.002", "At two of the firms employees opened the attachment and ran the installer inside it."),
    ("T1204.002", "Three recipients ran the attached archive within the hour."),
    ("T1204.002", "Several users clicked through the SmartScreen warning and started the program."),
]
MUST_NOT += [
    ("T1204.002", "Our staff opened the sample in a sandbox to watch what it did."),
    ("T1204.002", "Staff opened a ticket with the help desk the next morning."),
    ("T1204.002", "The analysts ran the installer in a virtual machine."),
]
MUST_NOT += [
    ("T1204.002", "When run in a sandbox, the sample exits at once."),
    ("T1204.002", "When opened in a text editor, the document shows only padding."),
    ("T1204.002", "When run, it encrypts every file on the mapped drives."),
]

# --- Credentials In Files: credential files taken, passwords read from the file they were saved in, a configuration
# file read for its keys; not the investigators' collection, not an implant reading its own settings
MUST += [
    ("T1552.001", "The second-stage tool copied credential files from the admin's profile."),
    ("T1552.001", "A small script decrypts the passwords saved in the remote-desktop manager's file."),
    ("T1552.001", "They read the shop's configuration file and the database password in it."),
]
MUST_NOT += [
    ("T1552.001", "Our responders collected the configuration files and the keys of the appliance for analysis."),
    ("T1552.001", "The malware reads its configuration file and connects to the server."),
]

# --- Web Protocols: what the implant sends to or polls from its server over HTTP(S); not a shop's page or a browser
# sending its users' data, not to a messenger or a cloud store
MUST += [
    ("T1071.001", "Every ten minutes it sent the results over HTTP to its command server."),
    ("T1071.001", "A separate component uploads the staged files over HTTPS to the relay server."),
    ("T1071.001", "Once it has the address from the dead drop, it polls it over HTTPS for new tasks."),
]
MUST_NOT += [
    ("T1071.001", "The checkout page sends the card data over HTTPS to the payment provider's server."),
    ("T1071.001", "The stealer posts the archive over HTTPS to a Telegram bot."),
]

# --- Unix Shell: a download piped into the shell
MUST += [
    ("T1059.004", "The first command fetched a script with wget and piped it straight into bash."),
]
MUST_NOT += [
    ("T1059.004", "The output of the scan is piped to a text file."),
]

# --- Masquerade Task or Service: a service, task or daemon named or described like a genuine component
MUST += [
    ("T1036.004", "The backdoor installs itself as a service, disguising its name as a Windows component."),
    ("T1036.004", "It ran as a Windows service called WinHlpSvc, a name copied from a genuine Windows component."),
    ("T1036.004", "Persistence is a LaunchDaemon with a label made to look like an Apple component."),
]
MUST_NOT += [
    ("T1036.004", "Scheduled tasks that look like Windows updates are common in enterprise software."),
    ("T1036.004", "The help desk renamed the service to match the vendor's naming scheme."),
]
