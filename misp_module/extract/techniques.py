"""ATT&CK techniques a report describes: by ID, by name, and in prose, sentence by sentence.

Three recognitions, chosen by the `techniques` setting (all three by default, the best measured in
tests/bench/bench_techniques.py):

| recognition | counts                                                                                      |
|-------------|---------------------------------------------------------------------------------------------|
| ids         | a technique ID written anywhere ("T1059.001"); a revoked ID as the one ATT&CK replaced it by |
| names       | a technique's name (galaxy_techniques.py finds it) under TTPs; elsewhere where the model    |
|             | reads the same technique family in the sentence, or, for a program's name ("Rundll32"),     |
|             | some adversary behaviour: "IP addresses" or "cloud services" alone name nothing             |
| prose       | the technique (or family) the model of techniques_model.py reads in a sentence or in one    |
|             | action of a chained sentence; sentences' evidence combined must reach `threshold`           |

Names and prose both skip a sentence that is not the adversary's behaviour (data/techniques.yaml): negated
("did not use PowerShell"; prose keeps the clauses no negation governs, for cue phrases), advice or defence
("Enable MFA", "defenders should monitor"), the past or another actor ("other groups have used", a sentence
naming an actor that is not the report's; prose keeps, for cue phrases, the clauses out of their reach: "…,
but this crew …"), link titles, references, code, tables and lines of indicators. A list item too short to be
a sentence is read after its list's lead-in ("On first run it collects:" + "a screenshot of the desktop.").
Prose evidence is the model's probability or a cue phrase's (technique_cues.py). A sub-technique is given
where a cue reads it, or the model where the sentence supports it (technique_subs.py); where only the family
is read, the parent; a parent read in the same sentence as its sub-technique counts for the sub alone. A
parent becomes its sub-technique where a hint near the family's sentences says which (`promote_subs`).
Deprecated and revoked techniques never count.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import islice

from ..knowledge.cache import cache_dir, load_once, read_cached, write_cached
from ..knowledge.data import data_dir, load_data
from ..knowledge.galaxies import Cluster, GalaxyIndex
from ..read.report import Report
from ..settings import TECHNIQUE_RECOGNITIONS
from .technique_cues import cued, hinted_subs
from .technique_subs import checked, own_stems_of
from .techniques_features import word_starts, words
from .techniques_model import Guess, TechniqueModel, family, technique_model

IDS, NAMES, PROSE = TECHNIQUE_RECOGNITIONS
GALAXY = "mitre-attack-pattern"
USES = "uses"

# Markdown links and bare URLs: their words are titles of other pages, not this report's prose.
# Both open with a character the engine can skip to ("!"/"[", "h"); the URL's word boundary is checked once that
# "h" is found. The same matches as "!?\[…" and "\bhttps?…", two to five times faster on prose.
_LINK = re.compile(r"(?:!\[|\[)[^\]\n]{0,500}\]\([^)\s]{0,2000}\)")
_URL = re.compile(r"h(?<!\wh)(?:ttps?|xxps?)://[^\s<>\"'`]{0,2000}[^\s<>\"'`.,;:!?)\]]")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^a-z\s])")
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and\s+)?then\s|\s+and\s+then\s|,\s+and\s|,\s+before\s|,\s+after\s|,\s+which\s")
# A technique ID written in a sentence: its author mapped it already (the `ids` recognition reads it).
# The letter first, its look-behind after it: the engine then skips to the next "t" instead of trying every
# position (the same matches: "[Tt]" is what "T" with IGNORECASE matches).
_TECHNIQUE_ID = re.compile(r"[Tt](?<![\w.][Tt])\d{4}(?:\.\d{3})?(?![\w])")
# A label opening a list item ("**Infrastructure (C2, domains, IPs):**"): a field name, not behaviour.
_LABEL = re.compile(r"^\W{0,4}[^:.!?]{1,60}?:(?:\*\*|__)?\s")
_PROSE_WORD = re.compile(r"(?<![\w./\\-])[A-Za-z][a-z]+(?![\w./\\-])")
# How far around a name its sentence is looked for: bounded work per name in a text without blank lines.
_PARAGRAPH_REACH = 2000
# A sentence needs this many plain words to be read: a line of indicators or a field label is not prose.
_MIN_WORDS = 5
# An ambiguous technique name needs a sentence of this many plain words for the model to support it.
_MIN_NAME_WORDS = 4
# A generic subject opening a sentence, after an optional short fronted phrase ("In May, ", "On one host "):
# the doer, not the deed (`_without_subject`).
_GENERIC_SUBJECT = re.compile(
    r"(?i)(?:(?:in|on|during|after|within|from|at|over) [^,;:.]{1,40}?,? )?(?:the|this|these|that|those) "
    r"(?:(?:threat|ransomware|apt|state-sponsored|financially motivated) )?(?:group|groups|operators?|attackers?|"
    r"actors?|intruders?|adversar(?:y|ies)|crews?|gangs?|affiliates?|hackers?|malware|implants?)\b"
    # ...not a noun it modifies ("the group names", "the malware family"): the sentence's subject is that noun.
    r"(?![-'\u2019]|\s+(?:names?|members?|famil(?:y|ies)|samples?|code|ecosystem|landscape|market|scene|"
    r"behind|tracked|known|called|named|list|profile|reports?|research)\b)\s*"
)
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


@dataclass(frozen=True)
class _Rules:
    threshold: float
    evidence: float
    name_support: float
    weights: dict[str, float]
    default_weight: float
    defender_headings: re.Pattern[str]
    adversary_headings: re.Pattern[str]
    not_behaviour: re.Pattern[str]
    negation: re.Pattern[str]
    defender: re.Pattern[str]
    elsewhere: re.Pattern[str]
    advice: re.Pattern[str]
    distinctive_zipf: float
    asset_families: frozenset[str]
    pieces_gate: float
    sub_support: float
    hint_weight: float
    hint_reach: int


def _words(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Any of the words or phrases, whole (used only to ask whether a text has one). The alternatives are
    grouped by their first character, "n(?:o|ot|ever)" rather than "no|not|never": the same texts match, and
    the engine tries one group at each word start instead of every phrase (a search 2.5 times faster)."""
    return re.compile(rf"(?<![\w-])(?:{_by_first_character(str(w).lower() for w in words)})(?![\w-])", flags)


