"""A cluster remembers its hash: the same value as the dataclass's own hash of its fields, and never carried
into another process by pickle (the knowledge cache), where strings hash differently."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys

from misp_module.knowledge.galaxies import galaxy_index
from misp_module.knowledge.galaxy_matching import Cluster


def _fields(cluster: Cluster) -> tuple[object, ...]:
    return tuple(getattr(cluster, f.name) for f in dataclasses.fields(cluster))


def test_hash_is_the_hash_of_every_field() -> None:
    clusters = galaxy_index().clusters[:2000]
    for cluster in clusters:
        assert hash(cluster) == hash(_fields(cluster))
        assert hash(cluster) == hash(cluster)  # remembered, same answer
    base = Cluster("malpedia", "Emotet", "malware")
    # Clusters that differ in one field only: each field takes part, as in the dataclass's own hash.
    for field in dataclasses.fields(Cluster):
        changed = dataclasses.replace(base, **{field.name: "x" if field.type != "bool" else True})
        assert changed != base
        assert hash(changed) == hash(_fields(changed))


def test_equal_clusters_hash_alike_after_a_pickle_in_another_process() -> None:
    cluster = Cluster("malpedia", "Emotet", "malware", external_id="win.emotet", platform="Windows")
    hash(cluster)  # remembered here, in this process's string hashes
    data = pickle.dumps(cluster)
    assert "_hash" in cluster.__dict__
    script = (
        "import pickle, sys\n"
        "from misp_module.knowledge.galaxy_matching import Cluster\n"
        "loaded = pickle.loads(sys.stdin.buffer.read())\n"
        "fresh = Cluster('malpedia', 'Emotet', 'malware', external_id='win.emotet', platform='Windows')\n"
        "print(loaded == fresh, hash(loaded) == hash(fresh), len({loaded, fresh}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=data,
        capture_output=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert result.stdout.decode().split() == ["True", "True", "1"]
