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
|             | action of a chained sentence, a cue phrase (technique_cues.py), or an action on an object   |
|             | the adversary does (technique_actions.py); sentences' evidence combined must reach          |
|             | `threshold`                                                                                 |

Names and prose both skip a sentence that is not the adversary's behaviour (data/techniques.yaml): negated
("did not use PowerShell"; prose keeps the clauses no negation governs, for cue phrases; a negation in
quotation marks negates nothing), advice or defence ("Enable MFA", "defenders should monitor"), a description
(`descriptive`: "Rclone is an open-source tool …", "the administrators copied the patch …", "the screenshot
below shows …", "the IT department downloaded WinSCP …", "had the operators installed AnyDesk, …"; the
researchers', defenders' or law enforcement's own acts: "the researchers registered the C2 domains", "Europol took
down the servers"), the past (prose: a sentence opening on a year two or more before the report's,
technique_history.py: "In 2020 it targeted …") or another actor ("other groups have used", a sentence naming an
actor that is not the report's; prose keeps, for cue phrases, the clauses out of their reach: "…, but this crew …"),
link titles, page furniture (galaxy_furniture.py: a related story's headline under "Related news", a footer; a
figure's caption is read), references, code, tables (but a table's column of what each plug-in or command does:
technique_tables.py, unless the table is of defences) and lines of indicators. A list item too short to be a
sentence is read after its list's lead-in ("On first run it collects:" + "a screenshot of the desktop."); so is
one that opens in lower case, for cue phrases ("saved passwords and cookies from Safari;"), the model reading it
alone.
A sentence whose subject is a routine doer and that names nothing of the adversary's (technique_doers.py
`routine_doer`: "The vendor's updater creates a scheduled task each night", "Group policy turns off the firewall")
is read by neither the model nor the cue phrases; the action table asks who does each of its verbs itself.
Prose evidence is the model's probability or a cue phrase's (technique_cues.py). A sub-technique is given
where a cue reads it, or the model where the sentence supports it (technique_subs.py); where only the family
is read, the parent; a parent read in the same sentence as its sub-technique counts for the sub alone. A
parent becomes its sub-technique where a hint near the family's sentences says which (`promote_subs`).
A technique whose object the sentence lacks is dropped or given as its parent (technique_objects.py: "SMTP on
port 587" is no Non-Standard Port, encrypted strings no Encrypted File). Deprecated and revoked techniques
never count. A sentence under five words is read for cue phrases where it has a verb ("Persistence is via a
LaunchAgent."). A mobile report (technique_platforms.py: its phone-platform words outnumber its desktop
words) is read against ATT&CK's Mobile matrix: the Mobile cue phrases count in all its sentences (elsewhere
only in a sentence that names a phone platform), and an Enterprise technique found by name or in prose is
given as its Mobile counterpart, or left out where it has none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge.galaxies import Cluster, GalaxyIndex
from ..read.report import Report
from .technique_actions import acted
from .technique_cues import cued, hinted_subs
from .technique_decisions import _decisions
from .technique_doers import routine_doer
from .technique_filters import _clauses_of_behaviour, behaviour_text, descriptive, not_behaviour
from .technique_history import report_year, told_as_history
from .technique_names import distinctive, name_counts
from .technique_objects import with_objects
from .technique_platforms import as_mobile, is_mobile
from .technique_rules import GALAXY, IDS, NAMES, PROSE, USES, _clusters_by_id, _rules
from .technique_sentences import _TECHNIQUE_ID, _Sentence, in_link_title, section_weight, sentence_at, sentences
from .technique_subs import OwnStems, own_stems_of
from .techniques_model import TechniqueModel, family, technique_model

# The recogniser's steps live by concern (technique_rules, technique_sentences, technique_filters,
# technique_names, technique_decisions); this module settles a report's techniques and keeps their public names.
__all__ = [
    "GALAXY",
    "IDS",
    "NAMES",
    "PROSE",
    "USES",
    "behaviour_text",
    "cued",
    "current_cluster",
    "distinctive",
    "in_link_title",
    "name_counts",
    "not_behaviour",
    "promote_subs",
    "prose_techniques",
    "section_weight",
    "sentence_at",
    "sentences",
    "settle",
]


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
    mobile = is_mobile(report.text)
    if PROSE in recognition:
        actors = [c for c in settled if c.kind == "actor"]
        malware = [c for c in settled if c.kind == "malware"]
        reading = _read_prose(report, index, actors, mobile, malware)
        for cluster in reading.found:
            settled.setdefault(cluster, USES)
        settled = promote_subs(settled, reading, report, index)
    if mobile and any(c.galaxy == GALAXY for c in settled):
        written = {m.group(0).upper() for m in _TECHNIQUE_ID.finditer(report.text)}
        settled = as_mobile(settled, written, _clusters_by_id(index))
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
    return _read_prose(report, index, actors, is_mobile(report.text)).found


