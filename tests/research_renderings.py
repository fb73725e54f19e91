"""Test helper: a vendor's research paper rendered the way vendors ship them — a multi-page PDF laid out with
PyMuPDF, a Word document with page headers and footers (python-docx), a saved page with a tag cloud and cards of
related research — so the readers and the furniture rules are tested on what real writers make.

The paper (written for these tests) is about one intrusion set; around it sits what such papers carry: a cover,
a table of contents, a running header naming the vendor and the paper, a footer naming another paper of the
series with copyright and page numbers, footnote marks and footnotes at a page's foot, endnotes citing articles
about other actors, an "About" page with the vendor's offices and products, a disclaimer. `FURNITURE` lists what
that material names: none of it may reach an event. `SUBJECT` lists what the paper itself is about.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

VENDOR = "Kestrel Labs"
TITLE = "Tides of PlugX: Mustang Panda at the ports"
# Named only by the furniture around the paper (header, footer, footnotes, endnotes, About page, tag cloud).
FURNITURE = {
    "clusters": {"Lazarus Group", "APT28", "Turla", "Emotet", "Sandworm", "Norway", "Brazil", "Canada", "Singapore"},
    "words": {"Lazarus", "APT28", "Turla", "Emotet", "Sandworm", "Oslo", "Toronto", "Contents", "TLP:CLEAR"},
}
# What the paper is about: these must reach the event.
SUBJECT = {
    "clusters": {"Mustang Panda", "PlugX", "Philippines", "Vietnam"},
    "indicators": {"45.77.212.19", "tender-portal-update.com"},
}


@dataclass
class Section:
    """A numbered section of the paper: its heading and its paragraphs (HTML inline allowed)."""

    title: str
    paragraphs: list[str]


SECTIONS = [
    Section(
        "Executive summary",
        [
            "Since March, an espionage crew we track as Mustang Panda has sent port authorities in the Philippines "
            "and Vietnam fake tender documents that side-load a new build of PlugX. The operators went after "
            "berth schedules, customs filings and the mail of harbour masters.",
            "The campaign reuses the crew's habits: archives posing as procurement notices, a signed executable "
            "that loads a malicious DLL from its own folder, and command servers rented a few days before use.",
        ],
    ),
    Section(
        "Delivery: the tender lures",
        [
            "Each lure is a RAR archive named after a real procurement round. Opening the shortcut inside starts "
            "a signed viewer that loads the PlugX loader placed next to it (T1574.002). The archive was sent "
            "as an attachment to procurement officers (T1566.001).",
            "The first stage fetched its configuration from 45.77.212.19<sup>1</sup> over HTTPS, then moved to "
            "tender-portal-update[.]com<sup>2</sup> once the victim had been profiled.",
        ],
    ),
    Section(
        "The PlugX build",
        [
            "This PlugX build keeps the family's plugin layout but encrypts its configuration with a key derived "
            "from the host's volume serial number. It copies itself to removable drives, which is how it reached "
            "a second, air-gapped terminal at one port.",
            "We found no code shared with other families; the build is a continuation of the crew's own tooling "
            "rather than a borrowed kit.",
        ],
    ),
    Section(
        "Victims",
        [
            "We notified four port authorities and two shipping agents in the Philippines and Vietnam. All had "
            "received the lures within the same fortnight.",
        ],
    ),
]
# Footnotes at the foot of the page where their marks stand.
FOOTNOTES = {
    1: "Passive DNS also ties this address to the Sandworm intrusions in 2022; we see no other link.",
    2: 'See our earlier paper "Turla reuses old satellite links", which first listed this registrar.',
}
# Endnotes at the end of the paper: articles the vendor cites, each about another actor or family.
ENDNOTES = [
    'Kestrel Labs, "APT28 phishes defence ministries with a mail server flaw", 2023.',
    'Kestrel Labs, "Emotet after the takedown: the spam returns", 2022.',
    'Harbour CERT, "How the Lazarus Group courts shipping brokers", 2021.',
]
ABOUT = [
    f"{VENDOR} is an independent threat research company founded in 2012. Headquartered in Oslo, Norway, we "
    "have teams in Singapore, in Brazil and in Toronto, Canada.",
    "Our Harbor platform protects shipping lines, ports and logistics companies; our analysts brief customers "
    "in energy, finance and government. Learn more about our products and services at kestrel-labs.example.",
]
DISCLAIMER = (
    "This paper is provided for information only. Kestrel Labs makes no warranty as to its completeness and "
    "accepts no liability for decisions taken on its basis. Names of products and companies are the marks of "
    "their owners."
)
HEADER = f"{VENDOR} | {TITLE} | TLP:CLEAR"
SERIES = "Also in this series: How the Lazarus Group courts shipping brokers (KL-2024-07)"


def footer(page: int, pages: int) -> str:
    """The running footer: copyright, the vendor's site and the page number (three numbers in one line)."""
    return f"\u00a9 2024 {VENDOR} \u00b7 kestrel-labs.example \u00b7 Page {page} of {pages}"


