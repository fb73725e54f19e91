"""Test helper: a text or markdown report rendered the way teams keep it — as a PDF (fpdf2), as a Word document
(python-docx) and as a blog page saved from the browser — so the readers are tested on files real writers made.

The PDF has what PDF export brings: headings in larger bold type, wrapped paragraphs, IOC tables whose long
hashes wrap across lines inside narrow cells, and a page header, footer and page number on every page. The blog
page wraps the article in the furniture of a vendor's site (menu, recent posts, cookie banner, share buttons,
comments, footer with the vendor's address) that names actors, malware, countries and an indicator: none of it
may reach an event (`PAGE_FURNITURE` lists what must not)."""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

_HASH = re.compile(r"\b(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{40}|[0-9a-fA-F]{32})\b")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")


@dataclass
class Block:
    """One block of the report: heading, paragraph, bullet, table or code."""

    kind: str
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    marker: str = "-"


def _table_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_blocks(text: str) -> list[Block]:
    """The report's blocks. A YAML front matter is left out (it is the file's metadata, not its text). In
    markdown, lines run on into one paragraph or list item until a blank line; in plain text (no blank line
    between paragraphs) each line is a paragraph, as typed in a word processor. Runs of bullets that each
    carry a hash become an IOC table (item text | hash), as vendors lay them out."""
    blocks: list[Block] = []
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
        lines = lines[end + 1 :]
    markdown = any(not line.strip() for line in lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        previous = lines[index - 1] if index else ""
        continues = (
            markdown
            and blocks
            and blocks[-1].kind in ("paragraph", "bullet")
            and line.strip()
            and not _HEADING.match(line)
            and not _BULLET.match(line)
            and not line.lstrip().startswith(("|", "```", ">"))
            # a hard-wrapped line: the one before is long and ends mid-sentence, or a list item goes on indented
            and (
                (len(previous.strip()) >= 60 and not previous.rstrip().endswith((".", ":", "!", "?")))
                or (blocks[-1].kind == "bullet" and line.startswith(" "))
            )
        )
        if continues:
            blocks[-1].text += " " + line.strip()
            index += 1
            continue
        if line.strip().startswith("```"):
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith("```"):
                end += 1
            blocks.append(Block("code", "\n".join(lines[index + 1 : end])))
            index = end + 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while index < len(lines) and lines[index].lstrip().startswith("|"):
                if not re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", lines[index]):
                    rows.append(_table_row(lines[index]))
                index += 1
            blocks.append(Block("table", rows=rows))
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading:
            blocks.append(Block("heading", heading.group(2), level=len(heading.group(1))))
        elif bullet and _HASH.search(bullet.group(3)):
            rows = []
            while index < len(lines):
                item = _BULLET.match(lines[index])
                found = _HASH.search(item.group(3)) if item else None
                if not item or not found:
                    break
                label = (item.group(3)[: found.start()] + item.group(3)[found.end() :]).strip()
                rows.append([label.strip(" :—-") or "file", found.group(0)])
                index += 1
            blocks.append(Block("table", rows=[["File", "Hash"], *rows]))
            continue
        elif bullet:
            level = len(bullet.group(1).expandtabs(2)) // 2
            blocks.append(Block("bullet", bullet.group(3), level=level, marker=bullet.group(2)))
        elif line.strip():
            blocks.append(Block("paragraph", line.strip()))
        index += 1
    return blocks


def _plain(text: str) -> str:
    """Inline markdown dropped: the writers render bold and code as type, not as asterisks and backticks."""
    return text.replace("**", "").replace("`", "")


def _runs(text: str) -> list[tuple[str, str]]:
    """(text, style) runs of a line: style '' plain, 'B' for **bold**, 'code' for `code`."""
    runs = []
    for piece in re.split(r"(\*\*.+?\*\*|`[^`]+`)", text):
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            runs.append((piece[2:-2].replace("`", ""), "B"))
        elif piece.startswith("`") and piece.endswith("`") and len(piece) > 2:
            runs.append((piece[1:-1], "code"))
        elif piece:
            runs.append((piece, ""))
    return runs


# --- PDF (fpdf2) ---------------------------------------------------------------------------------------------

_LATIN1_SUBSTITUTES = {"\u2014": "-", "\u2013": "-", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}


_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_FONTS = {"sans": "Helvetica", "mono": "Courier"}


def _use_unicode_fonts(pdf) -> None:
    """Embed DejaVu (as office suites embed their fonts) where the system has it; else the core fonts."""
    if not (_DEJAVU / "DejaVuSans.ttf").exists():
        _FONTS.update(sans="Helvetica", mono="Courier")
        return
    for style, suffix in (("", ""), ("B", "-Bold"), ("I", "-Oblique"), ("BI", "-BoldOblique")):
        pdf.add_font("DejaVu", style, str(_DEJAVU / f"DejaVuSans{suffix}.ttf"))
        pdf.add_font("DejaVuMono", style, str(_DEJAVU / f"DejaVuSansMono{suffix}.ttf"))
    _FONTS.update(sans="DejaVu", mono="DejaVuMono")


def _code_style() -> dict:
    from fpdf.fonts import FontFace

    return {"code": FontFace(family=_FONTS["mono"])}


def _latin1(text: str) -> str:
    """fpdf2's core fonts hold Latin-1 only: typographic dashes and quotes become their ASCII twins."""
    if _FONTS["sans"] == "DejaVu":
        return text
    for char, substitute in _LATIN1_SUBSTITUTES.items():
        text = text.replace(char, substitute)
    return text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(text: str, *, title: str = "Threat report", repeat: int = 1) -> bytes:
    """The report as a PDF document (A4, Helvetica): `repeat` copies of the body make a long document."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class _Document(FPDF):
        def header(self) -> None:
            self.set_font(_FONTS["sans"], "I", 8)
            self.cell(0, 6, _latin1(f"Northwind Threat Research | {title}"), align="R")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(_FONTS["sans"], "I", 8)
            self.cell(0, 6, "Confidential - for the recipient's organisation only", align="L")
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = _Document(format="A4")
    _use_unicode_fonts(pdf)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(22, 18, 22)
    pdf.add_page()
    width = pdf.epw
    sizes = {1: 17, 2: 14, 3: 12}
    for _ in range(repeat):
        for block in parse_blocks(text):
            if block.kind == "heading":
                pdf.ln(2)
                pdf.set_font(_FONTS["sans"], "B", sizes.get(block.level, 11))
                pdf.multi_cell(width, 7, _latin1(_plain(block.text)), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            elif block.kind == "paragraph":
                pdf.set_font(_FONTS["sans"], "", 10)
                pdf.write_html(f"<p>{_latin1(_inline_html(block.text))}</p>", tag_styles=_code_style())
            elif block.kind == "bullet":
                pdf.set_font(_FONTS["sans"], "", 10)
                number = block.marker.rstrip(".)")
                kind = f'ol start="{number}"' if number.isdigit() else "ul"
                opening = "<ul>" * block.level + f"<{kind}>"
                closing = f"</{kind[:2]}>" + "</ul>" * block.level
                pdf.write_html(
                    f"{opening}<li>{_latin1(_inline_html(block.text))}</li>{closing}", tag_styles=_code_style()
                )
            elif block.kind == "code":
                pdf.set_font(_FONTS["mono"], "", 9)
                pdf.multi_cell(width, 4.5, _latin1(block.text), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1.5)
            elif block.kind == "table":
                _pdf_table(pdf, block.rows, width, FontFace)
    pdf.alias_nb_pages()
    return bytes(pdf.output())


def _pdf_table(pdf, rows: list[list[str]], width: float, font_face) -> None:
    """A ruled table; a column holding hashes is kept narrow so a SHA-256 wraps over two or three lines."""
    columns = max(len(r) for r in rows)
    rows = [r + [""] * (columns - len(r)) for r in rows]
    hashy = [any(_HASH.search(r[c]) for r in rows) for c in range(columns)]
    weights = [2 if h else 3 for h in hashy]
    widths = tuple(width * w / sum(weights) for w in weights)
    pdf.set_font(_FONTS["sans"], "", 9)
    pdf.ln(1)
    with pdf.table(
        col_widths=widths, text_align="LEFT", line_height=4.5, headings_style=font_face(emphasis="BOLD")
    ) as table:
        for row in rows:
            cells = table.row()
            for cell in row:
                cells.cell(_latin1(_plain(cell)))
    pdf.ln(2)


# --- DOCX (python-docx) --------------------------------------------------------------------------------------


def render_docx(text: str, *, title: str = "Threat report") -> bytes:
    """The report as a Word document: heading styles, list bullets, tables, a page header and footer."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = f"Northwind Threat Research | {title}"
    section.footer.paragraphs[0].text = "Confidential - for the recipient's organisation only"
    for block in parse_blocks(text):
        if block.kind == "heading":
            document.add_heading(_plain(block.text), level=min(block.level, 9))
        elif block.kind in ("paragraph", "bullet"):
            style = None
            if block.kind == "bullet":
                style = "List Bullet" if block.level == 0 else f"List Bullet {min(block.level + 1, 3)}"
            paragraph = document.add_paragraph(style=style)
            for part, kind in _runs(block.text):
                run = paragraph.add_run(part)
                run.bold = kind == "B"
                if kind == "code":
                    run.font.name = "Consolas"
        elif block.kind == "code":
            for line in block.text.splitlines() or [""]:
                document.add_paragraph().add_run(line).font.name = "Courier New"
        elif block.kind == "table":
            columns = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=columns, style="Table Grid")
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = _plain(cell)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- a blog page saved from the browser ------------------------------------------------------------------------

