"""An event tag is built without `from_dict`: the same fields, in the same order, and the same JSON as PyMISP's
own way of loading a tag and then giving it its role; only marked new (edited), which a tag without a timestamp
exports the same."""

from __future__ import annotations

import pytest
from pymisp import MISPTag

from misp_module.build.event import _tag
from misp_module.extract.findings import TagFinding


def _pymisp_way(finding: TagFinding) -> MISPTag:
    tag = MISPTag()
    tag.from_dict(name=finding.name, local=finding.local)
    if finding.relationship_type:
        tag.relationship_type = finding.relationship_type
    return tag


@pytest.mark.parametrize(
    "finding",
    [
        TagFinding('misp-galaxy:threat-actor="APT28"', relationship_type="attributed-to"),
        TagFinding('misp-galaxy:country="ukraine"', relationship_type="targets"),
        TagFinding("tlp:amber"),
        TagFinding('estimative-language:likelihood-probability="likely"', relationship_type=""),
        TagFinding('workflow:state="draft"', local=True),
    ],
)
def test_tag_is_the_tag_pymisp_builds(finding: TagFinding) -> None:
    ours, theirs = _tag(finding.name, finding.local, finding.relationship_type), _pymisp_way(finding)
    assert ours.to_json() == theirs.to_json()
    flag = "_AbstractMISP__edited"
    assert [kv for kv in ours.__dict__.items() if kv[0] != flag] == [
        kv for kv in theirs.__dict__.items() if kv[0] != flag
    ]
    assert ours.edited and not theirs.edited
    assert ("relationship_type" in ours.to_dict()) == bool(finding.relationship_type)
