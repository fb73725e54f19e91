"""Ransomware families whose name is also a place's or sits inside a crew's name (issue 8, recall on real pages).

Two writings hide a family behind a name of another kind, and the longest-match rule of the index then never reaches
the family:

- a family named after a country ("Cuba"): a key that names a place names nothing else (galaxy_names `automaton`:
  "Russian" is a nationality, not a ransomware synonym), so "Cuba ransomware operators" named only the country. The
  family with its kind written after it ("Cuba ransomware", `place_family_words` in galaxies.yaml) is the family, a
  writing no place has;
- a crew named after its ransomware ("Daixin Team" for the family "Daixin"): the actor's name is longer than the
  family's and wins the match. The crew's name written in a sentence about ransomware names the brand, as an actor
  and family of one name does (extract/galaxy_brands): the writing holds the family too. Only where the head is no
  common word ("Maze Team", "Royal APT" stay the actor's alone) and the suffix is one of the actor's name heads
  (`name_heads.actor.suffixes`: "Team", "Group", "Gang").
"""

from __future__ import annotations

from .galaxy_matching import INITIALS, Name, name_key


def place_families(names: dict[str, list[Name]], kind_words: list[str]) -> dict[str, list[Name]]:
    """The writings "<country> <kind word>" of ransomware families whose own name is a country's ("Cuba"), keyed."""
    added: dict[str, list[Name]] = {}
    for key, bucket in names.items():
        countries = {n.cluster.value.lower() for n in bucket if n.cluster.galaxy == "country"}
        if key not in countries:
            continue
        for name in bucket:
            if name.own and name.cluster.sort == "ransomware" and name.cluster.kind == "malware":
                for word in kind_words:
                    writing = f"{name.form} {word}"
                    added.setdefault(name_key(writing), []).append(Name(name.cluster, writing, INITIALS, own=False))
    return added


def crew_brands(names: dict[str, list[Name]], suffixes: frozenset[str]) -> dict[str, list[Name]]:
    """The ransomware names an actor's writing "<family> <suffix>" holds ("Daixin Team"), keyed by that writing."""
    added: dict[str, list[Name]] = {}
    for key, bucket in names.items():
        words = key.split()
        if len(words) != 2 or words[1] not in suffixes or not any(n.cluster.kind == "actor" for n in bucket):
            continue
        actor = next(n for n in bucket if n.cluster.kind == "actor")
        for name in names.get(words[0], ()):
            if (
                name.own
                and not name.common
                and name.cluster.kind == "malware"
                and name.cluster.sort == "ransomware"
                and all(n.cluster != name.cluster for n in bucket)
            ):
                added.setdefault(key, []).append(Name(name.cluster, actor.form, actor.case, own=False))
    return added
