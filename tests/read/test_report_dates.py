"""The report's own date: bylines and date lines (tests/data/report-dates/lines.yaml, must and must-not), the order
of the places a report states it, saved pages written here (meta tags, JSON-LD, `<time>`, byline elements; never a
comment's or a related post's date) and PDF and Word files rendered here with the real writers (fpdf2, python-docx)
carrying their properties' dates."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
import yaml
from report_renderings import render_docx, render_pdf

from misp_module.read.reader import read_report
from misp_module.read.report_dates import byline_date, labelled_date

MAX = 5 * 1024 * 1024
CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "report-dates" / "lines.yaml").read_text())


def read(data: bytes, name: str, fallback: datetime.date | None = None):
    return read_report(data, identity=name, name=name, max_bytes=MAX, fallback_date=fallback)


@pytest.mark.parametrize(("line", "expected"), CASES["bylines"]["must"])
def test_a_byline_gives_the_report_date(line: str, expected: datetime.date) -> None:
    stated = byline_date(line)
    assert stated is not None and stated.date == expected, line


@pytest.mark.parametrize("line", CASES["bylines"]["must_not"])
def test_a_date_of_an_event_or_prose_is_no_byline(line: str) -> None:
    assert byline_date(line) is None, line


@pytest.mark.parametrize(("text", "expected"), CASES["labelled"]["must"])
def test_a_labelled_line_gives_the_report_date(text: str, expected: datetime.date) -> None:
    stated = labelled_date(text)
    assert stated is not None and stated.date == expected, text


@pytest.mark.parametrize("text", CASES["labelled"]["must_not"])
def test_a_label_that_dates_something_else_gives_none(text: str) -> None:
    assert labelled_date(text) is None, text


# --- text reports: the opening, and the order of the places ------------------------------------------------------

FALLBACK = datetime.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A byline under the title.
        (
            "# Loader returns\n*Research note · 4 November 2025 · 9 min read*\n\nThe loader came back in October.\n",
            "2025-11-04",
        ),
        # A date line above the headline of a news page.
        ("THE WIRE DESK | Security | 17 November 2025\nCarriers breached for a year\nBy Ana Ruiz\n", "2025-11-17"),
        # Front matter wins over the byline, the labelled line over the byline.
        ("---\ndate: 2025-02-01\n---\n# T\nPublished 3 March 2025\n\nText of the report goes on here.\n", "2025-02-01"),
        ("# T\nPublished 3 March 2025\n\nBody text.\n\nDate: 2 March 2025\n", "2025-03-02"),
        # Timeline rows, bullets and tables at the top are no byline; nor is the date of an event in prose.
        ("# Timeline\n- 12 March 2025 — initial access\n| 14 March 2025 | encryption |\n\nMore text here.\n", None),
        ("# Intrusion notes\n\nOn 12 March 2025 the operators sent the first lure to the finance team.\n", None),
        ("# Campaign\n\nFirst seen: 12 March 2024\nLast seen: 20 May 2025\n\nThe lures kept coming.\n", None),
        # A byline further down than the opening (a related post's date at the foot) is not read.
        ("# T\n\n" + "A line of the report's prose that goes on.\n" * 14 + "Published 3 March 2024\n", None),
        # A copyright line alone gives no date.
        ("# T\n© 2025 Example Security\n\nThe report's text.\n", None),
    ],
)
def test_the_opening_text_gives_the_date(text: str, expected: str | None) -> None:
    report = read(text.encode(), "r.md", FALLBACK)
    assert report.date == (datetime.date.fromisoformat(expected) if expected else FALLBACK)
    assert report.date_stated is (expected is not None)


# --- saved pages ---------------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Loader returns</title>{head}</head>
<body><nav class="site-nav"><a>Home</a> <a>Research</a></nav>
<aside class="sidebar"><h3>Recent posts</h3><ul><li><a>Older post</a> <span class="date">2 January 2023</span></li>
</ul></aside>
<article>
<h1>Loader returns with a new packer</h1>
{byline}
<p>The loader came back in October, now packed with a commercial protector, and its operators rented new servers in
three countries. We saw it on the networks of two logistics firms and a regional council in our telemetry.</p>
<h2>Timeline</h2>
<table><tr><td class="date">12 March 2024</td><td>first sample</td></tr></table>
<p>Further analysis follows in a second part of this series of posts about the loader.</p>
</article>
<section class="comments"><div class="comment"><span class="meta">Reply · 3 June 2021</span><p>Nice work.</p></div>
</section>
<footer class="site-footer">© 2025 Example Security · Posted 1 January 2020</footer>
</body></html>"""


