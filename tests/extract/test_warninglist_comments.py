"""An indicator on a MISP warninglist gets one note that agrees with its to_ids: a value the warninglists
clear says which lists it is on; a value kept as an indicator although listed says why. The host of a
defanged URL on a file-sharing service used to say both at once."""

from __future__ import annotations

import json
from typing import Any

import pytest

from misp_module.deliver.modules.results import short_comment
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

REPORT = """# Operation Paper Lantern

## Full Report

Between March and May 2024 the group mailed invoices to accounting staff at logistics firms. Each message
linked to an archive kept on a popular file-sharing service,
hxxps://www.dropbox[.]com/s/k3v9x2/invoice_0324.zip, and the archive's shortcut fetched a second stage
from hxxps://transfer[.]sh/get/Ab12/loader.exe. The loader then asked update-check[.]duckdns[.]org for its
commands, and reached it through commercial VPN exit nodes such as 185.159.157[.]13.

## Indicators

| Indicator | Note |
|---|---|
| hxxps://www.dropbox[.]com/s/k3v9x2/invoice_0324.zip | first-stage archive |
| hxxps://transfer[.]sh/get/Ab12/loader.exe | second stage |
| 185.159.157[.]13 | VPN exit node used for C2 |
"""


@pytest.fixture(scope="module")
def attributes() -> dict[str, dict[str, Any]]:
    event = convert_bytes(REPORT.encode(), identity="paper-lantern.md", name="paper-lantern.md", settings=Settings())
    return {a["value"]: a for a in json.loads(event.to_json())["Attribute"]}


ON, KEPT = "on MISP warninglist: ", "kept as indicator although listed in MISP warninglist "


def warninglist_notes(attribute: dict[str, Any]) -> list[str]:
    """The warninglist notes of each place the value was found ("Full Report: …; Indicators: …")."""
    return [note for note in attribute["comment"].split("; ") if ON in note or KEPT in note]


def test_the_host_of_a_shared_service_url_only_says_it_is_on_a_warninglist(attributes) -> None:
    host = attributes["www.dropbox.com"]
    assert host["to_ids"] is False
    notes = warninglist_notes(host)
    assert notes and all(ON in note and KEPT not in note for note in notes), host["comment"]
    assert "kept as indicator" not in host["comment"]


def test_the_url_with_a_path_is_kept_and_says_why(attributes) -> None:
    url = attributes["https://transfer.sh/get/Ab12/loader.exe"]
    assert url["to_ids"] is True
    notes = warninglist_notes(url)
    assert notes, url["comment"]
    for note in notes:
        assert KEPT + "List of LOTS" in note
        assert note.endswith(": a URL with a path on an abused service, where the report describes the attack")
    assert ON not in url["comment"]


def test_every_warninglist_note_agrees_with_the_attribute_to_ids(attributes) -> None:
    listed = [a for a in attributes.values() if warninglist_notes(a)]
    assert len(listed) >= 3
    for attribute in listed:
        kept = [KEPT in note for note in warninglist_notes(attribute)]
        on = [ON in note for note in warninglist_notes(attribute)]
        assert all(kept) if attribute["to_ids"] else (all(on) and not any(kept)), attribute


def test_the_import_preview_keeps_the_kept_note_short(attributes) -> None:
    kept = short_comment(attributes["https://transfer.sh/get/Ab12/loader.exe"]["comment"])
    assert kept.startswith("Kept as indicator although on MISP warninglist: LOTS"), kept
    cleared = short_comment(attributes["www.dropbox.com"]["comment"])
    assert "on MISP warninglist: " in cleared and "Kept" not in cleared and "kept" not in cleared, cleared
