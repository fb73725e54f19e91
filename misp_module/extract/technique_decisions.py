"""The model's decision on one sentence (the `prose` recognition): the technique, or its family's parent, it
reads with enough weighted probability, for the whole sentence and for each action of a chained sentence,
without a generic subject that would dilute the action's words."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping

from ..knowledge.regex_cache import compiled
from .technique_rules import _clusters_by_id, _Rules
from .technique_sentences import _MIN_WORDS, _has_words, _Sentence
from .technique_subs import checked, own_stems_of
from .techniques_features import word_starts, words
from .techniques_model import Guess, TechniqueModel

_CLAUSE_BREAK = compiled(r";|,\s+(?:and\s+)?then\s|\s+and\s+then\s|,\s+and\s|,\s+before\s|,\s+after\s|,\s+which\s")
# A generic subject opening a sentence, after an optional short fronted phrase ("In May, ", "On one host "):
# the doer, not the deed (`_without_subject`).
_GENERIC_SUBJECT = compiled(
    r"(?i)(?:(?:in|on|during|after|within|from|at|over) [^,;:.]{1,40}?,? )?(?:the|this|these|that|those) "
    r"(?:(?:threat|ransomware|apt|state-sponsored|financially motivated) )?(?:group|groups|operators?|attackers?|"
    r"actors?|intruders?|adversar(?:y|ies)|crews?|gangs?|affiliates?|hackers?|malware|implants?)\b"
    # ...not a noun it modifies ("the group names", "the malware family"): the sentence's subject is that noun.
    r"(?![-'\u2019]|\s+(?:names?|members?|famil(?:y|ies)|samples?|code|ecosystem|landscape|market|scene|"
    r"behind|tracked|known|called|named|list|profile|reports?|research)\b)\s*"
)


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
    text = _without_subject(sentence.text[sentence.lead :])
    tokens = words(text)
    rows = model.word_rows_of(tokens)
    whole = model.guess_rows(rows.rows())
    decisions = [_checked_decision(whole, text, own, sentence.weight, rules.evidence)]
    # The gate first: most sentences read as no behaviour, and their actions need not be found.
    pieces = _piece_spans(text) if sum(whole.families.values()) >= rules.pieces_gate else []
    if len(pieces) > 1:
        starts = word_starts(text)
        for a, b in pieces[1:]:
            if starts is not None and len(starts) == len(tokens) and _on_word_edges(text, a, b):
                found = rows.rows(bisect_left(starts, a), bisect_left(starts, b))
            else:
                found = model.rows_of(words(text[a:b]))
            guess = model.guess_rows(found)
            decisions.append(_checked_decision(guess, text[a:b], own, sentence.weight, rules.evidence))
    return decisions


def _checked_decision(
    guess: Guess, text: str, own: Mapping[str, frozenset[str]], weight: float, threshold: float
) -> tuple[str, float] | None:
    """`_decision` on the guess `checked` against the sentence. The check (the sentence read for the words of
    the sub-technique, technique_subs.py) changes only the technique and its probability, to the parent with
    the family's: where neither the sub-technique's probability nor its parent's family's reaches the
    threshold, weighted, no technique is decided either way and the check is skipped (most sentences)."""
    technique = guess.technique
    if technique is not None and "." in technique:
        family_probability = guess.families.get(technique.split(".", 1)[0], 0.0)
        if min(max(guess.probability, family_probability) * weight, 0.99) < threshold:
            return _decision(guess, weight, threshold)
    return _decision(checked(guess, text, own), weight, threshold)


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
