"""Cue sentences of the fourth round of issue 12 (techniques said in prose, measured on real vendor text): the
terse ways short vendor pages say a behaviour. Incident timelines written as notes ("Scheduled task upd.exe
created."), malware encyclopedia entries ("adds itself to the autostart entries through the registry"), news
rewrites of vendor blogs, advisories on adversary-in-the-middle phishing, stealers for macOS and phone banking
trojans. Each technique's near misses sit beside it: the same words said of a defender, a product, an
administrator's routine, a legitimate program or another object. All sentences are our own."""

MUST = [
    # --- incident notes: tasks, services, sessions, logs
    ("T1053.005", "Forensics showed scheduled tasks and new services being created by the intruder on six servers."),
    ("T1053.005", "Scheduled task update_check.exe created on the backup host at 02:14."),
    ("T1053.005", 'Scheduled task "OneDrive Sync" was registered under the SYSTEM account that night.'),
    ("T1543.003", "On the file server a service svc_host64 was installed at 03:10 by the compromised account."),
    ("T1543.003", "We found two services being created by the operators to relaunch the beacon."),
    ("T1569.002", "The PSEXESVC service appeared on each workstation the crew touched."),
    ("T1021.001", "RDP session logged on as the local administrator from the VPN pool."),
    ("T1021.001", "A second RDP logon from the same jump host followed twenty minutes later."),
    ("T1070.001", "Security and system logs cleared on both domain controllers."),
    ("T1070.001", "The application logs were wiped before the encryption started."),
    ("T1486", "By Monday morning most servers of the clinic were encrypted and showed the note."),
    ("T1486", "The affiliate encrypted 312 virtual machines in under an hour."),
    # --- malware encyclopedia entries
    ("T1547.001", "It then adds a value to the registry so that it runs at every system startup."),
    ("T1547.001", "The dropper writes itself to the autostart entries through the registry."),
    ("T1056.001", "The trojan also works as a keyboard recorder and writes what it captures to a hidden file."),
    ("T1056.001", "Every hour it uploads the victim's key records to its server."),
    ("T1082", "On first run the spyware gathers basic information about the infected machine."),
    ("T1082", "The loader collects details on the compromised host before asking for the next stage."),
    ("T1048.003", "The stolen documents are then uploaded into an FTP location the authors rent."),
    ("T1048.003", "Each log file is sent to a remote FTP folder once a day."),
    ("T1189", "Most infections happened when users were browsing to compromised news sites."),
    ("T1189", "The backdoor reaches machines when visiting a hacked forum page."),
    # --- stealers and their channels
    ("T1102", "The stealer relies on a Discord server as its command-and-control channel."),
    ("T1102", "Orders reach the implant through a Telegram group used as their C2."),
    ("T1217", "Before exfiltration it copies the browsing history of Chrome and Edge."),
    ("T1217", "The module enumerates the bookmarks and browser history of every profile."),
    ("T1115", "Whenever a wallet address is copied, the clipper swaps it for one of its own in the clipboard."),
    ("T1555", "The stealer harvests saved passwords from FileZilla, WinSCP and Thunderbird."),
    ("T1555.001", "The tool goes after documents, browser data and the user's iCloud keychain."),
    ("T1056.002", "It harvests the login password through a fake system prompt that copies the look of macOS."),
    ("T1056.002", "The installer displays a password dialog that is then used to unlock the victim's keychain."),
    ("T1553.002", "The operators used stolen developer IDs to sign their disk images."),
    ("T1553.002", "They signed the installers with a valid but since revoked Apple certificate."),
    # --- lures
    (
        "T1566.003",
        "The fake game was promoted on Twitter and Discord, and the download codes were sent in direct messages.",
    ),
    ("T1566.004", "A call centre agent talked each caller into downloading a remote access tool."),
    ("T1566.004", "This callback phishing wave targeted subscription customers in Germany."),
    ("T1204.002", "Victims were tricked into downloading a trojanised copy of the meeting app."),
    ("T1204.002", "The spreadsheet, when opened, runs the hidden loader in the background."),
    ("T1204.002", "The caller then walked the victim through enabling the macros."),
    ("T1059.005", "Opening the document asks the reader to enable the embedded macros."),
    # --- adversary-in-the-middle and what follows
    ("T1550.004", "With the stolen session cookie the operator got straight into the mailbox."),
    ("T1550.004", "They held a session cookie which they could use to log in as the clerk."),
    ("T1539", "After the relay the attackers have a valid session cookie for the account."),
    ("T1114", "Then they accessed the victim's mailbox from a hosting provider in the Netherlands."),
    ("T1114", "The intruders searched the user's email inbox for unpaid invoices."),
    ("T1657", "The crew used the hijacked account for invoice fraud against three suppliers."),
    ("T1657", "With the mailbox in hand they ran a second wave of payment fraud."),
    ("T1586.002", "The gang uses accounts it obtained in earlier breaches to send its phishing."),
    # --- network devices
    ("T1190", "The actor exploits flaws in the management plane of edge routers."),
    ("T1190", "They exploited a vulnerability in the firmware of several SOHO routers."),
    ("T1572", "Once on the router they built covert tunnels to a server abroad."),
    ("T1556.004", "The modified router image grants the operators access through a backdoor password."),
    # --- phone banking trojans
    ("T1626.001", "After install the Android app asks the user to grant it administrator rights."),
    ("T1628.001", "On Android the dropper then disappears from the home screen."),
    ("T1426", "The Android bot sends information about the infected phone to its server."),
]

