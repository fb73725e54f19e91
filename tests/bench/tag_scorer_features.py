"""How a page names each cluster the galaxy reading found, as numbers a small scorer reads (issue 8, tagscore).

The rows are the clusters `read_galaxies` returns on one page, tags and those "named in passing" alike (never a
technique, never a rejected cluster): the scorer only moves a cluster between the two channels. The features
describe HOW the page names the cluster, not the words of one page: the channel the rules chose and the role,
the kind, how often and in how many sentences it is named, whether the title, the lead, a heading, the first
paragraph, a structured section or a list line names it, whether a verb of use, targeting or attribution governs a
mention, where it is first named, its share of its kind's most named cluster, how many clusters of its kind the
page has, whether a related cluster (an actor's known software, a software's actor) is a tag, and the page's length.
Used by tag_scorer_train.py; the helpers of salience_features.py are reused.
"""

from __future__ import annotations

import math
from collections import defaultdict

from salience_features import STRUCTURED_ROLES, _first_paragraph, _table_line

from misp_module.extract import galaxies
from misp_module.extract.galaxy_cues import cues
from misp_module.extract.galaxy_page import markdown_headings
from misp_module.extract.galaxy_places import PROSE, found_names
from misp_module.extract.galaxy_roles import ATTRIBUTED, TARGETS, USES
from misp_module.extract.galaxy_salience import _patterns
from misp_module.knowledge.galaxies import galaxy_index
from misp_module.knowledge.regions import countries_by_region
from misp_module.read.report import Report

KINDS = ("actor", "software", "country", "region", "sector")
FEATURES = (
    "bias",
    "tagged",
    "targets",
    "attributed",
    "uses",
    "set_aside",
    "mentioned_place",
    "demoted",
    *(f"kind_{k}" for k in KINDS),
    "log_mentions",
    "log_sentences",
    "once",
    "title",
    "lead",
    "heading",
    "first_paragraph",
    "structured",
    "list_line",
    "verb",
    "first_pos",
    "share",
    "top_of_kind",
    "log_kind_count",
    "related_tagged",
    "with_subject",
    "log_words",
    "zipf",
)


REASONS = ("set_aside", "mentioned_place", "demoted")


def _read(report: Report, index) -> tuple[dict, tuple, dict]:
    """`read_galaxies`, and why each listed cluster is listed: set aside where it is written (compared, past,
    another user: the reader's `passing`), a place only mentioned, or demoted once every name was read (an actor or
    software named once beside the main ones, a country named by its cities, another incident's). Read by catching
    the arguments of `named_in_passing`, so that the bench needs no change of the pipeline."""
    seen: dict = {}
    original = galaxies.named_in_passing

    def catch(reader, demoted, refused, tags):
        seen.update(reader=reader, demoted=set(demoted))
        return original(reader, demoted, refused, tags)

    galaxies.named_in_passing = catch
    try:
        tags, passing = galaxies.read_galaxies(report, index)
    finally:
        galaxies.named_in_passing = original
    why: dict = defaultdict(set)
    for clusters in seen["reader"].passing.values():
        for cluster in clusters:
            why[cluster].add("set_aside")
    for cluster in seen["reader"].mentioned_places:
        why[cluster].add("mentioned_place")
    for cluster in seen["demoted"]:
        why[cluster].add("demoted")
    return tags, passing, why


def kind_of(cluster) -> str:
    """The scorer's kind: software for malware and tools, countries and regions apart."""
    if cluster.kind in ("malware", "tool"):
        return "software"
    if cluster.kind == "location":
        return "region" if cluster.galaxy == "region" else "country"
    return cluster.kind


