"""Indicators → MISP attributes: refang, scan each section once, classify, and set to_ids from the section,
MISP's type defaults, the report's own words ("not an indicator") and the MISP warninglists."""

from __future__ import annotations

import bisect
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from ..budget import check_time, count_indicator
from ..knowledge.files import (
    ADDRESS_NOUNS,
    CONTACT_INSTRUCTION,
    CONTACT_PHRASES,
    DEFENDER_WORDS,
    DOCUMENT_EXTS,
    FILE_EXTS,
    LEGITIMATE_PROGRAMS,
    MADE_FILE,
    SHARED_SERVICES,
    SOUGHT_GAP,
    SOUGHT_VERB,
    SYSTEM_FILES,
)
from ..knowledge.types import default_to_ids
from ..knowledge.warninglists import WarningIndex, warninglists
from ..read.report import Report, Section
from ..settings import Settings
from .findings import AttributeFinding, Findings
from .indicator_patterns import (
    ADDRESS_ROLE_BEFORE,
    CHANGE_FROM,
    COMPROMISED_SITE,
    DESTINATION_WORDS,
    DISGUISE_BEFORE,
    FILE_HASH_TYPES,
    FROM_BEFORE,
    FROM_TO_AFTER,
    FROM_TO_BEFORE,
    HOST_AFTER,
    HOST_BEFORE,
    LABELLED,
    LEGITIMATE_AFTER,
    LEGITIMATE_BEFORE,
    MARKED_FILE,
    MARKED_NAME_CHARS,
    MIMIC_BEFORE,
    MIMIC_BROKEN,
    NETWORK_WORDS,
    PLACE_BEFORE,
    PLAIN_FILE_NAME,
    PRODUCT_SLASH,
    QUOTED_FILE,
    QUOTED_SENTENCE,
    RECIPIENT_WORDS,
    REPLY_WORDS,
    SCANNER,
    SENDER_WORDS,
    SENTENCE_MAX,
    SENTENCE_SOURCE_WORDS,
    SIDELOAD_SENTENCE,
    SIGNED_AFTER,
    SIGNED_BEFORE,
    SOURCE_WORDS,
    SUBJECT_LINE,
    UPGRADE_TO,
    VERSION_AFTER,
    VERSION_BEFORE,
    VERSION_COLUMN,
    VERSION_HEADING,
    VERSION_LIST,
    VERSION_SENTENCE,
    column_header,
    hash_type,
    names_a_source,
    product_before,
    prose_sentence,
    sentence_bounds,
    sentence_cues,
    trim_url,
    valid_btc,
    version_shaped,
)
from .refang import refang_with_marks

# Sections whose values describe the attack (for types MISP leaves out of IDS by default, such as AS numbers
# and user-agents, an explicit mention there is an indicator); Targeting values belong to the victims.
IOC_ROLES = frozenset({"tools", "activity", "ttps", "body", "preamble", "summary"})
CONTEXT_IDS_TYPES = frozenset({"AS", "user-agent", "named pipe", "email-reply-to", "email-subject"})
VICTIM_ROLES = frozenset({"targeting"})
CONTACT_NOTE = "contact address (the sentence gives it as a contact)"
# The notes `_file` gives a known program's name (dropped again when the name is the actor's lookalike).
KNOWN_FILE_NOTES = ("well-known system file", "legitimate program")
PLAIN_MENTION_TYPES = frozenset({"domain", "hostname", "hostname|port", "url"})
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
_ONION = re.compile(r"^(?:[a-z2-7]{16}|[a-z2-7]{56})$")
_DNS_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_PRODUCT_JS = re.compile(r"^[A-Z][a-z]+\.js$")
# The alternative a match took, from the group that closed last (a port or CIDR group follows its address).
_INNER_GROUPS = {"port6": "ipv6", "prefix6": "ipv6", "cidr": "ipv4", "port": "ipv4", "asn1": "asn", "asn2": "asn"}
_KIND_OF_GROUP = {
    number: _INNER_GROUPS.get(name, "dotted" if name == "dport" else name)
    for name, number in SCANNER.groupindex.items()
}


@dataclass
class Hit:
    """One indicator found in a section's (refanged) text, with the reasons it is not an IDS value."""

    type: str
    value: str
    start: int
    end: int
    defanged: bool = False
    notes: list[str] = field(default_factory=list)
    not_ids: bool = False
    in_reference: bool = False
    quoted: bool = False