def _read_prose(
    report: Report, index: GalaxyIndex, actors: Iterable[Cluster], mobile: bool, malware: Iterable[Cluster] = ()
) -> _ProseReading:
    """What prose recognition reads in the report's sentences (`mobile`: the report is about a phone platform,
    technique_platforms.py, and the Mobile matrix's cue phrases are read in all its sentences; the report's own
    actors and `malware` are doers of the action table's actions, technique_actions.py)."""
    model, rules = technique_model(), _rules()
    clusters = _clusters_by_id(index)
    own_actors = set(actors)
    reader = _SentenceReader(
        model, own_stems_of(index, clusters), _own_names(index, own_actors | set(malware)), index, own_actors, mobile
    )
    behaviour: list[str] = []
    family_places: dict[str, list[int]] = {}
    previous: str | None = None
    evidence: dict[str, list[float]] = {}
    # Each sentence's evidence for a family (its strongest technique of it): a parent is tagged where no
    # technique of its family is, but the family's evidence passes.
    families: dict[str, list[float]] = {}
    year = report_year(report)
    for sentence in sentences(report):
        before, previous = previous, sentence.text
        if told_as_history(sentence.text, year):
            continue
        # The filters first: a sentence that is not behaviour is never scored (a fifth of them, measured).
        text = behaviour_text(sentence.text)
        if text is None:
            continue
        if sentence.weight >= rules.hint_weight:
            behaviour.append(text.lower())
        decided = reader.decided(sentence, text, before)
        if not decided:
            continue
        kept, strongest = _sentence_evidence(decided, model, clusters)
        for technique, probability in kept.items():
            evidence.setdefault(technique, []).append(probability)
        for parent, probability in strongest.items():
            families.setdefault(parent, []).append(probability)
            if sentence.weight >= rules.hint_weight:
                family_places.setdefault(parent, []).append(len(behaviour) - 1)
    found = _passing(evidence, families, clusters, model)
    sub_evidence = {t: max(p) for t, p in evidence.items() if "." in t}
    return _ProseReading(found, sub_evidence, behaviour, family_places)


@dataclass(frozen=True)
class _SentenceReader:
    """How prose recognition reads one sentence of behaviour: the model, the report's own stems, actors and malware
    (the doers of the action table), whether it is about a phone platform."""

    model: TechniqueModel
    own: OwnStems
    names: Callable[[str], tuple[tuple[int, int], ...]]
    index: GalaxyIndex
    own_actors: set[Cluster]
    mobile: bool

    def decided(self, sentence: _Sentence, text: str, before: str | None) -> dict[str, float]:
        """The techniques the sentence reads, each with its probability (`text`: what `behaviour_text` keeps of it,
        `before`: the sentence before, for "it"); empty where it reads none."""
        whole = sentence.text
        # What is left of a negated sentence is read for cue phrases only: such sentences mostly tell what was
        # not seen, and the model reads behaviour into their other clauses ("flaws … were patched later, but
        # no exploitation was confirmed"); a cue phrase says precisely what was done.
        # A short sentence ("Persistence is via a LaunchAgent.") is read for cue phrases only, too: the model needs
        # the words of a whole sentence.
        # A routine doer's act (an updater, administrators, group policy: technique_doers.py) is read by neither the
        # model nor the cue phrases; the action table asks who does each of its verbs itself.
        routine = routine_doer(text, self.names)
        reads_model = text is whole and not sentence.short and not routine
        read = (
            dict(d for d in _decisions(self.model, sentence, _rules(), self.own) if d is not None)
            if reads_model
            else {}
        )
        phrased: dict[str, float] = {}
        for technique, probability in ({} if routine else cued(text, sentence.weight, self.mobile)).items():
            phrased[technique] = max(phrased.get(technique, 0.0), probability)
        # An action on an object, where the adversary does it (technique_actions.py): "it" is who the sentence
        # before names.
        for technique, probability in acted(text, sentence.weight, self.names, before).items():
            phrased[technique] = max(phrased.get(technique, 0.0), probability)
        decided = _agreeing(read, phrased)
        # A technique kept only where the sentence holds what makes it that technique (technique_objects.py).
        decided = with_objects(decided, text) if decided else decided
        if not decided or descriptive(whole):
            return {}
        if _names_other_actor(whole, self.index, self.own_actors):
            # Only the clauses out of that actor's reach, for cue phrases: "… a spear-phishing e-mail that carried
            # a password-protected archive; the lure was a memo on the Calypso gas field".
            rest = _clauses_of_behaviour(text, lambda clause: _names_other_actor(clause, self.index, self.own_actors))
            return with_objects(cued(rest, sentence.weight, self.mobile), rest) if rest else {}
        return decided


