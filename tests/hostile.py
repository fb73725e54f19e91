"""Hostile and pathological reports, generated: each is small to send and was once slow, huge in memory or a
traceback. The tests convert them and check the outcome; `make bench` times them against a regex floor."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass

_PROSE = "The operators staged the payload on the server below and the analysts tracked every beacon.\n"


@dataclass(frozen=True)
class Case:
    """One hostile report: `make(scale)` gives its bytes, `scale` 1.0 being the size it was reported at."""

    name: str
    make: Callable[[float], bytes]
    # What a conversion may do: "ok" converts, "error" is refused with a ReportError, "either" is both fine.
    outcome: str = "either"


def _n(count: int, scale: float) -> int:
    return max(1, int(count * scale))


def _text(body: str) -> bytes:
    """The body as the first paragraph (read as the summary, through strip_markdown), prose after it."""
    return ("# Hostile report\n\n" + body + "\n\n" + _PROSE).encode("utf-8")


def _front(matter: str, body: str = _PROSE) -> bytes:
    return f"---\n{matter}---\n# Hostile report\n\n{body}".encode()


def _table(rows: int) -> str:
    head = "| Indicator | Type | Note |\n|---|---|---|\n"
    return head + "".join(f"| 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255} | ip | seen {i} |\n" for i in range(rows))


def _ips(count: int) -> str:
    return "".join(f"{(i >> 16) % 223 + 1}.{i >> 8 & 255}.{i & 255}.{i % 7 + 1}\n" for i in range(count))


def _nested_list(depth: int) -> str:
    return "deep: " + "[" * depth + "]" * depth + "\n"


def _base64(count: int, wrap: int = 0) -> str:
    """Base64 of `count` bytes that do not repeat in short cycles, on one line or wrapped as e-mail wraps it."""
    blob = base64.b64encode(bytes((i * 7919 + (i >> 8) * 31) & 255 for i in range(count))).decode()
    return "\n".join(blob[i : i + wrap] for i in range(0, len(blob), wrap)) if wrap else blob


def _laughs(levels: int) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    return "\n".join(lines) + f"\ntitle: *a{levels - 1}\n"


# Slow or huge on a small input (issue 10, High 1 and Medium 11): the size each was reported at is scale 1.
PATHOLOGICAL: tuple[Case, ...] = (
    Case("escaped-dots", lambda s: _text("a\\." * _n(10_000, s))),
    Case("emphasis-stars", lambda s: _text("*a " * _n(20_000, s))),
    Case("open-brackets", lambda s: _text("[" * _n(100_000, s))),
    Case("url-then-dots", lambda s: _text("See https://evil.example.com/x" + "." * _n(1_000_000, s))),
    Case("url-then-parens", lambda s: _text("See https://evil.example.com/x" + ")" * _n(1_000_000, s))),
    Case("cves", lambda s: _text("".join(f"CVE-2024-{10000 + i} " for i in range(_n(50_000, s))))),
    Case("table-rows", lambda s: _text(_table(_n(60_000, s)))),
    Case("ip-list", lambda s: _text(_ips(_n(300_000, s)))),
    Case("dotted-a", lambda s: _text("a." * _n(2_500_000, s))),
    Case("front-matter-list", lambda s: _front("tags:\n" + "- x\n" * _n(1_000_000, s))),
    Case("parens-and-brackets", lambda s: _text("(" * _n(50_000, s) + "[" * _n(50_000, s))),
    Case("link-openers", lambda s: _text("[a](" * _n(30_000, s))),
    Case("underscores", lambda s: _text("_a " * _n(20_000, s))),
    Case("backslashes", lambda s: _text("a\\" * _n(50_000, s) + " x")),
    Case("registry-key", lambda s: _text("HKLM" + "\\a" * _n(50_000, s))),
    Case("windows-path", lambda s: _text("C:" + "\\a" * _n(50_000, s))),
    Case("defang-brackets", lambda s: _text("a" + "[(" * _n(50_000, s) + ".")),
    Case("dotted-long", lambda s: _text("a" + ".a" * _n(500_000, s) + "(")),
    Case("colons", lambda s: _text("1:" * _n(100_000, s))),
    Case("hex-run", lambda s: _text("a" * _n(1_000_000, s))),
    Case("emails", lambda s: _text("a@" * _n(100_000, s))),
    Case("labels-dashes", lambda s: _text("a-" * _n(200_000, s))),
    Case("user-agent-quotes", lambda s: _text('user-agent "' * _n(30_000, s))),
    Case("subject-lines", lambda s: _text("Subject: x\n" * _n(100_000, s))),
    Case("headings", lambda s: _text("## Summary\n" * _n(50_000, s))),
    Case("bullets", lambda s: _text("- **Victims**: a, b and c\n" * _n(50_000, s))),
    Case("spaces", lambda s: _text(" " * _n(1_000_000, s) + "x")),
    Case("blank-lines", lambda s: _text("\n" * _n(1_000_000, s) + "x")),
    Case("space-lines", lambda s: _text(" \n" * _n(500_000, s) + "x")),
    Case("repeated-actor", lambda s: _text("APT28 " * _n(100_000, s))),
    Case("repeated-technique", lambda s: _text("T1059 " * _n(100_000, s))),
    Case("one-long-line", lambda s: _text("word " * _n(400_000, s))),
    # Under MAX_NAMES, in one sentence or one list: the work per name is bounded by the window read around it
    # (`bench_hostile.py --scaling` shows each grows with the text, not with its square).
    Case("actor-sentence", lambda s: _text("The operators were seen " + "APT28 " * _n(30_000, s))),
    # A list of sector words was walked to its end from each of its words; the passages of field context were found
    # from the part's start for each cue and each name tested against every passage; a technique's name looked for
    # links over its whole line; a place looked at every place after the targeting word, to the report's end.
    Case("sector-list", lambda s: _text("The campaign hit " + "healthcare, " * _n(20_000, s) + "and banks.")),
    Case("sector-pairs", lambda s: _text("The campaign hit " + "healthcare providers and " * _n(10_000, s))),
    Case(
        "field-context", lambda s: _text("This adds to a growing list of attacks on banks by APT28. " * _n(20_000, s))
    ),
    Case("link-techniques", lambda s: _text("[x](https://a.example/) used PowerShell " * _n(20_000, s))),
    Case("place-list", lambda s: _text("It targeted " + "Germany, " * _n(30_000, s))),
    Case("targeted-places", lambda s: _text("It targeted Germany. " * _n(20_000, s))),
    # One long line of names or hashes: each looked back for its line's start, a scan of the line per name.
    Case("family-line", lambda s: _text("Seen: " + "Emotet and TrickBot, " * _n(20_000, s))),
    Case("hash-line", lambda s: _text("Hashes: " + "".join(f"{i:064x} " for i in range(_n(19_000, s))))),
    Case("dot-line", lambda s: _text("." * _n(4_000_000, s))),
    Case("spaced-dots", lambda s: _text("word" + " ." * _n(1_000_000, s))),
    # The red-team round of session 20 (4 MB at scale 1, sent to the modules server beside a normal import): one
    # sentence, a list, a wide table, deep quotes and emphasis, zero-width and direction marks, base64 blobs,
    # look-alike letters glued to domains.
    Case("one-sentence", lambda s: _text("The operators " + "used the loader with the server and " * _n(115_000, s))),
    Case("list-lines", lambda s: _text("- the operators used a loader\n" * _n(140_000, s))),
    Case(
        "wide-table",
        lambda s: _text("|" + "a|" * 20 + "\n|" + "---|" * 20 + "\n" + ("|x y z" * 20 + "|\n") * _n(30_000, s)),
    ),
    Case("deep-quotes", lambda s: _text(">" * _n(4_000_000, s) + " APT28 used evil.example.com")),
    Case("nested-emphasis", lambda s: _text("**_" * _n(700_000, s) + "APT28" + "_**" * _n(700_000, s))),
    Case("zero-width-flood", lambda s: _text("APT28 " + "\u200b\u202e\u200f" * _n(450_000, s) + " 203.0.113.5")),
    Case("base64-line", lambda s: _text("Blob: " + _base64(_n(3_000_000, s)))),
    Case("base64-lines", lambda s: _text(_base64(_n(3_000_000, s), wrap=76))),
    Case(
        "lookalike-domains",
        lambda s: _text("Lures: " + "\u0435vil-paypal.com, secure-l\u043egin.example.net " * _n(80_000, s)),
    ),
    # Session 21: invisible characters inside indicators are cleaned before the scan; long runs of them glued to
    # a value, or between two values, and look-alike dots by the hundred thousand.
    Case("zero-width-glued", lambda s: _text("evil" + "\u200b" * _n(1_300_000, s) + ".example.com and a\u200b b")),
    Case("zero-width-between", lambda s: _text("a.b\u200bc.d\u00ade.f " * _n(200_000, s))),
    Case("fullwidth-dots", lambda s: _text("10\uff0e" * _n(1_000_000, s) + "1")),
)

# Bad values a report may carry (issue 10, High 3 and Medium 6): refused with one clear line, never a traceback.
BROKEN: tuple[Case, ...] = (
    Case("billion-laughs", lambda s: _front(_laughs(9)), "error"),
    Case("impossible-date", lambda s: _front("date: 2025-02-30\n"), "either"),
    Case("deep-list", lambda s: _front(_nested_list(5_000)), "error"),
    Case("deep-mapping", lambda s: _front("a: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n"), "error"),
    Case("surrogate-id", lambda s: _front('id: "\\ud800"\n'), "either"),
    Case("surrogate-title", lambda s: _front('title: "x\\udfff y"\n'), "either"),
    Case("non-ascii-digit-ip", lambda s: _text("The server 0.250.250.\u1b53 answered."), "ok"),
    Case("control-characters", lambda s: _text("x" * 9000 + "\x00 evil\x08.example.com\x00 and \x1b[31m"), "either"),
    Case("title-controls", lambda s: _front('title: "Bad\\x00 title\\x08 here"\n'), "either"),
)

# A dozen hostile imports sent at once to the modules server: (case name, scale) of about 600 KB each, and three
# small broken ones (tests/deliver/modules/test_modules_hostile.py and `make bench`).
MODULE_ABUSE: tuple[tuple[str, float], ...] = (
    ("url-then-parens", 0.6),
    ("url-then-dots", 0.6),
    ("open-brackets", 6.0),
    ("escaped-dots", 20.0),
    ("emphasis-stars", 10.0),
    ("spaces", 0.6),
    ("defang-brackets", 6.0),
    ("user-agent-quotes", 1.6),
    ("cves", 0.8),
    ("billion-laughs", 1.0),
    ("deep-list", 1.0),
    ("surrogate-id", 1.0),
)


def case_named(name: str) -> Case:
    """The pathological or broken case called `name`."""
    return next(case for case in PATHOLOGICAL + BROKEN if case.name == name)
