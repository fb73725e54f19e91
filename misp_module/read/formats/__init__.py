"""Report file formats: a PDF or Word document becomes markdown text before the templates read it.

The format is told by the file's bytes (a PDF starts with `%PDF-`, a Word document is a ZIP holding
`word/document.xml`), not by its name alone. The libraries are imported only when a file of their format is read,
so converting text reports costs nothing of them."""

from __future__ import annotations

from ...errors import ReportError
from ..decode import check_size, decode_report
from .page_text import without_page_furniture
from .properties import Document

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCUMENT_SUFFIXES = (".pdf", ".docx")


def read_document(data: bytes, name: str, max_bytes: int) -> Document:
    """A report file's text: a PDF or Word document as markdown (with its properties' date), anything else
    decoded as text."""
    check_size(len(data), name, max_bytes)
    kind = document_format(data, name)
    if kind:
        return convert_document(data, name, kind)
    return Document(without_page_furniture(decode_report(data, name, max_bytes)))


def document_format(data: bytes, name: str) -> str | None:
    """'pdf' or 'docx' for a document the readers convert; None for text (decoded as today)."""
    # A PDF starts with its header (readers accept junk before it: only in a file named .pdf here, so a text
    # report quoting "%PDF-" stays text).
    if data.lstrip()[:5] == b"%PDF-" or (b"%PDF-" in data[:1024] and name.lower().endswith(".pdf")):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    if data.startswith(_OLE_MAGIC):
        raise ReportError(name, "a legacy Word (.doc) or Office binary file; save it as .docx or PDF")
    if name.lower().endswith((".pdf", ".docx")):
        kind = name.rsplit(".", 1)[-1].upper()
        raise ReportError(name, f"not a {kind} file (its content does not start as one)")
    return None


def convert_document(data: bytes, name: str, kind: str) -> Document:
    """The markdown text of a PDF or Word document, with the date of its properties."""
    if kind == "pdf":
        from .pdf import pdf_document

        return pdf_document(data, name)
    from .docx import docx_document

    return docx_document(data, name)