def indicator_findings(report: Report, settings: Settings) -> Findings:
    """Every indicator of the report as an attribute finding (duplicates are merged by the build stage)."""
    index = warninglists()
    found = [(section, section_hits(section.text, index, section.heading or "")) for section in report.sections]
    own_domain = _site_domain(report.source_url, index)
    # Defanging is the analyst's own mark of an indicator: in a report that defangs its network values, a
    # host name or URL written plainly in prose is a mention (a service, a vendor page), not an indicator.
    defangs = any(hit.defanged and hit.type in PLAIN_MENTION_TYPES for _, hits in found for hit in hits)
    findings = Findings()
    paired: set[str] = set()
    for section, hits in found:
        for hit in hits:
            own = own_domain and hit.type.startswith("email") and _within(hit.value.rpartition("@")[2], own_domain)
            if own and CONTACT_NOTE not in hit.notes:
                hit.not_ids = True
                hit.notes.append("contact address (the domain of the report's own source)")
            if defangs and hit.type in PLAIN_MENTION_TYPES and not hit.defanged and not hit.quoted:
                hit.not_ids = True
                hit.notes.append("written plainly in a report that defangs its indicators")
            finding = _finding(hit, section, index, settings.warninglist_mode)
            if finding is not None:
                findings.attributes.append(finding)
                if finding.type.startswith("filename|"):
                    paired.add(finding.value.split("|")[0])
    # A file name given with its hash lives in the composite attribute; its bare mentions add nothing.
    findings.attributes = [a for a in findings.attributes if not (a.type == "filename" and a.value in paired)]
    return findings


_QUAD = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$")
_MD_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+(.*)$")


def _drop_listed_versions(hits: list[Hit], text: str, heading: str) -> list[Hit]:
    """Without the plain dotted quads of a version's shape under a heading of versions ("## Affected versions",
    then "- 4.1.2.11"): the section's own heading, or the last markdown heading inside its text before them."""
    candidates = [
        hit
        for hit in hits
        if hit.type in ("ip-dst", "ip-src") and not hit.defanged
        if _QUAD.match(hit.value) and version_shaped(hit.value)
    ]
    if not candidates:
        return hits
    inner = [(m.start(), m.group(1)) for m in _MD_HEADING.finditer(text)]
    starts = [start for start, _ in inner]
    dropped = set()
    for hit in candidates:
        at = bisect.bisect_right(starts, hit.start) - 1
        if VERSION_HEADING.search(inner[at][1] if at >= 0 else heading):
            dropped.add(id(hit))
    return [h for h in hits if id(h) not in dropped] if dropped else hits


def section_hits(text: str, index: WarningIndex, heading: str = "") -> list[Hit]:
    """The indicators of one section, in text order, with file names paired with their hashes per line."""
    refanged, marks = refang_with_marks(text)
    hits = _drop_listed_versions(list(_scan(refanged, marks, index)), refanged, heading)
    odd = sorted(_odd_file_names(refanged), key=lambda hit: hit.start)
    if odd:
        # The whole name replaces the pieces the scanner read inside it ("Q3.pdf.lnk" of "Invoice 2024 Q3.pdf.lnk").
        starts, ends = [hit.start for hit in odd], [hit.end for hit in odd]
        hits = [h for h in hits if not _inside(h.start, starts, ends)] + odd
    hits += _url_hosts(hits, refanged, index)
    for hit in _labelled(refanged):
        count_indicator()
        hits.append(hit)
    hits.sort(key=lambda h: h.start)
    fences = [m.start() for m in _FENCE.finditer(refanged)]
    for hit in hits:
        check_time()
        _judge_context(hit, refanged)
        # Inside a fenced code block (an odd number of fences before it): quoted evidence, left as it was.
        hit.quoted = bisect.bisect_left(fences, hit.start) % 2 == 1
        if hit.type.startswith("email") and _contact(hit, refanged):
            hit.not_ids = True
            hit.notes.append(CONTACT_NOTE)
    return _pair_files(hits, refanged)


def _inside(position: int, starts: list[int], ends: list[int]) -> bool:
    """Whether a position falls inside one of the spans, given in text order and not overlapping."""
    at = bisect.bisect_right(starts, position) - 1
    return at >= 0 and position < ends[at]


