"""The indicator scanner: one compiled alternation over a section's text, and the checks that keep its
candidates honest (hash labels, IP and e-mail roles, negations, checksums of crypto-currency addresses)."""

from __future__ import annotations

import bisect
import hashlib
import re
from functools import lru_cache

from ..knowledge.regex_cache import compiled
from .line_starts import line_start as line_start_of

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_TOKEN_CHARS = r"A-Za-z0-9_\-~+$%"
# What ends a URL or a path: white space, markdown and table syntax, quotes.
_URL_BODY = r"[^\s<>\"'`|]+"

# The order of the alternatives settles overlaps: a URL is taken whole before the domain inside it, an e-mail
# before its domain, a Windows path before its file name, ssdeep before the IPv6 shape it resembles.
# Every alternative starts a token (no word character before it): checked once, it skips mid-word positions;
# and with a letter, digit or one of `_~+$%\[:-`: the look-ahead skips spaces and punctuation at once. A letter
# of the scripts written like Latin (Latin-1 and Extended, Greek, Cyrillic) before it is part of the same word:
# "\u0435vil-paypal.com" with a Cyrillic "\u0435" is a look-alike domain, not "vil-paypal.com" (CJK text runs
# into ASCII indicators with no space, and still starts one).
TOKEN_START = r"(?<![A-Za-z0-9_\u00c0-\u024f\u0370-\u03ff\u0400-\u052f])(?=[A-Za-z0-9_~+$%\\\[:-])"
# What every alternative needs, tested once per token instead of by each alternative in turn (a plain word
# such as "the" fails here, not in 17 alternatives): one of `.@:\/%[-` right after a run of word characters
# (and `~+$`), or 25 letters and digits in a row (hashes, TLSH, crypto-currency addresses), or "AS" (AS
# numbers), or "bc1" (bech32 addresses). A filter only: it keeps every position an alternative matches at
# (tests/extract/test_indicator_scanner.py), and halves the scan of a long report.
NEEDED = r"(?=[\w~+$]*+[.@:\\/%\[-]|[0-9A-Za-z]{25}|AS|bc1)"
SCANNER_FORMS = (
    r"(?:"
    rf"(?P<url>\b(?:https?|ftps?|sftp|wss?)://{_URL_BODY})"
    rf"|(?P<email>(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{{0,63}})@(?:{_LABEL}\.){{1,126}}[A-Za-z]{{2,63}}(?![A-Za-z0-9-]))"
    r"|(?P<regkey>\b(?:HKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|CURRENT_CONFIG)|HKLM|HKCU|HKCR|HKU|HKCC)"
    r"(?:\\{1,2}[^\\\n`*|\"<>]+?(?=\\)){0,64}\\{1,2}[^\\\s`*|\"<>]+)"
    r"|(?P<pipe>\\\\\.\\pipe\\[^\s`*|\"'<>]+)"
    r"|(?P<winpath>(?<![\w\\])(?:[A-Za-z]:|%\w+%)(?:\\[^\\\s`*|\"<>:?]+){0,128}\\[^\\\s`*|\"<>:?]*\.[A-Za-z0-9]{1,8}(?![\w\\]))"
    r"|(?P<cve>\b[Cc][Vv][Ee]-[0-9]{4}-[0-9]{4,7}\b)"
    r"|(?P<ssdeep>(?<![\w:/.])[0-9]{1,8}:[A-Za-z0-9/+]{3,}:[A-Za-z0-9/+]{3,}(?::[A-Za-z0-9/+.]+)?(?![\w:/+]))"
    r"|(?P<ipv6>(?<![\w:.\[])\[?(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:\](?::(?P<port6>[0-9]{1,5}))?)?"
    r"(?:/(?P<prefix6>[0-9]{1,3}))?(?![\w:]|\.\w))"
    rf"|(?P<bareurl>(?<![\w.@/\\-])(?:{_LABEL}\.){{1,126}}{_LABEL}(?::[0-9]{{1,5}})?/(?![0-9]{{1,3}}(?:[^\w/]|$)){_URL_BODY})"
    rf"|(?P<ipv4>(?<![\w.]){_IPV4}(?![\w]|\.[0-9]))(?:/(?P<cidr>3[0-2]|[12]?[0-9])(?![0-9]))?(?::(?P<port>[0-9]{{1,5}})(?![0-9]))?"
    r"|(?P<tlsh>\bT1[0-9A-F]{70}\b)"
    r"|(?P<hash>(?<![0-9A-Za-z])[0-9A-Fa-f]{32,128}(?![0-9A-Za-z]))"
    r"|(?P<xmr>(?<![0-9A-Za-z])4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}(?![0-9A-Za-z]))"
    r"|(?P<btc>(?<![0-9A-Za-z])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71})(?![0-9A-Za-z]))"
    r"|(?P<asn>\b(?:AS(?P<asn1>[0-9]{1,10})|ASN[ :]+(?P<asn2>[0-9]{1,10}))\b)"
    rf"|(?P<dotted>(?<![{_TOKEN_CHARS}.@])[{_TOKEN_CHARS}]++(?:\.[{_TOKEN_CHARS}]++)++)(?::(?P<dport>[0-9]{{1,5}})(?![0-9]))?"
    r")"
)
SCANNER = compiled(TOKEN_START + NEEDED + SCANNER_FORMS)