def _sentence_evidence(
    decided: dict[str, float], model: TechniqueModel, clusters: dict[str, Cluster]
) -> tuple[dict[str, float], dict[str, float]]:
    """One sentence's evidence, by the model's current IDs: per technique, and per family its strongest technique
    of it. A parent read in the same sentence as one of its sub-techniques, no surer, is the same evidence said
    less precisely ("spear-phishing e-mails with an attached ISO"): it counts for the sub-technique alone."""
    current: dict[str, float] = {}
    for label, probability in decided.items():
        technique = model.current(label)
        if technique in clusters:
            current[technique] = max(current.get(technique, 0.0), probability)
    subs: dict[str, float] = {}
    for technique, probability in current.items():
        if "." in technique:
            subs[family(technique)] = max(subs.get(family(technique), 0.0), probability)
    strongest: dict[str, float] = {}
    for technique, probability in current.items():
        strongest[family(technique)] = max(strongest.get(family(technique), 0.0), probability)
    return {t: p for t, p in current.items() if subs.get(t, 0.0) < p}, strongest


def _passing(
    evidence: dict[str, list[float]],
    families: dict[str, list[float]],
    clusters: dict[str, Cluster],
    model: TechniqueModel,
) -> dict[Cluster, float]:
    """The techniques whose sentences' evidence, combined, passes the threshold; and a family's parent where none
    of its techniques passes but the family's evidence does."""
    threshold = _rules().threshold
    found: dict[Cluster, float] = {}
    for technique, probabilities in evidence.items():
        combined = _combined(probabilities)
        if combined >= threshold:
            found[clusters[technique]] = combined
    named = {family(c.external_id or "") for c in found}
    for parent, probabilities in families.items():
        combined = _combined(probabilities)
        cluster = clusters.get(parent)
        if cluster is not None and parent not in named and combined >= threshold and model.current(parent):
            found[cluster] = combined
    return found


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


def _agreeing(read: dict[str, float], phrased: dict[str, float]) -> dict[str, float]:
    """The sentence's evidence for each technique: the model's reading (`read`) and the phrases' (`phrased`: cue
    phrases, technique_cues.py, and the action table, technique_actions.py), and where both read the same technique,
    their evidence combined as two independent observations (`_combined`)."""
    agreed = {**read, **phrased}
    for technique in read.keys() & phrased.keys():
        agreed[technique] = _combined([read[technique], phrased[technique]])
    return agreed


def _combined(probabilities: list[float]) -> float:
    remaining = 1.0
    for probability in probabilities:
        remaining *= 1.0 - probability
    return 1.0 - remaining


def _own_names(index: GalaxyIndex, own: set[Cluster]) -> Callable[[str], tuple[tuple[int, int], ...]]:
    """Where a text names one of the report's own actors or malware (the doers of technique_actions.py). Asked of
    one sentence for each verb the action table pairs with an object, of the sentence before for "it", and by the
    routine-doer veto: the last few texts' answers are kept, so that a sentence is searched once."""

    @lru_cache(maxsize=4)
    def names(text: str) -> tuple[tuple[int, int], ...]:
        if not own:
            return ()
        return tuple((m.start, m.end) for m in index.find(text) if any(n.cluster in own for n in m.names))

    return names


def _names_other_actor(sentence: str, index: GalaxyIndex, own: set[Cluster]) -> bool:
    """The sentence names an actor that is not one of the report's own."""
    for match in index.find(sentence):
        actors = {n.cluster for n in match.names if n.cluster.kind == "actor" and not n.common}
        software = any(n.cluster.kind != "actor" for n in match.names)
        if actors and not software and not actors & own:
            return True
    return False