def _by_first_character(words: Iterable[str]) -> str:
    """An alternation of the words, grouped by first character, longest first in each group."""
    groups: dict[str, set[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], set()).add(word[1:])
    return "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(rest) for rest in sorted(rests, key=lambda r: (-len(r), r))) + ")"
        for first, rests in sorted(groups.items())
    )


@cache
def _rules() -> _Rules:
    data = load_data("techniques.yaml")
    return _Rules(
        threshold=float(data["threshold"]),
        evidence=float(data["evidence"]),
        name_support=float(data["name_support"]),
        weights={str(k): float(v) for k, v in data["section_weights"].items()},
        default_weight=float(data["default_weight"]),
        defender_headings=_words(data["defender_headings"]),
        adversary_headings=_words(data["adversary_headings"]),
        # Both searched in the lower-cased sentence: one case-sensitive search is several times faster.
        not_behaviour=_words([*data["negation"], *data["defender"], *data["past"], *data["other_actors"]], 0),
        negation=_words(data["negation"], 0),
        defender=_words(data["defender"], 0),
        elsewhere=_words([*data["past"], *data["other_actors"]], 0),
        advice=re.compile(rf"^\W*{_words(data['advice_openers']).pattern}"),
        distinctive_zipf=float(data["names"]["distinctive_zipf"]),
        asset_families=frozenset(str(f) for f in data["names"]["asset_families"]),
        pieces_gate=float(data["pieces_gate"]),
        sub_support=float(data["sub_support"]),
        hint_weight=float(data["hint_weight"]),
        hint_reach=int(data["hint_reach"]),
    )


def not_behaviour(sentence: str) -> bool:
    """The sentence is negated, advice or defence, or about the past or another actor."""
    rules, lowered = _rules(), sentence.lower()
    if rules.advice.search(lowered):
        return True
    return bool(rules.not_behaviour.search(lowered) and rules.not_behaviour.search(_without_false_filters(lowered)))


# Phrases that hold a filter's word but say nothing of the kind: "in the last year", "over the past six months"
# (how recent, not another time: "searches the drives for documents changed in the last year"), and "if it
# detects" (the malware's check, not the defender's detection: "quits if it detects a debugger").
_NOT_FILTERS = re.compile(
    r"\b(?:in|within|over|during|since) the (?:last|past) (?:(?:few|two|three|six|twelve|\d+|several) )?"
    r"(?:years?|months?|weeks?|days?|hours?)\b|\b(?:if|when|once|whether|where|whenever|unless) it detects\b"
)


def _without_false_filters(lowered: str) -> str:
    """The lower-cased sentence with the phrases of `_NOT_FILTERS` blanked; the sentence itself where it has none
    (most: two substring tests)."""
    if "the last" in lowered or "the past" in lowered or "it detects" in lowered:
        return _NOT_FILTERS.sub(" ", lowered)
    return lowered


