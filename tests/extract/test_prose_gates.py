"""The rule patterns put behind literal gates for speed (speed-recover2) answer as the plain expressions do: the
gate only skips texts that could not match. Each is asked of sentences that must and must not match."""

from __future__ import annotations

import re

import pytest

from misp_module.extract import galaxy_actor_prose, galaxy_place_prose, galaxy_sector_victims, galaxy_target_vetoes
from misp_module.extract.regex_literals import GatedPattern
from misp_module.knowledge.data import load_data


def _same(gated: GatedPattern, plain: re.Pattern[str], text: str) -> bool:
    found, expected = gated.search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())
    return found is not None


def test_victims_are_is_gated_and_read_as_verbose() -> None:
    gated = galaxy_sector_victims.victim_cues().victims_are
    assert isinstance(gated, GatedPattern) and gated._gate  # the inline (?x) lets the gate read the expression
    plain = re.compile(load_data("sector_victims.yaml")["victims_are"], re.IGNORECASE | re.VERBOSE)
    assert _same(gated, plain, "The two confirmed victims were a freight broker in")
    assert _same(gated, plain, "It published a list of targets: the results site, ")
    assert not _same(gated, plain, "The loader then copied itself to a folder of")


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("The phishing pages were impersonating", True),
        ("Mails posing as a colleague from", True),
        ("The loader was seen in", False),
    ],
)
def test_impersonation_cue(text: str, hit: bool) -> None:
    plain = re.compile(galaxy_target_vetoes._IMPERSONATED, re.IGNORECASE)
    assert _same(galaxy_target_vetoes._impersonated(), plain, text) is hit


def test_place_prose_phrases() -> None:
    assert galaxy_place_prose.serves_interests("The campaign aligns with ", " state interests in the region")
    assert not galaxy_place_prose.serves_interests("The campaign aligns with ", " government themes")
    assert not galaxy_place_prose.serves_interests("The lures were sent from ", " state interests")
    assert galaxy_place_prose.origin_after_actor("one APT organization originating from the ")
    assert not galaxy_place_prose.origin_after_actor("traffic originating from ")
    assert galaxy_place_prose.named_seat("Kestrel Detection Engineering is based in ")
    assert not galaxy_place_prose.named_seat("a retailer shipping goods to ")


def test_actor_prose_searches() -> None:
    patterns = galaxy_actor_prose._patterns()
    assert all(isinstance(patterns[key], GatedPattern) for key in galaxy_actor_prose._GATED)
    assert patterns["attributed_before"].search("the intrusion bears the hallmarks of ")
    assert not patterns["attributed_before"].search("the loader was copied to ")


@pytest.mark.parametrize(
    "sentence",
    [
        "The tool is enabled by default on every managed laptop.",
        "Administrators use the utility for routine maintenance of the servers.",
        "The loader copied itself into the startup folder and ran every hour.",
    ],
)
def test_descriptive_parts_answer_as_their_union(sentence: str) -> None:
    from misp_module.extract.technique_rules import descriptive_anywhere

    lowered = sentence.lower()
    anywhere = [str(p) for p in load_data("techniques.yaml")["descriptive"] if not str(p).startswith("^")]
    union = bool(re.search("|".join(f"(?:{p})" for p in anywhere), lowered))
    assert any(p.search(lowered) for p in descriptive_anywhere()) is union
