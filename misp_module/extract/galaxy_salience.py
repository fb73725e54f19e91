"""Whether a software name says what a free-form report is about (issue 8, cause 9: passing mentions).

A vendor post names far more software than its intrusion used: families it recalls, competes with, descends
from, was not found, its authors once studied. MISP users filter events by these tags, and MISP's search ignores
`relationship_type`: a tag should mean the report is about it. So in a free-form report (template `generic`), a
software name written in one sentence of prose only counts where that sentence ties it to the intrusion: a verb
of delivery, execution, presence or the software's own action in its clause ("the lures dropped Pikabot", "a
Cobalt Strike beacon was observed", "it steals cookies"), or a noun of the role software plays ("the X payload",
"an AnyDesk installation"). A name in the title or a heading, a list, a table or a section of indicators,
techniques or tools is the report's in any case; so is one named in two sentences or more (galaxies.py).
The verbs are classes (stems, in mentions.yaml `salience`), not phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..knowledge.data import load_data
from ..knowledge.detection_names import after_detection_word
from ..knowledge.regex_cache import compiled
from .galaxy_places import PROSE, SUBJECT_KINDS, Found
from .galaxy_plain_headings import plain_heading
from .galaxy_software_prose import actors_record, salient_in_prose
from .line_starts import line_start as line_start_of
from .phrases import phrase_alternation

# A relative clause right after the name (a word of its kind may come first) says what it does ("Lumma Stealer,
# which grabs cookies", "the Trojan ransomware, which encrypts files").
_RELATIVE = compiled(r"[ \t]*(?:\w+[ \t]*)?,?[ \t]*(?:which|that)\b[^.;:]*")
# A possessive right after a name ("Rhysida's leak site": `Found.after` holds words only, "s leak site").
_POSSESSIVE = compiled(r"^['\u2019]?s\s")
# An apposition right after a name, then the start of the predicate it is the subject of.
_AFTER_APPOSITION = compiled(r"[*_]*,\s+(?:the|a|an)\s[^,;:.()\n]*,\s+([^,;:.()]*)")
# Markdown emphasis or code marks right before a name.
_EMPHASIS_OPEN = compiled(r"[*_`]+$")
# A line that is a heading, a table row or a list item.
_STRUCTURED_LINE = compiled(r"[ \t]*(?:#|\||[-*+][ \t]|\d+[.)][ \t]|\[\d+\])")
# Where a paragraph or a list item's text starts (after its list marker), and a bold lead-in there.
_ITEM_START = compiled(r"[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?")
_BOLD_LEAD = compiled(r"(\*\*|__)[^\n]+?\1")
# A bold lead-in that is a name alone, with its full stop ("**Shark.**", "**Shark**.").
_BOLD_NAME = compiled(r"(?:\*\*|__)([^*_\n]+?)\.?(?:\*\*|__)")
# The end of a sentence inside a line: a list item's later sentences are prose.
_SENTENCE_END = compiled(r"[.!?](?:\*\*|__)?\s+[\"'(*_]*[A-Z]")
# Where the name's sentence stops reaching it: a clause mark stronger than a comma (a list "deployed A, B and C"
# reaches C).
_HARD_STOP = compiled(r"[;:()\u2014\u2013]|\s-\s")


@dataclass(frozen=True)
class _Salience:
    verbs: re.Pattern[str]
    nouns: frozenset[str]
    after_nouns: frozenset[str]
    copula: re.Pattern[str]
    of: re.Pattern[str]
    stages: re.Pattern[str]
    headings: re.Pattern[str]
    alias: re.Pattern[str]
    roundup_title: re.Pattern[str]
    opener: re.Pattern[str]
    agent: re.Pattern[str]
    background: re.Pattern[str]
    object_verbs: re.Pattern[str]
    novelty: re.Pattern[str]
    incident_tied: re.Pattern[str]
    example: re.Pattern[str]


@cache
def _patterns() -> _Salience:
    rules = load_data("mentions.yaml")["salience"]
    bases = "|".join(re.escape(v.removesuffix("e")) for v in sorted(rules["verbs"], key=len, reverse=True))
    forms = "|".join(re.escape(v) for v in sorted(rules["verb_forms"], key=len, reverse=True))
    nouns = "|".join(re.escape(n) for n in rules["role_nouns"])
    return _Salience(
        compiled(rf"\b(?:(?:{bases})(?:e|es|s|ed|d|ing)?|{forms})\b", re.IGNORECASE),
        frozenset(rules["role_nouns"]),
        frozenset(rules["role_nouns"] + rules["runner_nouns"]),
        compiled(rf"\b(?:{nouns})\b[^,;.]{{0,30}}\b(?:is|was|are|were)\s+(?:\S+\s+){{0,2}}$", re.IGNORECASE),
        compiled(
            rf"\b(?:{nouns}|{phrase_alternation(rules['of_nouns'])})\s+of\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        compiled("|".join(rf"\b{re.escape(w)}\b" for w in rules["stage_words"]), re.IGNORECASE),
        compiled(rules["structured_headings"]),
        compiled(
            r"^\W*(?:" + "|".join(re.escape(a) for a in load_data("mentions.yaml")["alias"]) + r")\W*$", re.IGNORECASE
        ),
        compiled(r"\b(?:" + "|".join(rules["roundup_titles"]) + r")\b", re.IGNORECASE),
        compiled(rf"(?:{phrase_alternation(rules['subject_openers'])})\s+", re.IGNORECASE),
        # "[The] affiliates of [the ransomware group] X": up to three words between "of" and the name.
        compiled(
            rf"^\W*(?:the\s+)?(?:{phrase_alternation(rules['agent_nouns'])})\s+(?:of|behind)\s+(?:[\w'-]+\s+){{0,3}}$",
            re.IGNORECASE,
        ),
        compiled(rules["background_headings"]),
        compiled(rf"\b(?:{phrase_alternation(rules['object_verbs'])})\b", re.IGNORECASE),
        compiled(rules["novelty"], re.IGNORECASE),
        compiled(rules["incident_tied"], re.IGNORECASE),
        compiled(rf"\s*(?:{phrase_alternation(rules['example_markers'])})(?:\W|$)[,:]?", re.IGNORECASE),
    )


def incident_tied(before: str) -> bool:
    """The words before a name tie the report's incident to it ("traced the breach to an infection with the X
    framework", "linked the intrusion to X"): the incident is the family's, not its ancestry."""
    return bool(_patterns().incident_tied.search(before))