# Where a negation's reach ends in a sentence: a semicolon or colon, a comma before a new clause, "but", a
# relative "whose", before "instead of"/"rather than" (what they exclude follows them), "and" before a negated
# verb ("is loaded into memory and never touches the disk"), "so (that)" before a consequence ("deletes the
# shadow copies so that files cannot be restored"), or a comma before "they"/"it" opening the main clause
# ("where neither trick worked, they flooded the victim with push prompts"). Not a plain "and": "no sign of
# lateral movement and credential theft" negates both.
_CLAUSE_EDGE = re.compile(
    r";|:\s|,\s+(?:and|but|while|whereas|although|though|which|so|then|where)\s|\s+but\s|\s+whose\s"
    r"|\s+(?=(?:instead of|rather than)\b)|\s+and\s+(?=(?:never|not|no|did not|does not|do not|didn't|doesn't"
    r"|cannot|can't)\b)|\s+so that\s|\s+so\s+(?=\w+(?: \w+)? (?:could|can|cannot|can't|couldn't|would|wouldn't|will"
    r"|won't)\b)|,\s+(?=(?:they|it)\s)"
)
# "With no" before a noun describes the thing ("machines with no connection to the Internet"), negating no
# action: a clause is not negated by it (the sentence is still read for cue phrases only).
_WITH_NO = re.compile(r"\bwith no\b")
# Of those, the edges where a sentence turns from one subject to another ("other groups have used WMI in the
# past, but this crew relies on scheduled tasks"): the past or another actor reaches up to the next one.
_CONTRAST = re.compile(r"\b(?:but|while|whereas|although|though)\b")


def behaviour_text(sentence: str) -> str | None:
    """What a sentence says the adversary did: the sentence, or None where it is advice or defence; a sentence
    that is negated, or tells of the past or another actor, only its clauses that no negation governs ("the
    backdoor is loaded straight into memory and never touches the disk" keeps "the backdoor is loaded straight
    into memory") and that no mention of the past or another actor reaches (such a mention reaches up to the
    next contrast: "other groups used WMI in the past, but this crew relies on scheduled tasks" keeps the
    crew's part), joined by semicolons, or None where no clause is left."""
    rules, lowered = _rules(), sentence.lower()
    if rules.advice.search(lowered):
        return None
    if not rules.not_behaviour.search(lowered):  # most sentences: one search
        return sentence
    lowered = _without_false_filters(lowered)
    if not rules.not_behaviour.search(lowered):
        return sentence
    if rules.defender.search(lowered):
        return None
    return _clauses_of_behaviour(
        sentence,
        lambda clause: bool(rules.elsewhere.search(_without_false_filters(clause.lower()))),
        lambda clause: bool(rules.negation.search(_WITH_NO.sub(" ", clause.lower()))),
    )


def _clauses_of_behaviour(
    sentence: str, elsewhere: Callable[[str], bool], negated: Callable[[str], bool] = lambda _: False
) -> str | None:
    """The clauses of a sentence that are the adversary's behaviour, joined by semicolons (None where none is
    left): not negated, and out of the reach of a clause that is `elsewhere` (the past, another actor), which
    reaches up to the next contrast ("but", "while", …: the sentence turns to another subject). Not up to a
    semicolon: "other groups used WMI; they also …" goes on about them."""
    kept, start, away = [], 0, False
    for edge in [*_CLAUSE_EDGE.finditer(sentence), None]:
        end = edge.start() if edge else len(sentence)
        clause = sentence[start:end].strip()
        away = away or (bool(clause) and elsewhere(clause))
        if clause and not away and not negated(clause):
            kept.append(clause)
        if edge and _CONTRAST.search(edge.group(0)):
            away = False
        start = edge.end() if edge else end
    text = "; ".join(kept)
    return text if kept and _is_prose(text) else None


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of a text around a span, hard-wrapped lines joined: its paragraph runs from the blank line
    or block start (list item, heading, table row) before the span to the one after it."""
    floor = max(start - _PARAGRAPH_REACH, 0)
    first = max(text.rfind("\n", floor, start) + 1, floor)
    while first > floor and not _starts_block(_line_at(text, first)):
        previous = max(text.rfind("\n", floor, first - 1) + 1, floor)
        line = text[previous : first - 1]
        if not line.strip() or line.lstrip()[:1] in ("|", "#"):
            break
        first = previous
    ceiling = min(end + _PARAGRAPH_REACH, len(text))
    last = text.find("\n", end, ceiling)
    while 0 <= last < ceiling:
        line = _line_at(text, last + 1)
        if not line.strip() or _starts_block(line):
            break
        last = text.find("\n", last + 1, ceiling)
    paragraph = text[first : last if last >= 0 else ceiling].replace("\n", " ")
    left = 0
    for boundary in _SENTENCE_END.finditer(paragraph, 0, max(start - first, 0)):
        left = boundary.end()
    right = _SENTENCE_END.search(paragraph, end - first)
    return paragraph[left : right.start() if right else len(paragraph)]


def _line_at(text: str, position: int) -> str:
    stop = text.find("\n", position, position + _PARAGRAPH_REACH)
    return text[position : stop if stop >= 0 else position + _PARAGRAPH_REACH]


def _starts_block(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and (stripped[0] in "|#" or bool(_LIST_MARK.match(line)))


def in_link_title(text: str, start: int, end: int) -> bool:
    """The span is inside the title of a markdown link on its line ("[… abuses cloud services](https://…)")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return any(m.start() <= start - line_start < m.end() for m in _LINK.finditer(line))


