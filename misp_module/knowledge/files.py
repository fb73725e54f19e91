"""What the indicator extractor knows from data/indicators.yaml and data/legitimate_programs.yaml: file names,
system binaries and legitimate programs, words that announce an address, contact phrases, and the words that
make a document's name the victim's data."""

from __future__ import annotations

import re

from .data import load_data
from .regex_cache import compiled

_data = load_data("indicators.yaml")

FILE_EXTS: frozenset[str] = frozenset(_data["file_extensions"])
ADDRESS_NOUNS: frozenset[str] = frozenset(word.lower() for word in _data["address_nouns"])
SYSTEM_FILES: frozenset[str] = frozenset(name.lower() for name in _data["system_files"])
SHARED_SERVICES: frozenset[str] = frozenset(name.lower() for name in _data["shared_services"])
_programs = load_data("legitimate_programs.yaml")
# A legitimate program's file name → what it is ("archiver", "lolbas" …): context, not an indicator.
LEGITIMATE_PROGRAMS: dict[str, str] = {
    name.lower(): group for group, names in _programs.items() for name in names if name.lower() not in SYSTEM_FILES
}
# A sentence giving an address as a contact, and an instruction ("Report incidents to") ending right before it.
CONTACT_PHRASES = compiled(r"(?i)\b(?:" + "|".join(f"(?:{p})" for p in _data["contact_phrases"]) + r")\b")
CONTACT_PHONE_AFTER = compiled("(?i)" + _data["contact_phone_after"])
CONTACT_INSTRUCTION = compiled(
    r"(?i)(?:^[\s>*_#\d.)-]*(?:please\s+)?|\bplease\s+|\b(?:should|can|may|must|shall|asked to|encouraged to"
    r"|urged to|advised to|invited to)\s+(?:be\s+)?)(?:"
    + "|".join(re.escape(verb) for verb in _data["contact_instructions"])
    + r")\b[^\n]{0,80}?\bto\s*[:*_`\"'<(]*$"
)
# A document's name as what the actor looked for or took: one of these verbs before it, with no word of making or
# using a file between the two ("searched the shares for files such as passwords.xlsx"), at most SOUGHT_GAP apart.
DOCUMENT_EXTS: frozenset[str] = frozenset(_data["document_extensions"])
SOUGHT_GAP = 120
SOUGHT_VERB = compiled(r"(?i)\b(?:" + "|".join(f"(?:{p})" for p in _data["sought_document_verbs"]) + r")\b")
MADE_FILE = compiled(r"(?i)\b(?:" + "|".join(f"(?:{p})" for p in _data["made_file_words"]) + r")\b")
DEFENDER_WORDS = compiled(r"(?i)\b(?:" + "|".join(f"(?:{p})" for p in _data["defender_words"]) + r")\b")
# A hex value given as part of a hash ("SHA-256 prefix", "truncated", "begins with …"): the words, read by
# extract/indicator_partial.py.
PARTIAL_HASH_WORDS = "|".join(f"(?:{p})" for p in _data["partial_hash_words"])
PARTIAL_HASH_OPENERS = "|".join(f"(?:{p})" for p in _data["partial_hash_openers"])
WHOLE_HASH_WORDS = "|".join(re.escape(word) for word in _data["whole_hash_words"])
# Everyday words that vouch for a program only before a program's noun ("the native Windows binary X"), the
# nouns, the words that make a name the one the actor gave its file ("renamed to X") or a process it injected
# into ("injected into X"): read by extract/indicator_programs.py.
VOUCHING_WORDS = "|".join(f"(?:{p})" for p in _data["vouching_words"])
VOUCHING_NOUNS = "|".join(f"(?:{p})" for p in _data["vouching_nouns"])
PROGRAM_NOUNS = "|".join(f"(?:{p})" for p in _data["program_nouns"])
RENAMED_TO = "|".join(f"(?:{p})" for p in _data["renamed_to"])
INJECTION_TARGETS = "|".join(f"(?:{p})" for p in _data["injection_targets"])
INJECTION_TARGET_WORDS = "|".join(re.escape(word) for word in _data["injection_target_words"])