_BOLD_PARAGRAPH = compiled(r"(?:\A|\n[ \t]*\n)[ \t]*(?:\*\*|__)")
_LONG_ITEM = compiled(r"^[ \t]*\d+[.)][ \t]+[^\n]*?[.!?][ \t]+[A-Z]", re.MULTILINE)


# After a roundup paragraph's opening name: its verb, its possessive, or an aside between commas and then the verb
# ("Qakbot, quiet since the takedown, sent ..."); not a comma that starts a list ("Emotet, IcedID and ...").
_SUBJECT_AFTER = compiled(r"(?:['\u2019]s\b|\s+[a-z]|,\s+[a-z][^,.;:\n]{0,60},\s+[a-z])")


def roundup(founds: list[Found], text: str, title: str) -> bool:
    """The report is a roundup of short items: two paragraphs or more open with a bold lead-in, three numbered
    items or more run to two sentences, its title calls it one ("Weekly threat digest"), or three paragraphs or
    more open with a name as their subject (`_opens_paragraph`)."""
    if (
        len(_BOLD_PARAGRAPH.findall(text)) >= 2
        or len(_LONG_ITEM.findall(text)) >= 3
        or _patterns().roundup_title.search(title)
    ):
        return True
    subjects: dict[int, str] = {}
    for found in founds:
        if (
            SUBJECT_KINDS & {n.cluster.kind for n in found.match.names}
            and (start := _opens_paragraph(found, text)) is not None
        ):
            subjects.setdefault(start, found.match.surface.lower())
    return len(set(subjects.values())) >= 3


def _name_end(found: Found, text: str) -> int:
    """Where the name as written ends: a name whose own form closes a parenthesis ("NoName057(16)") is matched
    without it (brackets are no word characters), so the words after it start past that bracket."""
    surface, end = found.match.surface, found.match.end
    if surface.count("(") > surface.count(")") and text.startswith(")", end):
        return end + 1
    return end


