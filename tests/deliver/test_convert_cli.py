"""`misp-report convert` through the CLI: outputs, exit codes and every bad-input case."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "The loader campaign reached three banks in Chile and Peru through malvertising this week.\n"


@pytest.fixture
def folder(tmp_path: Path, reports_dir: Path) -> Path:
    """A report folder with one good report, the sample reports and room for bad ones."""
    shutil.copy(reports_dir / "deepseek-czechia.txt", tmp_path / "deepseek-czechia.txt")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_one_report_to_stdout(cli, reports_dir: Path) -> None:
    result = cli("convert", reports_dir / "deepseek-czechia.txt")
    assert result.code == 0, result.stderr
    event = result.event()
    assert "DeepSeek" in event["info"]
    assert event["EventReport"][0]["content"].startswith("# Full Report\n")


def test_second_run_is_identical(cli, reports_dir: Path) -> None:
    first = cli("convert", reports_dir / "deepseek-czechia.txt").stdout
    assert first == cli("convert", reports_dir / "deepseek-czechia.txt").stdout


def test_folder_to_output_dir(cli, folder: Path, tmp_path: Path) -> None:
    (folder / "README.md").write_text("# About this repository\n\nOur reports, one per file, for the team.\n")
    out = tmp_path / "out"
    result = cli("convert", folder, "-o", out)
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.json")) == ["deepseek-czechia.json", "good.json"]
    assert "2 converted, 0 failed" in result.stderr
    assert json.loads((out / "good.json").read_text())["Event"]["info"].startswith("The loader campaign")


def test_subfolders_are_kept_in_the_output(cli, folder: Path, tmp_path: Path) -> None:
    (folder / "2025").mkdir()
    (folder / "2025" / "good.md").write_text(GOOD.replace("Chile", "Bolivia"))
    out = tmp_path / "out"
    assert cli("convert", folder, "-o", out).code == 0
    assert (out / "good.json").exists() and (out / "2025" / "good.json").exists()
    uuids = {json.loads(p.read_text())["Event"]["uuid"] for p in out.rglob("good.json")}
    assert len(uuids) == 2, "same file name in two folders must be two events"


BAD_INPUTS = {
    "empty.txt": (b"", "file is empty"),
    "blank.md": (b"  \n\n\t\n", "file is empty"),
    "binary.txt": (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)), "binary file"),
    "latin1.txt": ("Rapport sur l'activité du groupe, très actif.".encode("latin-1"), "not valid UTF-8"),
    "nothing.md": (b"# --\n\n1234 5678 !!!\n", "no recognisable content"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_clear_line_and_the_others_still_convert(cli, folder: Path, tmp_path: Path, name: str):
    data, reason = BAD_INPUTS[name]
    (folder / name).write_bytes(data)
    out = tmp_path / "out"
    result = cli("convert", folder, "-o", out)
    assert result.code == 1
    lines = [line for line in result.stderr.splitlines() if name in line and "->" not in line]
    assert len(lines) == 1 and reason in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name for p in out.glob("*.json")} == {"deepseek-czechia.json", "good.json"}


def test_jobs_give_the_same_files_and_errors_as_one_job(cli, folder: Path, tmp_path: Path, reports_dir: Path):
    for sample in sorted(reports_dir.glob("galaxies-*.md"))[:4]:
        shutil.copy(sample, folder / sample.name)
    for name in ("empty.txt", "binary.txt"):
        (folder / name).write_bytes(BAD_INPUTS[name][0])
    results = {}
    for jobs in (1, 3):
        out = tmp_path / f"out-{jobs}"
        result = cli("convert", folder, "-o", out, "--jobs", jobs)
        files = {p.name: p.read_bytes() for p in sorted(out.glob("*.json"))}
        results[jobs] = (result.code, result.stderr.replace(str(out), "OUT"), files)
    assert results[1] == results[3]
    code, stderr, files = results[3]
    assert code == 1 and len(files) == 6 and "6 converted, 2 failed" in stderr
    assert stderr.index("binary.txt: binary file") < stderr.index("deepseek-czechia.txt ->") < stderr.index("empty")


def test_jobs_must_be_positive(cli, folder: Path) -> None:
    result = cli("convert", folder / "good.md", "--jobs", "0")
    assert result.code == 2 and "--jobs must be at least 1" in result.stderr


def test_size_limit_from_flag_and_config(cli, folder: Path, tmp_path: Path) -> None:
    big = folder / "big.txt"
    big.write_text(GOOD * 100)
    result = cli("convert", big, "--max-size", "1000")
    assert result.code == 1
    assert "big.txt" in result.stderr and "over the limit of 1,000 bytes" in result.stderr
    config = tmp_path / "config.yaml"
    config.write_text("max_report_bytes: 1000\n")
    assert cli("convert", big, "--config", config).code == 1
    assert cli("convert", big).code == 0


def test_default_size_limit_is_5_mb(cli, tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    big.write_text(GOOD * (5 * 1024 * 1024 // len(GOOD) + 1))
    result = cli("convert", big)
    assert result.code == 1 and "over the limit of 5,242,880 bytes" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert", "missing.txt"], "missing.txt: no such file or folder"),
        (["convert", "--template", "nope", "REPORT"], "unknown template 'nope'"),
        (["convert", "REPORT", "REPORT2"], "use -o DIR"),
        (["convert", "--distribution", "7", "REPORT"], "--distribution"),
        (["convert", "--techniques", "ids,guesses", "REPORT"], "'guesses'"),
        (["convert"], "required"),
    ],
)
def test_usage_errors_exit_2(cli, folder: Path, args: list[str], message: str) -> None:
    args = [
        str(folder / "good.md") if a == "REPORT" else str(folder / "deepseek-czechia.txt") if a == "REPORT2" else a
        for a in args
    ]
    result = cli(*args)
    assert result.code == 2
    assert message in result.stderr


def test_invalid_config_names_file_and_key(cli, folder: Path, tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text("event:\n  threat_level_id: 9\n")
    result = cli("convert", folder / "good.md", "--config", config)
    assert result.code == 2
    assert str(config) in result.stderr and "event.threat_level_id" in result.stderr


def test_config_and_flags_override_defaults(cli, folder: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("event:\n  threat_level_id: 1\n  distribution: 1\ntags: ['source:cti-team']\n")
    event = cli("convert", folder / "good.md", "--config", config, "--distribution", "2", "--tag", "tlp:green").event()
    assert (event["threat_level_id"], event["distribution"]) == ("1", "2")
    assert {"source:cti-team", "tlp:green"} <= {t["name"] for t in event["Tag"]}


def test_technique_recognition_from_flag_and_config(cli, tmp_path: Path) -> None:
    report = tmp_path / "post.md"
    report.write_text(
        "# An intrusion\n\nThe operators pulled more tools onto the hosts (T1105).\n\n"
        "The operators dumped the memory of the LSASS process with ProcDump to harvest credentials.\n",
        encoding="utf-8",
    )

    def techniques(*args: object) -> set[str]:
        event = cli("convert", report, *args).event()
        return {t["name"].rsplit(" - ", 1)[-1].rstrip('"') for t in event["Tag"] if "mitre-attack-pattern" in t["name"]}

    assert {"T1105", "T1003.001"} <= techniques()
    assert techniques("--techniques", "ids") == {"T1105"}
    config = tmp_path / "config.yaml"
    config.write_text("techniques: [prose]\n")
    assert "T1105" not in techniques("--config", config)
    config.write_text("techniques: [ids, guesses]\n")
    result = cli("convert", report, "--config", config)
    assert result.code == 2 and "'techniques'" in result.stderr


def test_template_flag(cli, folder: Path) -> None:
    event = cli("convert", folder / "deepseek-czechia.txt", "--template", "generic").event()
    assert event["threat_level_id"] == "4"


def test_git_commit_date_is_the_fallback_date(cli, tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    repository.mkdir()
    (repository / "note.md").write_text(GOOD)
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2023-04-05T10:00:00Z",
        "GIT_COMMITTER_DATE": "2023-04-05T10:00:00Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (["init", "-q"], ["add", "note.md"], ["commit", "-qm", "add"]):
        subprocess.run(["git", "-C", str(repository), *command], check=True, env=env)
    event = cli("convert", repository / "note.md").event()
    assert event["date"] == "2023-04-05"


def test_fallback_date_is_looked_up_only_for_a_report_without_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last commit (a `git log` per report) is asked only where the report states no date."""
    from misp_module.deliver import convert_cli
    from misp_module.settings import Settings

    asked: list[str] = []

    def file_date(path: Path, repository: Path | None) -> datetime.date:
        asked.append(path.name)
        return datetime.date(2021, 6, 7)

    monkeypatch.setattr(convert_cli, "file_date", file_date)
    dated, undated = tmp_path / "dated.md", tmp_path / "undated.md"
    dated.write_text(f"---\ndate: 2024-02-03\n---\n{GOOD}")
    undated.write_text(GOOD)
    assert json.loads(convert_cli.convert_file(dated, tmp_path, Settings()))["Event"]["date"] == "2024-02-03"
    assert asked == []
    assert json.loads(convert_cli.convert_file(undated, tmp_path, Settings()))["Event"]["date"] == "2021-06-07"
    assert asked == ["undated.md"]