# What the page's furniture names; none of it may reach an event read from the page.
PAGE_FURNITURE = {
    "clusters": {"Turla", "Kimsuky", "Emotet", "Brazil", "Estonia", "Qakbot", "Gamaredon"},
    "indicators": {"198.51.100.77", "update-checker-cdn.net", "b7e3c0a9d1f24e6a8c5b9d0e1f2a3b4c"},
}

BLOG_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Northwind Labs Blog</title>
<link rel="stylesheet" href="/wp-content/themes/northwind/style.css">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"event": "Turla page view"}});</script>
<script src="/wp-includes/js/jquery.min.js"></script>
</head>
<body class="post-template-default single single-post">
<div id="cookie-notice" class="cookie-banner" role="dialog">
  <p>We use cookies to understand how visitors read our research on Kimsuky, Emotet and other threats.
  <button class="accept">Accept all</button> <a href="/privacy/">Privacy policy</a></p>
</div>
<header class="site-header">
  <a class="logo" href="/">Northwind Labs</a>
  <nav class="main-menu" aria-label="Main">
    <ul>
      <li><a href="/research/">Research</a></li>
      <li><a href="/actors/turla/">Threat Actors: Turla</a></li>
      <li><a href="/actors/gamaredon/">Gamaredon</a></li>
      <li><a href="/malware/qakbot/">Malware: Qakbot</a></li>
      <li><a href="/contact/">Contact</a></li>
    </ul>
  </nav>
