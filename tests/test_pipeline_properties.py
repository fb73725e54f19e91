"""Property of the whole core (hypothesis): convert_bytes on generated reports — front matter, headings,
labelled bullets, prose full of indicator look-alikes, defanged forms, markdown, control characters and random
text — returns an event or raises the project's own error, nothing else. `make test` runs a short version;
`make fuzz` runs 60,000 examples, about five minutes (MISP_REPORT_FUZZ_EXAMPLES)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from misp_module.errors import MispReportError
from misp_module.pipeline import convert_bytes
from misp_module.settings import Settings

EXAMPLES = int(os.environ.get("MISP_REPORT_FUZZ_EXAMPLES", "60"))

FRONT_VALUES = st.one_of(
    st.sampled_from(
        [
            "2025-02-30",
            "2024-01-01",
            "'2024-13-45'",
            "[a, b]",
            "{a: 1}",
            "&x [1, 2]",
            "*x",
            "!!binary aGk=",
            "!!python/object:os.system x",
            '"\\ud800"',
            '"\\x00"',
            "null",
            "~",
            "1e999",
            "0x1F",
            "[" * 30,
            "|\n  block\n  text",
            ">-\n  folded",
            "'quoted: value'",
            "- a\n- b",
            "https://example.com/r",
        ]
    ),
    st.text(max_size=30),
)
FRONT_KEYS = st.sampled_from(["id", "title", "date", "source", "url", "tags", "link", "other", "?", "- x"])
FRONT = st.lists(st.tuples(FRONT_KEYS, FRONT_VALUES), max_size=5).map(
    lambda items: "---\n" + "".join(f"{key}: {value}\n" for key, value in items) + "---\n"
)
FRAGMENTS = st.sampled_from(
    [
        "# Threat Actor: APT28 (Fancy Bear)\n",
        "## Full Report\n",
        "## Analysis Summary\n",
        "## Targeting\n",
        "## Tools & Infrastructure\n",
        "## Mitigations\n",
        "- **Sectors:** Government, Energy\n",
        "- **Victims:** Acme Corp and Globex\n",
        "- **Countries:** Czechia; Poland\n",
        "Date: 2024-03-01\n",
        "Source: https://vendor.example/blog/post\n",
        "The operators used Cobalt Strike against the banks. ",
        "198.51.100.7",
        "203.0.113.9:443",
        "10.0.0.1/24",
        "2001:db8::1",
        "[2001:db8::2]:8080",
        "evil[.]com",
        "hxxps://bad[.]example[.]net/x.php?a=1",
        "a\\.b\\.c",
        "C:\\Users\\x\\AppData\\evil.exe",
        "%TEMP%\\a.dll",
        "HKLM\\Software\\Run\\",
        "\\\\.\\pipe\\evil",
        "attacker@evil.example",
        "CVE-2024-3400",
        "AS13335",
        "d41d8cd98f00b204e9800998ecf8427e",
        "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3",
        "T1059.001",
        "3:abc/def:ghi+jkl",
        'user-agent "Mozilla/5.0 x"',
        "Subject: Invoice\n",
        'mutex "Global\\x"',
        "```\n",
        "| a | b |\n|---|---|\n",
        "**",
        "*",
        "_",
        "[",
        "](",
        ")",
        "(",
        "`",
        "\\",
        ".",
        ":",
        "@",
        "%",
        "\n",
        "\n\n",
        " ",
        "\t",
        "\x08",
        "\x1b[31m",
        "\u1b53",
        "\u0663",
        "é",
        "\ufeff",
        "<html>",
        "<script>x</script>",
        "&#0;",
        "<h1>Title</h1>",
        "not an indicator",
        "legitimate ",
        "https://",
    ]
)
BODY = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=60).map("".join)
# A few words of prose come first most of the time, so that most reports get past "no recognisable content".
PROSE = st.sampled_from(["", "The operators used several tools against the victims. "])
REPORT = st.tuples(st.one_of(st.just(""), FRONT), PROSE, BODY, PROSE).map(lambda parts: "".join(parts))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORT, st.sampled_from(["r.md", "r.txt", "r.html"]), st.sampled_from([None, "generic"]))
def test_any_report_converts_or_fails_with_the_projects_error(text: str, name: str, template: str | None) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        event = convert_bytes(data, identity=name, name=name, settings=Settings(), template=template)
    except MispReportError:
        return
    event.to_json()