@cache
def _clusters_by_id(index: GalaxyIndex) -> dict[str, Cluster]:
    found: dict[str, Cluster] = {}
    for cluster in index.clusters:
        if cluster.galaxy == GALAXY and cluster.external_id and not cluster.revoked:
            found.setdefault(cluster.external_id.upper(), cluster)
    return found


def current_cluster(cluster: Cluster, index: GalaxyIndex) -> Cluster | None:
    """The cluster to tag for a technique cluster found by ID: itself, its replacement when ATT&CK revoked
    it, None when deprecated, and None when the galaxy marks it revoked and the model (Enterprise ATT&CK) knows
    no replacement (a revoked Mobile technique such as T1400): a revoked cluster is never tagged."""
    if cluster.galaxy != GALAXY or not cluster.external_id:
        return cluster
    technique = technique_model().current(cluster.external_id.upper())
    if technique is None:
        return None
    if technique != cluster.external_id.upper() or cluster.revoked:
        return _clusters_by_id(index).get(technique)
    return cluster


def name_counts(cluster: Cluster, form: str, sentence: str, role: str, has_ttps: bool) -> bool:
    """A technique's name in a sentence counts when the sentence is the adversary doing it: under TTPs (the
    main format's list of the adversary's behaviour) unless the sentence is not behaviour; elsewhere a
    distinctive name ("Password Spraying", "PowerShell") in any sentence of behaviour, and an ambiguous one
    ("IP Addresses", "Cloud Services") only where the model also reads that technique (or its family) in the
    sentence. Never a deprecated technique; a revoked one is tagged as its successor."""
    model = technique_model()
    technique = (cluster.external_id or "").upper()
    if not technique or model.current(technique) is None:
        return False  # deprecated (a revoked technique's name counts: settle() tags its successor)
    kept = behaviour_text(sentence)
    if kept is None or (kept is not sentence and _plain(form) not in _plain(kept)):
        return False  # not behaviour, or the name is in a negated clause ("… had never been disabled; …")
    if _names_a_flaw(form, sentence):
        return False  # "a template injection flaw in the web console": a kind of vulnerability, not the technique
    if (has_ttps and role == "ttps") or distinctive(form, technique):
        return True
    # A heading or the label of a list of indicators ("IP addresses" above the addresses) is no sentence the
    # model can read behaviour in.
    if not _has_words(_LABEL.sub("", sentence, count=1), _MIN_NAME_WORDS):
        return False
    return model.guess(sentence).families.get(family(technique), 0.0) >= _rules().name_support


# After a technique's name, a word that makes it a class of software flaw ("template injection flaw",
# "command injection vulnerability"); before it, "server-side" does the same.
_FLAW_AFTER = re.compile(r"^[\s-]*(?:flaws?|vulnerabilit(?:y|ies)|bugs?|weakness(?:es)?|issues?)\b", re.IGNORECASE)
_FLAW_BEFORE = re.compile(r"\bserver-side\s*$", re.IGNORECASE)


def _names_a_flaw(form: str, sentence: str) -> bool:
    """The name, where the sentence has it, names a kind of vulnerability rather than the technique."""
    at = sentence.lower().find(form.lower())
    if at < 0:
        return False
    return bool(_FLAW_AFTER.match(sentence[at + len(form) :]) or _FLAW_BEFORE.search(sentence[:at]))


_NAME_WORD = re.compile(r"[A-Za-z]+")
_NOT_WORD = re.compile(r"[\W_]+")


def _plain(text: str) -> str:
    """Lower case, runs of other characters as one space: "password-spraying" has "Password Spraying"."""
    return _NOT_WORD.sub(" ", text.casefold())


_NAME_TABLE_FORMAT = 1


