"""Legitimate program or the actor's file: the everyday words that vouch for a bare program name ("the native
Windows binary X", "X is a normal signed program"), the words that make a name the one the actor gave its file
("renamed to X", "the actor's X"), and one verdict per name across the report. A vendor's program the actor abused
(a side-loading host, a LOLBin, the original of a renamed tool) is context with to_ids off; the actor's copy under
its own name is an indicator. The words are data (`vouching_*`, `program_nouns`, `renamed_to` in
data/indicators.yaml); indicator_context asks these rules of each file name."""

from __future__ import annotations

import re

from ..knowledge.files import (
    INJECTION_TARGET_WORDS,
    INJECTION_TARGETS,
    PROGRAM_NOUNS,
    RENAMED_TO,
    VOUCHING_NOUNS,
    VOUCHING_WORDS,
)
from ..knowledge.regex_cache import compiled
from .indicator_hit import Hit

_MARKUP = r"[`*_\"'“”‘’]*"
# A vouching word, then a program's noun within three words ("legal, signed copy", "native Windows binary",
# "clean, vendor-signed media player"), or a noun that vouches alone ("LOLBin").
_VOUCH = (
    rf"(?:\b(?:{VOUCHING_WORDS})[\s,]+(?:[\w+'’-]+[\s,]+){{0,3}}?(?:{PROGRAM_NOUNS})"
    rf"|\b(?:{VOUCHING_NOUNS}))\b"
)
# Before the name: the vouching phrase, then "of the <up to three words>" ("copy of the Notepad++ updater,"),
# "named" or "called", and markup.
_VOUCH_BEFORE = compiled(
    rf"(?i){_VOUCH}(?:[\s,]+(?:of|from)\s+(?:(?:the|a|an)\s+)?(?:[\w+'’-]+[\s,]+){{0,3}}?)?"
    rf"[\s,(:]*(?:(?:named|called)\s+)?{_MARKUP}$"
)
# After the name: "X is a normal signed program", "X, a clean vendor-signed media player", "X (a built-in tool)";
# not "X (the genuine helper has another name)", a contrast.
_VOUCH_AFTER = compiled(
    rf"(?i)^{_MARKUP}[ \t]*(?:(?:,|[ \t]+(?:is|was|are|were))[ \t]*(?:(?:a|an|the)[ \t]+)?|\([ \t]*(?:(?:a|an)[ \t]+)?)"
    rf"{_VOUCH}"
)
_RENAMED_TO = compiled(rf"(?i)\b(?:{RENAMED_TO})\s*[:(]?\s*{_MARKUP}$")
# "the actor's OneDrive.exe", "the attackers' own svchost.exe": a file of the intrusion, whatever its name.
_ACTORS_OWN = compiled(
    r"(?i)\b(?:actor|attacker|operator|adversary|intruder|group|crew|gang)(?:'s|s'|’s|s’)\s+(?:own\s+)?"
    rf"(?:[\w-]+\s+)?{_MARKUP}$"
)

# "injected into SearchProtocolHost.exe", "hollows out a suspended instance of MsMpEngCP.exe".
_INJECTED_INTO = compiled(rf"(?i)\b(?:{INJECTION_TARGETS})\s+(?:(?:{INJECTION_TARGET_WORDS})\s+){{0,5}}{_MARKUP}$")

VOUCHED_NOTE = "named as legitimate by the report"
MIMIC_NOTE = "the actor's file made to look like a legitimate program"
SIDELOAD_HOST_NOTE = "a vendor's program the actor abused to side-load its library"
ACTORS_FILE_NOTE = "the name the actor gave its own file"
INJECTED_NOTE = "a running program the actor injected its code into: the host's own process"
SHARED_NOTE = "named elsewhere in the report as a legitimate program"
_SHARED_FROM = (VOUCHED_NOTE, SIDELOAD_HOST_NOTE, INJECTED_NOTE)


def vouched(hit: Hit, text: str, head: int, tail: int) -> int | None:
    """Where the words vouching for a program begin: 'the native Windows binary X', 'a legal, signed copy of the
    updater, X', 'X is normal signature program' (None: no such words)."""
    before = _VOUCH_BEFORE.search(text, max(head, hit.start - 100), hit.start)
    if before:
        return before.start()
    return hit.end if _VOUCH_AFTER.match(text[hit.end : tail]) else None


def actors_name(hit: Hit, text: str, head: int) -> bool:
    """'renamed to wdfsvc.exe', 'saved as winupdsvc.exe', 'the actor's OneDrive.exe': the name is the actor's
    choice for its own file (a renamed tool's new name, a masquerade), an indicator."""
    before = text[max(head, hit.start - 80) : hit.start]
    return bool(_RENAMED_TO.search(before) or _ACTORS_OWN.search(before))


def injected_into(hit: Hit, text: str, head: int) -> bool:
    """'injected into SearchProtocolHost.exe', 'hollows out a new instance of X': a process the actor ran its code
    in, which the host had before (a name after "injects" alone is the actor's file: "injects payload.dll into …")."""
    if re.search(r"[\\/]", hit.value):
        return False  # a path is a copy the actor placed, whatever ran it
    return bool(_INJECTED_INTO.search(text, max(head, hit.start - 100), hit.start))


def share_program_verdicts(hits: list[Hit]) -> None:
    """One verdict per bare program name across the report: where the report calls a program legitimate, a
    side-loading host or a process the actor injected into once ("Because vlc.exe is a normal signed program, …"),
    its other bare mentions ("the task starts vlc.exe") are the same program, not the actor's file. A mention the
    report makes the actor's own (fake, renamed to, the actor's) keeps its to_ids; so does a name with a folder."""
    vouched_names = {
        hit.value.lower() for hit in hits if hit.type == "filename" and any(note in _SHARED_FROM for note in hit.notes)
    }
    if not vouched_names:
        return
    for hit in hits:
        if (
            hit.type == "filename"
            and not hit.not_ids
            and hit.value.lower() in vouched_names
            and not re.search(r"[\\/]", hit.value)
            and not hit.actors
        ):
            hit.not_ids = True
            hit.notes.append(SHARED_NOTE)
