"""The held-out judge's gold stays valid against the installed galaxies, and its verdicts are the rules it states."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

BENCH = Path(__file__).resolve().parent
REPORTS = {
    "realstyle-holdout": 12,
    "realstyle-holdout2": 12,
    "realstyle-holdout3": 10,
    "realstyle-holdout4": 12,
    "realstyle-holdout5": 12,
    "realstyle-holdout6": 12,
    "realstyle-holdout7": 12,
    "realstyle-holdout8": 12,
    "realstyle-holdout9": 12,
    "realstyle-holdout10": 12,
    "realstyle-holdout11": 12,
    "realstyle-holdout12": 12,
    "realstyle-holdout13": 12,
}
HOLDOUTS = [BENCH.parent / "data" / name for name in REPORTS]
sys.path.insert(0, str(BENCH))

import judge_holdout  # noqa: E402

GOLDS = sorted(gold for holdout in HOLDOUTS for gold in holdout.glob("*.gold.yaml"))

# One worker runs this module (tests/conftest.py ONE_WORKER_MODULES): its module fixture is built once.


@pytest.fixture(scope="module")
def galaxy_values() -> dict[str, set[str]]:
    from pymispgalaxies import Clusters

    clusters = Clusters()
    return {name: {c.value for c in clusters.get(name).values()} for name in clusters.keys()}  # noqa: SIM118


@pytest.mark.parametrize("holdout", HOLDOUTS, ids=lambda p: p.name)
def test_every_report_has_its_gold(holdout: Path) -> None:
    golds = sorted(holdout.glob("*.gold.yaml"))
    assert len(golds) == REPORTS[holdout.name]
    with_indicators = 0
    for gold_path in golds:
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        assert (holdout / gold["report"]).is_file(), gold["report"]
        assert gold["galaxy_clusters"] and gold["techniques"] and gold["must_not"]
        assert isinstance(gold["attributes"], list)
        with_indicators += bool(gold["attributes"])
    # A news retelling may carry no indicator at all (set 13 has one); a set is still mostly reports with indicators.
    assert with_indicators >= len(golds) - 2


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_names_real_clusters_and_keeps_traps_apart(gold_path: Path, galaxy_values) -> None:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    required = [alt for req in gold["galaxy_clusters"] for alt in req.get("any_of", [req])]
    for cluster in required + gold["optional_clusters"] + gold["must_not"]:
        assert cluster["value"] in galaxy_values[cluster["galaxy"]], cluster
    techniques = {re.search(r"T\d{4}(?:\.\d{3})?$", v).group(0) for v in galaxy_values["mitre-attack-pattern"]}
    assert set(gold["techniques"]) <= techniques
    good = {(c["galaxy"], c["value"]) for c in required + gold["optional_clusters"]}
    assert not good & {(c["galaxy"], c["value"]) for c in gold["must_not"]}


def test_verdicts_follow_the_gold() -> None:
    gold = {
        "galaxy_clusters": [
            {"any_of": [{"galaxy": "malpedia", "value": "QakBot"}]},
            {"galaxy": "country", "value": "x"},
        ],
        "optional_clusters": [{"galaxy": "tool", "value": "Cobalt Strike"}],
        "must_not": [{"galaxy": "ransomware", "value": "Trojan"}],
        "techniques": ["T1053.005"],
    }
    emitted = {
        ("malpedia", "QakBot"),
        ("tool", "Cobalt Strike"),
        ("ransomware", "Trojan"),
        ("sector", "Environment"),
        ("mitre-attack-pattern", "Scheduled Task/Job - T1053"),  # the parent of a gold technique: not wrong
        ("mitre-attack-pattern", "Cron - T1053.003"),  # a sibling sub-technique: wrong
    }
    verdicts = {(g, v): verdict for _grp, g, v, verdict in judge_holdout.judge_clusters(gold, emitted)["rows"]}
    assert verdicts[("malpedia", "QakBot")] == "ok"
    assert verdicts[("tool", "Cobalt Strike")] == "ok"
    assert verdicts[("ransomware", "Trojan")] == "must_not"
    assert verdicts[("sector", "Environment")] == "wrong"
    assert verdicts[("mitre-attack-pattern", "Scheduled Task/Job - T1053")] == "ok"
    assert verdicts[("mitre-attack-pattern", "Cron - T1053.003")] == "wrong"
    reqs = judge_holdout.judge_clusters(gold, emitted)["reqs"]
    assert [hit for _grp, hit, _alts in reqs] == [True, False]
    techniques = judge_holdout.judge_techniques(gold, emitted)
    assert techniques == {"pred": {"T1053", "T1053.003"}, "gold": {"T1053.005"}}
    assert judge_holdout.prf(1, 2, 4) == pytest.approx((0.5, 0.25, 1 / 3))


def test_clusters_read_from_tags_galaxies_and_attributes() -> None:
    event = {
        "Tag": [{"name": 'misp-galaxy:threat-actor="APT29"'}, {"name": "tlp:clear"}],
        "Galaxy": [{"type": "country", "GalaxyCluster": [{"type": "country", "value": "poland"}]}],
        "Attribute": [{"type": "sha256", "value": "a" * 64, "Tag": [{"name": 'misp-galaxy:malpedia="WINELOADER"'}]}],
    }
    assert judge_holdout.event_clusters(event) == {
        ("threat-actor", "APT29"),
        ("country", "poland"),
        ("malpedia", "WINELOADER"),
    }