# Label-driven values: a user-agent, mutex or e-mail subject is only recognisable by what the text calls it.
# The label's first letter is matched by a case-sensitive class (every letter the case-insensitive one takes,
# "ſ" too): a pattern that opens with such a class is searched for that letter first, other positions never
# enter the alternation (a third less time on a long report). Each alternative then checks the letter it needs.
LABELLED = compiled(
    r"(?i)(?P<label>(?-i:[uUmMsSeE\u017f])(?:(?<=u)ser[- ]agent(?: string)?|(?<=m)utex(?:es)?|(?<=m)utant"
    r"|(?<=e)-?mail subject(?: line)?s?|(?<=s)ubject(?: line)?s?))"
    r"[^\"'`“\n]{0,30}?[\"'`“](?P<value>[^\"'`”\n]{3,400})[\"'`”]"
)
# An e-mail header or labelled bullet: "Subject: Mandatory VPN client update".
SUBJECT_LINE = compiled(r"(?im)^[ \t>*-]*(?:\*\*)?subject(?:\*\*)?:(?:\*\*)?[ \t]*(?P<value>[^\n\"“”]{3,200}?)[ \t]*$")
HASH_LABEL = compiled(
    r"(?i)(?<![a-z0-9])(md5|sha-?1|sha-?224|sha-?256|sha-?384|sha-?512|imphash|ja3s?|jarm|hasshserver|hassh"
    r"|authentihash|tlsh|ssdeep|thumbprint|fingerprint|certificate|x\.?509)(?![a-z0-9])"
)
_LABEL_TYPES = {
    "imphash": {32: "imphash"},
    "ja3": {32: "ja3-fingerprint-md5"},
    "ja3s": {32: "ja3-fingerprint-md5"},
    "jarm": {62: "jarm-fingerprint"},
    "hassh": {32: "hassh-md5"},
    "hasshserver": {32: "hasshserver-md5"},
    "authentihash": {64: "authentihash"},
}
_CERT_TYPES = {32: "x509-fingerprint-md5", 40: "x509-fingerprint-sha1", 64: "x509-fingerprint-sha256"}
HASH_LENGTHS = {32: "md5", 40: "sha1", 56: "sha224", 64: "sha256", 96: "sha384", 128: "sha512"}
FILE_HASH_TYPES = frozenset(
    {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "ssdeep", "imphash", "tlsh", "authentihash"}
)

