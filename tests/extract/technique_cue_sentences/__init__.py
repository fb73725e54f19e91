"""Sentences that must and must not trigger each technique cue of data/technique_cues.yaml, our own, written as
vendor reports write, gathered here for tests/extract/test_technique_cues.py.

One module per stage of an attack, so that a technique's sentences of both kinds sit together and a reader finds
them by what the adversary does: a technique's sentences go in the module of its earliest ATT&CK tactic (in
ATT&CK's order, reconnaissance to impact; T1078 Valid Accounts is initial access). A new cue's sentences go
there too, in MUST and MUST_NOT alike. The techniques of network devices, macOS and ATT&CK's Mobile matrix
(issue 12) sit in a module of their own (`platforms`), by the platform they run on; the enterprise cues of the
second round of issue 12 (`enterprise_prose`) keep their near misses beside them, and so do those of the third
(`prose_behaviour`), and so do those of the fourth, measured on real vendor pages (`vendor_notes`),
and the commonest techniques of the recall round (`recall_prose`).
"""

from tests.extract.technique_cue_sentences import (
    access_and_execution,
    collection_c2_exfiltration_impact,
    credentials_discovery_lateral,
    enterprise_prose,
    persistence_and_evasion,
    platforms,
    prose_behaviour,
    recall_prose,
    vendor_notes,
)

_STAGES = (
    access_and_execution,
    persistence_and_evasion,
    credentials_discovery_lateral,
    collection_c2_exfiltration_impact,
    enterprise_prose,
    platforms,
    prose_behaviour,
    vendor_notes,
    recall_prose,
)
MUST: list[tuple[str, str]] = [pair for stage in _STAGES for pair in stage.MUST]
MUST_NOT: list[tuple[str, str]] = [pair for stage in _STAGES for pair in stage.MUST_NOT]
