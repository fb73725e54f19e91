"""Other writings of galaxy names that reports use and the galaxies do not list: a software name's words glued or set
apart ("AgentTesla", "Plug X"), a name without its platform word ("Atomic Stealer"), an actor's designator written
apart ("APT 29"). Part of building the galaxy index (galaxy_names.py), apart from it because these are rules of
writing, not of the galaxies' data; a change here that alters the names needs `INDEX_FORMAT` of galaxies.py bumped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .galaxy_matching import EXACT, Cluster, Name, name_key
from .regex_cache import compiled

# An actor's designator: letters, then a number ("APT29", "TA505", "FIN7", "UNC2452").
DESIGNATOR = compiled(r"([A-Z]{2,5})(\d{1,4})")

# Inner capitals after a lower-case letter ("Plug|X", "Black|Energy"); the words of a name written apart.
_CAMEL_STEP = compiled(r"(?<=[a-z])(?=[A-Z])")
# A run of capitals, then one capitalised word: "JSS|Loader", "BPF|Door" (not "ESXiArgs", "HelpDCFile").
_CAPITALS_THEN_WORD = compiled(r"([A-Z]{2,})([A-Z][a-z]{2,})")


# Platform words that some software names carry in the middle ("Atomic macOS Stealer"), and reports leave out.
_PLATFORM_WORDS = frozenset({"macos", "mac", "osx", "android", "linux", "windows", "ios"})


def spelling_variants(form: str) -> list[str]:
    """Writings of a software name that reports also use: its words glued ("Agent Tesla" → "AgentTesla", "JSS
    Loader" → "JSSLoader"; every word capitalised, so the glued form is a camel-case name), or its inner capitals
    set apart ("PlugX" → "Plug X", which also matches "Plug-X"; "JSSLoader" → "JSS Loader"); a three-word name
    without its platform word in the middle ("Atomic macOS Stealer" → "Atomic Stealer")."""
    words = form.split()
    if len(words) == 3 and words[1].lower() in _PLATFORM_WORDS:
        return [f"{words[0]} {words[2]}"]
    if len(words) > 1:
        return glued_writing(form)
    if form.isalpha() and not form.isupper() and form[:1].isupper():
        capitals = _CAPITALS_THEN_WORD.fullmatch(form)
        parts = list(capitals.groups()) if capitals else _CAMEL_STEP.split(form)
        if 1 < len(parts) <= 3:
            return [" ".join(parts)]
    return []


def glued_writing(form: str) -> list[str]:
    """A name of several capitalised words written glued, as a camel-case name ("Agent Tesla" → "AgentTesla"; the
    actor "Cyber Av3ngers" → "CyberAv3ngers", as its own channels and most news write it); none for a name with a word
    in lower case or with other marks ("Ghost of Sparta", "APT-C-23")."""
    words = form.split()
    if len(words) > 1 and all(w[:1].isupper() or w[:1].isdigit() for w in words) and all(w.isalnum() for w in words):
        return ["".join(words)]
    return []


def kind_word_lowered(form: str, kind_words: frozenset[str]) -> str | None:
    """A software name that ends with a capitalised word of its kind ("Maui Ransomware", "Lumma Stealer") written with
    that word in lower case, as reports write it ("the Maui ransomware"): the name's case rule refuses that writing,
    and the ransomware galaxy's own "Maui ransomware" alone would need another word of ransomware beside it. None for
    any other name (a kind word in capitals, "Havex RAT", matches in capitals only)."""
    words = form.split()
    if len(words) < 2 or words[-1].lower() not in kind_words or not words[-1][:1].isupper() or words[-1].isupper():
        return None
    return " ".join([*words[:-1], words[-1].lower()])


def merge_spellings(
    known: dict[str, list[Name]],
    spellings: list[tuple[Cluster, str, bool, str]],
    min_length: int,
    zipf: Callable[[str, str], float],
    common_zipf: float,
) -> None:
    """Add the spelling variants gathered while reading the galaxies (`spellings`: cluster, writing, own, case) to
    `known`, the index's names by key (see `IndexBuilder.add_spelling_variants`)."""
    pending: dict[str, list[Name]] = {}
    for cluster, form, own, case in spellings:
        key = name_key(form)
        squashed = key.replace(" ", "")
        # An actor's glued writing only where it names nothing else ("GoldDragon" stays the Kimsuky malware).
        if cluster.kind == "actor" and " " not in form and key in known:
            continue
        # (Nor where the galaxy files that writing under another cluster: its "RedAlert" is not its "Red Alert".)
        if len(key) < min_length or any(
            (n.form and name_key(n.form).replace(" ", "") != squashed)
            or (n.cluster.galaxy == cluster.galaxy and n.cluster != cluster)
            for n in known.get(key, ())
        ):
            continue
        parts = form.split()
        common = (
            case != EXACT and len(parts) > 1 and all(len(p) <= 2 or zipf(p.lower(), "en") >= common_zipf for p in parts)
        )
        name = Name(cluster, form, case, common=common, word=common, own=own)
        bucket = pending.setdefault(key, [])
        if name not in bucket:
            bucket.append(name)
    # A split writing reaches every galaxy's cluster of the glued name, whatever its case ("Goot Loader" of
    # malpedia's "GootLoader" reaches ATT&CK's "Gootloader" too).
    for key, names in pending.items():
        if " " not in key:
            continue
        form, case, common = names[0].form, names[0].case, names[0].common
        for glued in known.get(key.replace(" ", ""), ()):
            if (
                glued.own
                and not glued.common
                and glued.cluster.kind == names[0].cluster.kind
                and all(n.cluster != glued.cluster for n in names)
            ):
                names.append(Name(glued.cluster, form, case, common=common, word=common, own=True))
    for key, names in pending.items():
        existing = known.setdefault(key, [])
        # A writing some galaxy already holds as a plain name needs no more evidence in the others.
        plain = any(not e.common for e in existing)
        owners = {e.cluster.galaxy for e in existing if e.own}
        for name in names:
            if any(e.cluster == name.cluster for e in existing):
                continue
            if plain:
                name = replace(name, common=False, word=False)
            if name.own and name.cluster.galaxy in owners:
                name = replace(name, own=False)
            existing.append(name)
