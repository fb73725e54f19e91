"""Every rule pattern of the YAML data against texts built to make it backtrack (tests/regex_work.py): the work it
does, counted in steps of the regex engine (not timed), may grow with the text but not with its square, except for
the patterns listed in BOUNDED, which the code applies only to a few hundred characters (a name's window, a table
cell); none may grow faster than the square. A new rule that backtracks fails here with the text that shows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from regex_work import DATA, Growth, WorkCounter, attacks, compiled_rule_patterns, counted, rule_patterns, worst_growth

REPORTS = sorted((Path(__file__).resolve().parents[1] / "data" / "reports").glob("*.md"))
# One test per data file: a failure names its file.
DATA_FILES = sorted(path.name for path in DATA.glob("*.yaml"))
# Characters of the shorter text; the longer is twice that.
SIZE = 400
# Growth of the work at a doubling of the text: 2 linear, 4 quadratic, 8 cubic.
LINEAR = 2.6
# Patterns whose work grows faster than the text on a long run of one kind of character, which the code applies only
# to a bounded piece of text (checked where each is used): file:key -> (characters at most, where). At that size the
# work must stay under CEILING.
BOUNDED = {
    "galaxies.yaml:page_furniture.headings": (44, "search", "a plain title line (galaxy_furniture._PLAIN_TITLE)"),
    "galaxies.yaml:page_furniture.conditional_sections.heading": (44, "search", "the same title lines"),
    "galaxies.yaml:page_furniture.labels": (60, "fullmatch", "a line of 60 characters at most (galaxy_furniture)"),
    "galaxies.yaml:victim_tables.sector_columns": (200, "fullmatch", "one table column's name"),
    "indicators.yaml:partial_hash_words": (100, "search", "100 characters before a hex value, 60 after, a header"),
    "indicators.yaml:vouching_words": (100, "search", "the 100 characters before a file name (indicator_programs)"),
    "indicators.yaml:vouching_nouns": (100, "search", "the 100 characters before a file name (indicator_programs)"),
    "indicators.yaml:program_nouns": (100, "search", "the 100 characters before a file name (indicator_programs)"),
    "sector_victims.yaml:sites_of": (120, "fullmatch", "the 120 characters before a list of sectors"),
    "sector_victims.yaml:sites_of_list": (120, "search", "the 120 characters before a list of sectors"),
    "sector_victims.yaml:sites_after": (160, "match", "the text right after a list of sectors, from its end"),
    "place_prose.yaml:year_span_end": (1000, "match", "anchored right after a year"),
    "place_origins.yaml:state_after": (1000, "match", "anchored right after a place (galaxy_place_origins)"),
    "place_prose.yaml:infrastructure_companies": (1000, "match", "anchored right after a place, in its sentence"),
    "place_prose.yaml:parallel_conjunct": (1000, "fullmatch", "the text between two places of one sentence"),
    "place_prose.yaml:named_seat": (120, "search", "the 120 characters before a place's preposition"),
    "counted_victims.yaml:count": (120, "search", "the 120 characters before a place (galaxy_counted_victims)"),
    "place_prose.yaml:victims_share": (300, "match", "the 300 characters after a place"),
    "place_prose.yaml:share_behind": (300, "match", "the 300 characters after a place"),
    "place_lists.yaml:most_targeted": (300, "match", "the 300 characters after a place"),
    "place_lists.yaml:countries_listed": (300, "fullmatch", "the 300 characters before a place in its sentence"),
    "history.yaml:history_headings": (200, "search", "a heading's text (runs of white space collapsed by the reader)"),
    "history.yaml:record_count": (2000, "search", "a name's sentence window, once per sentence (lru_cache)"),
    "history.yaml:record_verb": (1000, "search", "the clause before a name, within its sentence window"),
    "history.yaml:language_after": (20, "match", "the 20 characters after a name"),
    "history.yaml:published_in": (160, "search", "the 160 characters before a place"),
    "mentions.yaml:targeted_after": (120, "match", "the 120 characters after a sector"),
    "mentions.yaml:actor_profile": (1000, "search", "the text before a name in its sentence window"),
    "mentions.yaml:background.other_actors_subject": (1000, "match", "the text before a name"),
    "mentions.yaml:background.this_incident": (1000, "match", "a sentence, from its start"),
    "sector_victims.yaml:after": (160, "match", "the 160 characters after a list of sectors"),
    "sector_victims.yaml:scene_opening": (80, "fullmatch", "a sentence's first 80 characters (galaxy_sector_scenes)"),
    "sector_victims.yaml:scene_gap": (60, "match", "the 60 characters after a list of sectors (galaxy_sector_scenes)"),
    "side_places.yaml:locale_before": (100, "search", "the 100 characters before a place"),
    "software_asides.yaml:victim_platform": (80, "search", "the 80 characters before a name"),
    "name_readings.yaml:naming_before": (160, "search", "the 160 characters before a name (galaxy_namings)"),
    "name_readings.yaml:partner_before": (160, "search", "the 160 characters before a naming phrase"),
    "technique_cues.yaml:classes.elevate": (400, "search", "a sentence's words, after the cue-word filter"),
    "technique_cues.yaml:cues.T1036.003.patterns": (400, "search", "a sentence (40,000 characters: linear end to end)"),
    "technique_cues.yaml:cues.T1562.004.patterns": (400, "search", "a sentence (40,000 characters: linear end to end)"),
    "technique_cues.yaml:cues.T1037.004.pairs": (400, "search", "a sentence (60,000 characters: linear end to end)"),
    "technique_objects.yaml:checks.T1071.001.drop_if": (400, "search", "a sentence that names the object"),
    "techniques.yaml:descriptive": (400, "match", "a sentence, from its start"),
    "place_prose.yaml:count_after": (80, "match", "the 80 characters after a place (galaxy_ranked_places)"),
    "place_prose.yaml:count_from_before": (40, "search", "the 40 characters before a place"),
    "place_prose.yaml:placed_after": (80, "match", "the 80 characters after a place, within its paragraph"),
    "place_prose.yaml:subject_ranked": (80, "match", "the 80 characters after a place, within its paragraph"),
    "place_prose.yaml:subject_count_ranked": (80, "match", "the 80 characters after a place, within its paragraph"),
    "place_prose.yaml:ranked_row_after": (20, "match", "the 20 characters after a place"),
    "place_senses.yaml:language_after": (40, "match", "the 40 characters after a place (galaxy_place_senses)"),
    "place_senses.yaml:threat_after": (40, "match", "the 40 characters after a place"),
    "place_senses.yaml:comparison_opener": (1000, "match", "the name's clause, from its start"),
    "place_senses.yaml:seat_actor_after": (60, "match", "the 60 characters after a place, from its glued word"),
    "place_senses.yaml:armed_group": (60, "match", "the 60 characters after a place"),
    "place_senses.yaml:war_after": (40, "match", "the 40 characters after a place"),
    "place_senses.yaml:war_pair_before": (60, "search", "the 60 characters before a place"),
    "place_senses.yaml:crime_after": (60, "match", "the 60 characters after a place, from its glued word"),
    "place_prose.yaml:conjunct_before": (120, "search", "the 120 characters before a place"),
    "place_prose.yaml:conjunct_after": (120, "match", "the 120 characters after a place, within its paragraph"),
    "sector_rankings.yaml:rank_after": (160, "match", "the 160 characters after a list of sectors"),
    "place_lists.yaml:sibling_joiner": (100, "match", "the text between two places, at most 100 characters"),
    "place_lists.yaml:sibling_list_goes_on": (100, "match", "the 100 characters after a place"),
    "sector_rankings.yaml:count_after": (30, "match", "the 30 characters after a sector"),
}
# Units of 4,096 steps: about 10 ms of the engine.
CEILING = 250
# Known to cost more at their bound, left as they are: the worst text is a run of white space, which the reader
# collapses (80,000 spaces in a heading or a sentence convert in 0.04 s end to end).
KNOWN_COST = {"mentions.yaml:actor_profile": 700}

# One worker runs this module (tests/conftest.py ONE_WORKER_MODULES): the rule patterns are recorded once (a process
# converting the sample reports), not once on each worker; the groups of texts make the whole check a few seconds.
pytestmark = pytest.mark.skipif(not WorkCounter.usable(), reason="counting needs the main thread and SIGUSR1")


@pytest.fixture(scope="module")
def counter() -> WorkCounter:
    return WorkCounter()


@pytest.fixture(scope="module")
def rules() -> list:
    return compiled_rule_patterns(REPORTS)


def test_the_counter_sees_linear_quadratic_and_exponential_work(counter: WorkCounter) -> None:
    linear = counted(r"\w+x")
    assert counter.steps(linear, "a " * 4000) <= 2 * counter.steps(linear, "a " * 2000) + 2
    quadratic = counted(r"\s*x")  # a run of spaces tried from each of its positions
    single, double = counter.steps(quadratic, " " * 2000), counter.steps(quadratic, " " * 4000)
    assert single > 50 and double > 3.5 * single
    exponential = counted(r"(a+)+b")
    assert counter.steps(exponential, "a" * 18) > 3 * counter.steps(exponential, "a" * 16)


def test_a_group_of_calls_counts_what_each_call_counts_alone(counter: WorkCounter) -> None:
    pattern = counted(r"a*c")
    texts = ["a" * n for n in (500, 1000, 3000, 8000)]
    alone = [counter.steps(pattern, text, "match") - counter.call_cost for text in texts]
    assert counter.steps_of_all(pattern, texts, "match") == sum(alone) > 0
    assert counter.steps_of_all(pattern, [texts[0]] * 50, "match") == 0  # each call counts from zero


def test_the_worst_text_is_found_among_many_cheap_ones(counter: WorkCounter) -> None:
    quadratic = worst_growth(counter, r"(?:we|our)\s+(?:now\s+)?\s*x", 0, size=SIZE)
    assert quadratic is not None and quadratic.ratio > LINEAR and quadratic.attack.unit.isspace()
    assert worst_growth(counter, r"(?:we|our)\s+(?:now\s+)?x", 0, size=SIZE) is None


def test_the_texts_pump_each_repeat_and_each_literal() -> None:
    texts = {(a.head, a.unit, a.tail) for a in attacks(r"published\s+(?:by\s+)?(?:[A-Z]\w*\s+)*$", re.IGNORECASE)}
    assert ("published by ", "Aa ", "\x01") in texts  # what comes before the repeat, the item, a failing end
    assert any(unit == "publishe" for _, unit, _ in texts)


def test_every_rule_pattern_of_the_data_is_read(rules: list) -> None:
    keys = {f"{rule.file}:{rule.where}" for rule, _ in rules}
    assert len({r.source for r in rule_patterns()}) > 800
    assert "mentions.yaml:targeted_after" in keys and "taxonomy_phrases.yaml:tlp.pattern" in keys
    assert {rule.file for rule, _ in rules} <= set(DATA_FILES)  # every pattern is checked by one of the tests below
    # the engine's own flags were seen: a verbose pattern is not read as one with literal spaces
    assert any(key == "mentions.yaml:targeted_after" and flags & re.VERBOSE for key, flags in _keyed(rules))


def _keyed(rules: list) -> list[tuple[str, int]]:
    return [(f"{rule.file}:{rule.where}", flags) for rule, flags in rules]


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_no_rule_pattern_backtracks_past_what_its_text_allows(
    data_file: str, rules: list, counter: WorkCounter
) -> None:
    failures = []
    for rule, flags in rules:
        if rule.file != data_file:
            continue
        key = f"{rule.file}:{rule.where}"
        if key in BOUNDED:
            size, method, _ = BOUNDED[key]
            growth = worst_growth(counter, rule.source, flags, size=size // 2, method=method)
            if growth is not None and growth.double > KNOWN_COST.get(key, CEILING):
                failures.append(f"{key}: {growth.double} steps/4096 at {BOUNDED[key][0]} characters ({_shown(growth)})")
            continue
        growth = worst_growth(counter, rule.source, flags, size=SIZE)
        if growth is not None and growth.ratio > LINEAR:
            failures.append(f"{key}: {growth.single} -> {growth.double} steps/4096 on {_shown(growth)}")
    assert not failures, "\n".join(failures)


def _shown(growth: Growth) -> str:
    attack = growth.attack
    return f"{attack.head[:30]!r} + {attack.unit[:30]!r} * n + {attack.tail!r}"
