"""The list of legitimate programs (data/legitimate_programs.yaml): names the scanner can find, each once, with
its source written down, and none of the generic names actors give their own payloads."""

from __future__ import annotations

from collections import Counter

from misp_module.knowledge.data import load_data
from misp_module.knowledge.files import FILE_EXTS, LEGITIMATE_PROGRAMS, SYSTEM_FILES

DATA = load_data("legitimate_programs.yaml")


def test_every_name_has_an_extension_the_scanner_reads_as_a_file() -> None:
    names = [name for group in DATA.values() for name in group]
    assert [name for name in names if name.rpartition(".")[2].lower() not in FILE_EXTS] == []


def test_every_name_is_listed_once_and_in_lower_case() -> None:
    names = [name for group in DATA.values() for name in group]
    assert [name for name, count in Counter(names).items() if count > 1] == []
    assert [name for name in names if name != name.lower()] == []


def test_generic_payload_names_are_left_out() -> None:
    generic = {"update.exe", "setup.exe", "remote.exe", "logger.exe", "query.exe", "install.exe", "run.exe"}
    assert generic & set(LEGITIMATE_PROGRAMS) == set()
    assert generic & SYSTEM_FILES == set()


def test_the_groups_name_what_a_comment_can_say() -> None:
    assert set(DATA) == {"lolbas", "script interpreter", "archiver", "remote-administration or transfer tool"} | {
        "security product"
    }