def _body_html() -> str:
    parts = []
    for number, section in enumerate(SECTIONS, 1):
        parts.append(f"<h2>{number}. {html.escape(section.title)}</h2>")
        parts.extend(f"<p>{paragraph}</p>" for paragraph in section.paragraphs)
    return "".join(parts)


def _toc_html() -> str:
    rows = [f"<p>{n}. {html.escape(s.title)} .......................... {n + 2}</p>" for n, s in enumerate(SECTIONS, 1)]
    rows.append(f"<p>Notes .......................... {len(SECTIONS) + 3}</p>")
    rows.append(f"<p>About {VENDOR} .......................... {len(SECTIONS) + 4}</p>")
    return "<h2>Contents</h2>" + "".join(rows)


def _story_pages(writer, content: str, where, mediabox) -> int:
    """Lays `content` out on as many pages as it needs; the number of pages used."""
    import pymupdf

    story = pymupdf.Story(html=content, user_css="body {font-family: sans-serif; font-size: 11px;}")
    pages, more = 0, True
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
        pages += 1
    return pages


def render_research_pdf(*, series_at: float = 28, body_bottom: float = 140) -> bytes:
    """The paper as a PDF: cover, contents, body with footnotes at the page's foot, notes, About, disclaimer;
    every page but the cover with the running header and footer. `series_at`: how far above the page's foot the
    line naming another paper of the series sits (some layouts set it well above the footer); `body_bottom`: the
    text area's bottom margin (a large one spreads the contents and the body over more pages)."""
    import pymupdf

    mediabox = pymupdf.paper_rect("a4")
    body = pymupdf.Rect(60, 70, mediabox.width - 60, mediabox.height - body_bottom)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    cover = f"<h1>{html.escape(TITLE)}</h1><p>A research paper by {VENDOR}</p><p>TLP:CLEAR</p><p>November 2024</p>"
    _story_pages(writer, cover, body, mediabox)
    _story_pages(writer, _toc_html(), body, mediabox)
    body_first = 2
    body_pages = _story_pages(writer, _body_html(), body, mediabox)
    notes = "<h2>Notes</h2>" + "".join(f"<p>{n}. {html.escape(t)}</p>" for n, t in enumerate(ENDNOTES, 1))
    _story_pages(writer, notes, body, mediabox)
    about = f"<h2>About {VENDOR}</h2>" + "".join(f"<p>{html.escape(p)}</p>" for p in ABOUT)
    about += f"<h2>Disclaimer</h2><p>{html.escape(DISCLAIMER)}</p>"
    _story_pages(writer, about, body, mediabox)
    writer.close()
    document = pymupdf.open(stream=buffer.getvalue(), filetype="pdf")
    pages = document.page_count
    for number in range(1, pages):
        page = document[number]
        page.insert_text((60, 40), HEADER, fontsize=8, fontname="helv")
        page.insert_text((60, mediabox.height - 40), footer(number + 1, pages), fontsize=8, fontname="helv")
        page.insert_text((60, mediabox.height - series_at), SERIES, fontsize=7, fontname="helv")
    # the footnotes at the foot of the body's pages, in smaller type above the footer, as word processors set them
    foot = document[body_first + body_pages - 1] if body_pages else document[body_first]
    y = mediabox.height - 110
    for number, text in FOOTNOTES.items():
        foot.insert_text((60, y), f"{number} {text}", fontsize=7.5, fontname="helv")
        y += 11
    document.set_metadata({"title": TITLE, "author": VENDOR, "creationDate": "", "modDate": ""})
    data = document.tobytes()
    document.close()
    return data


