"""How much evidence an ambiguous name needs before it names a cluster, and whether the words around it give it.

The more a name is also something else, the more it needs: a common English word ("Silence", "Hive") counts
next to a word of its kind ("the Hive ransomware"); a name only a noisy galaxy knows (the `ransomware` galaxy's
"Trojan", "Rijndael", "Payment") counts next to a word of that galaxy's own kind, and the word "trojan" never
confirms a malware called Trojan; an actor name that is an English word or a product ("Calypso", "Electrum")
needs a word of its kind or a second mention; a placeholder ("[targetcompany]") never counts. A place name that
goes on as a proper name ("World Health Organization", "Jordan Whitfield") is not the place, and a sector word
that qualifies another noun ("IT administration tools", "financial gain") is not a victim.
"""

from __future__ import annotations

import re

from ..knowledge.galaxies import GalaxyIndex, Match, Name
from ..knowledge.regex_cache import compiled
from .galaxy_cues import Cues
from .galaxy_places import Found

# A name written as a label ("**Payment:** ...") labels a field, whatever it names.
_LABEL_AFTER = compiled(r"\s*(?:\*\*|__)?\s*:")
_CAPITALISED_NEXT = compiled(r" ([A-Z][a-z]+)\b")
# A capitalised word right after a name (a surname), and the person's speech or a "who" after it.
_SURNAME_NEXT = compiled(
    r"[ \t]+([A-Z][a-z]+)\b(?!-)((?:,[ \t]+|[ \t]+)(?:who|said|says|told|explained|added|wrote|recalled)\b)?"
)
_LOWER_NEXT = compiled(r"\s*([a-z][a-z-]+)")
_WORDS = compiled(r"[a-z][a-z-]*")
_OPENERS = {"[": "]", "<": ">", "{": "}"}


def near(found: Found, kind: str, cues: Cues) -> bool:
    """A word of the kind next to the name ("the Silence malware"), not a word of the name itself; or a word that
    names the kind only written right after the name (`context_after`: "the Patchwork organization")."""
    words = set(f"{found.before} {found.after}".split()) - set(found.match.surface.lower().split())
    if words & cues.context.get(kind, frozenset()):
        return True
    after = cues.context_after.get(kind)
    return bool(after and after.match(found.following(30)))


# A capitalised word glued by a hyphen to the word after it ("Belarus-linked", "Kremlin-backed", "China-nexus").
_GLUED_TO_CAPITAL = compiled(r"\b[A-Z][\w.]*-([a-z]+)\b")
# The apposition right after a name, up to its closing comma ("Ghostwriter, the Belarus-linked influence operation,").
_APPOSITION_AFTER = compiled(r"[*_]*,\s+(?:the|a|an)\s[^,;:.()\n]{0,80}")


def origin_glued_near(found: Found, cues: Cues) -> bool:
    """A place glued to a word of origin qualifies the name: right before it ("the Belarus-linked Ghostwriter") or
    in the apposition after it ("Ghostwriter, the Belarus-linked influence operation, ..."). A name said to serve a
    state is an actor, and the sentence attributes it (issue 8, recall: actors in a landscape report's prose)."""
    start = found.offset_in_part
    before = found.part.text[max(0, start - 40) : start].rsplit("\n\n", 1)[-1]
    words = [m for m in _GLUED_TO_CAPITAL.finditer(before) if not before[m.end() :].strip(" *_").count(" ") > 1]
    apposition = _APPOSITION_AFTER.match(found.following(100))
    if apposition:
        words += list(_GLUED_TO_CAPITAL.finditer(apposition.group()))
    return any(m.group(1) in cues.origin_glued or cues.origin.fullmatch(m.group(1)) for m in words)


def ransomware_next(found: Found, cues: Cues) -> bool:
    """Ransomware written right next to the name ("Medusa ransomware", "the ransomware group Medusa")."""
    start = found.offset_in_part
    return bool(
        cues.ransomware_after.match(found.following(30))
        or cues.ransomware_before.search(found.part.text[max(0, start - 50) : start])
    )


def kind_next_counts(found: Found, cues: Cues) -> bool:
    """A word the ransomware galaxy writes in lower case ("frozen", "medusa") names the family when written
    capitalised with ransomware next to it; not where any word is capitalised: a sentence's first word ("Frozen
    ransomware talks stalled") or a title-case line ("Global Ransomware Trends")."""
    head = found.text_before
    if not head.strip(" \t\n*_#>-\"'([") or title_case(found.sentence):
        return False
    return ransomware_next(found, cues)


def other_than_ransomware(found: Found, cues: Cues) -> bool:
    """A word of another kind of software next to the name ("the Medusa banking trojan", "a Medusa APK")."""
    words = set(f"{found.before} {found.after}".split()) - set(found.match.surface.lower().split())
    return bool(words & cues.other_than_ransomware)


def galaxy_word_near(found: Found, kind: str, cues: Cues) -> bool:
    """A word of the galaxy's kind confirms a name only that galaxy knows (see `near`); when the name is itself a
    generic word of software ("Trojan", "Worm": "a banking Trojan, now a ransomware broker") only that word
    written right after it does ("the Trojan ransomware")."""
    surface = found.match.surface.lower()
    if surface not in cues.context.get("malware", frozenset()) and surface not in cues.context.get("tool", ()):
        return near(found, kind, cues)
    first_after = found.after.split()[:1]
    return bool(first_after) and first_after[0] in cues.context.get(kind, frozenset())


