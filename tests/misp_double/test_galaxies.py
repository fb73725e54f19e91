"""The double's galaxies behave as recording 10-galaxy.json shows MISP 2.5.1 does: a `misp-galaxy:` tag
becomes a cluster on the event only when MISP's galaxies hold that tag name; any other stays a plain tag
(`is_galaxy` true, no cluster). Drift between galaxy versions is modelled by renaming and dropping."""

from __future__ import annotations

from typing import Any

from pymisp import PyMISP

from misp_double import MispDouble

APT31 = "6bf7e6b6-5917-45a6-9567-f0baba79768c"  # the cluster of the recording
APT31_TAG = 'misp-galaxy:threat-actor="APT31"'
UNKNOWN_TAG = 'misp-galaxy:threat-actor="No Such Actor 2024"'


def clusters(holder: dict[str, Any]) -> list[str]:
    return [c["tag_name"] for g in holder.get("Galaxy", []) for c in g["GalaxyCluster"]]


def test_only_tag_names_of_its_galaxies_become_clusters() -> None:
    with MispDouble() as double:
        misp = PyMISP(double.url, double.key, ssl=False)
        event = misp.add_event(
            {"info": "Recorded scenario", "Attribute": [{"type": "ip-dst", "value": "203.0.113.10"}]}
        )
        event_uuid = event["Event"]["uuid"]
        attached = misp.tag(event_uuid, APT31_TAG)
        assert (
            attached["message"].startswith(f"Global tag {APT31_TAG}(") and "attached to Event(1)" in attached["message"]
        )
        misp.tag(event_uuid, UNKNOWN_TAG)
        misp.tag(event["Event"]["Attribute"][0]["uuid"], APT31_TAG)
        stored = misp.get_event(event_uuid)["Event"]
        assert clusters(stored) == [APT31_TAG]
        assert clusters(stored["Attribute"][0]) == [APT31_TAG]
        assert {t["name"]: t["is_galaxy"] for t in stored["Tag"]} == {APT31_TAG: True, UNKNOWN_TAG: True}
        assert (
            misp.tag("e99ea017-2bc7-5343-b512-70c26e6c7992", "tlp:clear")["errors"][1]["message"] == "Invalid Target."
        )

        found = misp.direct_call("galaxy_clusters/restSearch", {"uuid": [APT31]})  # PyMISP unwraps "response"
        assert [(c["GalaxyCluster"]["uuid"], c["GalaxyCluster"]["tag_name"]) for c in found] == [(APT31, APT31_TAG)]

        renamed = double.model.galaxies.rename(APT31, "APT 31")
        assert clusters(misp.get_event(event_uuid)["Event"]) == []  # the old name is a plain tag now
        misp.tag(event_uuid, renamed)
        assert clusters(misp.get_event(event_uuid)["Event"]) == [renamed]
        double.model.galaxies.drop(APT31)
        assert misp.direct_call("galaxy_clusters/restSearch", {"uuid": [APT31]}) == []


def test_a_cluster_attached_through_the_galaxy_endpoint_is_its_tag_as_recorded() -> None:
    """10-galaxy.json: GET /galaxy_clusters/view, then POST /galaxies/attachCluster: "Cluster attached.",
    the event unpublished and its timestamp moved; again: "Cluster already attached."."""
    with MispDouble() as double:
        misp = PyMISP(double.url, double.key, ssl=False)
        event = misp.add_event({"info": "Recorded scenario"}, pythonify=True)
        misp.publish(event)
        cluster = misp.get_galaxy_cluster(APT31, pythonify=True)
        before = double.model.events[event.uuid]["timestamp"]
        double.model.clock = lambda: int(before) + 5

        first = misp.attach_galaxy_cluster(event, cluster)
        again = misp.attach_galaxy_cluster(event, cluster)

        assert (first["success"], again["success"]) == ("Cluster attached.", "Cluster already attached.")
        held = misp.get_event(event.uuid)["Event"]
        assert APT31_TAG in [t["name"] for t in held["Tag"]] and clusters(held) == [APT31_TAG]
        assert held["published"] is False and int(held["timestamp"]) > int(before)
        assert "errors" in misp.attach_galaxy_cluster(event, "99999999")
