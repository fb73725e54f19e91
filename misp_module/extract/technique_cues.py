"""Cue phrases of ATT&CK techniques: the behaviours vendor reports describe in their own words ("dumped the
memory of the LSASS process", "uploaded the archives with Rclone"), which the model of techniques_model.py,
trained on ATT&CK's short procedure sentences, reads too weakly in a long vendor sentence.

The phrases are data (data/technique_cues.yaml): per technique, regular expressions matched in the lower-cased
sentence and the words one of which a sentence must have for them to be tried at all. The evidence a match
gives is in data/techniques.yaml (`cue_evidence`, `weak_cue_evidence`). Which sentences are the adversary's
behaviour is decided by the caller (techniques.py): a cue phrase says what was done, not who did it.

A phrase is written for the plain order of one action; a sentence is also read two other ways where they
differ from it: with a shared preposition given to each item of a coordination ("over SMB and WMI" reads
"over WMI" too) and without an aside between dashes ("e-mails — replies in stolen threads — with a link").
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

import ahocorasick

from ..knowledge.cache import cache_dir, read_cached, write_cached
from ..knowledge.data import data_dir, load_data
from ..knowledge.regex_cache import compiled
from . import regex_literals
from .regex_literals import Gate, gate_holds, literal_gate
from .technique_platforms import names_phone

# The first three characters of each word of a lower-cased text (two of a two-letter word): the keys of the
# cue words, `_cue_words`.
_WORD_KEY = compiled(r"\b\w[\w$-]{1,2}")


@dataclass(frozen=True)
class _Cues:
    evidence: float
    weak_evidence: float
    patterns: dict[str, str]
    weak_patterns: dict[str, str]
    weak: frozenset[str]
    # The techniques of ATT&CK's Mobile matrix (`platform: mobile`): read only on a phone (technique_platforms.py).
    mobile: frozenset[str]
    # Per key (`_cue_words`): the techniques of the cue words that are the key itself, and the longer cue words.
    words: dict[str, tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]]
    # The same patterns one by one, each tried behind a literal gate of its own (`_Reading.has`).
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weak_parts: dict[str, tuple[str, ...]] = field(default_factory=dict)


@cache
def _cues() -> _Cues:
    """The cue phrases, read once per process on first use; each technique's expression is compiled the first
    time a sentence has one of its cue words (`_compiled`): compiling all of them cost 60-100 ms at start."""
    weights = load_data("techniques.yaml")
    data = load_data("technique_cues.yaml")
    cues, classes = data["cues"], _classes(data.get("classes") or {})
    # Each technique's patterns with its classes expanded and its pairs made patterns.
    parts = {str(t): tuple(_expanded(cue, "patterns", "pairs", classes)) for t, cue in cues.items()}
    weak_parts = {
        str(t): tuple(e) for t, cue in cues.items() if (e := _expanded(cue, "weak_patterns", "weak_pairs", classes))
    }
    return _Cues(
        evidence=float(weights["cue_evidence"]),
        weak_evidence=float(weights["weak_cue_evidence"]),
        # A technique's patterns as one expression: one search per candidate technique.
        patterns={t: _one(list(e)) for t, e in parts.items()},
        weak_patterns={t: _one(list(e)) for t, e in weak_parts.items()},
        weak=frozenset(str(t) for t, cue in cues.items() if cue.get("weak")),
        mobile=frozenset(str(t) for t, cue in cues.items() if cue.get("platform") == "mobile"),
        words=_cue_words(cues),
        parts=parts,
        weak_parts=weak_parts,
    )


# A class's name in a pattern: "{plant} … {startup_place}" (regular expressions' own braces hold digits).
_CLASS_NAME = compiled(r"\{([a-z_][a-z0-9_]*)\}")


def _classes(raw: dict[str, Any]) -> dict[str, str]:
    """The classes of technique_cues.yaml (`classes`: a verb or object class by name, one expression, which may
    name classes defined above it), each expanded and grouped; `window`, how far apart a pair's two sides may be."""
    classes: dict[str, str] = {}
    for name, expression in raw.items():
        classes[str(name)] = str(expression) if name == "window" else f"(?:{_with_classes(str(expression), classes)})"
    return classes


def _with_classes(pattern: str, classes: dict[str, str]) -> str:
    """A pattern with each "{class}" replaced by the class's expression (an unknown class fails loudly)."""

    def expression(match: re.Match[str]) -> str:
        if match.group(1) not in classes:
            raise ValueError(f"technique_cues.yaml: unknown class {match.group(0)} in {pattern!r}")
        return classes[match.group(1)]

    return _CLASS_NAME.sub(expression, pattern)


