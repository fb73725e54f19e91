"""The sector a warning about the report's threat is addressed to (issue 8, recall of sectors on real pages):
advisories and the news about them name the victims' sector as whom an authority warns, urges or orders to act
("issued a warning to hospitals, urging them to patch", "calling on all U.S. healthcare organizations to secure their
appliances", "a directive mandating federal agencies to disconnect"). Read by position: the sector's list right after
a verb or noun of warning, told to act right after it, in a sentence of the threat. Apart from galaxy_sector_rules,
which asks it among the victim readings (all its vetoes still apply). The expressions are
data/sector_addressees.yaml.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled

# The most characters read before the list for its verb of warning, and after it for what it is told to do.
_BEFORE = 80
_AFTER = 80


@cache
def _pattern(key: str) -> re.Pattern[str]:
    """One expression of sector_addressees.yaml (`warned_before`, `told_after`, `threat`), compiled on first use."""
    return compiled(load_data("sector_addressees.yaml")[key], re.IGNORECASE)


def warned_addressee(sentence: str, list_at: int, list_end_at: int) -> bool:
    """The sector's list (from `list_at` to `list_end_at` in `sentence`) is the addressee of a warning: right after a
    verb or noun of warning, and told to act right after it ("urging all healthcare organizations to patch"), in a
    sentence with a word of the threat."""
    return (
        bool(_pattern("warned_before").search(sentence[max(0, list_at - _BEFORE) : list_at]))
        and bool(_pattern("told_after").match(sentence[list_end_at : list_end_at + _AFTER]))
        and bool(_pattern("threat").search(sentence))
    )