def _url_hosts(hits: list[Hit], text: str, index: WarningIndex) -> list[Hit]:
    """The host name of each defanged URL, once per host: analysts defang the actor's URLs, and their hosts are the
    actor's domains, which MISP correlates and exports on their own. A host on a MISP warninglist (a
    file-sharing service, a hosting provider, a popular site), or one whose URL's sentence calls the site
    compromised, keeps to_ids off: there only the URL is the actor's."""
    hosts: dict[str, Hit | None] = {}
    for hit in hits:
        if hit.type != "url" or not hit.defanged:
            continue
        try:
            host = urlsplit(hit.value if "://" in hit.value else f"http://{hit.value}").hostname or ""
        except ValueError:
            continue
        if host not in hosts:
            hosts[host] = _url_host(host, hit, text, index)
        derived = hosts[host]
        if derived is None or derived.not_ids:
            continue
        head, tail = sentence_bounds(text, hit.start, hit.end)
        if COMPROMISED_SITE.search(text, head, tail):
            # "a compromised WordPress site": the host is a victim's, it serves its own pages too.
            derived.not_ids = True
            derived.notes.append("the sentence calls the site compromised: the URL is the indicator")
    return [hit for hit in hosts.values() if hit is not None]


def _url_host(host: str, url: Hit, text: str, index: WarningIndex) -> Hit | None:
    """A URL's host as a domain or host-name hit at the URL's place, to_ids off on a warninglist or shared service."""
    derived = _dotted(host, url.start, text, index, True, None) if host and not host[-1].isdigit() else None
    if derived is None or derived.type not in ("domain", "hostname"):
        return None
    derived.end, derived.defanged = url.end, True
    derived.notes.append("host of a defanged URL")
    exact, parents = index.lookup(derived.type, derived.value)
    labels = derived.value.split(".")
    if exact or parents or any(".".join(labels[i:]) in SHARED_SERVICES for i in range(len(labels) - 1)):
        # A shared service's host (file sharing, hosting, a popular site): only the URL is the actor's.
        derived.not_ids = True
        derived.notes.append("a shared service (MISP warninglist or file sharing): the URL is the indicator")
    return derived


def _odd_file_names(text: str) -> Iterator[Hit]:
    """File names with characters the scanner's tokens leave out: quoted with spaces or non-ASCII letters
    ("`Invoice 2024 Q3.pdf.lnk`"), or marked with ! or # as ransom notes are ("!!!HOW_TO_DECRYPT!!!.txt")."""
    quoted: list[int] = []
    quoted_ends: list[int] = []
    for match in QUOTED_FILE.finditer(text) if "`" in text or '"' in text or "“" in text else ():
        name = match.group("name")
        if (
            match.group("ext").lower() in FILE_EXTS
            and not PLAIN_FILE_NAME.fullmatch(name)
            and "://" not in name
            and not QUOTED_SENTENCE.search(name)
        ):
            hit = _file(name, match.start("name"))
            if hit is not None:
                quoted.append(match.start())
                quoted_ends.append(match.end())
                count_indicator()
                yield hit
    taken = -1
    for match in _marked_files(text):
        if match.start() < taken or match.group("ext").lower() not in FILE_EXTS:
            continue
        if _inside(match.start(), quoted, quoted_ends):
            continue
        start = match.start() - len(MARKED_NAME_CHARS.search(text, max(0, match.start() - 120), match.start()).group())
        if start > 0 and not (text[start - 1].isspace() or text[start - 1] in "([>'\"“*_"):
            continue
        hit = _file(text[start : match.end()], start)
        if hit is not None:
            taken = match.end()
            count_indicator()
            yield hit


def _marked_files(text: str) -> Iterator[re.Match[str]]:
    """MARKED_FILE's matches, tried only where a ! or # is (found by str.find: a pattern opening with a character
    class is tried at every position of the text)."""
    positions = []
    for mark in "!#":
        at = text.find(mark)
        while at >= 0:
            positions.append(at)
            at = text.find(mark, at + 1)
    end = -1
    for at in sorted(positions):
        if at < end:
            continue
        match = MARKED_FILE.match(text, at)
        if match:
            end = match.end()
            yield match


def _contact(hit: Hit, text: str) -> bool:
    """An address the sentence gives as a contact ("Contact us at", "Report incidents to"), unless the words
    right before it make it a sender or recipient ("sent from", "From:")."""
    head, tail = sentence_bounds(text, hit.start, hit.end)
    if ADDRESS_ROLE_BEFORE.search(text[max(head, hit.start - 60) : hit.start]):
        return False
    sentence = re.sub(r"[*_`]", "", text[head:tail])
    return bool(CONTACT_PHRASES.search(sentence) or CONTACT_INSTRUCTION.search(text[head : hit.start]))