def distinctive(form: str, technique: str) -> bool:
    """The name of a technique is no everyday noun phrase, so that writing it in a sentence of behaviour is
    enough; see `_is_distinctive`. A name the galaxy does not hold as a technique's name ("cmd") is judged
    the same way, once per process."""
    table = _distinctive_names()
    key = (form.casefold(), technique)
    if key not in table:
        table[key] = _is_distinctive(form, technique, _zipf())
    return table[key]


def _zipf() -> Callable[[str, str], float]:
    """wordfreq's Zipf frequency, imported late: loading it costs a third of a second."""
    from wordfreq import zipf_frequency

    return zipf_frequency


@load_once
def _distinctive_names() -> dict[tuple[str, str], bool]:
    """Whether each technique's galaxy name is distinctive, worked out once (wordfreq's look-ups cost a third
    of a second to load) and kept in the disk cache, keyed by the galaxy index and data/techniques.yaml."""
    from ..knowledge.galaxies import galaxy_index

    index = galaxy_index()
    rules_digest = hashlib.sha256((data_dir() / "techniques.yaml").read_bytes()).hexdigest()[:16]
    key = f"{_NAME_TABLE_FORMAT}-{index.key}-{rules_digest}"
    folder = cache_dir()
    path = folder / f"technique-names-{hashlib.sha256(key.encode()).hexdigest()[:20]}.pickle" if folder else None
    stored = read_cached(path, "technique names") if path is not None else None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        return dict(stored[1])
    zipf = _zipf()
    table = {
        (name.casefold(), cluster.external_id): _is_distinctive(name, cluster.external_id, zipf)
        for cluster in index.clusters
        if cluster.galaxy == GALAXY and cluster.external_id
        for name in [cluster.value.rsplit(" - ", 1)[0]]
    }
    if path is not None:
        write_cached(path, (key, table), "technique names")
    return table


def _is_distinctive(form: str, technique: str, zipf: Callable[[str, str], float]) -> bool:
    """data/techniques.yaml, `names`: the technique is not one of the families that name assets the adversary
    gathers or acquires ("IP Addresses", "Domains"); the name is not one acronym ("DNS", "SMB": protocols); its
    head word is not a plural noun ("Cloud Services", "Valid Accounts": assets); and at least one of its words
    is rarer in English than `distinctive_zipf` ("Spraying", "Smuggling", "PowerShell"; not "User Execution",
    "Social Media")."""
    rules = _rules()
    words = _NAME_WORD.findall(form)
    if not words or family(technique) in rules.asset_families:
        return False
    if len(words) == 1 and words[0].isupper():
        return False
    head = words[-1].lower()
    if head.endswith("s") and not head.endswith(("ss", "us", "is")):
        return False
    return min(zipf(word, "en") for word in words) < rules.distinctive_zipf


@dataclass(frozen=True)
class _Sentence:
    text: str
    weight: float


def section_weight(role: str, heading: str) -> float:
    """How much a section's sentences count: 0 for advice, detection and the like under a defender's heading
    ("Recommendations", "Mitigations") in a free-form report."""
    rules = _rules()
    generic = role in {"body", "preamble", "analysis", "summary"}
    if generic and heading and rules.defender_headings.search(heading) and not rules.adversary_headings.search(heading):
        return 0.0
    return rules.weights.get(role, rules.default_weight)


def _paragraphs(text: str) -> Iterator[str]:
    """The prose paragraphs of a text, hard-wrapped lines joined: no code blocks, no table rows, no headings;
    each list item its own paragraph; links and URLs blanked out (their words title other pages). A list item
    too short to be a sentence ("taking screenshots;") is read after its list's lead-in, the sentence ending
    in a colon before the list ("On first run it collects: …"), without the colon: "On first run it collects
    a screenshot of the desktop." The lead-in says who does the items; without one they stay unread."""
    in_code = False
    lines: list[str] = []
    item, lead = False, ""
    for line in [*text.splitlines(), ""]:
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        stripped = line.strip()
        starts_item = bool(_LIST_MARK.match(line))
        starts_block = not stripped or stripped[0] in "|#" or starts_item
        if starts_block and lines:
            paragraph = " ".join(lines)
            if not item:
                lead = _lead_in(paragraph)
            elif lead and not _is_prose(paragraph):
                paragraph = f"{lead} {paragraph}"
            yield paragraph
            lines = []
        if stripped and stripped[0] not in "|#":
            if not lines:
                item = starts_item
            lines.append(_without_links(_LIST_MARK.sub("", stripped)))
        elif stripped:
            lead = ""  # a heading or a table row: the list after it has no lead-in


def _lead_in(paragraph: str) -> str:
    """The last sentence of a paragraph that ends with a colon (it introduces a list), without the colon;
    else ""."""
    stripped = paragraph.rstrip()
    if not stripped.endswith(":"):
        return ""
    return _SENTENCE_END.split(stripped)[-1][:-1].rstrip()


