"""Hostile and broken reports through the CLI: each converts or is refused with one line naming the file and
the reason (exit 0 or 1), never a traceback; the good reports next to them still convert. Pathological inputs
are generated at a twentieth of the size they were reported at (their time is measured by `make bench`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile import BROKEN, PATHOLOGICAL, Case

from misp_module import budget
from misp_module.budget import MAX_INDICATORS
from misp_module.read.front_matter import MAX_DEPTH

SCALE = 0.05


def _convert(cli, tmp_path: Path, case: Case, scale: float = SCALE):
    report = tmp_path / f"{case.name}.md"
    report.write_bytes(case.make(scale))
    return cli("convert", report, "-o", tmp_path / "out", "--max-size", str(64 * 1024 * 1024))


def _check_outcome(result, case: Case) -> None:
    assert "Traceback" not in result.stderr
    assert result.code in (0, 1), result.stderr
    if result.code == 1:
        lines = [line for line in result.stderr.splitlines() if case.name in line and "->" not in line]
        assert len(lines) == 1 and lines[0].startswith("misp-report: "), result.stderr
    expected = {"ok": (0,), "error": (1,), "either": (0, 1)}[case.outcome]
    assert result.code in expected, result.stderr


@pytest.mark.parametrize("case", PATHOLOGICAL, ids=lambda c: c.name)
def test_pathological_report_converts_or_is_refused_in_one_line(cli, tmp_path: Path, case: Case) -> None:
    _check_outcome(_convert(cli, tmp_path, case), case)


@pytest.mark.parametrize("case", BROKEN, ids=lambda c: c.name)
def test_broken_report_is_refused_in_one_line_or_converts(cli, tmp_path: Path, case: Case) -> None:
    _check_outcome(_convert(cli, tmp_path, case), case)


def _event(tmp_path: Path, name: str) -> dict:
    return json.loads((tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8"))["Event"]


def test_bad_reports_do_not_stop_the_good_ones(cli, tmp_path: Path, reports_dir: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.md").write_bytes((reports_dir / "indicators-generic-advisory.md").read_bytes())
    for case in BROKEN:
        if case.outcome == "error":
            (folder / f"{case.name}.md").write_bytes(case.make(1))
    result = cli("convert", folder, "-o", tmp_path / "out")
    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "good.json").is_file()
    refused = [line for line in result.stderr.splitlines() if line.startswith("misp-report: ") and ".md:" in line]
    assert len(refused) == sum(1 for case in BROKEN if case.outcome == "error")


@pytest.mark.parametrize(
    ("matter", "reason"),
    [
        ("date: 2025-02-30\n", "'2025-02-30' is not a valid date"),
        ("deep: " + "[" * 5000 + "]" * 5000 + "\n", f"nested deeper than {MAX_DEPTH} levels"),
        ("deep:\n" + "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "x\n", "nested deeper"),
        ('id: "\\ud800"\n', "key 'id' holds the character U+D800"),
        ('title: "a\\x00b"\n', "key 'title' holds the character U+0000"),
        ("tags:\n" + "- x\n" * 20_000, "over the limit of 65,536"),
        (
            'a: &a ["x","x","x","x","x","x","x","x"]\n'
            + "".join(f"b{i}: &b{i} [{', '.join(['*a' if i == 0 else f'*b{i - 1}'] * 8)}]\n" for i in range(8))
            + "title: *b7\n",
            "expands to more than",
        ),
    ],
    ids=["impossible-date", "deep-brackets", "deep-indentation", "surrogate", "nul", "huge", "billion-laughs"],
)
def test_front_matter_refusals_say_why(cli, tmp_path: Path, matter: str, reason: str) -> None:
    report = tmp_path / "r.md"
    report.write_text(
        f"---\n{matter}---\n# Report\n\nThe operators used the tool against the victims.\n",
        encoding="utf-8",
        errors="surrogatepass",
    )
    result = cli("convert", report)
    assert result.code == 1
    assert reason in result.stderr and str(report) in result.stderr
    assert "Traceback" not in result.stderr


def test_an_address_with_a_non_ascii_digit_is_no_address(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text("# Report\n\nThe operators reached 0.250.250.\u1b53 and then 198.51.100.20 again.\n")
    result = cli("convert", report)
    assert result.code == 0, result.stderr
    addresses = {a["value"] for a in result.event()["Attribute"] if a["type"].startswith("ip-")}
    assert addresses == {"198.51.100.20"}


def test_control_characters_never_reach_values_or_info(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    body = (
        "word " * 2000
        + "\n# Bad\x08 heading\x00 here\n\nThe payload came from evil\x00.example.com and ba\x1bd.example.net.\n"
    )
    report.write_text(body, encoding="utf-8")
    result = cli("convert", report, "--template", "generic")
    assert result.code == 0, result.stderr
    event = result.event()
    texts = [event["info"], *(a["value"] for a in event["Attribute"]), *(a["comment"] for a in event["Attribute"])]
    assert not any(ch in text for text in texts for ch in "\x00\x08\x1b")


def test_a_report_with_too_many_indicators_is_refused_naming_the_bound(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text("# List\n\n" + "".join(f"CVE-2024-{10000 + i}\n" for i in range(MAX_INDICATORS + 1)))
    result = cli("convert", report)
    assert result.code == 1
    assert f"more than {MAX_INDICATORS:,} indicators" in result.stderr


def test_a_conversion_over_its_cpu_budget_is_stopped_in_one_line(
    cli, tmp_path: Path, reports_dir: Path, monkeypatch
) -> None:
    monkeypatch.setattr(budget, "BASE_SECONDS", 0.0)
    monkeypatch.setattr(budget, "SECONDS_PER_MB", 0.0)
    report = tmp_path / "r.md"
    report.write_bytes((reports_dir / "indicators-generic-advisory.md").read_bytes())
    result = cli("convert", report)
    assert result.code == 1
    assert f"{report}: conversion stopped after 0 s of CPU time" in result.stderr


def test_a_report_repeating_names_past_the_bound_is_refused(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(budget, "MAX_NAMES", 500)
    report = tmp_path / "r.md"
    report.write_text("# List\n\nThe operators were seen. " + "APT28 " * 501 + "\n")
    result = cli("convert", report)
    assert result.code == 1
    assert "more than 500 names of actors" in result.stderr


def test_utf16_text_without_a_byte_order_mark_is_named_as_such(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes("# Report\n\nThe operators reached 198.51.100.20 through the gateway.\n".encode("utf-16-le"))
    result = cli("convert", report)
    assert result.code == 1
    assert f"{report}: UTF-16 text without a byte-order mark" in result.stderr
    assert "save it as UTF-8" in result.stderr


def test_utf32_text_with_a_byte_order_mark_is_read(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes("# Report\n\nThe operators reached 185.244.41.20 through the gateway.\n".encode("utf-32"))
    result = cli("convert", report)
    assert result.code == 0, result.stderr
    assert "185.244.41.20" in result.stdout


def test_a_binary_file_with_scattered_nul_bytes_is_still_called_binary(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes(bytes(range(256)) * 8)
    result = cli("convert", report)
    assert result.code == 1
    assert "binary file (contains NUL bytes)" in result.stderr


def test_the_galaxy_reading_looks_at_the_cpu_budget_for_each_name(cli, tmp_path: Path, monkeypatch) -> None:
    """A hostile list of thousands of sector words in one sentence made each name's reading slow: the budget must be
    looked at per name, not only between stages (the scale-1 case ran past two minutes)."""
    from misp_module.extract import galaxies

    looked: list[int] = []
    monkeypatch.setattr(galaxies, "check_time", lambda: looked.append(1))
    report = tmp_path / "r.txt"
    report.write_text("The campaign hit " + "healthcare, " * 40 + "and banks.\n")
    assert cli("convert", report).code == 0
    assert len(looked) >= 40
