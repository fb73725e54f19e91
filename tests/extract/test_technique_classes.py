"""Verb and object classes of the technique cue phrases (data/technique_cues.yaml `classes`, `pairs`): the
expansion itself, and sentences written for this file that must and must not yield a technique through a class
(a verb of the class with an object of the class, in either order, active or passive). The paraphrase set
tests/data/techniques-paraphrases measures them as a whole (tests/extract/paraphrase_rates_techniques.py)."""

from __future__ import annotations

import re

import pytest

from misp_module.extract import technique_cues
from misp_module.extract.techniques import behaviour_text, cued

MUST = [
    ("T1547.001", "The installer drops a shortcut into the Startup folder of every profile."),
    ("T1547.001", "An autostart registry entry is created that points to the copied binary."),
    ("T1562.001", "Next, the script switched off the host firewall and Defender's real-time protection."),
    ("T1562.001", "Sysmon was unloaded before the tools were copied over."),
    ("T1490", "The encryptor first wipes the backup catalogue and every restore point."),
    ("T1041", "Harvested credentials are posted back to the C2 as one archive."),
    ("T1071.004", "Its tasking arrives through DNS TXT responses from an actor-owned zone."),
    ("T1068", "A flaw in a signed driver gave the loader kernel privileges."),
    ("T1105", "Additional modules are pulled down from a Discord CDN link."),
    ("T1140", "The shellcode is decrypted only after the sandbox checks pass."),
    ("T1570", "The scanner binary was copied across the estate with a logon script."),
    ("T1003.001", "The operators opened the LSASS process with a custom tool and wrote its memory to disk."),
    ("T1486", "By Sunday morning most workstations and file servers were encrypted."),
    ("T1505.003", "On the SharePoint server they planted a small ASPX shell."),
    ("T1056.001", "A hook records every keystroke the victim enters in the banking page."),
]

MUST_NOT = [
    ("T1490", "The ransomware stops the backup services before it encrypts the disks."),
    ("T1560.001", "The lure arrived as a RAR archive holding an executable with a PDF icon."),
    ("T1041", "The beacon sends this host data to its C2 server every few minutes."),
    ("T1070.004", "It kills rival miners and deletes their files."),
    ("T1057", "It checks for processes of analysis sandboxes and exits if it finds one."),
    ("T1113", "Access came through an exposed remote desktop gateway."),
    ("T1114", "The stealer mails the harvested passwords to a mailbox the operator controls."),
    ("T1486", "Traffic to the C2 servers is encrypted with TLS."),
]


@pytest.mark.parametrize(("technique", "sentence"), MUST)
def test_a_class_pair_yields_its_technique(technique: str, sentence: str) -> None:
    text = behaviour_text(sentence)
    assert text is not None and technique in cued(text), cued(text or "")


@pytest.mark.parametrize(("technique", "sentence"), MUST_NOT)
def test_a_sentence_outside_the_classes_yields_no_technique_from_them(technique: str, sentence: str) -> None:
    assert technique not in cued(sentence)


def test_a_pair_reads_both_orders_and_names_classes_of_classes() -> None:
    classes = technique_cues._classes({"window": "20", "drop": "drops?|dropped", "thing": "{drop}-ins?|shells?"})
    assert classes["window"] == "20"
    [pattern] = technique_cues._expanded({"pairs": [["{drop}", "{thing}"]]}, "patterns", "pairs", classes)
    assert re.search(pattern, "it drops a shell")
    assert re.search(pattern, "a shell was dropped")
    assert classes["thing"] == "(?:(?:drops?|dropped)-ins?|shells?)"
    assert not re.search(pattern, "a shell; later it dropped")
    assert not re.search(pattern, "a shell, and it dropped")
    assert not re.search(pattern, "drops a file and, much later, after many steps, a shell")


def test_an_unknown_class_fails_loudly() -> None:
    with pytest.raises(ValueError, match="unknown class"):
        technique_cues._expanded({"patterns": ["{nonesuch} x"]}, "patterns", "pairs", {})