def _expanded(cue: dict[str, Any], key: str, pairs_key: str, classes: dict[str, str]) -> list[str]:
    """A technique's patterns with their classes expanded, and its pairs (`pairs`: a verb class and an object
    class, or any two patterns, each a whole word, within `window` characters and no comma, stop or semicolon
    (one clause: "sets the attribute on its files …, and it clears the history" pairs nothing), in either order:
    "copies itself to the Startup folder", "a shortcut to it is planted in the user's startup folder", "the
    Startup folder gets a copy of the loader") as patterns."""
    patterns = [_with_classes(str(p), classes) for p in cue.get(key) or []]
    window = classes.get("window", "50")
    for first, second in cue.get(pairs_key) or []:
        a, b = (f"(?:{_with_classes(str(side), classes)})" for side in (first, second))
        patterns.append(rf"\b{a}\b[^.;,]{{0,{window}}}\b{b}\b|\b{b}\b[^.;,]{{0,{window}}}\b{a}\b")
    return patterns


def _one(patterns: list[str] | None) -> str:
    """Several patterns as one expression (one that never matches for none)."""
    return "|".join(f"(?:{p})" for p in patterns or []) or r"(?!)"


@cache
def _compiled(expression: str) -> re.Pattern[str]:
    """A technique's expression, compiled once per process (kept apart from `re`'s own bounded cache) and
    once per machine (regex_cache)."""
    return compiled(expression)


@cache
def _gate(expression: str) -> Gate:
    """Literal strings a match of the expression must contain: groups of alternatives, one of each group in
    any text the expression matches (a necessary condition, read from the parsed expression, `literal_gate`).
    Testing them with `in` skips two searches in five for the same answers (measured on our reports)."""
    stored = _stored_gates()
    gate = stored.get(expression) if stored is not None else None
    return gate if gate is not None else literal_gate(expression)


@cache
def _stored_gates() -> dict[str, Gate] | None:
    """Every cue expression's gate, kept in the cache folder (knowledge/cache.py) under the digest of what they
    are read from: the cue data, the module that reads them and the Python whose parser it walks. Parsing
    the expressions a report tries cost a cold `convert` ~30 ms. None where no cache folder is configured
    (each gate is then read from its expression on first use)."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(sys.version.encode())
    digest.update((data_dir() / "technique_cues.yaml").read_bytes())
    digest.update(Path(regex_literals.__file__).read_bytes())
    digest.update(b"whole expressions and their parts")
    path = folder / f"cue-gates-{digest.hexdigest()[:20]}.pickle"
    stored = read_cached(path, "cue gates")
    if isinstance(stored, dict):
        return stored
    cues = _cues()
    expressions = {*cues.patterns.values(), *cues.weak_patterns.values()}
    expressions.update(chain(*cues.parts.values(), *cues.weak_parts.values()))
    gates = {e: literal_gate(e) for e in expressions}
    write_cached(path, gates, "cue gates")
    return gates


@dataclass(frozen=True)
class _Plan:
    """A technique's patterns (`parts`) with their literal gates (`_gate`), indexed by the literals of each gate's
    first group (the most selective): the patterns a sentence's literals open. Each pattern is kept with the other
    groups of its gate (`probes`), tested only once its first group is met."""

    literals: frozenset[str]
    # Per literal, the patterns (by position) whose first group holds it.
    opened: dict[str, tuple[int, ...]]
    # The patterns without a gate (or with an empty literal in the first group): always tried.
    ungated: tuple[int, ...]
    probes: tuple[tuple[Gate, str], ...]


@cache
def _plan(parts: tuple[str, ...]) -> _Plan:
    opened: dict[str, list[int]] = {}
    ungated = []
    gates = [_gate(part) for part in parts]
    for position, gate in enumerate(gates):
        if not gate or not all(gate[0]):
            ungated.append(position)
            continue
        for literal in gate[0]:
            opened.setdefault(literal, []).append(position)
    probes = tuple((gate[1:], part) for gate, part in zip(gates, parts, strict=True))
    return _Plan(frozenset(opened), {k: tuple(v) for k, v in opened.items()}, tuple(ungated), probes)


@cache
def _first_literals() -> Any:
    """An Aho-Corasick automaton over the literals of every cue pattern's first gate group."""
    cues = _cues()
    automaton = ahocorasick.Automaton()
    for parts in chain(cues.parts.values(), cues.weak_parts.values()):
        for literal in _plan(parts).literals:
            automaton.add_word(literal, literal)
    automaton.make_automaton()
    return automaton