def _site_domain(url: str | None, index: WarningIndex) -> str | None:
    """The registrable domain of the report's source URL (`www.vendor.com/blog` -> `vendor.com`)."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return None
    labels = host.lower().rstrip(".").split(".")
    if len(labels) < 2:
        return None
    suffix_at = next((i for i in range(len(labels)) if index.is_public_suffix(".".join(labels[i:]))), len(labels) - 1)
    return ".".join(labels[suffix_at - 1 :]) if suffix_at >= 1 else None


def _within(domain: str, parent: str) -> bool:
    return domain == parent or domain.endswith(f".{parent}")


def _scan(text: str, marks: list[int], index: WarningIndex) -> Iterator[Hit]:
    previous: Hit | None = None
    for match in SCANNER.finditer(text):
        kind = _KIND_OF_GROUP[match.lastindex or 0]
        start = match.start()
        defanged = bisect.bisect_left(marks, start) < bisect.bisect_left(marks, match.end())
        hit = _classify(kind, match, text, index, defanged, previous)
        if hit is not None:
            count_indicator()
            hit.defanged = defanged
            previous = hit
            yield hit


def _classify(
    kind: str, match: re.Match[str], text: str, index: WarningIndex, defanged: bool, previous: Hit | None
) -> Hit | None:
    start, raw = match.start(), match.group(kind)
    if kind in ("url", "bareurl"):
        return _url(raw, start, text, index, defanged, bare=kind == "bareurl")
    if kind == "email":
        local, _, domain = raw.rpartition("@")
        if not _valid_domain(domain, index, defanged=True):
            return None
        return Hit(_email_type(text, start, previous), f"{local}@{domain}".lower(), start, start + len(raw))
    if kind == "regkey":
        value = raw.replace("\\\\", "\\").rstrip(".,;:)")
        return Hit("regkey", value, start, start + len(value))
    if kind == "pipe":
        return Hit("named pipe", raw.rstrip(".,;:)"), start, match.end())
    if kind == "winpath":
        return _file(raw, start, full_path=True)
    if kind == "cve":
        return Hit("vulnerability", raw.upper(), start, match.end())
    if kind == "ssdeep":
        block = int(raw.split(":")[0])
        if len(raw) < 20 or block % 3 or (block // 3) & (block // 3 - 1):
            return None
        return Hit("ssdeep", raw, start, match.end())
    if kind == "ipv6":
        return _ipv6(match, text)
    if kind == "ipv4":
        return _ipv4(match, text, defanged)
    if kind in ("hash", "tlsh"):
        line_start = max(text.rfind("\n", 0, start) + 1, start - SENTENCE_MAX)
        line_end = min(_line_end(text, match.end()), match.end() + SENTENCE_MAX)
        following = re.search(r"[0-9A-Fa-f]{32,}", text[match.end() : line_end])
        after = text[match.end() : match.end() + following.start()] if following else text[match.end() : line_end]
        misp_type = (
            "tlsh"
            if kind == "tlsh"
            else hash_type(len(raw), text[max(line_start, previous.end if previous else 0) : start], after)
        )
        return Hit(misp_type, raw if kind == "tlsh" else raw.lower(), start, match.end()) if misp_type else None
    if kind == "xmr":
        return Hit("xmr", raw, start, match.end())
    if kind == "btc":
        return Hit("btc", raw, start, match.end()) if valid_btc(raw) else None
    if kind == "asn":
        number = int(match.group("asn1") or match.group("asn2"))
        return Hit("AS", str(number), start, match.end()) if 0 < number < 2**32 else None
    return _dotted(raw, start, text, index, defanged, match.group("dport"))


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _url(raw: str, start: int, text: str, index: WarningIndex, defanged: bool, bare: bool) -> Hit | None:
    value = trim_url(raw)
    try:
        host = value.split("/")[0] if bare else (urlsplit(value).hostname or "")
    except ValueError:  # a bracketed host that is no IP address: "http://[.]x"
        return None
    if bare:
        host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        if host.rsplit(".", 1)[-1].lower() in FILE_EXTS and not defanged:
            # "payload.zip/…" or "x.exe/y": a file name followed by a slash, not a scheme-less URL.
            return _dotted(host, start, text, index, defanged, None)
    address = None
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        if not _valid_domain(host.lower(), index, defanged or not bare):
            return _dotted(host, start, text, index, defanged, None) if bare else None
    if bare and value.endswith("/") and value.count("/") == 1:
        return _dotted(host, start, text, index, defanged, None)
    scheme, sep, rest = value.partition("://")
    if sep:
        value = f"{scheme.lower()}://{rest}"
    hit = Hit("url", value, start, start + len(trim_url(raw)))
    return _address_notes(hit, address) if address is not None else hit


def _valid_domain(domain: str, index: WarningIndex, defanged: bool) -> bool:
    labels = domain.split(".")
    if len(labels) < 2 or len(domain) > 253:
        return False
    tld = labels[-1]
    if tld.lower() == "onion":
        return bool(_ONION.match(labels[-2].lower()))
    if not defanged and any(c.isupper() for c in tld):
        return False
    lowered = [label.lower() for label in labels]
    return index.is_tld(tld) and all(_DNS_LABEL.match(label) for label in lowered) and not tld.isdigit()


def _dotted(raw: str, start: int, text: str, index: WarningIndex, defanged: bool, port: str | None) -> Hit | None:
    token = raw.strip("_~+$%-")
    if not token or ".." in token or "%" in token or "$" in token:
        return None
    ext = token.rsplit(".", 1)[-1]
    end = start + raw.find(token) + len(token)
    if ext.lower() in FILE_EXTS and not defanged:
        return _file(token, start + raw.find(token))
    if text[end : end + 1] == "(" or not _valid_domain(token, index, defanged):
        return None
    host = token.lower()
    labels = host.split(".")
    suffix_at = next((i for i in range(len(labels)) if index.is_public_suffix(".".join(labels[i:]))), len(labels) - 1)
    misp_type = "hostname" if suffix_at >= 2 else "domain"
    if port:
        return Hit("hostname|port", f"{host}|{port}", start, end + 1 + len(port))
    return Hit(misp_type, host, start + raw.find(token), end)


def _file(token: str, start: int, full_path: bool = False) -> Hit | None:
    """A file name: a known extension, or any extension at the end of a full Windows path ('...\\.npl')."""
    name = re.split(r"[\\/]", token)[-1]
    stem, _, ext = name.rpartition(".")
    known = bool(stem) and ext.lower() in FILE_EXTS
    if not (known or full_path) or len(name) > 255 or _PRODUCT_JS.match(name):
        return None
    hit = Hit("filename", token, start, start + len(token))
    folder = token[: -len(name)].lower()
    lowered = name.lower()
    known_as = KNOWN_FILE_NOTES[0] if lowered in SYSTEM_FILES else None
    if known_as is None and lowered in LEGITIMATE_PROGRAMS:
        group = LEGITIMATE_PROGRAMS[lowered]
        known_as = f"{KNOWN_FILE_NOTES[1]} ({'LOLBAS list' if group == 'lolbas' else group})"
    # In its own folder (or named bare) the program is context; a copy elsewhere is the actor's masquerade.
    if known_as and (not folder or "\\windows\\" in folder or "\\program files" in folder):
        hit.not_ids = True
        hit.notes.append(known_as)
    return hit


def _ip_type(text: str, start: int) -> str:
    head, tail = sentence_bounds(text, start, start)
    if names_a_source(text[head:tail]):
        return "ip-src"
    return "ip-dst"


def _email_type(text: str, start: int, previous: Hit | None) -> str:
    """Sender, recipient or reply-to, from the words since the previous value of the sentence (an address
    listed right after another one, "a@x and b@y", shares its role), else from the whole sentence."""
    head, tail = sentence_bounds(text, start, start)
    if previous is not None and previous.end > head:
        since = text[previous.end : start]
        role = _email_role(since)
        if role:
            return role
        if previous.type.startswith("email") and not re.search(r"[A-Za-z]{4,}", since):
            return previous.type
    else:
        role = _email_role(text[head:start])
        if role:
            return role
    return _email_role(text[head:tail]) or "email-src"


def _email_role(context: str) -> str | None:
    if REPLY_WORDS.search(context):
        return "email-reply-to"
    # "sent to x@y" names a recipient: its "sent" is no sender cue.
    if RECIPIENT_WORDS.search(context) and not SENDER_WORDS.search(RECIPIENT_WORDS.sub(" ", context)):
        return "email-dst"
    return "email-src" if SENDER_WORDS.search(context) else None


def _address_notes(hit: Hit, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> Hit:
    if not address.is_global or address.is_multicast:
        hit.not_ids = True
        hit.notes.append("private, reserved or documentation address")
    return hit


def _ipv4(match: re.Match[str], text: str, defanged: bool) -> Hit | None:
    start, value = match.start(), match.group("ipv4")
    if not defanged and _version_context(value, start, match.end(), text):
        return None
    misp_type = _ip_type(text, start)
    if match.group("cidr"):
        network = ipaddress.ip_network(f"{value}/{match.group('cidr')}", strict=False)
        return _address_notes(Hit(misp_type, f"{value}/{match.group('cidr')}", start, match.end()), network[0])
    if match.group("port") and 0 < int(match.group("port")) < 65536:
        hit = Hit(f"{misp_type}|port", f"{value}|{int(match.group('port'))}", start, match.end())
    else:
        hit = Hit(misp_type, value, start, start + len(value))
    return _address_notes(hit, ipaddress.ip_address(value))


def _version_context(value: str, start: int, end: int, text: str) -> bool:
    """Whether the words around a dotted quad written plainly make it a product version: a version word before
    or after it ("build", "FileVersion", "or later"), a list of versions, a product's version after its slash
    (user-agents), a table column of versions, or a product's name right before a number of a version's shape
    ("FortiOS 7.2.4.1"). A defanged quad is an address whatever its neighbours say."""
    before = text[max(0, start - 40) : start]
    if (
        VERSION_BEFORE.search(before[-24:])
        or PRODUCT_SLASH.search(before[-2:])
        or VERSION_LIST.search(text[max(0, start - 80) : start])
        or VERSION_AFTER.match(text[end : end + 30])
    ):
        return True
    header = column_header(text, start) if text.rfind("|", max(0, start - 200), start) >= 0 else None
    if header is not None:
        return bool(VERSION_COLUMN.search(header))
    if not version_shaped(value):
        return False
    if product_before(before, ADDRESS_NOUNS):
        # Unless the number is the subject of a network verb: "OVH 5.39.10.22 hosted the panel".
        clause = " ".join(re.split(r"[,;:.()\n]", text[end : end + 48], maxsplit=1)[0].split()[:2])
        return not (SOURCE_WORDS.search(clause) or DESTINATION_WORDS.search(clause) or NETWORK_WORDS.search(clause))
    upgrade = UPGRADE_TO.search(text[max(0, start - 60) : start])
    # "moved its C2 to 8.26.21.93": an address noun among the words of an upgrade's object makes it a move.
    if upgrade and not ADDRESS_NOUNS.intersection(upgrade.group("product").lower().split()):
        return True
    sentence = prose_sentence(text, start, end)
    about_releases = bool(VERSION_SENTENCE.search(sentence)) and not (
        SENTENCE_SOURCE_WORDS.search(sentence) or DESTINATION_WORDS.search(sentence) or NETWORK_WORDS.search(sentence)
    )
    if _change_of_version(before, text[end : end + 24]) and (about_releases or CHANGE_FROM.search(before)):
        return True
    if PLACE_BEFORE.search(before):
        return False
    return about_releases


def _change_of_version(before: str, after: str) -> bool:
    """The two ends of a change, 'from 3.1.0.2 to 3.1.0.9', each of a version's shape."""
    other = FROM_TO_BEFORE.search(before)
    if other is None and FROM_BEFORE.search(before):
        other = FROM_TO_AFTER.match(after)
    return other is not None and version_shaped(other.group("other"))


