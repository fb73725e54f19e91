"""Galaxies of the target MISP: the double holds another galaxy version (a cluster renamed, one missing);
the sync writes MISP's own tag name, warns once per run about the missing cluster, and names every galaxy
tag MISP keeps as a plain tag."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from misp_double import MispDouble
from sync_helpers import expected_event, stored_event, tags

from misp_module.deliver.sync.sinks.galaxies import TargetGalaxies, cluster_uuid

ACTOR = 'misp-galaxy:threat-actor="Alpha Spider"'
SECTOR = 'misp-galaxy:sector="Energy"'


def clusters_attached(event: dict) -> set[str]:
    return {c["tag_name"] for g in event.get("Galaxy", []) for c in g["GalaxyCluster"]}


def test_galaxies_of_the_same_version_give_no_warning(sync, double: MispDouble, reports: Path) -> None:
    result = sync(str(reports), double=double)
    assert result.code == 0
    alpha = expected_event(reports / "alpha.txt", reports)
    stored = stored_event(double, alpha["uuid"])
    galaxy_tags = {t for t in tags(alpha) if t.startswith("misp-galaxy:")}
    assert galaxy_tags and clusters_attached(stored) == galaxy_tags
    assert "plain tag" not in result.out and "lack" not in result.out


def test_misps_own_names_are_written_and_missing_clusters_are_named(sync, double, reports: Path) -> None:
    actor_uuid, sector_uuid = cluster_uuid(ACTOR), cluster_uuid(SECTOR)
    assert actor_uuid and sector_uuid
    misp_name = double.model.galaxies.rename(actor_uuid, "Alpha Spider (older galaxy name)")
    double.model.galaxies.drop(sector_uuid)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    alpha = stored_event(double, expected_event(reports / "alpha.txt", reports)["uuid"])
    assert misp_name in tags(alpha) and ACTOR not in tags(alpha)
    assert misp_name in clusters_attached(alpha)
    assert SECTOR in tags(alpha) and SECTOR not in clusters_attached(alpha)  # written, but a plain tag
    assert result.err.count("MISP's galaxies lack") == 1
    assert f"lack 1 cluster(s) the reports name; they were written as plain tags: {SECTOR}" in result.err
    assert "update MISP's galaxies" in result.err
    plain = [line for line in result.err.splitlines() if "as a plain tag" in line]
    assert plain and all(SECTOR in line for line in plain)
    # one lookup per event with clusters not asked yet in the run, never one per cluster
    lookups = [r.body["uuid"] for r in double.requests() if r.path == "/galaxy_clusters/restSearch"]
    assert 1 <= len(lookups) <= len(double.model.events)
    asked = [u for uuids in lookups for u in uuids]
    assert len(asked) == len(set(asked))


def test_a_renamed_cluster_is_not_retagged_on_the_next_change(sync, double: MispDouble, reports: Path) -> None:
    double.model.galaxies.rename(cluster_uuid(ACTOR), "Alpha Spider (older galaxy name)")
    sync(str(reports), double=double)
    (reports / "alpha.txt").write_text((reports / "alpha.txt").read_text() + "\nA closing sentence.\n")
    double.clear_log()
    result = sync(str(reports), double=double)
    assert result.code == 0
    assert ACTOR not in tags(stored_event(double, expected_event(reports / "alpha.txt", reports)["uuid"]))
    edits = [r.body for r in double.writes()]
    assert edits and all("Tag" not in body for body in edits)


def test_a_misp_that_cannot_search_clusters_still_gets_the_tags_and_the_check(sync, double, reports) -> None:
    double.model.galaxies.drop(cluster_uuid(SECTOR))
    double.router.routes = [r for r in double.router.routes if "galaxy_clusters" not in r[1].pattern]
    result = sync(str(reports), double=double)
    assert result.code == 0
    alpha = stored_event(double, expected_event(reports / "alpha.txt", reports)["uuid"])
    assert SECTOR in tags(alpha)
    assert f"MISP keeps {SECTOR} as a plain tag" in result.err


def test_writer_threads_ask_once_and_a_failed_lookup_marks_nothing_missing() -> None:
    event = {"uuid": "e", "Tag": [{"name": ACTOR}, {"name": SECTOR}], "Attribute": []}
    calls: list[list[str]] = []

    def search(uuids: list[str]) -> list[dict]:
        calls.append(uuids)
        if len(calls) == 1:
            raise ConnectionError("gave up after retries")
        time.sleep(0.05)
        return [{"uuid": cluster_uuid(ACTOR), "tag_name": ACTOR}]

    galaxies = TargetGalaxies(search)
    with pytest.raises(ConnectionError):
        galaxies.translate(event)
    assert galaxies.missing == {}
    threads = [threading.Thread(target=galaxies.translate, args=(event,)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 2
    assert list(galaxies.missing) == [SECTOR]


ATTACK_GROUP = 'misp-galaxy:mitre-intrusion-set="Lazarus Group - G0032"'


def test_a_cluster_misp_holds_in_a_deprecated_galaxy_too_keeps_its_tag(sync, double: MispDouble, tmp_path) -> None:
    """MISP loads misp-galaxy's deprecated `mitre-enterprise-attack-*` galaxies, whose clusters reuse the
    UUIDs of the current ATT&CK ones: the search by UUID answers both, and the tag stays as written."""
    uuid = cluster_uuid(ATTACK_GROUP)
    answered = double.model.galaxies.rest_search({"uuid": [uuid]})["response"]
    assert len({c["GalaxyCluster"]["type"] for c in answered}) >= 2  # the double holds both, as MISP does
    folder = tmp_path / "lazarus"
    folder.mkdir()
    (folder / "lazarus.txt").write_text(
        "Full Report\nLazarus Group stole cryptocurrency from an exchange.\nAnalysis Summary\n"
        "# Threat Actor: Lazarus Group\n## Targeting\n- **Sectors:** Finance\n"
    )
    result = sync(str(folder), double=double)
    assert result.code == 0, result.out + result.err
    stored = stored_event(double, expected_event(folder / "lazarus.txt", folder)["uuid"])
    assert ATTACK_GROUP in tags(expected_event(folder / "lazarus.txt", folder))
    assert ATTACK_GROUP in tags(stored) and ATTACK_GROUP in clusters_attached(stored)
    assert not any("enterprise-attack" in t for t in tags(stored))
    assert "written as" not in result.out + result.err


def test_a_rename_goes_to_misps_name_in_the_tags_own_galaxy() -> None:
    uuid = cluster_uuid(ATTACK_GROUP)
    current = 'misp-galaxy:mitre-intrusion-set="Lazarus Group - G0032 (renamed)"'
    deprecated = 'misp-galaxy:mitre-enterprise-attack-intrusion-set="Lazarus Group - G0032"'
    for answer in ([deprecated, current], [current, deprecated]):
        galaxies = TargetGalaxies(lambda uuids, answer=answer: [{"uuid": uuid, "tag_name": n} for n in answer])
        translated, lines = galaxies.translate({"Tag": [{"name": ATTACK_GROUP}], "Attribute": []})
        assert [t["name"] for t in translated["Tag"]] == [current]
        assert len(lines) == 1
