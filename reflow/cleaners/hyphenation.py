"""stub"""
from ..model import Document


def join_hyphenated_words(doc: Document, config) -> Document:
    return doc