def _ipv6(match: re.Match[str], text: str) -> Hit | None:
    raw = match.group("ipv6")
    address_text = raw.split("]")[0].lstrip("[").split("/")[0]
    try:
        address = ipaddress.IPv6Address(address_text)
    except ValueError:
        return None
    if sum(1 for group in address_text.split(":") if group) < 3 or raw.count("[") != raw.count("]"):
        return None
    start = match.start()
    misp_type = _ip_type(text, start)
    value = address.compressed
    if match.group("prefix6") and int(match.group("prefix6")) <= 128:
        value = f"{value}/{int(match.group('prefix6'))}"
    elif match.group("port6") and 0 < int(match.group("port6")) < 65536:
        misp_type, value = f"{misp_type}|port", f"{value}|{int(match.group('port6'))}"
    return _address_notes(Hit(misp_type, value, start, match.end()), address)


def _labelled(text: str) -> Iterator[Hit]:
    for match in LABELLED.finditer(text):
        label = match.group("label").lower()
        value = match.group("value").strip()
        if label.startswith("user"):
            misp_type = "user-agent"
        elif label.startswith(("mutex", "mutant")):
            misp_type = "mutex"
        else:
            misp_type = "email-subject"
        if misp_type == "mutex" and (" " in value or len(value) > 120):
            continue
        yield Hit(misp_type, value, match.start("value"), match.end("value"))
    for match in SUBJECT_LINE.finditer(text):
        yield Hit("email-subject", match.group("value"), match.start("value"), match.end("value"))