def test_help_explains_with_examples(cli) -> None:
    result = cli("convert", "--help")
    assert result.code == 0
    assert "examples:" in result.stdout and "--template" in result.stdout and "exit status" in result.stdout


def test_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa garbage \x00\x01")
    command = Path(sys.executable).with_name("misp-report")
    result = subprocess.run([str(command), "convert", str(bad)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "bad.txt" in result.stderr


def test_two_reports_of_one_front_matter_id_are_not_two_files_of_one_event(cli, tmp_path: Path) -> None:
    note = "---\nid: notes/2025-03-wave\n---\n" + GOOD
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(note, encoding="utf-8")
    (tmp_path / "in" / "b.md").write_text(note.replace("Chile", "Bolivia"), encoding="utf-8")
    (tmp_path / "in" / "c.md").write_text(GOOD.replace("Chile", "Uruguay"), encoding="utf-8")
    result = cli("convert", tmp_path / "in", "-o", tmp_path / "out")
    assert result.code == 1
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["a.json", "c.json"]
    (refusal,) = [line for line in result.stderr.splitlines() if "b.md" in line]
    assert "the event of" in refusal and "a.md" in refusal and "own id" in refusal
    assert "2 converted, 1 failed" in result.stderr


def test_jobs_give_the_same_indicators_as_one_job_in_a_new_process(folder: Path, tmp_path: Path, reports_dir: Path):
    """Workers look up IP addresses in the warninglists' CIDR lists, read lazily: each worker must read them on its
    own (a file handle opened by the parent before it forked the workers once made them read each other's half
    pickles). A new process, as a user runs it: in this one the lists may already be loaded."""
    for sample in sorted(reports_dir.glob("indicators-*.md"))[:4]:
        shutil.copy(sample, folder / sample.name)
    results = {}
    for jobs in (3, 1):
        out = tmp_path / f"out-{jobs}"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "misp_module.deliver.cli",
                "convert",
                str(folder),
                "-o",
                str(out),
                "--jobs",
                str(jobs),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        results[jobs] = (run.returncode, {p.name: p.read_bytes() for p in sorted(out.glob("*.json"))})
        assert "failed unexpectedly" not in run.stderr, run.stderr
    assert results[1] == results[3]
    assert results[3][0] == 0 and len(results[3][1]) == 6
