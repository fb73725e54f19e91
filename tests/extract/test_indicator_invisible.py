"""Indicators written with invisible or look-alike characters (tests/data/indicators/invisible.yaml): the value MISP
would store, with a comment that the report wrote it so, and nothing else found or lost; the same characters where
they belong to the prose change nothing, and a look-alike letter of another script stays refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from misp_module.extract.indicator_invisible import unmask
from tests.extract.test_indicators import convert_case

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "indicators" / "invisible.yaml").read_text(encoding="utf-8")
)
NOTE = re.compile(r"written with (?:invisible|look-alike|invisible and look-alike) characters \(U\+")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict) -> None:
    found = {(a.type, a.value, "noted" if NOTE.search(a.comment) else "plain") for a in convert_case(case)}
    assert found == {tuple(item) for item in case["found"]}


def test_the_comment_names_the_characters_the_report_wrote() -> None:
    case = {"name": "codes", "text": "Beacon to 203.0.113\u200b\uff0e77 hourly."}
    (attribute,) = convert_case(case)
    assert "written with invisible and look-alike characters (U+200B, U+FF0E)" in attribute.comment
    (attribute,) = convert_case({"name": "dot", "text": "Beacon to 203.0.113\uff0e77 hourly."})
    assert "written with look-alike characters (U+FF0E)" in attribute.comment


def test_a_text_without_such_characters_is_scanned_as_it_is() -> None:
    text = "Plain text \u00e9t\u00e9 with evil.example.com and \u4e2d\u6587\u3002"
    assert unmask(text).text is text and not unmask(text).positions


PLAIN_NOTE = "written plainly in a report that defangs its indicators"


@pytest.mark.parametrize(
    "text",
    [
        "Payloads came from hxxps://cdn-mirror[.]example-files.net/a.bin and relay-node\u200b.amber-grid.net.",
        "Payloads came from hxxp://pay-notice[.]site/check; the panel was login-verify\uff0eharbor-pay.com.",
        "Staging used drop-zone[.]xyz, then https://stage\u00ad.tidewater-ops.net/get handed out the loader.",
    ],
)
def test_a_value_written_with_invisible_characters_is_not_written_plainly_in_a_defanging_report(text: str) -> None:
    attributes = convert_case({"name": "masked among defanged", "text": text})
    masked = [a for a in attributes if NOTE.search(a.comment)]
    assert masked, [(a.type, a.value, a.comment) for a in attributes]
    for attribute in masked:
        assert attribute.to_ids and PLAIN_NOTE not in attribute.comment, (attribute.value, attribute.comment)


def test_a_value_written_plainly_beside_defanged_ones_is_still_a_mention() -> None:
    text = "Payloads came from hxxps://cdn-mirror[.]example-files.net/a.bin; see relay-node.amber-grid.net for more."
    (plain,) = [a for a in convert_case({"name": "plain among defanged", "text": text}) if a.value.startswith("relay")]
    assert not plain.to_ids and PLAIN_NOTE in plain.comment