def page_rows(report: Report) -> tuple[list[dict], list[str]]:
    """One row per cluster the reading tags or lists as named in passing (its tag, channel and features), and the
    technique tags, which the scorer leaves alone."""
    index = galaxy_index()
    tags, passing, why = _read(report, index)
    candidates = {c: role for c, role in tags.items() if c.kind != "technique"}
    candidates.update({c: "" for c in passing if c not in candidates and c.kind != "technique"})
    founds = found_names(report, index, cues())
    by_cluster = defaultdict(list)
    for f in founds:
        for cluster in f.match.clusters:
            by_cluster[cluster].append(f)
    text = report.text
    heading_spans = [(h.title_start, h.title_start + len(h.title)) for h in markdown_headings(text)]
    first = _first_paragraph(text)
    title = (report.title or "").lower()
    lead = (report.summary or "").lower() or text[:400].lower()
    verbs = [_patterns().verbs, cues().attribution, cues().targeting, cues().usage]
    most: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    for cluster in candidates:
        most[kind_of(cluster)] = max(most[kind_of(cluster)], len(by_cluster[cluster]))
        count[kind_of(cluster)] += 1
    tagged_software = {c for c in tags if c.kind in ("malware", "tool")}
    tagged_actors = {c for c in tags if c.kind == "actor"}
    # The sentences that name a tagged actor or software: the page's subject, whoever does what.
    subject_sentences = {
        (f.part.offset, f.sentence_start) for c in tagged_software | tagged_actors for f in by_cluster.get(c, ())
    }
    tagged_places = {c.value for c in tags if c.kind == "location"}
    words = len(text.split())
    rows = []
    for cluster, role in sorted(candidates.items(), key=lambda item: item[0].tag):
        mine = by_cluster[cluster]
        forms = {n.form.lower() for f in mine for n in f.match.names if n.cluster == cluster}
        zipfs = [n.zipf for f in mine for n in f.match.names if n.cluster == cluster]
        starts = [f.match.start for f in mine if f.part.role != "heading"]
        kind = kind_of(cluster)
        related = tagged_actors if kind == "software" else tagged_software if kind == "actor" else set()
        sentences = len({(f.part.offset, f.sentence_start) for f in mine})
        values = {
            "bias": 1.0,
            "tagged": float(cluster in tags),
            "targets": float(role == TARGETS),
            "attributed": float(role == ATTRIBUTED),
            "uses": float(role == USES),
            **{reason: float(reason in why.get(cluster, ())) for reason in REASONS},
            **{f"kind_{k}": float(kind == k) for k in KINDS},
            "log_mentions": math.log1p(len(mine)),
            "log_sentences": math.log1p(sentences),
            "once": float(sentences <= 1),
            "title": float(any(form and form in title for form in forms)),
            "lead": float(any(form and form in lead for form in forms) or any(f.part.role == "summary" for f in mine)),
            "heading": float(
                any(f.part.role == "heading" for f in mine) or any(a <= s < b for s in starts for a, b in heading_spans)
            ),
            "first_paragraph": float(any(first[0] <= s < first[1] for s in starts)),
            "structured": float(any(f.part.role in STRUCTURED_ROLES for f in mine)),
            "list_line": float(any(f.place != PROSE for f in mine) or any(_table_line(text, s) for s in starts)),
            "verb": float(any(p.search(f.clause) for f in mine for p in verbs)),
            "first_pos": min(starts) / max(1, len(text)) if starts else 1.0,
            "share": len(mine) / max(1, most[kind]),
            "top_of_kind": float(bool(mine) and len(mine) == most[kind]),
            "log_kind_count": math.log1p(count[kind] - 1),
            "related_tagged": float(
                _related(cluster, related, index) or (kind in ("country", "region") and _nested(cluster, tagged_places))
            ),
            "with_subject": float(
                cluster not in tagged_software | tagged_actors
                and any((f.part.offset, f.sentence_start) in subject_sentences for f in mine)
            ),
            "log_words": math.log1p(words) / 10,
            "zipf": max(zipfs) / 8 if zipfs else 0.0,
        }
        rows.append({"tag": cluster.tag, "kind": kind, "tagged": cluster in tags, "x": [values[f] for f in FEATURES]})
    return rows, sorted(c.tag for c in tags if c.kind == "technique")


def _nested(cluster, tagged_places: set[str]) -> bool:
    """Whether a tagged place holds this one or lies inside it (a region and one of its countries)."""
    inside = countries_by_region()
    if cluster.galaxy == "region":
        return bool(inside.get(cluster.value, frozenset()) & tagged_places)
    return any(cluster.value in inside.get(place, ()) for place in tagged_places)


def _related(cluster, others: set, index) -> bool:
    """Whether a tagged cluster of the other subject kind is known to go with this one (an actor's software)."""
    return bool(others & index.goes_with(cluster))