def _without_links(line: str) -> str:
    """The line with markdown links and URLs blanked out; a line without "[" or "://" (most) is not searched."""
    if "[" in line:
        line = _LINK.sub(" ", line)
    return _URL.sub(" ", line) if "://" in line else line


def sentences(report: Report) -> Iterator[_Sentence]:
    """Every prose sentence of the report with the weight of its section (0 ones left out)."""
    parts = [(s.role, s.heading, s.text) for s in report.sections] or [("body", "", report.text)]
    for role, heading, text in parts:
        weight = section_weight(role, heading)
        if weight <= 0:
            continue
        for paragraph in _paragraphs(text):
            for piece in _SENTENCE_END.split(paragraph):
                if _is_prose(piece):
                    yield _Sentence(piece, weight)


def _is_prose(sentence: str) -> bool:
    """Enough plain words after any leading label, and no technique ID (those the author mapped)."""
    body = _LABEL.sub("", sentence, count=1)
    return _has_words(body, _MIN_WORDS) and not _TECHNIQUE_ID.search(sentence)


def _has_words(text: str, count: int) -> bool:
    """The text has at least `count` plain words: the search stops at the last one needed instead of listing
    every word of a long sentence."""
    return count <= 0 or next(islice(_PROSE_WORD.finditer(text), count - 1, None), None) is not None


def _pieces(sentence: str) -> list[str]:
    """What the model reads of one sentence: the sentence, and each action of a chained sentence ("dumped
    LSASS …, then moved over RDP"). The model was trained on ATT&CK's short sentences, one technique each: in
    a chained sentence the words of one action would be diluted by the others."""
    return [sentence[a:b] for a, b in _piece_spans(sentence)]


def _piece_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence and each action of a chained sentence are (`_pieces`)."""
    spans, start = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(sentence)))
    parts = [(a, b) for a, b in spans if _has_words(sentence[a:b], _MIN_WORDS - 1)]
    return [(0, len(sentence)), *parts] if len(parts) > 1 else [(0, len(sentence))]


def _decide(model: TechniqueModel, text: str, weight: float, threshold: float) -> tuple[str, float] | None:
    """The technique one sentence describes, or None: the best technique if sure enough, else its family's
    parent if the family is sure enough, and the parent where the sentence does not support the model's
    sub-technique (technique_subs.py). Probabilities are weighted by the section (at most 0.99)."""
    from ..knowledge.galaxies import galaxy_index

    index = galaxy_index()
    own = own_stems_of(index, _clusters_by_id(index))
    return _decision(checked(model.guess(text), text, own), weight, threshold)


def _decision(guess: Guess, weight: float, threshold: float) -> tuple[str, float] | None:
    probability, family_probability = (
        min(guess.probability * weight, 0.99),
        min(guess.family_probability * weight, 0.99),
    )
    if guess.technique and probability >= threshold:
        return guess.technique, probability
    if guess.family and family_probability >= threshold:
        return guess.family, family_probability
    return None


def _decisions(
    model: TechniqueModel, sentence: _Sentence, rules: _Rules, own: Mapping[str, frozenset[str]]
) -> list[tuple[str, float] | None]:
    """The model's decision on a sentence and, where the sentence reads as some behaviour at all (its
    technique classes hold at least `pieces_gate` of the probability), on each action of a chained sentence.
    An action's words are a subset of its sentence's: where the whole sentence gives them no weight, no
    action of it reads more; measured on our reports, 15% fewer model calls and the same F1. The sentence's
    words are read once, and an action's are a slice of them where that reads the same (`word_starts`)."""
    text = _without_subject(sentence.text)
    tokens = words(text)
    rows = model.word_rows_of(tokens)
    whole = model.guess_rows(rows.rows())
    decisions = [_decision(checked(whole, text, own), sentence.weight, rules.evidence)]
    # The gate first: most sentences read as no behaviour, and their actions need not be found.
    pieces = _piece_spans(text) if sum(whole.families.values()) >= rules.pieces_gate else []
    if len(pieces) > 1:
        starts = word_starts(text)
        for a, b in pieces[1:]:
            if starts is not None and len(starts) == len(tokens) and _on_word_edges(text, a, b):
                found = rows.rows(bisect_left(starts, a), bisect_left(starts, b))
            else:
                found = model.rows_of(words(text[a:b]))
            guess = checked(model.guess_rows(found), text[a:b], own)
            decisions.append(_decision(guess, sentence.weight, rules.evidence))
    return decisions