def _opens_paragraph(found: Found, text: str) -> int | None:
    """Where the paragraph or list item starts whose subject the name is: it opens it, after a word of
    `subject_openers` at most ("A new Vidar campaign", "Operators of Akira"), followed by its verb, its possessive
    or an aside between commas, not by a list ("Emotet, IcedID and ..."); not under a heading of background."""
    if found.place != PROSE or (found.part.heading and _patterns().background.search(found.part.heading)):
        return None
    line_start = line_start_of(text, found.match.start)
    if line_start >= 2 and text[line_start - 2] != "\n" and not _STRUCTURED_LINE.match(text, line_start):
        return None
    begin = _ITEM_START.match(text, line_start).end()
    lead = text[begin : found.match.start]
    if (not lead or _patterns().opener.fullmatch(lead)) and _SUBJECT_AFTER.match(text, _name_end(found, text)):
        return line_start
    return None


def item_lead(found: Found, text: str, in_roundup: bool) -> bool:
    """The name is the subject of an item (issue 8, roundups): it is in the bold lead-in that opens a paragraph or
    a list item ("**DarkGate is back.** Invoice spam ..."), or, in a roundup (`roundup`), it opens the paragraph
    or item as its subject (`_opens_paragraph`: "Remcos rounds off the week: ...", "1. Lumma moves house.",
    "Operators of Akira posted ..."), or the item's bold lead-in is the name alone ("**Shark.** On servers the group
    preferred Shark, ..."). A name later in the item, as in a comparison ("much as RedLine did"), is not."""
    if found.place != PROSE:
        return False
    line_start = line_start_of(text, found.match.start)
    if line_start >= 2 and text[line_start - 2] != "\n" and not _STRUCTURED_LINE.match(text, line_start):
        return False
    bold = _BOLD_LEAD.match(text, _ITEM_START.match(text, line_start).end())
    if bold and found.match.start < bold.end():
        return True
    # (A lead-in that is a name alone says what the item is about.)
    lead_name = _BOLD_NAME.fullmatch(bold.group()) if bold else None
    if lead_name and lead_name.group(1) == found.match.surface:
        return True
    return in_roundup and _opens_paragraph(found, text) is not None


# An aside in brackets, closed, where a list goes on after it: "(aka TURNEDUP), ", "(2019) and ".
_CLOSED_ASIDE = compiled(r"\([^()]{0,200}\)(?=\s*(?:,|\band\b|\bor\b))")
# The names of a list before the name, in the bracket that opens it: capitalised writings, commas, "and", "or".
_NAMES_BEFORE = compiled(
    r"\s*(?:[A-Z][\w.:/-]*(?:\s+[A-Z][\w.:/-]*)*(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+))*(?:(?:and|or)\s+)?"
)
# ...and after it, to the bracket's close: more names of the list.
_NAMES_AFTER = compiled(r"(?:\s*,?\s*(?:(?:and|or)\s+)?[A-Z][\w.:/-]*(?:\s+[A-Z][\w.:/-]*)*)*\s*\)")


def _opens_name_list(head: str, lead: str, found: Found) -> bool:
    """The name stands in a list of two names or more that a bracket opens right before the list ("three families
    (A, B and C)"), perhaps after a word that gives examples ("frameworks (e.g., A, B and C)": `example_markers`):
    only names, commas and "and" between the bracket (or that word) and the name, and up to the bracket's close."""
    if not head.endswith(lead) or head[len(head) - len(lead) - 1 : len(head) - len(lead)] != "(":
        return False
    example = _patterns().example.match(lead)
    names = lead[example.end() :] if example else lead
    after = _NAMES_AFTER.match(found.following(200))
    return bool(
        _NAMES_BEFORE.fullmatch(names) and after and (names.strip() or "," in after.group() or " and " in after.group())
    )


@lru_cache(maxsize=4)
def _title_at(text: str, title: str) -> int:
    """Where the title is written in the text (-1 where it is not), worked out once per report: a long report asks
    it of every software name."""
    return text.find(title) if title else -1


def salient(found: Found, text: str, in_roundup: bool, title: str = "") -> bool:
    """The name, where it is written, says the report is about it (see the module docstring); `text` is the
    report's text, `in_roundup` whether it is a roundup (`roundup`), `title` its title: a page saved as text whose
    title is its first sentence names its subject there, in prose."""
    if found.place != PROSE or _salient_line(found, text, in_roundup, title):
        return True
    # The actor's record ("known for its use of X"): the actor's past, whatever verb follows (galaxy_software_prose).
    if actors_record(found):
        return False
    return _salient_words(found, text)