def _judge_context(hit: Hit, text: str) -> None:
    """The report's own words about a value: a negated sentence or 'the legitimate X' make it no indicator."""
    head, tail = sentence_bounds(text, hit.start, hit.end)
    hit.in_reference, negated = sentence_cues(text[head:tail])
    if hit.in_reference and not hit.defanged and hit.type in ("url", "domain", "hostname"):
        hit.not_ids = True
        hit.notes.append("reference link (not defanged, in a sentence citing a publication)")
    if negated:
        hit.not_ids = True
        hit.notes.append("the report says it is not an indicator")
    elif _named_legitimate(hit, text, head):
        hit.not_ids = True
        hit.notes.append("named as legitimate by the report")
    elif hit.type == "filename" and _mimics(hit, text, head):
        hit.not_ids = False
        hit.notes = [note for note in hit.notes if not note.startswith(KNOWN_FILE_NOTES)]
        hit.notes.append("the actor's file made to look like a legitimate program")
    elif hit.type == "filename" and _sideload_host(hit, text, head, tail):
        hit.not_ids = True
        hit.notes.append("a vendor's program the actor abused to side-load its library")
    elif hit.type == "filename" and _sought_document(hit, text, head):
        hit.not_ids = True
        hit.notes.append("a document the actor looked for or took: the victim's data, not a file of the attack")