@pytest.mark.parametrize(
    ("head", "byline", "expected"),
    [
        ('<meta property="article:published_time" content="2025-11-04T08:00:00+00:00">', "", "2025-11-04"),
        (
            '<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting",'
            '"datePublished":"2025-10-30","hasPart":[{"@type":"BlogPosting","datePublished":"2021-01-01"}]}</script>',
            "",
            "2025-10-30",
        ),
        (
            '<script type="application/ld+json">{"@graph":[{"@type":"Organization","name":"Example"},'
            '{"@type":"NewsArticle","datePublished":"2025-09-15T10:00:00Z"}]}</script>',
            "",
            "2025-09-15",
        ),
        ("", '<p class="byline">By Ana Ruiz and Li Wei · 9 November 2025 · 11 min read</p>', "2025-11-09"),
        (
            "",
            '<div class="entry-meta">Posted on <time datetime="2025-08-27">27 August</time> by Ana</div>',
            "2025-08-27",
        ),
        ("", '<p><time pubdate datetime="2025-07-01T09:00">1 July</time></p>', "2025-07-01"),
        # The metadata of publication wins over the byline.
        (
            '<meta name="date" content="2025-11-03">',
            '<p class="byline">By Ana Ruiz · 9 November 2025</p>',
            "2025-11-03",
        ),
        # A related article nested in the page's JSON-LD is no date of the page.
        (
            '<script type="application/ld+json">{"@type":"WebSite","name":"Example","hasPart":'
            '[{"@type":"BlogPosting","datePublished":"2021-01-01"}]}</script>',
            "",
            None,
        ),
        # Only the sidebar's, the timeline table's, the comments' and the footer's dates: none of them the post's.
        ("", "", None),
        # A meta tag of modification is no publication date.
        ('<meta property="article:modified_time" content="2025-12-01T08:00:00+00:00">', "", None),
    ],
)
def test_a_saved_page_gives_its_own_date(head: str, byline: str, expected: str | None) -> None:
    page = PAGE.format(head=head, byline=byline).encode()
    report = read(page, "post.html", FALLBACK)
    assert report.date == (datetime.date.fromisoformat(expected) if expected else FALLBACK)


def test_a_byline_the_article_reader_drops_still_dates_the_page() -> None:
    """The byline element is furniture to the article reader (its text is no report's), but its date is the
    report's."""
    page = PAGE.format(head="", byline='<p class="byline">By Ana Ruiz · 9 November 2025</p>').encode()
    report = read(page, "post.html", FALLBACK)
    assert "By Ana Ruiz" not in report.text and report.date == datetime.date(2025, 11, 9)


# --- documents -----------------------------------------------------------------------------------------------------

BODY = (
    "# Loader returns with a new packer\n\n"
    "The loader came back in October, now packed with a commercial protector, and its operators rented new "
    "servers in three countries.\n\n## Details\n\nThe second stage is fetched from a paste site.\n"
)


def _pdf(text: str, created: datetime.datetime | None) -> bytes:
    import pymupdf

    data = render_pdf(text)
    document = pymupdf.open(stream=data, filetype="pdf")
    stamp = f"D:{created:%Y%m%d%H%M%S}Z" if created else ""
    document.set_metadata({**document.metadata, "creationDate": stamp, "modDate": ""})
    return document.tobytes()


def _docx(text: str, **properties: datetime.datetime | None) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(render_docx(text)))
    for key, value in properties.items():
        setattr(document.core_properties, key, value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_pdf_without_a_byline_is_dated_by_its_creation_date() -> None:
    report = read(_pdf(BODY, datetime.datetime(2025, 4, 15, 9, 30)), "r.pdf", FALLBACK)
    assert report.date == datetime.date(2025, 4, 15) and report.date_stated


def test_a_byline_on_the_first_page_wins_over_the_pdf_creation_date() -> None:
    """A print or re-export of an older report: the file is newer than the report."""
    text = BODY.replace("\n\nThe loader", "\n\nPublished 2 March 2025 · Research note\n\nThe loader", 1)
    report = read(_pdf(text, datetime.datetime(2025, 9, 1)), "r.pdf", FALLBACK)
    assert report.date == datetime.date(2025, 3, 2)


def test_a_pdf_without_any_date_falls_back() -> None:
    assert read(_pdf(BODY, None), "r.pdf", FALLBACK).date == FALLBACK


def test_a_cover_month_takes_the_pdf_date_of_that_month() -> None:
    text = BODY.replace(
        "\n\nThe loader", "\n\nExample Research · Technical report ER-25-09 · September 2025\n\nThe loader", 1
    )
    assert read(_pdf(text, datetime.datetime(2025, 9, 18)), "r.pdf", FALLBACK).date == datetime.date(2025, 9, 18)
    assert read(_pdf(text, datetime.datetime(2026, 2, 3)), "r.pdf", FALLBACK).date == datetime.date(2025, 9, 1)


def test_a_word_document_is_dated_by_its_last_save_then_its_creation() -> None:
    modified = _docx(BODY, created=datetime.datetime(2019, 5, 1), modified=datetime.datetime(2025, 6, 30, 17, 0))
    assert read(modified, "r.docx", FALLBACK).date == datetime.date(2025, 6, 30)


def test_python_docx_template_dates_are_no_report_date() -> None:
    """python-docx's template is dated 2013-12-23 23:15: every document a tool makes with it carries that date."""
    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("The loader came back in October, packed with a commercial protector this time.")
    document.save(out)
    assert read(out.getvalue(), "r.docx", FALLBACK).date == FALLBACK


def test_a_pdf_date_before_any_report_or_in_the_future_is_ignored() -> None:
    assert read(_pdf(BODY, datetime.datetime(1980, 1, 1)), "r.pdf", FALLBACK).date == FALLBACK
    future = datetime.datetime.now() + datetime.timedelta(days=400)
    assert read(_pdf(BODY, future), "r.pdf", FALLBACK).date == FALLBACK