MUST_NOT = [
    # --- incident notes: tasks, services, sessions, logs
    ("T1053.005", "The scheduled task created by the updater of the browser checks for new versions."),
    ("T1543.003", "Cloud services are created by the platform team through a self-service portal."),
    ("T1569.002", "A service named after the backup product ran on each workstation."),
    ("T1021.001", "RDP is disabled on the kiosks of the branch offices."),
    ("T1070.001", "Audit logs regularly and alert when they are cleared."),
    ("T1486", "All laptops are encrypted with BitLocker before they leave the depot."),
    # --- malware encyclopedia entries
    ("T1547.001", "The registry holds the settings that Windows reads at startup."),
    ("T1056.001", "The laptop ships with a backlit keyboard and a fingerprint reader."),
    ("T1082", "The helpdesk collects information about the affected user before opening a ticket."),
    ("T1048.003", "The printer sends scanned pages to a shared folder."),
    ("T1189", "Staff should avoid visiting untrusted websites."),
    # --- stealers and their channels
    ("T1102", "Our support team answers questions on a Discord server."),
    ("T1217", "Clearing the browser history does not remove cookies."),
    ("T1115", "The password manager clears the clipboard after thirty seconds."),
    ("T1555", "Thunderbird stores passwords in a profile folder."),
    ("T1555.001", "The keychain access prompt appears when an app asks for a stored secret."),
    ("T1056.002", "macOS asks for the password when an installer needs admin rights."),
    ("T1553.002", "Apple revoked the certificate a week later."),
    # --- lures
    ("T1566.003", "The brand posted on social media that it never asks for passwords in direct messages."),
    ("T1566.004", "The bank's call centre was closed over the holidays."),
    ("T1204.002", "Our guide tells users how to download the client."),
    ("T1059.005", "Macros are disabled for documents from the internet."),
    # --- adversary-in-the-middle and what follows
    ("T1550.004", "The browser keeps the session cookie until the user signs out."),
    ("T1539", "The session cookie expires after twelve hours."),
    ("T1114", "Users can access their mailbox from any browser."),
    ("T1657", "Invoice fraud cost companies billions last year, according to the survey."),
    ("T1586.002", "The team uses accounts from the staging tenant to send test newsletters."),
    # --- network devices
    ("T1190", "The vendor fixed a flaw in the router's web interface in version 3.2."),
    ("T1572", "The company built encrypted tunnels between its branch offices."),
    ("T1556.004", "The router asks for the admin password on every login."),
    # --- phone banking trojans
    ("T1626.001", "Android apps from the store need the user's consent for each permission."),
    ("T1628.001", "On Android, a long press removes a shortcut from the home screen."),
    ("T1426", "The Android settings show information about the phone's battery."),
]