def _mimics(hit: Hit, text: str, head: int) -> bool:
    """'a fake svchost.exe', 'a trojanized 7z.exe': a word of disguise or of the actor's own kind of file right
    before the name, with no word between that makes the name another file ('a malicious DLL loaded by the
    legitimate svchost.exe')."""
    cue = MIMIC_BEFORE.search(text, max(head, hit.start - 80), hit.start)
    return cue is not None and not MIMIC_BROKEN.search(cue.group("between") or "")


def _sideload_host(hit: Hit, text: str, head: int, tail: int) -> bool:
    """A program named bare in a sentence about DLL side-loading ('side-loaded its DLL through FoxitPDFReader.exe',
    'PhotoScape.exe loads imgcodec.dll from the same directory'): the vendor's signed host, not the actor's file."""
    if not hit.value.lower().endswith(".exe") or re.search(r"[\\/]", hit.value):
        return False
    if SIDELOAD_SENTENCE.search(text, head, tail) is None:
        return False
    before = text[max(head, hit.start - 80) : hit.start]
    return bool(HOST_BEFORE.search(before) or HOST_AFTER.match(text[hit.end : tail]))


def _sought_document(hit: Hit, text: str, head: int) -> bool:
    """'searched the shares for files such as passwords.xlsx', 'stole budget.xlsx': a document's name after a
    verb of looking for or taking, with no word of making or using a file between them ('collected the cookies
    and wrote them to out.txt' names the actor's own file); not a defender's search ('we searched our
    telemetry for invoice.docx', whose object is an indicator)."""
    name = re.split(r"[\\/]", hit.value)[-1]
    if name.rpartition(".")[2].lower() not in DOCUMENT_EXTS or DEFENDER_WORDS.search(text, head, hit.start):
        return False
    before = text[max(head, hit.start - SOUGHT_GAP - 30) : hit.start]
    return any(
        len(before) - verb.end() <= SOUGHT_GAP and not MADE_FILE.search(before, verb.end())
        for verb in SOUGHT_VERB.finditer(before)
    )


def _named_legitimate(hit: Hit, text: str, head: int) -> bool:
    """'the legitimate, signed AvastSvc.exe', '`AvastSvc.exe` is a legitimate signed file' — but not the name of a
    renamed copy ('a renamed copy of the legitimate calculator (`IMG-0042.jpg.exe`)': the actor's disguise)."""
    if hit.type == "filename" and (
        SIGNED_BEFORE.search(text[max(head, hit.start - 80) : hit.start]) or SIGNED_AFTER.match(text, hit.end)
    ):
        return True
    window = max(head, hit.start - 40)
    before = LEGITIMATE_BEFORE.search(text[window : hit.start])
    if before:
        cue = window + before.start()
        return not DISGUISE_BEFORE.search(text[max(head, cue - 40) : cue])
    return LEGITIMATE_AFTER.match(text[hit.end : hit.end + 60]) is not None


