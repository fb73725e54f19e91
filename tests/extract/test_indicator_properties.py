"""Properties of indicator extraction (hypothesis): it never raises, and every attribute it emits is one
PyMISP accepts in an event."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymisp import MISPAttribute

from misp_module.build.event import build_event
from misp_module.extract.indicator_patterns import trim_url
from misp_module.extract.indicators import indicator_findings
from misp_module.read.report import Report, Section
from misp_module.read.templates import template_by_name
from misp_module.settings import Settings

ROLES = ["tools", "activity", "ttps", "targeting", "mitigations", "attribution", "body"]
FRAGMENTS = [
    "185.162.235[.]127",
    "hxxps://[",
    "http://[.]x/y",
    "http://[::1]:8080/a",
    "10.1.2.3",
    "[2a0b:4140::1]:443",
    "2001:db8::/32",
    "5.6.7.0/24",
    "1.2.3.4:80",
    "hxxps://a-b[.]com/x?y=1",
    "evil(.)org/p.php",
    "x[at]evil[.]com",
    "CVE-2023-1234",
    "AS1234",
    "ASN 99",
    "HKCU\\Software\\X Y\\Run",
    "`a.exe` SHA256: " + "ab" * 32,
    "md5 " + "0f" * 16,
    "imphash " + "1a" * 16,
    "3072:abcdefghijkl:mnopqrstuv",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "C:\\Users\\Public\\x.dll",
    "\\\\.\\pipe\\p",
    'User-Agent "Mozilla/5.0 x"',
    "mutex `Global\\m`",
    "kv.sh",
    "a.k.a",
    "10.0.19041.1",
    "**",
    "`",
    "|",
    "(",
    ")",
    "[",
    "]",
    "\n",
    " ",
    ".",
    ",",
    "microsoft.com",
    "not an indicator",
    "legitimate",
]
TEXT = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=30).map(" ".join)


def report_of(sections: list[tuple[str, str]]) -> Report:
    parts = [Section(role, role.title(), None, text, 0) for role, text in sections]
    return Report(
        "id", "r.md", "\n".join(t for _, t in sections), "analysis-summary", "T", None, None, tuple(parts), None, None
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(ROLES), TEXT | st.text(max_size=300)), min_size=1, max_size=4),
    st.sampled_from(["soft", "drop", "off"]),
)
def test_extraction_never_raises_and_pymisp_accepts_every_attribute(sections, mode) -> None:
    report = report_of(sections)
    findings = indicator_findings(report, Settings(warninglist_mode=mode))
    event = build_event(
        report, findings, template_by_name("analysis-summary"), Settings(), today=datetime.date(2025, 1, 1)
    )
    for attribute in event.attributes:
        check = MISPAttribute()
        check.from_dict(
            type=attribute.type, value=attribute.value, category=attribute.category, to_ids=attribute.to_ids
        )
        assert check.value == attribute.value
        assert attribute.type not in ("", None)
    event.to_json()


def _trim_url_by_counting(url: str) -> str:
    """trim_url as it was (a count of the whole URL per character cut, quadratic): the oracle."""
    while url:
        last = url[-1]
        unbalanced = last in ")]}" and url.count(last) > url.count({")": "(", "]": "[", "}": "{"}[last])
        if last in ".,;:!?'\"*_>" or unbalanced:
            url = url[:-1]
        else:
            break
    return url


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="a/()[]{}.,;:!?'\"*_>", max_size=30))
def test_trim_url_gives_what_counting_gave(url: str) -> None:
    assert trim_url(url) == _trim_url_by_counting(url)