class _Reading:
    """One reading of a lower-cased sentence (`cued`), with the first-group literals it holds, found on first ask
    by one pass of `_first_literals` over it."""

    __slots__ = ("_present", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._present: set[str] | None = None

    def has(self, parts: tuple[str, ...]) -> bool:
        """One of a technique's patterns found in the reading: the same answer as searching each pattern behind
        its own literal gate (a text that lacks every literal of one of its groups is not searched), and as
        searching their union (`_one`), whose gate holds a literal of any of them and let through seven searches
        for each that found a phrase. The first groups are met through the literals one pass over the reading
        found, shared by the five or six candidate techniques of a sentence and their thirty-odd patterns (nine in
        ten fail there): only the patterns one of them opens have their other groups tested."""
        plan = _plan(parts)
        if self._present is None:
            self._present = {literal for _, literal in _first_literals().iter(self.text)}
        hits = plan.literals & self._present
        if not plan.ungated and len(hits) < 2:
            if not hits:
                return False
            # One literal met (most readings that meet any): its patterns, already in order.
            chosen: Iterable[int] = plan.opened[next(iter(hits))]
        else:
            positions = set(plan.ungated)
            for literal in hits:
                positions.update(plan.opened[literal])
            chosen = sorted(positions)
        text = self.text
        for position in chosen:
            rest, expression = plan.probes[position]
            if gate_holds(rest, text) and _compiled(expression).search(text) is not None:
                return True
        return False


def compile_all() -> int:
    """Compile every cue expression now (tests: a pattern that does not compile fails there, not in a
    report); the number compiled."""
    cues = _cues()
    expressions = [*cues.patterns.values(), *cues.weak_patterns.values()]
    for expression in expressions:
        _compiled(expression)
    return len(expressions)


def _cue_words(cues: dict[str, Any]) -> dict[str, tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]]:
    """The cue words (lower case) by their first three characters (a two-letter word, "sc", "c2", by both): per
    key, the techniques of the cue words that are the key itself (a sentence's word that begins with it has them),
    and the longer cue words, each with the techniques whose patterns it lets be tried (a sentence must hold it)."""
    found: dict[str, list[str]] = {}
    for technique, cue in cues.items():
        for word in cue["words"]:
            if len(str(word)) < 2 or not re.match(r"\w", str(word)):
                raise ValueError(f"technique_cues.yaml, {technique}: cue word {word!r} must begin a word")
            found.setdefault(str(word).lower(), []).append(str(technique))
    whole: dict[str, set[str]] = {}
    longer: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for word, techniques in found.items():
        whole.setdefault(word[:3], set())
        if len(word) <= 3:
            whole[word[:3]].update(techniques)
        else:
            longer.setdefault(word[:3], []).append((word, tuple(techniques)))
    return {key: (frozenset(whole[key]), tuple(longer.get(key, ()))) for key in whole}


def cue_techniques() -> frozenset[str]:
    """The techniques that have cue phrases."""
    return frozenset(_cues().patterns)


def candidates(lowered: str) -> set[str]:
    """The techniques one of whose cue words the lower-cased sentence has, at the beginning of a word as far
    as the first three characters go (a cheap filter: the patterns decide). The keys of the sentence's words
    are found in one pass and met with the cue words' keys as sets; a regular expression of all the cue
    words cost 15 times a token pass (and finds only one of words that begin alike). (An automaton over the
    longer cue words instead of the substring test measured no gain: -0.07% instructions.)"""
    found: set[str] = set()
    buckets = _cues().words
    for key in buckets.keys() & _WORD_KEY.findall(lowered):
        whole, longer = buckets[key]
        found |= whole
        for word, techniques in longer:
            if word in lowered:
                found.update(techniques)
    return found


