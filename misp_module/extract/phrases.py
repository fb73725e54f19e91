"""Word lists of the rules' YAML written as regular-expression alternations.

Apart so that the rules that read such lists (galaxy_salience, galaxy_software_prose, galaxy_software_subject) can
share it without importing one another: galaxy_salience asks galaxy_software_prose, which cannot import it back.
"""

from __future__ import annotations

import re


def phrase_alternation(phrases: list[str]) -> str:
    """An alternation of phrases, longest first, their spaces matching any run of blanks."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))
