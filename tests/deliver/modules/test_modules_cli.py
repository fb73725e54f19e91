"""`misp-report modules`: the custom-module root it prints, and the shims in it: their names, their behaviour
when the package cannot be imported, their classic `handler`. (`misp-report modules serve` starts the server
every test of test_modules_server.py talks to.)"""

from __future__ import annotations

import base64
import importlib.abc
import importlib.resources
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

import misp_module.deliver.modules
from misp_module.deliver.cli import main

SHIMS = {
    "expansion": ["misp_report_expand", "threat_report_enrichment"],
    "import_mod": ["misp_report_import", "threat_report_import"],
}
REPORT = (Path(__file__).resolve().parents[2] / "data" / "reports" / "deepseek-czechia.txt").read_bytes()


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
    assert {kind: names for kind, names in found.items() if names} == SHIMS


def test_shim_names_clash_with_no_bundled_module_and_no_installed_package():
    bundled = importlib.resources.files("misp_modules") / "modules"
    bundled_names = {
        entry.name.removesuffix(".py") for kind in bundled.iterdir() if kind.is_dir() for entry in kind.iterdir()
    }

    for name in (name for names in SHIMS.values() for name in names):
        assert name not in bundled_names
        assert importlib.util.find_spec(name) is None


def test_modules_without_an_action_says_what_to_do(capsys):
    code, _, err = run_cli(capsys, "modules")

    assert code == 2
    assert "--print-root" in err
    assert "serve" in err


def load_shim(kind: str, module_name: str, shim: str = "threat_report_import") -> ModuleType:
    """Load a shim file the way misp-modules does: from its path, under a name of its own."""
    root = Path(str(importlib.resources.files("misp_module"))) / "deliver" / "modules" / "root"
    spec = importlib.util.spec_from_file_location(module_name, root / kind / f"{shim}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BrokenInstall(importlib.abc.MetaPathFinder):
    """A finder that fails the way a broken installation can: not with ImportError."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "misp_module.deliver.modules.import_module":
            raise RuntimeError("broken install")


def test_shim_turns_any_failure_at_import_into_the_import_error_misp_modules_skips(monkeypatch):
    monkeypatch.delitem(sys.modules, "misp_module.deliver.modules.import_module", raising=False)
    monkeypatch.delattr(misp_module.deliver.modules, "import_module", raising=False)
    monkeypatch.setattr(sys, "meta_path", [BrokenInstall(), *sys.meta_path])

    with pytest.raises(ImportError, match=r"threat_report_import: cannot import the misp_module package.*broken"):
        load_shim("import_mod", "threat_report_import_broken")
    with pytest.raises(ImportError, match=r"misp_report_import: cannot import the misp_module package.*broken"):
        load_shim("import_mod", "misp_report_import_broken", "misp_report_import")


def test_classic_handler_takes_the_raw_json_query():
    shim = load_shim("import_mod", "threat_report_import_classic")
    query = {"module": "threat_report_import", "event_id": "3", "data": base64.b64encode(REPORT).decode()}

    assert shim.handler(json.dumps(query).encode()) == shim.dict_handler(query)
    assert "results" in shim.handler(json.dumps(query))
    broken = shim.handler(b"{not json")
    assert set(broken) == {"error"}
    assert "not JSON" in broken["error"]
    assert shim.handler(False) is False
