"""The sync job's config file and flags: a wrong value is one line naming the file, the key and what is
expected (exit code 2), never a traceback; schedules are bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

BAD_CONFIGS = {
    "sync:\n  retries: {attempts: x}\n": "'sync.retries.attempts' is 'x'; expected a whole number from 1 to 20",
    "sync:\n  retries: {attempts: 2.5}\n": "'sync.retries.attempts' is 2.5",
    "sync:\n  retries: {attempts: 0}\n": "'sync.retries.attempts' is 0",
    "sync:\n  retries: {attempts: true}\n": "'sync.retries.attempts' is True",
    "sync:\n  retries: {base_delay: -1}\n": "'sync.retries.base_delay' is -1",
    "sync:\n  retries: {max_delay: .nan}\n": "'sync.retries.max_delay' is nan",
    "sync:\n  misp: {timeout: abc}\n": "'sync.misp.timeout' is 'abc'; expected a number from 0.1 to 3600",
    "sync:\n  misp: {timeout: 0}\n": "'sync.misp.timeout' is 0",
    "sync:\n  misp: {verify_tls: 'no'}\n": "'sync.misp.verify_tls' is 'no'; expected true or false",
    "sync:\n  misp: {url: 8443}\n": "'sync.misp.url' is 8443; expected https://your-misp.example.org",
    "sync:\n  pull: 'off'\n": "'sync.pull' is 'off'; expected true or false",
    "sync:\n  every: 0.0000001s\n": "sync.every '0.0000001s': runs are at least 60 s and at most a year apart",
    "sync:\n  every: 99999999999999999999d\n": "runs are at least 60 s and at most a year apart",
    "sync:\n  every: soon\n": "duration 'soon': expected e.g. 30s, 15m, 1h30m or 1d",
}


@pytest.mark.parametrize("text", sorted(BAD_CONFIGS))
def test_a_bad_value_is_one_line_naming_the_file_and_key(sync, reports: Path, tmp_path: Path, text: str) -> None:
    config = tmp_path / "sync.yaml"
    config.write_text(text)
    result = sync(str(reports), "--feed-dir", str(tmp_path / "feed"))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"misp-report: error: {config}: "), result.err
    assert BAD_CONFIGS[text] in lines[0]
    assert not (tmp_path / "feed").exists()


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--every", "0.0000001s"], "every '0.0000001s': runs are at least 60 s"),
        (["--every", "59s"], "every '59s': runs are at least 60 s"),
        (["--timeout", "nan"], "'--timeout' is nan"),
        (["--timeout", "-5"], "'--timeout' is -5.0"),
    ],
)
def test_a_bad_flag_is_one_line(sync, reports: Path, tmp_path: Path, flags: list[str], message: str) -> None:
    result = sync(str(reports), "--feed-dir", str(tmp_path / "feed"), *flags)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.err


def test_a_schedule_of_a_minute_is_accepted(sync, reports: Path, tmp_path: Path) -> None:
    result = sync(str(reports), "--feed-dir", str(tmp_path / "feed"), "--every", "1m", "--dry-run")
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("variable", "missing"), [("MISP_URL", "an API key (MISP_KEY"), ("MISP_KEY", "a URL (MISP_URL")]
)
def test_half_a_misp_set_up_is_an_error_not_a_silent_feed(
    sync, reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, missing: str
) -> None:
    monkeypatch.chdir(tmp_path)  # where a feed would be written by default
    config = tmp_path / "half.yaml"
    config.write_text("sync:\n  misp: {url: https://misp.example.org}\n" if variable == "MISP_URL" else "")
    if variable == "MISP_KEY":
        (tmp_path / "key").write_text("a-key-of-forty-characters-or-so-000000000\n")
        config.write_text(f"sync:\n  misp: {{key_file: {tmp_path / 'key'}}}\n")
    result = sync(str(reports), "--config", str(config))
    assert result.code == 2
    assert missing in result.err and "--sink feed" in result.err, result.err
    assert not (tmp_path / "misp-feed").exists()
