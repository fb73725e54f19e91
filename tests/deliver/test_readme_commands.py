"""The README and the --help texts agree: every option the README names exists in a command's --help, every
command line of the README's convert/sync/modules sections parses, and each help names what changed lately
(formats, analysts' changes kept, the feed lock, --jobs/--workers, the module names)."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
NOT_OURS = {"--global", "--now", "--help"}  # git config --global, systemctl enable --now


def helps(cli) -> dict[str, str]:
    texts = {}
    for command in (["convert"], ["sync"], ["modules"], ["modules", "serve"]):
        result = cli(*command, "--help")
        assert result.code == 0
        texts[" ".join(command)] = result.stdout
    return texts


def test_every_option_the_readme_names_is_in_a_help(cli) -> None:
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", README.read_text(encoding="utf-8"))) - NOT_OURS
    every_help = "\n".join(helps(cli).values())
    assert named and not {option for option in named if option not in every_help}


@pytest.mark.parametrize("command", ["convert", "sync", "modules"])
def test_the_readme_command_lines_parse(command: str) -> None:
    """Each `misp-report COMMAND ...` line of the README is accepted by the command's parser."""
    from misp_module.deliver.cli import build_parser

    lines = re.findall(rf"^\s*(?:\$ |\.venv/bin/)?misp-report {command}\b([^#\n&|>]*)", README.read_text(), re.M)
    assert lines
    parser = build_parser()
    for line in lines:
        parser.parse_args([command, *shlex.split(line)])


def test_the_helps_say_what_was_added(cli) -> None:
    text = helps(cli)
    assert ".pdf" in text["convert"] and ".docx" in text["convert"] and "--jobs" in text["convert"]
    sync = text["sync"]
    assert ".pdf" in sync and "kept N analyst changes" in sync and ".lock" in sync
    assert "--jobs" in sync and "--workers" in sync
    assert "threat_report_import" in text["modules"] and "threat_report_enrichment" in text["modules serve"]
    for help_text in text.values():
        assert max(len(line) for line in help_text.splitlines()) <= 110  # wrapped for a terminal


def test_every_option_says_what_it_does_and_its_default() -> None:
    """An option that takes a value names its default in its help; a flag at least says what it does."""
    from misp_module.deliver.cli import build_parser

    def options(parser: argparse.ArgumentParser, name: str):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub, subparser in action.choices.items():
                    yield from options(subparser, f"{name} {sub}")
            elif action.option_strings and not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
                yield name, action

    checked = list(options(build_parser(), "misp-report"))
    assert len(checked) > 30
    for name, action in checked:
        assert action.help and len(action.help) > 15, (name, action.option_strings)
        if action.nargs != 0:
            assert "default" in action.help, (name, action.option_strings)