def _without_subject(text: str) -> str:
    """The sentence without a generic subject at its start ("The operators …", "In May the attackers …"): the
    model learnt from ATT&CK's examples, whose subject is a name it never sees ("[APT29] has …"); a report's
    generic subject is words the model weighs toward whatever technique used them, diluting the action's."""
    match = _GENERIC_SUBJECT.match(text)
    return text[match.end() :] if match else text


def _on_word_edges(text: str, start: int, end: int) -> bool:
    """No word of the text runs across the span's edges (a piece cut at a clause break never does)."""
    return (start == 0 or not text[start - 1 : start + 1].isalnum()) and (
        end == len(text) or not text[end - 1 : end + 1].isalnum()
    )


def settle(
    clusters: dict[Cluster, str], report: Report, index: GalaxyIndex, recognition: Iterable[str]
) -> dict[Cluster, str]:
    """The galaxy clusters of a report with its techniques settled: a revoked technique found by ID replaced
    by its successor, a deprecated one left out, and the techniques read in prose added (`uses`)."""
    settled: dict[Cluster, str] = {}
    for cluster, relationship in clusters.items():
        current = current_cluster(cluster, index)
        if current is not None:
            settled.setdefault(current, relationship)
    if PROSE in recognition:
        actors = [c for c in settled if c.kind == "actor"]
        reading = _read_prose(report, index, actors)
        for cluster in reading.found:
            settled.setdefault(cluster, USES)
        settled = promote_subs(settled, reading, report, index)
    return settled


@dataclass(frozen=True)
class _ProseReading:
    """What prose recognition read in a report: the techniques it found (with their probabilities), each
    sub-technique's strongest sentence evidence (also those that did not pass), and the lower-cased text of the
    sentences of the adversary's behaviour (for the sub-technique hints of `promote_subs`)."""

    found: dict[Cluster, float]
    sub_evidence: dict[str, float]
    behaviour: list[str]
    # Per family, the places (in `behaviour`) of the sentences that read one of its techniques.
    family_places: dict[str, list[int]]

    def near(self, parent: str) -> list[str]:
        """The sentences of behaviour near one that reads the parent's family (`hint_reach` on either side):
        where a hint says which sub-technique of that behaviour it was ("… a phishing campaign. Each message
        linked to …"), not a hint in a paragraph about something else ("they sold the data on a Telegram
        channel"). All of them where no sentence reads the family (a parent found by its name)."""
        places = self.family_places.get(parent)
        if not places:
            return self.behaviour
        reach = _rules().hint_reach
        kept = {i for place in places for i in range(place - reach, place + reach + 1)}
        return [text for i, text in enumerate(self.behaviour) if i in kept]


def prose_techniques(report: Report, index: GalaxyIndex, actors: Iterable[Cluster] = ()) -> dict[Cluster, float]:
    """The techniques the report's sentences describe, each with the probability the report gives it.

    A sentence is evidence for the technique (or family) it reads with at least `evidence` (weighted); the
    evidence of several sentences adds up as independent observations, 1 - Π(1 - p): one sure sentence, or two
    or three fairly sure ones, make the technique pass `threshold`. Sub-techniques that do not pass on their
    own give their parent where the family's evidence does."""
    return _read_prose(report, index, actors).found


