"""The large cities that name their country (countries.yaml `cities`, extract/galaxy_cities.py) are no common English
words: a city written like an everyday word ("Nice", "Reading", "Split") would give a country to any sentence that
uses the word. Word frequency (wordfreq, Zipf scale) draws the line: the commonest city name kept, Chicago, is 4.83;
"reading" is 5.14 and "nice" 5.37. Frequency alone cannot tell "Split" (4.65) from "Boston" (4.67), so the list's
comment names the words left out by hand too."""

from __future__ import annotations

import yaml
from wordfreq import zipf_frequency

from misp_module.knowledge.data import data_dir

# Above this Zipf frequency a one-word name is an everyday English word, whatever city carries it.
EVERYDAY_ZIPF = 5.0


def _city_forms() -> list[str]:
    cities = yaml.safe_load((data_dir() / "countries.yaml").read_text(encoding="utf-8"))["cities"]
    return [form for forms in cities.values() for form in forms]


def test_no_city_is_an_everyday_word() -> None:
    common = [f for f in _city_forms() if " " not in f and zipf_frequency(f.lower(), "en") >= EVERYDAY_ZIPF]
    assert common == []


def test_the_frequency_line_keeps_everyday_words_out() -> None:
    # The line itself: words that are city names too but mostly everyday words are above it.
    assert all(zipf_frequency(word, "en") >= EVERYDAY_ZIPF for word in ("nice", "reading"))
