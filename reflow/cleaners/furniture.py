"""Page furniture: page numbers, running headers and footers. (stub)"""
from __future__ import annotations

from ..model import Document


def strip_page_furniture(doc: Document, config) -> Document:
    return doc
