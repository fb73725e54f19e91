"""`misp-report modules`: the custom-module root it prints, and the names of the shims in it.
(`misp-report modules serve` starts the server every test of test_modules_server.py talks to.)"""

from __future__ import annotations

import importlib.resources
import importlib.util
from pathlib import Path

import pytest

from misp_module.deliver.cli import main

SHIMS = {"expansion": "misp_report_expand", "import_mod": "misp_report_import"}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_print_root_prints_the_folder_of_the_shims(capsys):
    code, out, _ = run_cli(capsys, "modules", "--print-root")

    assert code == 0
    root = Path(out.strip())
    found = {folder.name: sorted(p.stem for p in folder.glob("*.py")) for folder in root.iterdir() if folder.is_dir()}
    assert {kind: names for kind, names in found.items() if names} == {k: [v] for k, v in SHIMS.items()}


def test_shim_names_clash_with_no_bundled_module_and_no_installed_package():
    bundled = importlib.resources.files("misp_modules") / "modules"
    bundled_names = {
        entry.name.removesuffix(".py") for kind in bundled.iterdir() if kind.is_dir() for entry in kind.iterdir()
    }

    for name in SHIMS.values():
        assert name not in bundled_names
        assert importlib.util.find_spec(name) is None


def test_modules_without_an_action_says_what_to_do(capsys):
    code, _, err = run_cli(capsys, "modules")

    assert code == 2
    assert "--print-root" in err
    assert "serve" in err
