"""When a technique's name written in a sentence counts (the `names` recognition; galaxy_techniques finds the
names): under TTPs, or a distinctive name in a sentence of behaviour, or an ambiguous one the model also reads
there; not a kind of software flaw, nor where the sentence lacks the technique's object (technique_objects.py, as
for prose). Which names are distinctive is worked out once and kept in the disk cache."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from ..knowledge.cache import cache_dir, load_once, read_cached, write_cached
from ..knowledge.data import data_dir
from ..knowledge.galaxies import Cluster
from ..knowledge.regex_cache import compiled
from .technique_doers import routine_doer
from .technique_filters import behaviour_text, descriptive
from .technique_objects import with_objects
from .technique_rules import GALAXY, _rules
from .technique_sentences import _LABEL, _has_words
from .techniques_model import family, technique_model

# An ambiguous technique name needs a sentence of this many plain words for the model to support it.
_MIN_NAME_WORDS = 4


def name_counts(cluster: Cluster, form: str, sentence: str, role: str, has_ttps: bool) -> bool:
    """A technique's name in a sentence counts when the sentence is the adversary doing it: under TTPs (the
    main format's list of the adversary's behaviour) unless the sentence is not behaviour or a routine doer's act
    (technique_doers.py `routine_doer`: administrators, IT staff, a vendor's installer as subject or passive
    agent, with nothing of the adversary's named); elsewhere a
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
    if descriptive(sentence):
        return False  # "Mshta.exe is a Windows utility that runs HTML applications": a product described
    if routine_doer(sentence):
        return False  # "IT staff use PowerShell to push settings", "… was created by the installer": their job
    if _names_a_flaw(form, sentence):
        return False  # "a template injection flaw in the web console": a kind of vulnerability, not the technique
    if not with_objects({technique: 1.0}, sentence):
        return False  # "steals contacts, email accounts and SMS": the name's words, another thing (technique_objects)
    if (has_ttps and role == "ttps") or distinctive(form, technique):
        return True
    # A heading or the label of a list of indicators ("IP addresses" above the addresses) is no sentence the
    # model can read behaviour in.
    if not _has_words(_LABEL.sub("", sentence, count=1), _MIN_NAME_WORDS):
        return False
    return model.guess(sentence).families.get(family(technique), 0.0) >= _rules().name_support


# After a technique's name, a word that makes it a class of software flaw ("template injection flaw",
# "command injection vulnerability"); before it, "server-side" does the same.
_FLAW_AFTER = compiled(r"^[\s-]*(?:flaws?|vulnerabilit(?:y|ies)|bugs?|weakness(?:es)?|issues?)\b", re.IGNORECASE)
_FLAW_BEFORE = compiled(r"\bserver-side\s*$", re.IGNORECASE)


def _names_a_flaw(form: str, sentence: str) -> bool:
    """The name, where the sentence has it, names a kind of vulnerability rather than the technique."""
    at = sentence.lower().find(form.lower())
    if at < 0:
        return False
    return bool(_FLAW_AFTER.match(sentence[at + len(form) :]) or _FLAW_BEFORE.search(sentence[:at]))


_NAME_WORD = compiled(r"[A-Za-z]+")
_NOT_WORD = compiled(r"[\W_]+")


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
    of a second to load) and kept in the disk cache, keyed by the galaxy index, data/techniques.yaml and this
    module's source (the rule of what is distinctive is code: a changed rule must not read an old table)."""
    from ..knowledge.galaxies import galaxy_index

    index = galaxy_index()
    digest = hashlib.sha256((data_dir() / "techniques.yaml").read_bytes())
    digest.update(Path(__file__).read_bytes())
    rules_digest = digest.hexdigest()[:16]
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