# The word lists below open with a look-ahead for their words' first letters: the same matches, found about
# seven times faster (they are searched in the sentence of every indicator).
SOURCE_WORDS = compiled(
    r"(?i)(?=[sfeboliav])\b(?:source|src|from|egress|exit|scann\w*|brute[- ]?forc\w*|originat\w*|log-?ins?"
    r"|logons?|inbound|operator|attacker ip|vpn)\b"
)
# SOURCE_WORDS without "from", for a whole sentence about releases ("the firmware dates from 2021"): a "from" right
# before the number is read by PLACE_BEFORE.
SENTENCE_SOURCE_WORDS = compiled(
    r"(?i)(?=[seboliav])\b(?:source|src|egress|exit|scann\w*|brute[- ]?forc\w*|originat\w*|log-?ins?"
    r"|logons?|inbound|operator|attacker ip|vpn)\b"
)
DESTINATION_WORDS = compiled(
    r"(?i)(?=[cbsdpehlr])\b(?:c2|c&c|cnc|command|beacon\w*|callback|server|download\w*|payload|exfil\w*|staging|hosting|hosted"
    r"|destination|dst|listener|panel|relay|connects? to|contact\w*|resolv\w*)\b"
)
SENDER_WORDS = compiled(
    r"(?i)(?=[sfplcm])\b(?:sender|sent|from|spoof\w*|phish\w*|lures?|came|sending|mailbox(?:es)?)\b"
)
RECIPIENT_WORDS = compiled(r"(?i)(?=[rsed])\b(?:recipients?|sent to|exfiltrat\w+ to|drop address)\b")
# A sender or recipient written right before an address ("sent from", "From:", "recipient"): a real one.
ADDRESS_ROLE_BEFORE = compiled(
    r"(?i)\b(?:from|sender|sent by|spoof(?:ed|ing|s)?|reply-to|recipients?|to:|cc:)[\s:*_`\"'<(]*"
    r"(?:(?:e-?mail )?(?:address(?:es)?|account)[\s:*_`\"'<(]*)?$"
)
REPLY_WORDS = compiled(r"(?i)(?=[ra])\b(?:repl(?:y|ies)|reply-to|answers?)\b")
# A sentence saying its values are not indicators; "legitimate X" right before a value.
NEGATION = compiled(
    r"(?i)(?=[naiwf])\b(?:not (?:an? |the )?(?:indicators?|iocs?|ip addresses|malicious|attacker\S*|related)"
    r"|(?:is|are|was|were) benign|false positives?|no indicators?)\b"
)
# A sentence pointing the reader to a publication: its links are references, not indicators.
REFERENCE_WORDS = compiled(
    r"(?i)(?=[gabrsdplw])\b(?:guidance|advisory|advisories|blog|reports?|references?|sources?|documentation|docs|published"
    r"|publication|article|read more|learn more|see|details|available at|according to|write-?up|bulletin)\b"
)
# "the legitimate, signed AvastSvc.exe", "a trusted Microsoft binary, w3wp.exe": up to three words between;
# not a name in parentheses after them ("a renamed copy of the legitimate calculator (`IMG-3874.jpg.exe`)").
LEGITIMATE_BEFORE = compiled(
    r"(?i)\b(?:legitimate|benign|genuine|clean|original|trusted)[\s,]+(?:[\w-]+[\s,]+){0,3}[`*_\"']*$"
)
# "`AvastSvc.exe` is a legitimate signed file", "AvastSvc.exe, a legitimate program", "AvastSvc.exe (a legitimate
# component …)": the report says so after the name; not "x.exe (the genuine binary lives in System32)", a contrast.
LEGITIMATE_AFTER = compiled(
    r"(?i)[`*_\"')]{0,3}[ \t]*(?:(?:,[ \t]*|[ \t]+(?:is|are|was|were)[ \t]+)(?:(?:a|an|the)[ \t]+)?"
    r"|\([ \t]*(?:(?:a|an)[ \t]+)?)(?:legitimate|benign|genuine)\b"
)
# "a signed copy of vlc.exe", "the Microsoft-signed binary msdtc.exe": a vendor's signed program the actor abused
# (the name right after the noun). Not "signed its loader x.exe" (the actor signing its own file).
SIGNED_BEFORE = compiled(
    r"(?i)\b(?:a|an|the)\s+(?:(?:genuine|legitimate|clean|trusted|original),?\s+)?"
    r"(?:(?:legitimately|validly|digitally|properly)\s+)?(?:[\w]+-)?signed\s+"
    r"(?:[\w-]+\s+){0,2}?(?:copy|binary|executable|program|application|component|file|helper|tool|viewer|reader"
    r"|player|editor|client|utility)[\s,]+"
    r"(?:of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?)?[`*_\"'(]*$"
)
# "FoxitPDFReader.exe, a signed PDF viewer": a vendor's signed program, said after its name (a noun of a program
# within three words; "update.exe, signed with a stolen certificate" is the actor's file).
SIGNED_AFTER = compiled(
    r"(?i)^[`*_\"')]{0,3}[ \t]*(?:,|\()[ \t]*(?:a|an|the)[ \t]+(?:(?:legitimately|validly|digitally)[ \t]+)?"
    r"(?:[\w]+-)?signed[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:copy|binary|executable|program|application|component"
    r"|viewer|reader|player|editor|client|utility)\b"
)
# A file the actor made to look like a legitimate program: "a fake svchost.exe", "a trojanized 7z.exe", "the actor's
# lookalike of the Defender binary, named MsMpEng.exe", or its own kind of file ("the dropper svchost.exe").
MIMIC_BEFORE = compiled(
    r"(?i)(?:\b(?:fake|rogue|malicious|trojani[sz]ed|counterfeit|look-?alike|impostor|bogus|spoofed|backdoored"
    r"|weaponi[sz]ed)\b(?P<between>(?:[\s,]+[\w'’-]+){0,5}?)"
    r"|\b(?:dropper|loader|payload|malware|implant|backdoor|stager)(?:\s+(?:dll|exe|binary|file|module))?,?)"
    r"[\s,]+(?:named\s+|called\s+)?[`*_\"']*$"
)
# Words between such a cue and the name that make the name another file: "a malicious DLL loaded by the legitimate
# svchost.exe".
MIMIC_BROKEN = compiled(
    r"(?i)\b(?:legitimate|signed|genuine|benign|trusted|by|into|through|via|next|beside|and|with)\b"
)
# Where a side-loading host sits: after a word that hands it the work ("through FoxitPDFReader.exe", "abused
# vlc.exe", "the search order of Acrobat's AcroRd32.exe"), or as the subject of loading ("PhotoScape.exe loads",
# "bdreinit.exe, the side-loading host, which pulls in", "SumatraPDF.exe, abused to side-load"). Not "stage1.exe,
# drops a viewer and the DLL it side-loads" (the actor's own file does something else first).
HOST_BEFORE = compiled(
    r"(?i)\b(?:through|via|using|abus\w*|hijack\w*|of|by|starts?|started|launch\w*|runs?|executes?)\s+"
    r"(?:[\w'’-]+\s+){0,3}?[`*_\"']*$"
)
HOST_AFTER = compiled(
    r"(?i)^[`*_\"')]*(?:\s*,\s*(?:a|an|the)\s+[^,.;\n]{0,40},)?(?:\s*,?\s*(?:which|that))?\s*,?\s*"
    r"(?:is\s+|was\s+)?(?:then\s+)?(?:side-?load\w*|sideload\w*|loads|loaded|pulls in|picks up|abused)\b"
)
# A sentence calling a URL's site someone else's: "compromised WordPress sites", "a hacked shop", "legitimate sites".
COMPROMISED_SITE = compiled(r"(?i)\b(?:compromised|hacked|breached|hijacked|infected|legitimate)\b")
# A sentence about DLL side-loading or search-order hijacking: its bare .exe names are the vendors' hosts.
SIDELOAD_SENTENCE = compiled(
    r"(?i)\b(?:side-?load\w*|sideload\w*|search[- ]order|dll hijack\w*|hijack\w*|proxy dll)\b"
    r"|\b(?:loads|loaded|pulls in|picks up)\b[^.\n]{0,50}?\.dll\b"
)
# "Chrome/119.0.0.0" in a user-agent: a product's version after its slash, not an address.
PRODUCT_SLASH = compiled(r"[A-Za-z]/$")
# "a renamed copy of the legitimate calculator (`IMG-0042.jpg.exe`)": the name is the actor's disguise, an indicator.
DISGUISE_BEFORE = compiled(r"(?i)\b(?:renamed|copy\s+of|disguised|masquerading|posing\s+as)\b")
# Words before a dotted number that make it a version or a section number, not an address ("version 4.1.2.11",
# "FileVersion 6.1.0.2", "version=2.1.0.4", "runtime (4.8.4.0)").
VERSION_BEFORE = compiled(
    r"(?i)(?:(?<=[a-z])version|\b(?:version|ver\.?|v|build|release|firmware|runtime|revision|rev\.?|edition"
    r"|(?:update|upgrade|patch)(?:d|ed)?(?: to)?"
    r"|section|chapter|clause|paragraph|article|step|item|figure|table|rule|§|prior to|fixed in|patched in"
    r"|(?:older|newer|earlier|later|lower|higher)\s+than))"
    r"\s*[=:]?\s*[(\"'`]?$"
    # "the firmware was 4.2.6.210", "its build is 10.0.170.63": a version noun, then a linking verb.
    r"|(?i:\b(?:version|build|release|firmware|revision)\s+(?:was|is|were|are|reads|remained|stood at)\s*[(\"'`]?$)"
)
# "Upgrade OpenSSH to 9.3.1.2", "update the Helix agent to 3.1.5.0": a target version after a product's name, one
# of the words between capitalised ("After the update the implant connected to" is no upgrade).
UPGRADE_TO = compiled(
    r"\b(?i:update|upgrade|patch|move|migrate)\w*\s+(?P<product>(?:[\w.+&-]+\s+){0,3}?[A-Z][\w.+&-]*\s+(?:[\w.+&-]+\s+)?)"
    r"(?i:to)\s*$"
)
# A dotted number in a list of versions ("versions 4.1.2.9 and 4.1.2.11", "Affected releases: 4.1.2.9, …").
VERSION_LIST = compiled(
    r"(?i)\b(?:versions?|builds?|releases?|firmware)\s*:?\s+(?:[0-9][0-9.]*\s*(?:,|and|or|to|through|-)\s*){0,8}$"
)
# Words after a dotted number that make it a version: "4.1.2.11 and earlier", "9.18.3.56 or later", "the 9.16.4.38
# release".
VERSION_AFTER = compiled(
    r"(?i)^(?:\s*(?:and|or)\s+(?:earlier|later|above|below|newer|older|prior|before|higher|lower)\b"
    r"|[)\"'`]?\s+(?:release|build|update|version|patch)\b"
    # "9.1.4.23 closes it", "4.1.2.12 fixes the flaw": a release as the subject of a fix.
    r"|[)\"'`]?\s+(?:closes|fixes|patches|remediates)\b)"
)
# A product's name right before a dotted number ("FortiOS 7.2.4.1", "Zimbra Collaboration 8.8.15.1", "Notepad++
# (8.4.7.0)", '"Agent 3.4.2.1"'): a capitalised word or one with capitals inside, then only a space, a bracket or
# a quote. Read as a version only when the number has a version's shape (see `version_shaped`).
PRODUCT_BEFORE = compiled(r"(?<![\w.])(?P<name>[A-Za-z][\w.+&-]*[\w+])\s*[(\"'`]?\s*$")
# A sentence about releases: with no word of a network role in it, a number of a version's shape there is one
# ("the fix shipped in 11.2.0.9").
VERSION_SENTENCE = compiled(
    r"(?i)(?=[vbrpfuaim])\b(?:versions?|builds?|releases?|patch(?:ed|es)?|fix(?:ed|es)?|upgrade[ds]?|updated?"
    r"|running|installed|vulnerable|affect(?:ed|s)|firmware|maintenance)\b"
)
# Words of a network role besides SOURCE_WORDS and DESTINATION_WORDS: with one of them, a sentence about an
# update is about an address ("after the update the implant connected to 5.2.72.5").
NETWORK_WORDS = compiled(
    r"(?i)(?=[cirtaseohfpuds])\b(?:connect\w*|communicat\w*|reach\w*|talk\w*|traffic|ips?|ipv4|address(?:es)?"
    r"|c2|iocs?|indicators?|sends?|sent|requests?|resolv\w*|redirect\w*|host\w*|serv\w*|fetch\w*|pull\w*"
    r"|push\w*|upload\w*|forward\w*|tunnel\w*|proxied|scan\w*|ssh|rdp|https?|tcp|udp|ports?|domains?)\b"
)
# A heading over a list of versions: "Affected versions", "Fixed builds", "Affected products and versions".
VERSION_HEADING = compiled(
    r"(?i)^\W*(?:(?:affected|vulnerable|fixed|patched|supported|impacted)\s+)?(?:(?:products?|software)\s+(?:and|&)\s+)?"
    r"(?:versions?|builds?|releases?|firmware)\b"
)
# "upgraded from 3.1.0.2 to 3.1.0.9", "went from 3.1.0.2 to 3.1.0.9": the two ends of a change, read together (with
# a version's shape and a sentence about releases, both are versions; an address range keeps its network words).
FROM_TO_BEFORE = compiled(r"(?i)\bfrom\s+(?P<other>[0-9]{1,3}(?:\.[0-9]{1,3}){3})\s+to\s*$")
FROM_TO_AFTER = compiled(r"(?i)^\s+to\s+(?P<other>[0-9]{1,3}(?:\.[0-9]{1,3}){3})(?![\w.])")
FROM_BEFORE = compiled(r"(?i)\bfrom\s*$")
# A verb of changing versions right before the "from": "upgraded from", "was updated from".
CHANGE_FROM = compiled(r"(?i)\b(?:upgrad|updat|patch|migrat|downgrad)\w*\s+from\s+(?:[0-9.]+\s+to\s*)?$")
# A preposition of place right before a dotted number: "redirected to 5.8.10.41", "from 2.0.0.1" (an address).
PLACE_BEFORE = compiled(r"(?i)\b(?:to|at|via|from|on|towards?)\s*[(\"'`]?\s*$")
# The header of a table column holding versions ("Version", "Affected builds", "Fixed in").
VERSION_COLUMN = compiled(r"(?i)\b(?:versions?|builds?|releases?|firmware|fixed in|patched in|revision)\b")

