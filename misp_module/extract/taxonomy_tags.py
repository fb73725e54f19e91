"""Taxonomy tags a report writes itself: its TLP marking and its estimative language."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..knowledge.data import KnowledgeError, load_data
from ..knowledge.regex_cache import compiled
from ..read.report import Report
from .findings import Findings, TagFinding
from .galaxy_cues import grouped_alternation
from .words_anywhere import LoweredText, word_matches

# Sections whose words are not analytic judgements.
_NOT_ANALYTIC = {"mitigations"}


@dataclass(frozen=True)
class _Phrases:
    tlp: re.Pattern[str]
    tlp_order: tuple[str, ...]
    estimative: re.Pattern[str]
    tags: dict[str, str]


@cache
def _known_tags() -> frozenset[str]:
    """The machine tags of the two taxonomies, read from pytaxonomies' copy of misp-taxonomies (only these
    two files: loading all of its taxonomies costs a cold start of the CLI 70 ms)."""
    import pytaxonomies
    from pytaxonomies import Taxonomy

    root = Path(pytaxonomies.__file__).parent / "data" / "misp-taxonomies"
    tags: list[str] = []
    for name in ("tlp", "estimative-language"):
        path = root / name / "machinetag.json"
        try:
            tags += Taxonomy(json.loads(path.read_text(encoding="utf-8"))).machinetags()
        except (OSError, ValueError) as exc:
            raise KnowledgeError(f"{path}: cannot read the {name} taxonomy ({exc}); reinstall pytaxonomies") from exc
    return frozenset(tags)


@cache
def _phrases() -> _Phrases:
    data = load_data("taxonomy_phrases.yaml")
    known = _known_tags()
    tags: dict[str, str] = {}
    for predicate, values in data["estimative"].items():
        for value, phrases in values.items():
            tag = f'estimative-language:{predicate}="{value}"'
            if tag not in known:
                raise KnowledgeError(f"taxonomy_phrases.yaml: {tag} is not in the estimative-language taxonomy")
            tags.update({phrase.lower(): tag for phrase in phrases})
    order = tuple(data["tlp"]["most_restrictive_first"])
    unknown = [level for level in order if f"tlp:{level}" not in known]
    if unknown:
        raise KnowledgeError(f"taxonomy_phrases.yaml: tlp:{unknown[0]} is not in the tlp taxonomy")
    initials = "".join(sorted({phrase[0].lower() for phrase in tags}))
    # Grouped by first letter (galaxy_cues.grouped_alternation): the same matches, a fifth less search.
    alternatives = grouped_alternation(
        sorted(tags, key=len, reverse=True), lambda p: re.escape(p).replace(r"\ ", r"\s+")
    )
    return _Phrases(
        tlp=compiled(data["tlp"]["pattern"], re.IGNORECASE),
        tlp_order=order,
        # The look-ahead for the phrases' first letters skips other positions at once (same matches).
        estimative=compiled(rf"(?<![\w-])(?=[{re.escape(initials)}])(?:{alternatives})(?![\w-])", re.IGNORECASE),
        tags=tags,
    )


def tlp_tag(text: str) -> str | None:
    """The most restrictive TLP marking written in the text, as a `tlp:` tag."""
    phrases = _phrases()
    levels = {re.sub(r"\s+", "", m.group("level")).lower() for m in phrases.tlp.finditer(text)}
    for level in phrases.tlp_order:
        if level in levels:
            return f"tlp:{level}"
    return None


def estimative_tags(text: str) -> list[str]:
    """Estimative-language tags of every judgement phrase in the text, in order of first use."""
    phrases = _phrases()
    # Tried only where a phrase's first word is (words_anywhere.py): the same matches as a search of every position.
    matches = word_matches(phrases.estimative, phrases.tags, LoweredText(text))
    found = (phrases.tags[" ".join(m.group(0).lower().split())] for m in matches)
    return list(dict.fromkeys(found))


def taxonomy_findings(report: Report) -> Findings:
    """The report's TLP tag (replacing the template default) and estimative-language tags."""
    findings = Findings()
    tlp = tlp_tag(report.text)
    if tlp:
        findings.tags.append(TagFinding(tlp))
    analytic = [s.text for s in report.sections if s.role not in _NOT_ANALYTIC] or [report.text]
    for tag in estimative_tags("\n".join(analytic)):
        findings.tags.append(TagFinding(tag))
    return findings
