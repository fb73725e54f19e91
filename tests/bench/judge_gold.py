"""The gold builder shared by the judge sets `tests/data/realstyle-holdout2` to `-holdout5`:
writes a set's NAME.gold.yaml files from its judge's labels (the set's `labels.py`, run through the set's own
`build_gold.py`).

The labels name things as an analyst would ("QakBot", "germany", "T1053.005"); this resolves them to the
exact cluster values of the installed MISP galaxies (pymispgalaxies), so that a requirement is met by any
galaxy that holds the family (malpedia, mitre-malware, tool, ...). Run a set's `build_gold.py` again after a
galaxy update and review the diff of its gold files: they are committed, so a change here or in the galaxies
shows in `git diff` before it changes any figure. The gold format is the one of `../shared/reports` plus two
lists read by tests/bench/judge_holdout.py: `techniques` (ATT&CK IDs the report describes the adversary doing,
document level) and `must_not` (clusters a careless extractor attaches that are wrong: passing mentions, page
furniture, homonyms). `malware_clusters` / `actor_clusters` in a label name the exact clusters of a name shared
by unrelated clusters (Medusa, Play). The first judge set keeps its own, older builder.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pymispgalaxies import Clusters

ACTOR_GALAXIES = (
    "threat-actor",
    "mitre-intrusion-set",
    "microsoft-activity-group",
    "groups",
    "mitre-enterprise-attack-intrusion-set",
    "360net-threat-actor",
)
SOFTWARE_GALAXIES = (
    "malpedia",
    "mitre-malware",
    "mitre-tool",
    "tool",
    "ransomware",
    "banker",
    "rat",
    "stealer",
    "backdoor",
    "botnet",
    "software",
    "android",
    "mitre-enterprise-attack-malware",
    "mitre-enterprise-attack-tool",
    "exploit-kit",
)
SUFFIX = re.compile(r" - [SGT]\d{4}(?:\.\d{3})?$")
PLATFORM = re.compile(r" \((?:Windows|ELF|OS X|Android|iOS|Linux)\)$")

_clusters = Clusters()


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _names(cluster) -> list[str]:
    base = PLATFORM.sub("", SUFFIX.sub("", cluster.value))
    synonyms = list(getattr(cluster.meta, "synonyms", None) or []) if cluster.meta else []
    return [cluster.value, base, *synonyms]


def resolve(names: list[str], galaxies: tuple[str, ...], strict: bool = True) -> list[dict]:
    """Every cluster of these galaxies whose value, base name or synonym equals one of the names."""
    wanted = {_key(n) for n in names}
    found = []
    for galaxy in galaxies:
        if galaxy not in _clusters:
            continue
        for cluster in _clusters.get(galaxy).values():
            if any(_key(n) in wanted for n in _names(cluster)):
                found.append({"galaxy": galaxy, "value": cluster.value})
    if not found and strict:
        raise SystemExit(f"no cluster for {names} in {galaxies}")
    return sorted(found, key=lambda c: (c["galaxy"], c["value"]))


def technique(tid: str) -> dict:
    for cluster in _clusters.get("mitre-attack-pattern").values():
        if cluster.value.endswith(f" - {tid}"):
            return {"galaxy": "mitre-attack-pattern", "value": cluster.value}
    raise SystemExit(f"no technique {tid}")


def requirement(found: list[dict]):
    return found[0] if len(found) == 1 else {"any_of": found}


def one(galaxy: str, value: str) -> dict:
    if value not in {c.value for c in _clusters.get(galaxy).values()}:
        raise SystemExit(f"{galaxy}={value!r} is not a cluster")
    return {"galaxy": galaxy, "value": value}


def build(name: str, lab: dict) -> dict:
    required, optional, must_not = [], [], []
    for actor in lab.get("actors", []):
        found = resolve(actor if isinstance(actor, list) else [actor], ACTOR_GALAXIES)
        required.append(requirement([c for c in found if c["galaxy"] == "threat-actor"] or found))
        optional.extend(found)
    for fam in lab.get("malware", []):
        required.append(requirement(resolve(fam if isinstance(fam, list) else [fam], SOFTWARE_GALAXIES)))
    for alts in lab.get("malware_clusters", []):  # a family whose name is shared by unrelated clusters
        required.append(requirement([one(*a) for a in alts]))
        optional.extend(one(*a) for a in alts)
    for fam in lab.get("tools_optional", []):
        optional.extend(resolve(fam if isinstance(fam, list) else [fam], SOFTWARE_GALAXIES, strict=False))
    for actor in lab.get("actors_optional", []):
        optional.extend(resolve([actor], ACTOR_GALAXIES, strict=False))
    for country in lab.get("countries", []):
        required.append(one("country", country))
    optional.extend(one("country", c) for c in lab.get("countries_optional", []))
    optional.extend(one("region", r) for r in lab.get("regions_optional", []))
    optional.extend(one(*c) for c in lab.get("clusters_optional", []))
    for actor in lab.get("actor_clusters", []):  # an actor whose name resolves to unrelated clusters too
        required.append(requirement([one(*a) for a in actor]))
        optional.extend(one(*a) for a in actor)
    for sector in lab.get("sectors", []):
        alts = [one("sector", s) for s in (sector if isinstance(sector, list) else [sector])]
        required.append(requirement(alts))
    optional.extend(one("sector", s) for s in lab.get("sectors_optional", []))
    written = set(lab.get("techniques_written", []))
    for tid in lab["techniques"]:
        (required if tid in written else optional).append(technique(tid))
    for item in lab.get("must_not", []):
        if isinstance(item, str) and re.fullmatch(r"T\d{4}(?:\.\d{3})?", item):
            must_not.append(technique(item))
        elif isinstance(item, str):
            must_not.extend(resolve([item], ACTOR_GALAXIES + SOFTWARE_GALAXIES))
        else:
            must_not.append(one(*item))
    # a must_not entry never also counts as acceptable, and never names a required cluster
    good = {(a["galaxy"], a["value"]) for req in required for a in req.get("any_of", [req])}
    good |= {(c["galaxy"], c["value"]) for c in optional if c["galaxy"] != "mitre-attack-pattern"}
    for c in must_not:
        if (c["galaxy"], c["value"]) in good:  # a galaxy lists the trap name as a synonym of a subject
            print(f"  {name}: must_not {c['galaxy']}={c['value']} dropped (it is a subject)")
    must_not = [c for c in must_not if (c["galaxy"], c["value"]) not in good]
    must_not = [dict(t) for t in dict.fromkeys(tuple(c.items()) for c in must_not)]
    bad = {(c["galaxy"], c["value"]) for c in must_not}
    optional = [c for c in optional if (c["galaxy"], c["value"]) not in bad]
    seen, uniq = set(), []
    for c in optional:
        if (c["galaxy"], c["value"]) not in seen:
            seen.add((c["galaxy"], c["value"]))
            uniq.append(c)
    return {
        "report": lab["report"],
        "attributes": [{"type": t, "value": v} for t, v in lab["attributes"]],
        "not_attributes": lab.get("not_attributes", []),
        "optional_attributes": lab.get("optional_attributes", []),
        "galaxy_clusters": required,
        "optional_clusters": uniq,
        "techniques": sorted(lab["techniques"]),
        "must_not": must_not,
        "notes": lab.get("notes", ""),
    }


def write_gold(folder: Path, labels: dict) -> None:
    """Write one NAME.gold.yaml per label of a judge set into its folder."""
    for name, lab in labels.items():
        gold = build(name, lab)
        path = folder / f"{name}.gold.yaml"
        text = f"# Gold labels for {lab['report']} (written by build_gold.py from labels.py; judge's labels)\n"
        path.write_text(text + yaml.safe_dump(gold, sort_keys=False, allow_unicode=True, width=110))
        print(path.name, len(gold["attributes"]), "attrs", len(gold["galaxy_clusters"]), "required clusters")