</header>
<div class="site-content">
<main id="main" class="content-area">
<article class="post type-post status-publish">
  <header class="entry-header">
    <div class="entry-meta"><span class="byline">By Northwind Threat Research Team</span></div>
  </header>
  <div class="share-buttons">Share: <a href="#">Twitter</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>
  <div class="entry-content">
{article}
  </div>
  <div class="post-tags">Tags: <a href="/tag/apt/">APT</a> <a href="/tag/research/">Research</a></div>
</article>
<nav class="post-navigation">
  <a rel="prev" href="/blog/kimsuky-south-korea/">Previous: Kimsuky phishing wave hits South Korean think tanks</a>
  <a rel="next" href="/blog/emotet-returns/">Next: Emotet returns with OneNote lures in Brazil</a>
</nav>
<section class="related-posts">
  <h3>Related posts</h3>
  <ul>
    <li><a href="/blog/turla-kazuar/">Turla's Kazuar backdoor resurfaces in Estonia</a></li>
    <li><a href="/blog/qakbot-takedown/">What the Qakbot takedown means for defenders</a></li>
  </ul>
</section>
<section id="comments" class="comments-area">
  <h3>3 comments</h3>
  <ol class="comment-list">
    <li class="comment"><p>Great write-up. We saw the same loader beacon to update-checker-cdn[.]net last week,
      could this be Gamaredon rather than what you say?</p></li>
    <li class="comment"><p>Is 198.51.100[.]77 related? It hit our honeypot in Brazil.</p></li>
  </ol>
  <form class="comment-form"><textarea name="comment"></textarea><button>Post comment</button></form>
</section>
</main>
<aside id="secondary" class="widget-area sidebar">
  <section class="widget widget_recent_entries">
    <h2 class="widget-title">Recent posts</h2>
    <ul>
      <li><a href="/blog/turla-snake/">Inside Turla's Snake implant</a></li>
      <li><a href="/blog/emotet-2024/">Emotet in 2024: a year in review</a></li>
    </ul>
  </section>
  <section class="widget">
    <h2 class="widget-title">IOC of the week</h2>
    <p>MD5 b7e3c0a9d1f24e6a8c5b9d0e1f2a3b4c (Kimsuky dropper)</p>
  </section>
  <section class="widget widget_newsletter"><h2>Newsletter</h2><p>Get our weekly Turla and Qakbot digest.</p>
  </section>
</aside>
</div>
<footer class="site-footer">
  <p>Northwind Labs OU, Tartu mnt 2, 10145 Tallinn, Estonia. Offices in Brazil and Estonia.</p>
  <p>&copy; 2024 Northwind Labs. All rights reserved.</p>
