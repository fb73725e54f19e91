"""The work of reading galaxy names grows with the text, not with its square: one name repeated in a long list or
sentence (the hostile cases of tests/hostile.py) costs each name the same work, however many share its list. Work is
counted as the Python and C calls a conversion makes (sys.setprofile), which no load on the machine changes; seconds
are for `bench_hostile.py --scaling`."""

from __future__ import annotations

import sys

import pytest
from hostile import PATHOLOGICAL

from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

# Sizes of each case (a hundredth of the size it was reported at, then twice and four times that): past the
# window read around a name, so that each size adds whole windows.
SCALE = 0.01
# What each doubling of the text may add to the calls, against what the one before added: 2 is linear, 4 quadratic
# (before these rules: 4.4 for the sector list, 3.7 for the technique names beside links, 2.5 for field context).
MAX_GROWTH = 2.3
_CASES = {case.name: case for case in PATHOLOGICAL}


def _calls(data: bytes) -> int:
    """The calls (Python functions and C functions) made converting the report."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        count += 1

    settings = Settings(max_report_bytes=16 * 1024 * 1024)
    sys.setprofile(profile)
    try:
        convert_bytes(data, identity="work", name="work.md", settings=settings)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("name", ["sector-list", "sector-pairs", "link-techniques", "field-context", "place-list"])
def test_work_per_name_does_not_grow_with_the_names_beside_it(name: str) -> None:
    case = _CASES[name]
    _calls(case.make(SCALE))  # what is loaded or compiled on first use is not counted
    single, double, quadruple = (_calls(case.make(SCALE * factor)) for factor in (1, 2, 4))
    growth = (quadruple - double) / (double - single)
    assert growth < MAX_GROWTH, (name, single, double, quadruple)
