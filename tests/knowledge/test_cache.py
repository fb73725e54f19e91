"""Knowledge is loaded once per process, even when many threads ask for it at the same moment."""

from __future__ import annotations

import gc
import pickle
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from misp_module.knowledge.cache import CACHE_ENV, cache_dir, load_once, long_lived, read_cached


def test_concurrent_first_calls_load_once() -> None:
    calls = []

    @load_once
    def slow_knowledge() -> object:
        calls.append(1)
        time.sleep(0.2)
        return object()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: slow_knowledge(), range(8)))
    assert len(calls) == 1
    assert all(r is results[0] for r in results)
    slow_knowledge.cache_clear()
    slow_knowledge()
    assert len(calls) == 2


def test_cache_dir_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "misp-report"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_dir() is None


def test_data_files_parsed_once_then_read_from_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A data file's parsed mapping is kept under its bytes' digest: the next process reads it back without
    parsing, an edited file is parsed again, and with the cache off nothing is written."""
    from misp_module.knowledge import data

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "rules.yaml").write_text("words: [alpha, beta]\nnested: {a: 1}\n", encoding="utf-8")
    monkeypatch.setattr(data, "data_dir", lambda: folder)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    parses = []
    real_parse = data.safe_load
    monkeypatch.setattr(data, "safe_load", lambda text: parses.append(text) or real_parse(text))

    def load() -> dict[str, object]:
        data.load_data.cache_clear()  # a new process
        return data.load_data("rules.yaml")

    try:
        assert load() == {"words": ["alpha", "beta"], "nested": {"a": 1}}
        assert load() == {"words": ["alpha", "beta"], "nested": {"a": 1}}
        assert len(parses) == 1
        assert len(list((tmp_path / "cache").glob("data-rules-*.pickle"))) == 1
        (folder / "rules.yaml").write_text("words: [gamma]\n", encoding="utf-8")
        assert load() == {"words": ["gamma"]}
        assert len(parses) == 2
        monkeypatch.setenv(CACHE_ENV, "off")
        (folder / "rules.yaml").write_text("words: [delta]\n", encoding="utf-8")
        assert load() == {"words": ["delta"]} and load() == {"words": ["delta"]}
        assert len(parses) == 4
        assert len(list((tmp_path / "cache").glob("data-rules-*.pickle"))) == 2
    finally:
        data.load_data.cache_clear()


def test_loaded_knowledge_is_left_out_of_garbage_collections(tmp_path: Path) -> None:
    """What a cache file holds lives as long as the process: frozen, no collection traverses it again."""
    path = tmp_path / "index.pickle"
    path.write_bytes(pickle.dumps([{"name": f"n{i}", "aliases": [i]} for i in range(5000)]))
    before = gc.get_freeze_count()
    loaded = read_cached(path, "test index")
    assert loaded is not None and len(loaded) == 5000
    assert gc.get_freeze_count() - before >= 10_000
    assert gc.isenabled()


def test_overlapping_long_lived_sections_leave_the_collector_running() -> None:
    # Threads of the misp-modules server load knowledge at the same time: the one that closes last must
    # resume the collector, whatever the order in which they opened and closed.
    started = threading.Barrier(4)

    def section(hold: float) -> None:
        with long_lived():
            started.wait()
            time.sleep(hold)

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(section, (0.0, 0.05, 0.1, 0.15)))
    assert gc.isenabled()
    with long_lived():
        before = gc.get_freeze_count()
        with long_lived():
            kept = [[] for _ in range(1000)]
        assert not gc.isenabled(), "an inner section must not resume the collector the outer one paused"
        assert gc.get_freeze_count() == before, "objects are frozen once, when the outermost section closes"
    assert gc.get_freeze_count() >= before + len(kept)
    assert gc.isenabled()


def _galaxy_cache_keys(*package_parents: Path) -> list[str]:
    """The galaxy index's cache key computed by each copy of the package under `package_parents`, one process
    per copy, the processes side by side (each independent of the others)."""
    import subprocess
    import sys

    code = "from misp_module.knowledge.galaxies import cache_key; print(cache_key())"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=parent,
            env={"PYTHONPATH": str(parent), "PATH": "/usr/bin:/bin"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for parent in package_parents
    ]
    keys = []
    for process in processes:
        out, err = process.communicate()
        assert process.returncode == 0, err
        keys.append(out.strip())
    return keys


def test_galaxy_index_cache_key_follows_the_code_that_builds_it(tmp_path: Path) -> None:
    """A changed name rule in code (galaxy_names.py) must not load an index built by the old rule: an upgrade,
    or two checkouts sharing one cache folder, would otherwise match names by rules that are gone."""
    import shutil

    import misp_module

    source = Path(misp_module.__file__).parent
    for name in ("before", "after"):
        shutil.copytree(source, tmp_path / name / "misp_module", ignore=shutil.ignore_patterns("__pycache__"))
    rules = tmp_path / "after" / "misp_module" / "knowledge" / "galaxy_names.py"
    rules.write_text(rules.read_text() + "\n# a changed rule\n")
    before, after, again = _galaxy_cache_keys(tmp_path / "before", tmp_path / "after", tmp_path / "before")
    assert before and after and before != after
    assert again == before


def test_yaml_errors_name_the_file_and_the_parser_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """PyYAML is imported lazily and its error wrapped (yaml_text.YamlSyntaxError): users still read which file is
    broken and PyYAML's own line and column, for a config file, a template and a knowledge data file alike."""
    from misp_module.errors import ConfigError, TemplateError
    from misp_module.knowledge import data
    from misp_module.read.templates import load_template_file
    from misp_module.settings import load_config_mapping

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("words: [never closed\n", encoding="utf-8")
    name = re.escape(str(broken))
    parser_says = r"did not find expected ',' or '\]'"
    with pytest.raises(ConfigError, match=rf"{name}: invalid YAML \(while parsing a flow sequence(.|\n)*{parser_says}"):
        load_config_mapping(broken)
    with pytest.raises(TemplateError, match=rf"template {name}: invalid YAML \((.|\n)*{parser_says}"):
        load_template_file(broken)
    monkeypatch.setattr(data, "data_dir", lambda: tmp_path)
    data.load_data.cache_clear()
    try:
        with pytest.raises(data.KnowledgeError, match=rf"{name}: cannot load knowledge data \((.|\n)*{parser_says}"):
            data.load_data("broken.yaml")
    finally:
        data.load_data.cache_clear()
    assert not list((tmp_path / "cache").glob("*broken*")), "a broken file is never cached as parsed"


def test_a_config_file_or_template_that_is_not_utf8_is_named_with_what_to_do(tmp_path: Path) -> None:
    """A config or template saved in Latin-1 by an editor used to stop the CLI with an internal-error line
    (UnicodeDecodeError): the user reads which file, which byte, and to save it as UTF-8."""
    from misp_module.errors import ConfigError, TemplateError
    from misp_module.read.templates import load_template_file
    from misp_module.settings import load_config_mapping

    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes('event:\n  info_prefix: "café"\n'.encode("latin-1"))
    name = re.escape(str(latin1))
    with pytest.raises(ConfigError, match=rf"{name}: a config file must be UTF-8 text \(byte 26 is not"):
        load_config_mapping(latin1)
    with pytest.raises(TemplateError, match=rf"template {name}: must be UTF-8 text \(byte 26 is not"):
        load_template_file(latin1)