def _pair_files(hits: list[Hit], text: str) -> list[Hit]:
    """On a line naming one file and its hashes ('a.exe SHA256: …', a table row), make `filename|<hash>`."""
    result: list[Hit] = []
    line_of = []
    line, counted = 0, 0
    for hit in hits:  # sorted by position: count the newlines between neighbours only
        line += text.count("\n", counted, hit.start)
        counted = hit.start
        line_of.append(line)
    position = 0
    while position < len(hits):
        line = line_of[position]
        group = []
        while position < len(hits) and line_of[position] == line:
            group.append(hits[position])
            position += 1
        names = {h.value for h in group if h.type == "filename"}
        hashes = [h for h in group if h.type in FILE_HASH_TYPES]
        if len(names) != 1 or not hashes:
            result.extend(group)
            continue
        name = names.pop()
        for hit in group:
            if hit.type in FILE_HASH_TYPES:
                result.append(replace(hit, type=f"filename|{hit.type}", value=f"{name}|{hit.value}", not_ids=False))
            elif hit.type != "filename":
                result.append(hit)
    return result


def _finding(hit: Hit, section: Section, index: WarningIndex, mode: str) -> AttributeFinding | None:
    notes = list(hit.notes)
    to_ids = default_to_ids(hit.type) and not hit.not_ids
    if section.role in IOC_ROLES and hit.type in CONTEXT_IDS_TYPES and not hit.not_ids:
        to_ids = True
    misp_type = hit.type
    if section.role in VICTIM_ROLES:
        to_ids = False
        notes.append("victim-side value")
        if misp_type.startswith("email"):
            misp_type = "target-email"  # MISP's type for a victim's address
    if mode != "off":
        benign, informative = _warnings(hit, index, section.role)
        if benign and mode == "drop":
            return None
        if benign:
            to_ids = False
            notes.append("on MISP warninglist: " + _list_names(benign))
        if informative:
            notes.append("kept as indicator, listed in MISP warninglist: " + _list_names(informative))
    place = section.heading or "Report text"
    comment = f"{place}: {'; '.join(notes)}" if notes else place
    return AttributeFinding(misp_type, hit.value, to_ids=to_ids, comment=comment, role=section.role)


def _list_names(names: list[str], shown: int = 3) -> str:
    """The first list names, and how many more: a vendor domain is on a dozen lists."""
    more = f" (+{len(names) - shown} more)" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _warnings(hit: Hit, index: WarningIndex, role: str) -> tuple[list[str], list[str]]:
    """(lists saying the value is no indicator, lists only worth a mention). Hosting and VPN ranges only
    inform; a sub-domain of an abused service (dynamic DNS, LOTS) is the attacker's own, and so is a defanged
    sub-domain of a merely popular domain. A URL with a path on
    an abused host (LOTS, shorteners) is an indicator where the report describes the attack, unless its sentence
    points to a publication; a listed value itself is no indicator."""
    exact, parents = index.lookup(hit.type, hit.value)
    if not exact and not parents:
        return [], []
    specific_url = False
    if hit.type == "url":
        parts = urlsplit(hit.value if "://" in hit.value else f"http://{hit.value}")
        specific_url = parts.path not in ("", "/") or bool(parts.query)
    groups = {info.group for info in (*exact, *parents)}
    payload_url = specific_url and not hit.in_reference and role in IOC_ROLES and "abused-service" in groups
    benign: list[str] = []
    informative: list[str] = []
    # Lists that name the value's owner (vendor, special use) before those that only rank its popularity.
    exact = tuple(sorted(exact, key=lambda info: info.group == "popularity"))
    parents = tuple(sorted(parents, key=lambda info: info.group == "popularity"))
    for info in exact:
        informs = info.group == "hosting" or payload_url
        (informative if informs else benign).append(info.name)
    for info in parents:
        # A popular parent domain does not vouch for a sub-domain the analyst defanged (a SaaS tenant).
        informs = info.group in ("hosting", "abused-service") or payload_url
        informs = informs or (info.group == "popularity" and hit.defanged)
        (informative if informs else benign).append(info.name)
    return benign, informative
