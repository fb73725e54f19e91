"""An event tag is built without `from_dict`: the same fields, in the same order, and the same JSON as PyMISP's
own way of loading a tag and then giving it its role; only marked new (edited), which a tag without a timestamp
exports the same."""

from __future__ import annotations

import itertools

import pytest
from pymisp import MISPTag

from misp_module.build import new_objects
from misp_module.build.new_objects import new_tag
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
    ours, theirs = new_tag(finding.name, finding.local, finding.relationship_type), _pymisp_way(finding)
    assert ours.to_json() == theirs.to_json()
    flag = "_AbstractMISP__edited"
    assert [kv for kv in ours.__dict__.items() if kv[0] != flag] == [
        kv for kv in theirs.__dict__.items() if kv[0] != flag
    ]
    assert ours.edited and not theirs.edited
    assert ("relationship_type" in ours.to_dict()) == bool(finding.relationship_type)


def test_a_tag_pymisp_would_build_otherwise_is_built_by_pymisp(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PyMISP release whose tags keep a per-object value the copy would share: `new_tag` builds through PyMISP."""
    original = MISPTag.__init__
    serial = itertools.count()

    def with_serial(self: MISPTag, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        self.serial = next(serial)

    monkeypatch.setattr(MISPTag, "__init__", with_serial)
    new_objects._copier.cache_clear()
    monkeypatch.setattr(new_objects, "_TAG_CHECKED", [])
    try:
        assert new_tag("tlp:red").serial != new_tag("tlp:red").serial
    finally:
        new_objects._copier.cache_clear()


def test_copied_tags_share_no_container() -> None:
    first, second = new_tag("a"), new_tag("b")
    assert first.name == "a" and second.name == "b"
    first.__dict__["_AbstractMISP__not_jsonable"].append("x")
    assert "x" not in second.__dict__["_AbstractMISP__not_jsonable"]
