"""Headings: title, section headings, run-in labels. (stub)"""
from __future__ import annotations

from ..model import Document


def detect_headings(doc: Document, config) -> Document:
    return doc
