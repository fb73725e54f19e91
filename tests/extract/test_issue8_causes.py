"""Issue 8's causes of wrong and missed clusters, one rule each: a sentence that must not give the cluster and a
twin that must.

Each example the issue names has such a pair here or in the rule files it lists in its comment (galaxies/
extract.yaml, the paraphrase sets, indicators/cases.yaml, test_techniques.py, test_technique_cues.py). The
sentences are our own, written as vendor posts write; none is copied from a report. Cases run in process (no
converter subprocess), one conversion each. A twin the converter misses today is a strict xfail with its gap.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from misp_module.extract.galaxies import galaxy_clusters
from misp_module.extract.techniques import GALAXY
from misp_module.extract.techniques_model import technique_model
from misp_module.knowledge.galaxies import galaxy_index
from misp_module.pipeline import convert_bytes
from misp_module.read.reader import read_report
from misp_module.settings import TECHNIQUE_RECOGNITIONS, Settings


@dataclass(frozen=True)
class Pair:
    """One example of a cause: `wrong` must not carry `tag`, `right` must (None: the name is never the cluster,
    by design, so there is no twin)."""

    cause: int
    example: str
    tag: str
    wrong: str
    right: str | None
    gap: str | None = None  # why `right` is missed today: a strict xfail


def _tag(galaxy: str, value: str) -> str:
    return f'misp-galaxy:{galaxy}="{value}"'


def _technique(name: str, technique: str) -> str:
    return _tag("mitre-attack-pattern", f"{name} - {technique}")


PAIRS = [
    # 1. Technique names that are ordinary nouns: a name counts only where the adversary does it.
    Pair(
        1,
        "IP addresses",
        _technique("IP Addresses", "T1590.005"),
        "Blocking the IP addresses listed below at the perimeter is a sensible first step.",
        "Weeks before the intrusion the operators mapped which IP addresses the victim's mail gateways used.",
    ),
    Pair(
        1,
        "email addresses",
        _technique("Email Addresses", "T1589.002"),
        "Reports can be sent to the e-mail addresses at the end of this post.",
        "The operators scraped the e-mail addresses of the firm's payroll staff from its website ahead of the lures.",
    ),
    Pair(
        1,
        "CDNs",
        _technique("CDNs", "T1596.004"),
        "Most of the shop's images are served from CDNs.",
        "The operators queried CDN lookups to find the origin server hidden behind the victim's website.",
    ),
    Pair(
        1,
        "cloud services (a link title)",
        _technique("Cloud Services", "T1021.007"),
        "Further reading: [Why criminals love cloud services](https://blog.example.com/cloud-abuse)",
        "With the stolen session tokens the intruders signed in to the victim's cloud services and moved to its "
        "Azure tenant.",
    ),
    Pair(
        1,
        "multi-factor authentication (a mitigation)",
        _technique("Multi-Factor Authentication", "T1556.006"),
        "Turn on multi-factor authentication for every remote login.",
        "To keep their access the intruders changed the multi-factor authentication settings of the admin "
        "account so that their own phone approved each sign-in.",
    ),
    # 2. Common words as malware.
    Pair(
        2,
        "core module",
        _tag("ransomware", "core"),
        "Its core module unpacks the plugins in memory.",
        "The Core ransomware encrypted the accounting shares overnight.",
    ),
    Pair(
        2,
        "Let's Encrypt",
        _tag("ransomware", "EnCrypt"),
        "The phishing site used a free certificate from Let's Encrypt.",
        "The EnCrypt ransomware encrypted the backups before the note appeared.",
    ),
    Pair(
        2,
        "placeholder [targetcompany]",
        _tag("ransomware", "targetcompany"),
        "The phishing template still carried the field [targetcompany] where the victim's name belonged.",
        "The TargetCompany ransomware encrypted the database servers of a retailer.",
    ),
    Pair(
        2,
        "aliases 'Crypted'/'Locked'",
        _tag("ransomware", "JCrypt"),
        "The encrypted copies end in .locked, and the packer names its output Crypted.bin.",
        "The JCrypt ransomware appended its extension to every file it encrypted.",
    ),
    Pair(
        2,
        "crypter",
        _tag("ransomware", "Crypter"),
        "The payload was wrapped by a commercial crypter sold on a forum.",
        "Victims of the Crypter ransomware found a ransom note on each desktop.",
    ),
    Pair(
        2,
        "grep",
        _tag("ransomware", "grep"),
        "The operators ran grep over the web server's logs to find the admin panel.",
        None,  # a command of the system is an excluded name (data/galaxies.yaml): never a family
    ),
    # 3. Everyday words as sectors: a sector is the victim's.
    Pair(
        3,
        "opposition research",
        _tag("sector", "Opposition"),
        "The lure was a file of opposition research on a rival candidate.",
        "The operators targeted opposition politicians living abroad.",
    ),
    Pair(
        3,
        "IT administration tools",
        _tag("sector", "IT"),
        "The intruders moved around with IT administration tools such as remote-support software.",
        "The operators went after IT companies and software vendors in the region.",
    ),
    Pair(
        3,
        "research (as an activity)",
        _tag("sector", "Research - Innovation"),
        "Our research shows the loader changed its packer twice this year.",
        "The group broke into research institutes that study vaccines.",
    ),
    Pair(
        3,
        "threat intelligence",
        _tag("sector", "Intelligence"),
        "Threat intelligence teams can hunt for the hashes below.",
        "The implant was found at two intelligence agencies in the region.",
    ),
    Pair(
        3,
        "cryptocurrency mining",
        _tag("sector", "Mining"),
        "The attackers rented servers for cryptocurrency mining.",
        "The wiper was deployed against mining companies in the copper belt.",
    ),
    Pair(
        3,
        "financial gain",
        _tag("sector", "Finance"),
        "The crew is driven by financial gain, not espionage.",
        "The stealer was aimed at financial institutions and insurers.",
    ),
    Pair(
        3,
        "ransom payment",
        _tag("sector", "Payment"),
        "The victim refused to make a ransom payment.",
        "The skimmer hit payment processors that serve small shops.",
    ),
    Pair(
        3,
        "the victim's environment",
        _tag("sector", "Environment"),
        "Once inside the victim's environment the actor turned off logging.",
        "The operators broke into the networks of environmental protection agencies.",
    ),
    # 4. Actors from things that are not actors.
    Pair(
        4,
        "a browser called Iridium",
        _tag("threat-actor", "IRIDIUM"),
        "The victim browsed with Iridium, a privacy-minded Chromium fork.",
        "The IRIDIUM group sent phishing e-mails to election officials.",
    ),
    Pair(
        4,
        "a wallet called Electrum",
        _tag("threat-actor", "Sandworm"),
        "A trojanised Electrum wallet drained the coins of its users.",
        "Attacks on power utilities were attributed to the ELECTRUM group.",
    ),
    Pair(
        4,
        "a cloud provider's name that is an actor's synonym (Alibaba for Cleaver)",
        _tag("threat-actor", "Cleaver"),
        "The command servers ran on rented Alibaba Cloud instances.",
        "The Cleaver group sent fake job offers to engineers at airlines.",
    ),
    Pair(
        4,
        "a name only in a cited article's title",
        _tag("threat-actor", "Lazarus Group"),
        'Our earlier post, "How Lazarus lures engineers with fake jobs", covered the lures. This loader drops Mekotio.',
        "Lazarus Group sent the fake job offers, and its loader drops a backdoor.",
    ),
    # 5. Homonyms.
    Pair(
        5,
        "systemd (a macOS backdoor) from file names",
        _tag("malpedia", "systemd"),
        "The dropper saves itself as systemd-helper.sh and a systemd-timer.conf next to it.",
        "The Demsty backdoor for macOS opened a reverse shell to its server.",
    ),
    # 6. Regions from proper names.
    Pair(
        6,
        "an Eastern European pipeline",
        _tag("region", "151 - Eastern Europe"),
        "Talks about an Eastern European pipeline were the theme of the lure sent to a ministry in Cyprus.",
        "The group hit ministries of foreign affairs across Eastern Europe.",
    ),
    # 7. Structure of real pages: a name in page furniture is not the report's subject; the same name in prose is.
    Pair(
        7,
        "a URL slug",
        _tag("threat-actor", "APT28"),
        "The loader was examined in our lab. Background: https://blog.example.com/2022/05/apt28-hits-routers-in-norway",
        "The loader was examined in our lab; APT28 deployed it against routers.",
    ),
    Pair(
        7,
        "image alt text",
        _tag("threat-actor", "Turla"),
        "The loader was examined in our lab.\n\n![Turla operator panel, screenshot](https://example.com/img/p.png)",
        "The loader was examined in our lab; Turla deployed it against embassies.",
    ),
    Pair(
        7,
        "a link title in a list of related posts",
        _tag("threat-actor", "Kimsuky"),
        "The loader was examined in our lab.\n\n## You may also like\n\n"
        "- [Kimsuky returns with new lures](https://example.com/kimsuky)\n"
        "- [A year of wipers](https://example.com/wipers)",
        "The loader was examined in our lab; Kimsuky sent it to think tanks.",
    ),
    Pair(
        7,
        "a reference list",
        _tag("malpedia", "Dridex"),
        "The loader was examined in our lab.\n\n## Sources\n\n[1] Dridex and the banking crews, 2019\n"
        "[2] A field guide to loaders, 2021",
        "The loader was examined in our lab; it drops Dridex on the hosts it infects.",
    ),
    Pair(
        7,
        "an author bio",
        _tag("malpedia", "Emotet"),
        "The loader was examined in our lab.\n\nLena Vogt leads the malware team at Example Labs, where she has "
        "tracked Emotet since 2017.",
        "The loader was examined in our lab; it was delivered by Emotet.",
    ),
    Pair(
        7,
        "a paper's numbered notes section",
        _tag("threat-actor", "APT28"),
        "The loader was examined in our lab.\n\n## 5. Notes\n\n1. Example Labs, \u201cAPT28 targets defence ministries "
        "with a mail server flaw\u201d, 2023.\n2. Example Labs, \u201cA year of wipers\u201d, 2022.",
        "The loader was examined in our lab; APT28 sent it to defence ministries.",
    ),
    Pair(
        7,
        "an analyst's Notes section that cites nothing (the report's own)",
        _tag("threat-actor", "APT28"),
        "The loader was examined in our lab.\n\n## Notes\n\n1. See \u201cAPT28 targets defence ministries\u201d, "
        "https://example.com/apt28-ministries",
        "The loader was examined in our lab.\n\n## Notes\n\n- APT28 reused the loader in a second wave.\n"
        "- APT28 operators deleted the logs of the mail server afterwards.",
    ),
    Pair(
        7,
        "a table of contents",
        _tag("mitre-malware", "Emotet - S0367"),
        "## Contents\n\nExecutive summary 3\nThe Emotet comparison 4\nIndicators 6\n\n## Executive summary\n\n"
        "The loader was examined in our lab. Some analysts have compared it with Emotet.",
        "## Executive summary\n\nThe loader was examined in our lab; Emotet delivered it to the mailboxes.",
    ),
    Pair(
        7,
        "entries of a table of contents with dot leaders",
        _tag("mitre-malware", "Emotet - S0367"),
        "Executive summary ........ 2\nThe Emotet comparison ........ 4\nIndicators ........ 6\n\n"
        "The loader was examined in our lab. Some analysts have compared it with Emotet.",
        "Executive summary ........ 2\nIndicators ........ 6\n\n"
        "The loader was examined in our lab; Emotet delivered it to the mailboxes.",
    ),
    Pair(
        7,
        "the vendor's About page with its offices",
        _tag("country", "norway"),
        "The loader hit ports in Vietnam.\n\n## About Example Labs\n\nExample Labs is a security company "
        "headquartered in Oslo, Norway; its products protect shipping customers in Norway and beyond.",
        "The loader hit ports in Norway.\n\n## About the intrusions\n\nThe operators targeted port authorities "
        "in Norway and shipping companies there.",
    ),
    Pair(
        7,
        "an About heading on the actor (its section is the report's)",
        _tag("threat-actor", "Kimsuky"),
        "The loader was examined in our lab.\n\n## Disclaimer\n\nAttribution of this activity to Kimsuky is our "
        "assessment and carries no warranty. Kimsuky is a name several vendors use for one cluster.",
        "The loader was examined in our lab.\n\n## About Kimsuky\n\nKimsuky sent the loader to think tanks in "
        "the spring; Kimsuky operators then stole the mail of their staff.",
    ),
    # 8. Missed: a list of groups under their names as headings; two-letter country codes in a victim table.
    Pair(
        8,
        "actor names as headings of a list of groups",
        _tag("threat-actor", "Turla"),
        "Several groups reused one builder this year.\n\nSee also: [Turla's satellite relays](https://example.com/turla)",
        "Several groups reused one builder this year.\n\n## APT28\n\nIt sent lures to defence ministries.\n\n"
        "## Turla\n\nIt relayed its traffic over hijacked satellite links.",
    ),
    Pair(
        8,
        "a two-letter code in a victim table (CN)",
        _tag("country", "china"),
        "| Indicator | Hosted in |\n|---|---|\n| 198.51.100.7 | CN |",
        "## Victims\n\n| Victim | Country | Sector |\n|---|---|---|\n| 1 | CN | Manufacturing |\n| 2 | FR | Retail |",
    ),
    # 9. Passing mentions: other incidents told as context in a news-style report are not the report's (more in the
    # paraphrase sets, kind `other-incident`).
    Pair(
        9,
        "another family's dated incident",
        _tag("country", "hungary"),
        "The Akira ransomware gang encrypted the booking servers of a clinic chain in Austria. In September, the"
        " Rhysida gang targeted two hospitals in Hungary.",
        "The Akira ransomware gang encrypted the booking servers of a clinic chain in Austria. In September, Akira"
        " affiliates targeted two hospitals in Hungary in the same wave.",
    ),
    Pair(
        9,
        "a family in a passage of field context",
        _tag("ransomware", "Qilin"),
        "The Akira ransomware gang encrypted the booking servers of a clinic chain in Austria. The breach adds to a"
        " growing list of attacks on clinics; so far this year Qilin has claimed six of them.",
        "The Akira ransomware gang encrypted the booking servers of a clinic chain in Austria. Qilin had breached the"
        " same clinic chain in spring and stolen its patient files.",
    ),
]


def _tags(body: str) -> set[str]:
    text = f"# A post of a security vendor\n\n{body}\n"
    event = convert_bytes(text.encode(), identity="issue8.md", name="issue8.md", settings=Settings())
    return {t.name for t in event.tags if t.name.startswith("misp-galaxy:")}


def _id(pair: Pair) -> str:
    return f"cause{pair.cause}-{pair.example}"


@pytest.mark.parametrize("pair", PAIRS, ids=[_id(p) for p in PAIRS])
def test_the_wrong_reading_gives_no_cluster(pair: Pair) -> None:
    assert pair.tag not in _tags(pair.wrong)


def _twin_marks(pair: Pair) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=pair.gap)] if pair.gap else []


TWINS = [p for p in PAIRS if p.right is not None]


@pytest.mark.parametrize("pair", [pytest.param(p, marks=_twin_marks(p)) for p in TWINS], ids=[_id(p) for p in TWINS])
def test_the_twin_gives_the_right_cluster(pair: Pair) -> None:
    assert pair.right is not None
    assert pair.tag in _tags(pair.right)


def test_no_deprecated_or_revoked_technique_is_ever_emitted() -> None:
    """Every technique of the ATT&CK galaxy that ATT&CK deprecated or revoked, named by its name and ID in a
    sentence of adversary behaviour: none of them reaches the event (a revoked one may as its successor)."""
    model = technique_model()
    index = galaxy_index()
    gone = {
        c.external_id: c.value.rsplit(" - ", 1)[0]
        for c in index.clusters
        if c.galaxy == GALAXY and c.external_id and (c.revoked or model.current(c.external_id) != c.external_id)
    }
    assert len(gone) > 100  # the galaxy holds many of both; a lookup that finds none would make this test void
    lines = [f"- The operators used {name} ({technique}) on the victim's hosts." for technique, name in gone.items()]
    text = "# Threat Actor: Example Group\n## Tactics, Techniques & Procedures\n" + "\n".join(lines) + "\n"
    report = read_report(text.encode(), identity="gone.md", name="gone.md", max_bytes=1_000_000)
    found = {c.external_id for c in galaxy_clusters(report, recognition=TECHNIQUE_RECOGNITIONS) if c.galaxy == GALAXY}
    assert not found & set(gone), sorted(found & set(gone))