# File names the scanner's tokens cannot hold whole: inside backticks or double quotes with a space, a non-ASCII
# letter or other punctuation ("`Invoice 2024 Q3.pdf.lnk`", "Договор.exe"; not a pattern with * or ?), and ransom
# notes marked with ! or # ("!!!HOW_TO_DECRYPT!!!.txt", "#README#.txt"), whose start is found by reading back from
# the mark.
QUOTED_FILE = compiled(r"[`\"“](?P<name>[^`\"“”\s<>|*?][^`\"“”\n<>|*?]{0,200}?\.(?P<ext>[A-Za-z0-9]{1,8}))[`\"”]")
MARKED_FILE = compiled(r"[!#][\w!#~+$%-]*\.(?P<ext>[A-Za-z0-9]{1,8})(?!\w|\.\w)")
# Words that make a quoted text a sentence, not a file's name ('"Please open the attached invoice.pdf"').
QUOTED_SENTENCE = compiled(r"(?i)\b(?:the|please|open|see|your|attached|is|are|was|click|download)\s|(?:\S+\s+){5}")
PLAIN_FILE_NAME = compiled(r"[A-Za-z0-9_~+$%.\\:-]+")
MARKED_NAME_CHARS = compiled(r"[\w!#~+$%-]*$")

SENTENCE_MAX = 400
SENTENCE_STEP = 100
# A sentence's end: [.!?;] before white space, or a line break. Written as one class first, so that it is
# searched for those characters only (the same matches as `[.!?;](?=\s)|\n`, in half the time).
SENTENCE_END = compiled(r"[.!?;\n](?:(?<=\n)|(?=\s))")

