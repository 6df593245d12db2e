"""stub"""
from ..model import Document


def build_paragraphs(doc: Document, config) -> Document:
    return doc
