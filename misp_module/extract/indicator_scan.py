"""One section's text → its hits in text order: invisible characters out of indicators, refang, one pass of the
scanner, file names the scanner's tokens leave out, hosts of defanged URLs, labelled values, then the context rules
and the pairing of file names with their hashes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urlsplit

from ..budget import check_time, count_indicator
from ..knowledge.files import FILE_EXTS, SHARED_SERVICES
from ..knowledge.regex_cache import compiled
from ..knowledge.warninglists import WarningIndex
from .indicator_classify import _classify, _dotted, _file
from .indicator_context import CONTACT_NOTE, _contact, _judge_context
from .indicator_hit import Hit
from .indicator_invisible import note_masked, unmask
from .indicator_patterns import (
    COMPROMISED_SITE,
    FILE_HASH_TYPES,
    LABELLED,
    MARKED_FILE,
    MARKED_NAME_CHARS,
    PLAIN_FILE_NAME,
    QUOTED_FILE,
    QUOTED_SENTENCE,
    SCANNER,
    SUBJECT_LINE,
    sentence_bounds,
)
from .indicator_versions import _drop_listed_versions
from .line_starts import line_start
from .refang import refang_carrying

_FENCE = compiled(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
# The alternative a match took, from the group that closed last (a port or CIDR group follows its address).
_INNER_GROUPS = {"port6": "ipv6", "prefix6": "ipv6", "cidr": "ipv4", "port": "ipv4", "asn1": "asn", "asn2": "asn"}
_KIND_OF_GROUP = {
    number: _INNER_GROUPS.get(name, "dotted" if name == "dport" else name)
    for name, number in SCANNER.groupindex.items()
}


def section_hits(text: str, index: WarningIndex, heading: str = "") -> list[Hit]:
    """The indicators of one section, in text order, with file names paired with their hashes per line."""
    unmasked = unmask(text)
    refanged, marks, masked = refang_carrying(unmasked.text, unmasked.positions)
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
    note_masked(hits, refanged, masked, unmasked.written)
    fences = [m.start() for m in _FENCE.finditer(refanged)]
    for hit in hits:
        check_time()
        _judge_context(hit, refanged)
        # Inside a fenced code block (an odd number of fences before it): quoted evidence, left as it was.
        hit.quoted = bisect.bisect_left(fences, hit.start) % 2 == 1
        hit.listed = _LIST_LINE.match(refanged, line_start(refanged, hit.start)) is not None
        if hit.type.startswith("email") and _contact(hit, refanged):
            hit.not_ids = True
            hit.notes.append(CONTACT_NOTE)
    return _pair_files(hits, refanged)


# A list item or a table row: where a report lists its indicators (vendors often defang only the URLs there).
_LIST_LINE = compiled(r"[ \t]*(?:[-*+•]|\d{1,3}[.)]|\|)[ \t]")


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