def _read_prose(report: Report, index: GalaxyIndex, actors: Iterable[Cluster]) -> _ProseReading:
    model, rules = technique_model(), _rules()
    behaviour: list[str] = []
    family_places: dict[str, list[int]] = {}
    clusters = _clusters_by_id(index)
    own = own_stems_of(index, clusters)
    own_actors = set(actors)
    evidence: dict[str, list[float]] = {}
    # Each sentence's evidence for a family (its strongest technique of it): a parent is tagged where no
    # technique of its family is, but the family's evidence passes.
    families: dict[str, list[float]] = {}
    for sentence in sentences(report):
        # The filters first: a sentence that is not behaviour is never scored (a fifth of them, measured).
        whole = sentence.text
        text = behaviour_text(whole)
        if text is None:
            continue
        if sentence.weight >= rules.hint_weight:
            behaviour.append(text.lower())
        # What is left of a negated sentence is read for cue phrases only: such sentences mostly tell what was
        # not seen, and the model reads behaviour into their other clauses ("flaws … were patched later, but
        # no exploitation was confirmed"); a cue phrase says precisely what was done.
        decided = {} if text is not whole else dict(d for d in _decisions(model, sentence, rules, own) if d is not None)
        for technique, probability in cued(text, sentence.weight).items():
            decided[technique] = max(decided.get(technique, 0.0), probability)
        if not decided:
            continue
        if _names_other_actor(whole, index, own_actors):
            # Only the clauses out of that actor's reach, for cue phrases: "… a spear-phishing e-mail that carried
            # a password-protected archive; the lure was a memo on the Calypso gas field".
            rest = _clauses_of_behaviour(text, lambda clause: _names_other_actor(clause, index, own_actors))
            decided = cued(rest, sentence.weight) if rest else {}
            if not decided:
                continue
        current: dict[str, float] = {}
        for label, probability in decided.items():
            technique = model.current(label)
            if technique in clusters:
                current[technique] = max(current.get(technique, 0.0), probability)
        # A parent read in the same sentence as one of its sub-techniques, no surer, is the same evidence said
        # less precisely ("spear-phishing e-mails with an attached ISO"): it counts for the sub-technique alone.
        subs: dict[str, float] = {}
        for technique, probability in current.items():
            if "." in technique:
                subs[family(technique)] = max(subs.get(family(technique), 0.0), probability)
        strongest: dict[str, float] = {}
        for technique, probability in current.items():
            if subs.get(technique, 0.0) < probability:
                evidence.setdefault(technique, []).append(probability)
            strongest[family(technique)] = max(strongest.get(family(technique), 0.0), probability)
        for parent, probability in strongest.items():
            families.setdefault(parent, []).append(probability)
            if sentence.weight >= rules.hint_weight:
                family_places.setdefault(parent, []).append(len(behaviour) - 1)
    found: dict[Cluster, float] = {}
    for technique, probabilities in evidence.items():
        combined = _combined(probabilities)
        if combined >= rules.threshold:
            found[clusters[technique]] = combined
    named = {family(c.external_id or "") for c in found}
    for parent, probabilities in families.items():
        combined = _combined(probabilities)
        cluster = clusters.get(parent)
        if cluster is not None and parent not in named and combined >= rules.threshold and model.current(parent):
            found[cluster] = combined
    sub_evidence = {t: max(p) for t, p in evidence.items() if "." in t}
    return _ProseReading(found, sub_evidence, behaviour, family_places)


def promote_subs(
    settled: dict[Cluster, str], reading: _ProseReading, report: Report, index: GalaxyIndex
) -> dict[Cluster, str]:
    """A parent technique found beside one of its sub-techniques left out, and one found alone given as the
    one sub-technique of it that the report supports elsewhere (either only where the report does not write
    the parent's ID): "a spear-phishing campaign" and, three paragraphs on, "the mails
    carried an ISO attachment" are Spearphishing Attachment. A sub-technique is supported by a sentence that
    reads it with `sub_support` (the model or a cue phrase, though the report as a whole did not pass it) or by
    one of its hints (data/technique_cues.yaml `sub_hints`: words that say which sub-technique but, alone,
    no behaviour). Where none or several are supported, the parent stays: precision first."""
    techniques = {c.external_id: c for c in settled if c.galaxy == GALAXY and c.external_id}
    parents = [t for t in techniques if "." not in t]
    if not parents:
        return settled
    rules, model = _rules(), technique_model()
    clusters = _clusters_by_id(index)
    written = {m.group(0).upper() for m in _TECHNIQUE_ID.finditer(report.text)}
    promoted = dict(settled)
    for parent in parents:
        # A parent beside one of its own sub-techniques says the same less precisely (analysts tag one).
        if parent not in written and any(s.startswith(parent + ".") for s in techniques):
            promoted.pop(techniques[parent])
    parents = [t for t in parents if not any(s.startswith(t + ".") for s in techniques)]
    for parent in parents:
        if parent in written:
            continue
        read = {t: p for t, p in reading.sub_evidence.items() if family(t) == parent}
        hinted = hinted_subs(parent, reading.near(parent))
        # Any other sub-technique read at all (some evidence, though weak) makes the choice uncertain.
        supported = {t for t, p in read.items() if p >= rules.sub_support} | hinted
        if supported != hinted | set(read):
            continue
        supported = {t for t in supported if model.current(t) == t and t in clusters}
        if len(supported) == 1:
            relationship = promoted.pop(techniques[parent])
            promoted.setdefault(clusters[supported.pop()], relationship)
    return promoted


def _combined(probabilities: list[float]) -> float:
    remaining = 1.0
    for probability in probabilities:
        remaining *= 1.0 - probability
    return 1.0 - remaining


def _names_other_actor(sentence: str, index: GalaxyIndex, own: set[Cluster]) -> bool:
    """The sentence names an actor that is not one of the report's own."""
    for match in index.find(sentence):
        actors = {n.cluster for n in match.names if n.cluster.kind == "actor" and not n.common}
        software = any(n.cluster.kind != "actor" for n in match.names)
        if actors and not software and not actors & own:
            return True
    return False