def _salient_line(found: Found, text: str, in_roundup: bool, title: str) -> bool:
    """Where the name is written says so: in the title, under a heading of tooling, in a list item or a plain heading,
    as an item's lead, or as a detection name."""
    title_at = _title_at(text, title)
    if 0 <= title_at <= found.match.start and found.match.end <= title_at + len(title):
        return True
    rules = _patterns()
    if found.part.heading and rules.headings.search(found.part.heading):
        return True
    line_start = line_start_of(text, found.match.start)
    # A list item counts; its later sentences are prose ("1. Lumma moves house. ..., much as RedLine did").
    begin = _ITEM_START.match(text, line_start).end()
    if _STRUCTURED_LINE.match(text, line_start) and not _SENTENCE_END.search(text, begin, found.match.start):
        return True
    # ...and so does a heading written as a plain line, as a page saved as text writes it (galaxy_plain_headings).
    if plain_heading(text, line_start):
        return True
    if item_lead(found, text, in_roundup):
        return True
    # A detection name ("Trojan.Stonedrill", "HackTool:Win32/Mimikatz") is written of a sample found.
    return bool(found.match.start and after_detection_word(text, found.match.start - 1))


def _salient_words(found: Found, text: str) -> bool:
    """The words around the name in its sentence say the report is about it: an agent, a role noun, a verb of use or a
    stage of the attack, novelty, an apposition's predicate, a naming phrase."""
    rules = _patterns()
    # Emphasis opening right before the name ("the installation of the **Kinsing** malware") is no word.
    head = _EMPHASIS_OPEN.sub("", found.text_before)
    if rules.agent.match(head):
        return True
    # A list's member takes the role of its list: an aside in brackets closed before the name does not stop the list's
    # clause ("including Backdoor.Notestuk (aka TURNEDUP), Trojan.Stonedrill"), nor does the bracket that opens a
    # list of names ("leveraged three code families (SALTWATER, SEASPY and SEASIDE)").
    pieces = _HARD_STOP.split(_CLOSED_ASIDE.sub(" ", head))
    lead = pieces[-1]
    if len(pieces) > 1 and _opens_name_list(head, lead, found):
        lead = f"{pieces[-2]} {lead}"
    # An alias in parentheses names what the words before the parenthesis name ("the ROOTSAW dropper (also known as
    # EnvyScout)").
    if len(pieces) > 1 and rules.alias.match(lead):
        if set(pieces[-2].lower().split()[-2:]) & rules.nouns:
            return True
        lead = f"{pieces[-2]} {lead}"
    # ...and a parenthesis right after a role noun gives the software's other names, however it words them ("the
    # RaspberryRobin worm (Raspberry Robin in most reporting, Roshtyak in one vendor's naming)").
    elif (
        len(pieces) > 1
        and head[len(head) - len(lead) - 1] == "("
        and ")" not in lead
        and set(pieces[-2].lower().split()[-1:]) & rules.nouns
    ):
        return True
    # Introduced as new to the reader ("we found a new Kazuar build", "a previously undocumented Snake sample"): what a
    # report finds is what it is about.
    if rules.novelty.search(lead) or rules.incident_tied.search(head):
        return True
    reach = f"{lead} {found.clause.replace(found.match.surface, ' ')}"
    if (
        rules.verbs.search(reach)
        or rules.stages.search(reach)
        or rules.object_verbs.search(lead)
        or rules.copula.search(lead)
        or rules.of.search(lead)
    ):
        return True
    # A list after a colon, introduced by a word of tooling ("The affiliate's tooling was small: A, B").
    stop = len(head) - len(lead) - 1
    if stop >= 0 and head[stop] == ":" and rules.headings.search(pieces[-2]):
        return True
    words = _POSSESSIVE.sub("", found.after, count=1).split()[:2]
    if (set(words) | {" ".join(words)}) & rules.after_nouns:
        return True
    relative = _RELATIVE.match(found.following(80))
    if relative and rules.verbs.search(relative.group()):
        return True
    # The predicate after an apposition ("Cobalt Strike, the crew's usual beacon, ran on the domain controller").
    end = _name_end(found, text)
    predicate = _AFTER_APPOSITION.match(text, end, end + 240)
    if predicate and rules.verbs.search(" ".join(predicate.group(1).split()[:4])):
        return True
    # A naming phrase that introduces it, a sentence ranking families, its first word alone in later sentences
    # (galaxy_software_prose).
    return salient_in_prose(found, text)