</footer>
<script>document.querySelectorAll('.accept').forEach(b => b.onclick = () => alert('Gamaredon'));</script>
</body>
</html>
"""


def _inline_html(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def article_html(text: str) -> str:
    """The report as the article's HTML: h1-h6, p, nested ul, table and pre."""
    out: list[str] = []
    depth = 0
    for block in parse_blocks(text):
        wanted = block.level + 1 if block.kind == "bullet" else 0
        while depth < wanted:
            out.append("<ul>")
            depth += 1
        while depth > wanted:
            out.append("</ul>")
            depth -= 1
        if block.kind == "heading":
            out.append(f"<h{block.level}>{_inline_html(block.text)}</h{block.level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{_inline_html(block.text)}</p>")
        elif block.kind == "bullet":
            out.append(f"<li>{_inline_html(block.text)}</li>")
        elif block.kind == "code":
            out.append(f"<pre><code>{html.escape(block.text)}</code></pre>")
        elif block.kind == "table":
            head, *body = block.rows
            out.append("<table><thead><tr>" + "".join(f"<th>{_inline_html(c)}</th>" for c in head) + "</tr></thead>")
            out.append("<tbody>")
            for row in body:
                out.append("<tr>" + "".join(f"<td>{_inline_html(c)}</td>" for c in row) + "</tr>")
            out.append("</tbody></table>")
    out.extend("</ul>" for _ in range(depth))
    return "\n".join(out)


# A second site, built of plain divs with the names a page builder gives them (no nav, aside or footer
# elements), comments from a hosted widget and a "trending" rail beside the post.
DIV_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} - Kestrel Intel</title>
<script type="text/javascript">var _paq = []; _paq.push(['trackPageView', 'Emotet']);</script></head>
<body>
<div class="top-bar"><div class="container"><a href="/">Kestrel Intel</a>
  <ul class="menu-items"><li><a href="/apt/">APT Groups: Turla, Kimsuky</a></li>
  <li><a href="/ransomware/">Ransomware</a></li>
  <li><a href="/about/">About</a></li></ul></div></div>
<div class="gdpr-notice">This site stores cookies. Researchers in Brazil and Estonia, please read our data notice.
  <a>OK</a></div>
<div class="container page-wrap">
 <div class="row">
  <div class="col-md-8 post-body">
   <div class="post-date">Posted by the Kestrel research desk</div>
   <div class="sticky-social"><a>Tweet</a> <a>Post</a> <a>Mail</a></div>
{article}
   <div class="author-box"><p>The Kestrel desk tracks Gamaredon and Turla from our Tallinn office.</p></div>
   <div id="disqus_thread"><div class="dsq-comment"><p>Could this be Qakbot? We blocked update-checker-cdn[.]net and
     198.51.100[.]77 last month.</p></div></div>
  </div>
  <div class="col-md-4 right-rail">
   <div class="rail-box"><h4>Trending</h4>
     <ul><li><a>Kimsuky's new stealer</a></li><li><a>Emotet is back</a></li></ul></div>
   <div class="rail-box"><h4>Hash of the day</h4><p>b7e3c0a9d1f24e6a8c5b9d0e1f2a3b4c</p></div>
  </div>
 </div>
</div>
<div class="site-info">Kestrel Intel Ltd, 4 Harbour Road, Tallinn, Estonia - offices in Brazil</div>
</body></html>
"""


def render_blog_page(text: str, *, title: str = "Threat report", layout: str = "landmarks") -> bytes:
    """The report as a vendor's blog post saved from the browser (UTF-8 HTML with all its furniture):
    `landmarks`, a blog theme with nav/aside/footer elements, or `divs`, a page builder's plain divs."""
    template = BLOG_PAGE if layout == "landmarks" else DIV_PAGE
    return template.format(title=html.escape(title), article=article_html(text)).encode()


def render_div_page(text: str, *, title: str = "Threat report") -> bytes:
    """`render_blog_page` with the page builder's layout."""
    return render_blog_page(text, title=title, layout="divs")


# --- bad documents ---------------------------------------------------------------------------------------------


def encrypted_pdf(text: str = "Threat Actor: nobody reads this without the password", user_password: str = "secret"):
    """A PDF that needs a password to open (`user_password=""`: only permissions restricted)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password=user_password or None)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A PDF whose page is a picture only, as a scanner makes it: no text layer."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("L", (400, 560), 235), x=10, y=10, w=190)
    return bytes(pdf.output())


def zip_archive(members: dict[str, bytes]) -> bytes:
    """A deflated ZIP archive of the members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb_docx(unpacked: int = 80 * 1024 * 1024) -> bytes:
    """A few hundred kilobytes named like a Word document that unpack to `unpacked` bytes."""
    return zip_archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<" + b" " * unpacked})
