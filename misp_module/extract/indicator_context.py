"""The report's own words about a value it names: a contact address, a reference link, a negated sentence, a
program named as legitimate, the actor's lookalike of one, a side-loading host, a document the actor looked
for. These rules set a hit's to_ids and notes; they never change its type."""

from __future__ import annotations

import re

from ..knowledge.files import (
    CONTACT_INSTRUCTION,
    CONTACT_PHONE_AFTER,
    CONTACT_PHRASES,
    DEFENDER_WORDS,
    DOCUMENT_EXTS,
    MADE_FILE,
    SOUGHT_GAP,
    SOUGHT_VERB,
)
from .indicator_classify import KNOWN_FILE_NOTES
from .indicator_hit import Hit
from .indicator_patterns import (
    ADDRESS_ROLE_BEFORE,
    DISGUISE_BEFORE,
    HOST_AFTER,
    HOST_BEFORE,
    LEGITIMATE_AFTER,
    LEGITIMATE_BEFORE,
    MIMIC_BEFORE,
    MIMIC_BROKEN,
    SIDELOAD_SENTENCE,
    SIGNED_AFTER,
    SIGNED_BEFORE,
    sentence_bounds,
    sentence_cues,
)
from .indicator_programs import (
    ACTORS_FILE_NOTE,
    INJECTED_NOTE,
    MIMIC_NOTE,
    SIDELOAD_HOST_NOTE,
    VOUCHED_NOTE,
    actors_name,
    injected_into,
    vouched,
)

CONTACT_NOTE = "contact address (the sentence gives it as a contact)"


def _contact(hit: Hit, text: str) -> bool:
    """An address the sentence gives as a contact ("Contact us at", "Report incidents to", "the hotline", a phone
    number right after it), unless the words
    right before it make it a sender or recipient ("sent from", "From:")."""
    head, tail = sentence_bounds(text, hit.start, hit.end)
    if ADDRESS_ROLE_BEFORE.search(text[max(head, hit.start - 60) : hit.start]):
        return False
    sentence = re.sub(r"[*_`]", "", text[head:tail])
    return bool(
        CONTACT_PHRASES.search(sentence)
        or CONTACT_INSTRUCTION.search(text[head : hit.start])
        or CONTACT_PHONE_AFTER.match(text, hit.end, hit.end + 40)
    )


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
    elif hit.type == "filename" and actors_name(hit, text, head):
        _actors_file(hit, ACTORS_FILE_NOTE, always=False)
    elif _named_legitimate(hit, text, head, tail):
        hit.not_ids = True
        hit.notes.append(VOUCHED_NOTE)
    elif hit.type == "filename" and _mimics(hit, text, head):
        _actors_file(hit, MIMIC_NOTE)
    elif hit.type == "filename" and _sideload_host(hit, text, head, tail):
        hit.not_ids = True
        hit.notes.append(SIDELOAD_HOST_NOTE)
    elif hit.type == "filename" and not hit.not_ids and injected_into(hit, text, head):
        hit.not_ids = True
        hit.notes.append(INJECTED_NOTE)
    elif hit.type == "filename" and _sought_document(hit, text, head):
        hit.not_ids = True
        hit.notes.append("a document the actor looked for or took: the victim's data, not a file of the attack")


def _actors_file(hit: Hit, note: str, always: bool = True) -> None:
    """The actor's own file under a legitimate program's name: an indicator, without the known-program note; the
    note says why (`always`, or where the name would have been cleared)."""
    kept = [n for n in hit.notes if not n.startswith(KNOWN_FILE_NOTES)]
    if always or hit.not_ids or kept != hit.notes:
        hit.notes = [*kept, note]
    hit.not_ids = False
    hit.actors = True


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


def _named_legitimate(hit: Hit, text: str, head: int, tail: int) -> bool:
    """'the legitimate, signed AvastSvc.exe', '`AvastSvc.exe` is a legitimate signed file', 'the native Windows
    binary X', 'X is a normal signed program' — but not the name of a renamed copy ('a renamed copy of the
    legitimate calculator (`IMG-0042.jpg.exe`)': the actor's disguise)."""
    if hit.type == "filename" and (
        SIGNED_BEFORE.search(text[max(head, hit.start - 80) : hit.start]) or SIGNED_AFTER.match(text, hit.end)
    ):
        return True
    if hit.type == "filename":
        cue = vouched(hit, text, head, tail)
        if cue is not None and not DISGUISE_BEFORE.search(text[max(head, cue - 40) : cue]):
            return True
    window = max(head, hit.start - 40)
    before = LEGITIMATE_BEFORE.search(text[window : hit.start])
    if before:
        cue = window + before.start()
        return not DISGUISE_BEFORE.search(text[max(head, cue - 40) : cue])
    return LEGITIMATE_AFTER.match(text[hit.end : hit.end + 60]) is not None