_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def version_shaped(value: str) -> bool:
    """Whether a dotted quad looks like a product version rather than an address: a small major number, small
    minor and patch numbers and any build number ("8.8.15.1", "9.16.4.38", "1.8.0.181"); about one address in
    fifty has that shape, so it only decides with a product's name or a sentence about releases."""
    first, second, third, _ = (int(part) for part in value.split("."))
    return first < 30 and second < 100 and third < 100


def product_before(text: str, address_nouns: frozenset[str]) -> bool:
    """A product's name right before a dotted number: "FortiOS 7.2.4.1", "Notepad++ (8.4.7.0)", "TransferPoint
    Gateway 11.2.0.6"; not a word that announces an address alone ("C2 45.9.148.114", "Server 5.2.7.1")."""
    match = PRODUCT_BEFORE.search(text)
    if not match:
        return False
    name = match.group("name")
    if not (name[0].isupper() or any(c.isupper() for c in name[1:])):
        return False
    if name.lower() not in address_nouns:
        return True
    # An address noun as the last word of a product's name ("TransferPoint Gateway"), not after another one.
    previous = PRODUCT_BEFORE.search(text[: match.start()])
    name = previous.group("name") if previous else ""
    return name[:1].isupper() and name.lower() not in address_nouns


# The length each plain hash label promises.
_LABEL_LENGTHS = {"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}


def shorter_than_label(length: int, before: str) -> bool:
    """The label closest before a hex string on its line promises a longer hash ("SHA-256 ff45...722d" of 56 digits,
    "MD5" and 31 digits would never reach here): the string is a hash cut short (a wrapped table cell, a truncated
    quote), no hash of its length's type."""
    labels = [m.group(1).lower().replace("-", "") for m in HASH_LABEL.finditer(before)]
    return bool(labels) and _LABEL_LENGTHS.get(labels[-1], 0) > length


def hash_type(length: int, before: str, after: str) -> str | None:
    """The MISP type of a hex string: the label closest before it (else the first after it) decides between
    types of the same length (imphash, JA3, JARM, certificate fingerprints); otherwise its length does."""
    for context, pick in ((before, -1), (after, 0)):
        labels = [m.group(1).lower().replace("-", "").replace(".", "") for m in HASH_LABEL.finditer(context)]
        if not labels:
            continue
        label = labels[pick]
        if label in _LABEL_TYPES:
            return _LABEL_TYPES[label].get(length) or HASH_LENGTHS.get(length)
        if label in ("thumbprint", "fingerprint", "certificate", "x509") or any(
            word in ("thumbprint", "certificate", "x509") for word in labels
        ):
            return _CERT_TYPES.get(length) or HASH_LENGTHS.get(length)
        return HASH_LENGTHS.get(length)
    return HASH_LENGTHS.get(length)


def valid_btc(value: str) -> bool:
    """Base58Check (legacy P2PKH/P2SH) or bech32/bech32m (segwit) checksum of a bitcoin address."""
    if value.lower().startswith("bc1"):
        return _valid_bech32(value.lower())
    number = 0
    for char in value:
        number = number * 58 + _BASE58.index(char)
    leading = len(value) - len(value.lstrip("1"))
    raw = b"\0" * leading + number.to_bytes((number.bit_length() + 7) // 8, "big")
    if len(raw) != 25:
        return False
    return hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()[:4] == raw[-4:]


def _valid_bech32(value: str) -> bool:
    data = [_BECH32.index(c) for c in value[3:]]
    checksum = 1
    generators = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    for item in [3, 3, 0, 2, 3, *data]:  # "bc" expanded: high bits (3, 3), separator 0, low bits (2, 3)
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ item
        for i, generator in enumerate(generators):
            checksum ^= generator if (top >> i) & 1 else 0
    return checksum in (1, 0x2BC830A3)


_OPENERS = {")": "(", "]": "[", "}": "{"}


def trim_url(url: str) -> str:
    """A URL without the punctuation and markdown that follow it in prose, keeping balanced brackets.

    The bracket counts are taken once and updated as characters are cut: a URL followed by a million `)`
    costs a million steps, not a million counts of the whole URL."""
    counts = {char: url.count(char) for char in "()[]{}"}
    end = len(url)
    while end:
        last = url[end - 1]
        unbalanced = last in _OPENERS and counts[last] > counts[_OPENERS[last]]
        if last in ".,;:!?'\"*_>" or unbalanced:
            end -= 1
            if last in counts:
                counts[last] -= 1
        else:
            break
    return url[:end]


_TABLE_BLOCK = compiled(r"(?m)^[ \t]*\|.*(?:\n[ \t]*\|.*)*")


@lru_cache(maxsize=8)
def _table_blocks(text: str) -> tuple[list[int], list[tuple[int, list[str]]]]:
    """The markdown tables of a text: their start offsets, and (end, header cells) of each."""
    starts, blocks = [], []
    for match in _TABLE_BLOCK.finditer(text):
        header = match.group().split("\n", 1)[0].strip().strip("|")
        starts.append(match.start())
        blocks.append((match.end(), [cell.strip() for cell in header.split("|")]))
    return starts, blocks


def column_header(text: str, position: int) -> str | None:
    """The header of the markdown table column holding text[position], or None outside a table's body."""
    starts, blocks = _table_blocks(text)
    at = bisect.bisect_right(starts, position) - 1
    if at < 0 or position >= blocks[at][0]:
        return None
    line_start = line_start_of(text, position)
    if line_start <= starts[at]:
        return None  # the header row itself
    column = text.count("|", line_start, position) - 1
    cells = blocks[at][1]
    return cells[column] if 0 <= column < len(cells) else None


_PROSE_END = compiled(r"[.!?;](?=\s)|\n[ \t]*(?:\n|[|>*#-])")


def prose_sentence(text: str, start: int, end: int, reach: int = 240) -> str:
    """The sentence around text[start:end] across the line breaks of hard-wrapped prose (a blank line, a table
    row or a list item still ends it), within `reach` characters either side."""
    left = text[max(0, start - reach) : start]
    cuts = [m.end() for m in _PROSE_END.finditer(left)]
    right = text[end : end + reach]
    stop = _PROSE_END.search(right)
    return left[cuts[-1] if cuts else 0 :] + text[start:end] + right[: stop.start() if stop else len(right)]


@lru_cache(maxsize=8)
def _sentence_marks(text: str) -> tuple[list[int], list[int]]:
    """Where the sentences of a text end: (start, end) of every boundary, computed once per text."""
    marks = [(m.start(), m.end()) for m in SENTENCE_END.finditer(text)]
    return [start for start, _ in marks], [end for _, end in marks]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence (or table row / list item) around text[start:end]."""
    starts, ends = _sentence_marks(text)
    before = bisect.bisect_right(ends, start) - 1
    after = bisect.bisect_left(starts, end)
    head = ends[before] if before >= 0 else 0
    tail = starts[after] if after < len(starts) else len(text)
    # A text without punctuation (a flattened page) is not one sentence: context stays local. The cut falls on a
    # grid of SENTENCE_STEP, so that neighbouring values share their context and its reading (cached below).
    if start - head > SENTENCE_MAX:
        head = max(head, (start - SENTENCE_MAX) // SENTENCE_STEP * SENTENCE_STEP)
    if tail - end > SENTENCE_MAX:
        tail = min(tail, (end + SENTENCE_MAX) // SENTENCE_STEP * SENTENCE_STEP + SENTENCE_STEP)
    return head, tail


_DOTTED_TOKEN = compiled(r"[^\s()<>\[\]|\"',;/]+\.[^\s()<>\[\]|\"',;/]*[^\s()<>\[\]|\"',;.:/](?![^\s()<>\[\]]*/)")


@lru_cache(maxsize=1024)
def sentence_cues(sentence: str) -> tuple[bool, bool]:
    """(cites a publication, says its values are no indicators): read once per sentence, markup ignored."""
    # Host and file names are left out ("antenna-docs-share.com" cites nothing); a URL's path is kept ("/blog/").
    plain = _DOTTED_TOKEN.sub(" ", re.sub(r"[*_`]", "", sentence))
    return bool(REFERENCE_WORDS.search(plain)), bool(NEGATION.search(plain))


@lru_cache(maxsize=1024)
def names_a_source(sentence: str) -> bool:
    """Whether the words of a sentence make its addresses sources (scanning, log-ins) rather than destinations."""
    return bool(SOURCE_WORDS.search(sentence)) and not DESTINATION_WORDS.search(sentence)