def software_object(found: Found, cues: Cues) -> bool:
    """The name is what a verb of software acts on ("loads Carbanak", "deployed Turla"): software, not
    its operators."""
    words = found.before.split()
    return bool(words) and words[-1] in cues.software_verbs


def in_malware_line(found: Found) -> bool:
    """The name is written in the Malware line of Tools ("**Malware families used:** ...")."""
    span = found.part.malware_span
    return span is not None and span[0] <= found.offset_in_part < span[1]


def is_label(found: Found) -> bool:
    """The name is a field label ("**Payment:** ...")."""
    return bool(_LABEL_AFTER.match(found.following(6)))


def surname(found: Found, cues: Cues, index: GalaxyIndex) -> bool:
    """The name is a person's surname: a given name before it, after a word for a person or a byline ("our engineer
    Sam Conti", "By Dana Royal"); not where that word is itself a name of the galaxies ("delivered by Emotet
    TrickBot")."""
    start = found.offset_in_part
    before = found.part.text[max(0, start - 60) : start]
    person = cues.person_before.search(before)
    if person and not index.find(person.group("given")):
        return True
    return given_name(found, before, cues, index)


def given_name(found: Found, before: str, cues: Cues, index: GalaxyIndex) -> bool:
    """The name is a person's given name: a surname right after it, and a word for a person or of speech before it
    or the person's speech or a "who" after the surname ("said Lorenz Becker", "Dana Royal, who led the case")."""
    surname = _SURNAME_NEXT.match(found.following(40))
    if not surname or index.find(surname.group(1)) or any(surname.group(1).lower() in w for w in cues.context.values()):
        return False
    return bool(cues.person_word_before.search(before) or surname.group(2))


def placeholder(found: Found) -> bool:
    """The name is written as a template placeholder ("[targetcompany]", "<victim>")."""
    text, start = found.part.text, found.offset_in_part
    end = start + len(found.match.surface)
    opener = text[start - 1 : start] if start else ""
    return opener in _OPENERS and text[end : end + 1] == _OPENERS[opener]


def common_name_counts(found: Found, kind: str, cues: Cues) -> bool:
    """A common-word name counts in the heading, in the Malware line, or next to a word of its kind; never
    as a label."""
    if is_label(found):
        return False
    return found.part.role == "heading" or near(found, kind, cues) or in_malware_line(found)


def galaxy_word_needed(name: Name, match: Match, cues: Cues) -> str | None:
    """The context kind a name needs when only a noisy galaxy knows it (`evidence` in galaxies.yaml): a name some
    other galaxy of the same kind also knows is a known family, and needs nothing more."""
    kind = cues.evidence.get(name.cluster.galaxy)
    if kind is None:
        return None
    others = {n.cluster.galaxy for n in match.names if n.cluster.kind == name.cluster.kind}
    return kind if others <= set(cues.evidence) else None


def ambiguous_actor(name: Name, cues: Cues) -> bool:
    """An actor name that is also an English word, a product or a place ("Calypso", "Iridium", "Electrum"): its
    word frequency reaches `ambiguous_actors.word_zipf`."""
    return name.zipf >= cues.ambiguous_actor_zipf


def proper_name_goes_on(found: Found) -> bool:
    """A place name followed by a capitalised word that is not a place: part of another proper name ("World
    Health Organization", "Jordan Whitfield", "Snake River Consulting"), not the place."""
    following = _CAPITALISED_NEXT.match(found.following(30))
    if not following or found.match.surface.endswith("."):
        # (An abbreviation's full stop may end its sentence: "in the U.S. Government agencies ...".)
        return False
    # Capitals say nothing in a title-case line: the match's own line, as a page's headline is often read as one
    # sentence with the line before it ("Source: https://... \n North Korean Hackers Unleash ...").
    start = found.in_sentence
    line_start = found.sentence.rfind("\n", 0, start) + 1
    line_end = found.sentence.find("\n", start)
    line = found.sentence[line_start : line_end if line_end >= 0 else len(found.sentence)]
    return following.group(1) not in {"The", "And", "In", "On"} and not title_case(line)


def title_case(line: str) -> bool:
    """Most words of the line are capitalised ("Attacks On Ukraine Continue"): capitals say nothing there."""
    words = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def modifies_another_noun(found: Found, cues: Cues) -> bool:
    """A sector word qualifying a noun that names no organisation ("IT administration tools", "financial gain",
    "banking malware"): it says what kind of thing the noun is, not who was hit."""
    following = _LOWER_NEXT.match(found.following(30))
    if not following or found.following(1) not in (" ", "-"):
        return False
    word = following.group(1)
    if word in cues.sector_activity:
        return not _work_of_victims(found.following(80)[following.end() :], cues)
    return word not in cues.sector_heads and word not in cues.phrase_words


def _work_of_victims(rest: str, cues: Cues) -> bool:
    """After a word of the sector's work, a noun of victims comes next or ends a short list ("[gas distribution]
    networks", "[water treatment] and electric distribution companies"), so the field word names the victims."""
    words = _WORDS.findall(rest)[:5]
    if words and words[0] in cues.sector_heads:
        return True
    return len(words) > 1 and words[0] in ("and", "or") and any(w in cues.sector_heads for w in words[1:4])
