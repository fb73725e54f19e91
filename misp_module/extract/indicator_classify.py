"""Scanner matches → typed hits: which MISP type a value is (URL, domain or host name, file name, address with its
source or destination side, e-mail role, hash, ...) and the notes that follow from the value alone (a private
address, a well-known system file)."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from ..knowledge.files import FILE_EXTS, LEGITIMATE_PROGRAMS, SYSTEM_FILES
from ..knowledge.regex_cache import compiled
from ..knowledge.warninglists import WarningIndex
from .indicator_hit import Hit
from .indicator_partial import PARTIAL_NOTE, partial_hash
from .indicator_patterns import (
    RECIPIENT_WORDS,
    REPLY_WORDS,
    SENDER_WORDS,
    SENTENCE_MAX,
    hash_type,
    names_a_source,
    sentence_bounds,
    shorter_than_label,
    trim_url,
    valid_btc,
)
from .indicator_versions import _version_context

# The notes `_file` gives a known program's name (dropped again when the name is the actor's lookalike).
KNOWN_FILE_NOTES = ("well-known system file", "legitimate program")
_ONION = compiled(r"^(?:[a-z2-7]{16}|[a-z2-7]{56})$")
_DNS_LABEL = compiled(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_PRODUCT_JS = compiled(r"^[A-Z][a-z]+\.js$")


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
        line_start = max(text.rfind("\n", max(0, start - SENTENCE_MAX), start) + 1, start - SENTENCE_MAX)
        # (Both ends looked for within SENTENCE_MAX: a hash on a long line costs no scan of the whole line.)
        line_end = text.find("\n", match.end(), match.end() + SENTENCE_MAX)
        line_end = min(len(text), match.end() + SENTENCE_MAX) if line_end < 0 else line_end
        following = re.search(r"[0-9A-Fa-f]{32,}", text[match.end() : line_end])
        after = text[match.end() : match.end() + following.start()] if following else text[match.end() : line_end]
        if kind == "tlsh":
            return Hit("tlsh", raw, start, match.end())
        before = text[max(line_start, previous.end if previous else 0) : start]
        if partial_hash(text, start, match.end(), before, after) or shorter_than_label(len(raw), before):
            # Part of a hash is no MD5 or SHA-1 of any file: kept as the report's words, out of detection.
            return Hit("text", raw.lower(), start, match.end(), notes=[PARTIAL_NOTE], not_ids=True)
        misp_type = hash_type(len(raw), before, after)
        return Hit(misp_type, raw.lower(), start, match.end()) if misp_type else None
    if kind == "xmr":
        return Hit("xmr", raw, start, match.end())
    if kind == "btc":
        return Hit("btc", raw, start, match.end()) if valid_btc(raw) else None
    if kind == "asn":
        number = int(match.group("asn1") or match.group("asn2"))
        return Hit("AS", str(number), start, match.end()) if 0 < number < 2**32 else None
    return _dotted(raw, start, text, index, defanged, match.group("dport"))


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
