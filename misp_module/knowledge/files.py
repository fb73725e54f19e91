"""What the indicator extractor knows from data/indicators.yaml and data/legitimate_programs.yaml: file names,
system binaries and legitimate programs, words that announce an address, contact phrases."""

from __future__ import annotations

import re

from .data import load_data

_data = load_data("indicators.yaml")

FILE_EXTS: frozenset[str] = frozenset(_data["file_extensions"])
ADDRESS_NOUNS: frozenset[str] = frozenset(word.lower() for word in _data["address_nouns"])
SYSTEM_FILES: frozenset[str] = frozenset(name.lower() for name in _data["system_files"])
_programs = load_data("legitimate_programs.yaml")
# A legitimate program's file name → what it is ("archiver", "lolbas" …): context, not an indicator.
LEGITIMATE_PROGRAMS: dict[str, str] = {
    name.lower(): group for group, names in _programs.items() for name in names if name.lower() not in SYSTEM_FILES
}
# A sentence giving an address as a contact, and an instruction ("Report incidents to") ending right before it.
CONTACT_PHRASES = re.compile(r"(?i)\b(?:" + "|".join(f"(?:{p})" for p in _data["contact_phrases"]) + r")\b")
CONTACT_INSTRUCTION = re.compile(
    r"(?i)(?:^[\s>*_#\d.)-]*(?:please\s+)?|\bplease\s+|\b(?:should|can|may|must|shall|asked to|encouraged to"
    r"|urged to|advised to|invited to)\s+(?:be\s+)?)(?:"
    + "|".join(re.escape(verb) for verb in _data["contact_instructions"])
    + r")\b[^\n]{0,80}?\bto\s*[:*_`\"'<(]*$"
)