def render_research_docx() -> bytes:
    """The paper as a Word document: page header and footer, a table of contents (TOC paragraph styles, as Word's
    contents field writes them), the body, notes, About and a disclaimer."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = footer(1, 1) + " " + SERIES
    document.add_heading(TITLE, level=0)
    document.add_paragraph(f"A research paper by {VENDOR}. TLP:CLEAR")
    document.add_paragraph("Contents", style=document.styles["TOC Heading"])
    names = {style.name for style in document.styles}
    toc = document.styles["toc 1"] if "toc 1" in names else document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    for number, part in enumerate(SECTIONS, 1):
        document.add_paragraph(f"{number}. {part.title}\t{number + 2}", style=toc)
    for number, part in enumerate(SECTIONS, 1):
        document.add_heading(f"{number}. {part.title}", level=1)
        for paragraph in part.paragraphs:
            document.add_paragraph(paragraph.replace("<sup>1</sup>", "").replace("<sup>2</sup>", ""))
    document.add_heading("Notes", level=1)
    for text in ENDNOTES:
        document.add_paragraph(text, style="List Number")
    document.add_heading(f"About {VENDOR}", level=1)
    for text in ABOUT:
        document.add_paragraph(text)
    document.add_heading("Disclaimer", level=1)
    document.add_paragraph(DISCLAIMER)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_research_page() -> bytes:
    """The paper as a vendor's blog post saved from the browser: a tag cloud and cards of related research set
    in plain divs (no landmark elements), and the paper's notes."""
    body = "".join(f"<h2>{html.escape(s.title)}</h2>" + "".join(f"<p>{p}</p>" for p in s.paragraphs) for s in SECTIONS)
    cards = "".join(
        f'<div class="card"><a href="/research/{n}/"><h3>{html.escape(t)}</h3></a><p>{html.escape(d)}</p></div>'
        for n, (t, d) in enumerate(
            [
                ("APT28 phishes defence ministries", "How the group abused a mail server flaw across Europe."),
                ("Emotet after the takedown", "The spam is back, and so are the loaders in Brazil."),
                ("Sandworm and the grid", "A look back at the attacks on Ukraine's utilities."),
            ]
        )
    )
    tags = " ".join(
        f'<a class="tag-link" href="/tag/{t.lower()}/" style="font-size:{s}pt">{t}</a>'
        for t, s in (("Turla", 9), ("Lazarus", 14), ("Emotet", 11), ("Norway", 8), ("ransomware", 12))
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(TITLE)} | {VENDOR}</title></head>
<body>
<div class="top"><a href="/">{VENDOR}</a> <a href="/research/">Research</a> <a href="/about/">About</a></div>
<div class="wrap">
 <div class="main-column">
  <h1>{html.escape(TITLE)}</h1>
  <div class="post-date">November 2024 · 9 min read</div>
  {body}
  <h3>Notes</h3>
  <ol>{"".join(f"<li>{html.escape(t)}</li>" for t in ENDNOTES)}</ol>
 </div>
 <div class="rail">
  <div class="tagcloud"><h4>Popular topics</h4>{tags}</div>
 </div>
</div>
<div class="more-research"><h2>More from our researchers</h2><div class="card-grid">{cards}</div></div>
<div class="bottom">{html.escape(footer(1, 1))}</div>
</body></html>"""
    return page.encode()
