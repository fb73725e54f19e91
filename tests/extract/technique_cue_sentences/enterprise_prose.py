"""Cue sentences of the enterprise techniques that intrusion, ransomware and espionage write-ups describe in their
own words without a technique's name (issue 12, second round): a backdoor's command list, host facts in a list,
credentials read from configuration backups, a hijacked session, a payload loaded in memory, a registry policy,
documents of the host by kind, a share searched, loot sent to the server, the ransom demanded, a flaw in a mail
server, and lures posing as an organisation's notice. MUST_NOT holds near misses of the same words: the defender's
work, a product's feature, another object of the same verb."""

MUST = [
    # discovery
    ("T1083", "Its command set is small: open a shell, list directories, read and write files."),
    ("T1083", "The operators browsed the file system of the engineering workstation for an hour."),
    ("T1033", "The first beacon carries the host name, the OS version and the user name."),
    ("T1033", "The request path embeds the machine and user name of the victim."),
    ("T1018", "A PowerShell one-liner exported domain users, groups and computers to a CSV file."),
    ("T1047", "The loader queries WMI for the model of the machine before it goes on."),
    # credential access
    ("T1552.001", "Passwords for the backup appliance were recovered from a configuration backup on the NAS."),
    ("T1552.001", "They read configuration files that stored database passwords in clear text."),
    ("T1550.004", "Within the hour the crew used the stolen browser sessions to enter the payroll portal."),
    ("T1550.004", "The session cookies let the operators bypass multi-factor authentication entirely."),
    # defence evasion
    ("T1620", "The stager downloads the implant and runs it in memory without writing it to disk."),
    ("T1620", "The DLL decrypts the next stage and loads it into memory."),
    ("T1112", "The script set a registry policy that hides the Task Manager from users."),
    ("T1112", "The backdoor keeps its encrypted configuration in the registry."),
    # collection
    ("T1005", "The plugin steals confidential documents and packs them for upload."),
    ("T1005", "It copies files with extensions such as .docx and .xlsx from the infected machine to a temp folder."),
    ("T1005", "The module grabs browser data and documents from the user's desktop."),
    ("T1005", "One plugin copies the chat databases of desktop messengers."),
    ("T1039", "On the finance file server they collected payroll exports over two nights."),
    # exfiltration
    ("T1041", "The stealer grabs the saved FTP logins and sends them to its server in one HTTP POST."),
    ("T1041", "Command 7 takes a picture of the screen and sends it as a PNG."),
    # impact
    ("T1657", "The ransom demand was 400,000 dollars, payable within a week."),
    ("T1657", "The note demanded a payment in Monero within 72 hours."),
    ("T1657", "Both intrusions ended in extortion demands sent to the board."),
    ("T1657", "Their aim was to redirect a wire transfer to an account they controlled."),
    # initial access
    ("T1190", "The group exploited a deserialisation flaw in the ActiveMQ broker to get in."),
    ("T1190", "Access came from the exploitation of an injection bug in the company's web server."),
    ("T1656", "The e-mails impersonated a tender notice from the ministry of transport."),
    ("T1656", "The lure documents pretended to be invitations from a defence attaché."),
]

MUST_NOT = [
    ("T1083", "The forensic image shows directories created on the day of the intrusion."),
    ("T1083", "Its installer asks the user which folder to use."),
    ("T1033", "The report lists the computer name of each affected host."),
    ("T1018", "The domain has 4,000 users and 1,200 computers."),
    ("T1047", "WMI is a management framework built into Windows."),
    ("T1552.001", "The configuration file holds the C2 address and a campaign ID."),
    ("T1552.001", "Passwords are no longer written to the configuration backup since version 7."),
    ("T1550.004", "Hijacked sessions are a growing problem for online shops."),
    ("T1550.004", "The session cookies expire after twelve hours on that platform."),
    ("T1620", "The loader decrypts the payload and writes it to disk."),
    ("T1620", "Memory forensics found the injected code two days later."),
    ("T1112", "The loader adds a Run key value so that it starts at logon."),
    ("T1112", "Group Policy settings are stored in the registry of each client."),
    ("T1005", "The crew took confidential documents from the SharePoint site of the legal team."),
    ("T1005", "The attackers downloaded documents from the shared drive."),
    ("T1039", "On the file server they ran Mimikatz against LSASS."),
    ("T1039", "On the file share they searched for passwords in scripts."),
    ("T1041", "The stealer collects the user name and computer name and sends them to its server in an HTTP POST."),
    ("T1041", "Take the screenshot and send it to our support team."),
    ("T1657", "A ransom note was left on every desktop."),
    ("T1657", "The transfer of the zone files took an hour."),
    ("T1190", "A flaw in the Windows print spooler gave them SYSTEM."),
    ("T1190", "The ActiveMQ broker was patched in November."),
    ("T1656", "The documents described a tender from the ministry of transport."),
    ("T1656", "The victims received e-mails about a tender notice and opened the attachment."),
]
