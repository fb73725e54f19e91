"""Techniques of a mobile report (issue 12): the Mobile matrix's cues read there, the Enterprise look-alikes given
as their Mobile counterparts or left out, an ID the report writes kept; a desktop report that names a phone
platform once stays Enterprise."""

from __future__ import annotations

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.technique_platforms import is_mobile
from misp_module.read.reader import read_report

_MOBILE = """# A banking trojan on Android

## Technical details

The dropper app on Google Play poses as a PDF reader. On Android, the payload hides its icon from the launcher.
It logs keystrokes through the accessibility events and steals the one-time passcodes the bank sends by SMS.
It checks the system time zone before it contacts its server. {extra}
The APK talks to its server over HTTPS.
"""

_DESKTOP = """# A Windows intrusion

## Technical details

The loader ran on Windows workstations and logged keystrokes into a file in the user's profile. It copied itself to
the Startup folder and used PowerShell on the domain controller. An Android build of the same RAT exists.
After installation the payload hides its icon from the launcher.
"""


def _techniques(text: str) -> set[str]:
    report = read_report(text.encode(), identity="case.md", name="case.md", max_bytes=1_000_000)
    return {c.external_id or "" for c in galaxy_clusters(report) if c.galaxy == "mitre-attack-pattern"}


def test_a_mobile_report_is_read_against_the_mobile_matrix() -> None:
    found = _techniques(_MOBILE.format(extra=""))
    assert {"T1628.001", "T1636.004", "T1417.001", "T1655"} <= found
    # the Enterprise look-alikes: Keylogging T1056.001 given as T1417.001, none left as Enterprise
    assert "T1056.001" not in found
    assert not [t for t in found if t.startswith(("T1056", "T1113", "T1124", "T1204"))]


def test_a_technique_id_a_mobile_report_writes_stays() -> None:
    found = _techniques(_MOBILE.format(extra="Analysts map the key capture to T1056.001."))
    assert "T1056.001" in found


def test_a_desktop_report_naming_a_phone_platform_once_stays_enterprise() -> None:
    assert not is_mobile(_DESKTOP)
    found = _techniques(_DESKTOP)
    assert "T1056.001" in found
    assert not [t for t in found if t.startswith(("T1417", "T1628"))]


def test_a_mobile_report_is_told_by_its_platform_words() -> None:
    assert is_mobile(_MOBILE)
    assert is_mobile("The Android banker steals SMS messages.")
    assert not is_mobile("The loader runs on Windows and Linux servers; an Android port is planned.")
    assert not is_mobile("The loader writes a Run key.")


def test_a_negation_in_quotation_marks_negates_no_action() -> None:
    found = _techniques(
        _MOBILE.format(
            extra='During a transfer it covers the screen with a black overlay saying "updating, do not turn off".'
        )
    )
    assert "T1628.002" in found
    assert "T1628.002" not in _techniques(
        _MOBILE.format(extra="During a transfer it does not cover the screen with a black overlay.")
    )