def cued(sentence: str, weight: float = 1.0, mobile: bool = False) -> dict[str, float]:
    """The techniques whose cue phrases the sentence has, each with the evidence its cue gives
    (`cue_evidence`, or `weak_cue_evidence` for a weak technique or one of its `weak_patterns`, phrases that
    also fit ordinary prose now and then), weighted by the sentence's section, at most 0.99. The Mobile
    matrix's cues only in a mobile report (`mobile`) or a sentence that names a phone platform. The sentence's
    filters are the caller's."""
    cues = _cues()
    lowered = sentence.lower()
    readings = tuple(_Reading(t) for t in (lowered, shared_preposition(lowered), without_asides(lowered)) if t)
    found: dict[str, float] = {}
    techniques = candidates(lowered)
    if techniques & cues.mobile and not (mobile or names_phone(lowered)):
        techniques -= cues.mobile
    for technique in sorted(techniques):
        if any(reading.has(cues.parts[technique]) for reading in readings):
            evidence = cues.weak_evidence if technique in cues.weak else cues.evidence
        elif technique in cues.weak_parts and any(reading.has(cues.weak_parts[technique]) for reading in readings):
            evidence = cues.weak_evidence
        else:
            continue
        found[technique] = min(evidence * weight, 0.99)
    return found


# A coordination whose second item lost the preposition the first one has: "moved laterally over SMB and WMI",
# "with Remote Desktop or SSH". A cue phrase is written for one item after its preposition ("over WMI"); the
# second item is given it again ("over smb and over wmi"). Not before an article or an adverb ("with AES and
# the key", "via WMI and then …"): another phrase starts there.
_SHARED_PREPOSITION = compiled(
    r"\b(over|via|through|using|with) ((?:(?!and\b|or\b)[\w.$-]+ ){0,2}[\w.$-]+)(,? (?:and|or) )"
    r"(?!(?:over|via|through|using|with|then|the|a|an|its|their|it|they|also|later|finally)\b)(?=[\w$])"
)


# An aside set off by a pair of dashes, in a sentence whose phrase runs on after it: "sent reply-chain e-mails —
# replies inserted into stolen conversations — with a link to a ZIP". A cue phrase is written without it.
_ASIDE = compiled(r"\s+(?:\u2014|\u2013|--?)\s+[^\u2014\u2013]{1,160}?\s+(?:\u2014|\u2013|--?)\s+")


def without_asides(lowered: str) -> str | None:
    """The lower-cased sentence without its asides between a pair of dashes ("e-mails — replies … — with a
    link" → "e-mails with a link"); None where it has none (most sentences: two substring tests)."""
    if "\u2014" not in lowered and "\u2013" not in lowered and " -" not in lowered:
        return None
    bare = _ASIDE.sub(" ", lowered)
    return bare if bare != lowered else None


def shared_preposition(lowered: str) -> str | None:
    """The lower-cased sentence with a shared preposition given to each item of its coordination ("over smb and
    wmi" → "over smb and over wmi"); None where it has none (most sentences: two substring tests)."""
    if " and " not in lowered and " or " not in lowered:
        return None
    spread = _SHARED_PREPOSITION.sub(r"\1 \2\3\1 ", lowered)
    return spread if spread != lowered else None


@cache
def _sub_hint_expressions() -> dict[str, dict[str, str]]:
    """The sub-technique hints (data/technique_cues.yaml `sub_hints`) by parent: each sub-technique's phrases
    as one expression."""
    hints: dict[str, dict[str, str]] = {}
    for technique, patterns in (load_data("technique_cues.yaml").get("sub_hints") or {}).items():
        parent = str(technique).split(".")[0]
        hints.setdefault(parent, {})[str(technique)] = _one(patterns)
    return hints


@cache
def _parent_hints(parent: str) -> dict[str, re.Pattern[str]]:
    """One parent's hint expressions, compiled the first time that parent is asked (a report asks a few;
    compiling every parent's at the first call cost a cold `convert` ~15 ms)."""
    return {technique: compiled(e) for technique, e in _sub_hint_expressions().get(parent, {}).items()}


def hinted_subs(parent: str, lowered_sentences: list[str]) -> set[str]:
    """The sub-techniques of a parent that one of the lower-cased sentences hints at (`sub_hints`: words that
    say which sub-technique a behaviour is, "the attachment", "over HTTPS", but no behaviour by themselves)."""
    hints = _parent_hints(parent)
    if not hints:
        return set()
    found: set[str] = set()
    for technique, pattern in hints.items():
        if any(pattern.search(sentence) for sentence in lowered_sentences):
            found.add(technique)
    return found


def sub_hint_patterns(technique: str) -> re.Pattern[str] | None:
    """One sub-technique's hint expression (`sub_hints`), None where it has none."""
    return _parent_hints(technique.split(".")[0]).get(technique)
