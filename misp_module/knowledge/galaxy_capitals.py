"""A common-word name written in capitals inside running text: a writer's way of marking a name (issue 8, recall).

A galaxy name that is a common English word ("Confucius", "Bitter") must be written exactly as the galaxy writes it
(galaxies.yaml case rules): "bitter" is no actor. Vendors and the news copying them write group and family names in
capitals ("the APT team called CONFUCIUS", "CONFUCIUS targets ministries"): in a line of ordinary mixed-case prose,
the capitals are no emphasis of a common word, they say the word is a name. A line shouted in capitals (a heading,
a banner, "BREAKING NEWS: ...") says nothing of the sort, nor does a short word ("SEA", "UPS": no common word that
short is indexed at all). The match still needs what a common-word name needs where it stands (a word of its kind,
galaxy_evidence): the capitals only make it a candidate. Only actors' names: a common-word family in capitals is as
often another family's other name ("a ransomware called SNAKE (EKANS backward)" is no Turla Snake), and the families
vendors write in capitals are rarely common words (they match as written already). Thresholds as data in galaxies.yaml
`capitals`.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .data import load_data
from .regex_cache import compiled

if TYPE_CHECKING:
    from .galaxy_matching import Name

# Words of letters (a hyphen or apostrophe inside a word keeps it one word).
_WORDS = compiled(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*")


@cache
def _rules() -> dict[str, Any]:
    """galaxies.yaml `capitals`, read once."""
    return load_data("galaxies.yaml")["capitals"]


def written_as_name(text: str, start: int, end: int) -> bool:
    """The capitals at `text[start:end]` mark a name: a word of letters long enough, in a line of mixed-case prose
    (enough words with small letters, and few words in capitals besides)."""
    surface = text[start:end]
    rules = _rules()
    if len(surface) < int(rules["min_length"]) or not surface.isalpha() or not surface.isupper():
        return False
    # (its line, or the `reach` characters either side of it in a text with long lines)
    reach = int(rules["reach"])
    line_start = text.rfind("\n", max(0, start - reach), start) + 1 or max(0, start - reach)
    line_end = text.find("\n", end, end + reach)
    words = _WORDS.findall(text, line_start, min(len(text), end + reach) if line_end < 0 else line_end)
    capitals = sum(1 for w in words if len(w) > 1 and w.isupper())
    lower = sum(1 for w in words if not w.isupper())
    return lower >= int(rules["min_lower_words"]) and capitals <= float(rules["max_capital_share"]) * len(words)


def capitals_name(name: Name) -> bool:
    """A name whose capitals mark it (`kinds`: actors), written by the galaxy as one plain capitalised word
    ("Confucius"): its capitals are that word's. Not a name with inner capitals ("EnCrypt", whose capitals would be
    another word's) nor one of several words."""
    form = name.form
    return name.cluster.kind in _rules()["kinds"] and form.isalpha() and form[:1].isupper() and form[1:].islower()
