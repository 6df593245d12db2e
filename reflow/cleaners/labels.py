"""Metadata labels glued to their values by a scraper that dropped the cell
boundary between them.

Before::

    Original languageGerman
    Page numbers112-119
    Output type: Chapter in bookReport
After::

    Original language: German
    Page numbers: 112-119
    Output type: Chapter in book, Report

A short line that starts like a label (a capitalised word, up to three more
words, then a common lower-case word) with a capitalised word or a number
glued straight onto its last word is split there, and the glued form must be
unknown as a word: ``JavaScript``, ``iPhone``, ``YouTube`` and ``McDonald``
stay, and so does a line of running text (too long, or not label-shaped).
A capitalised word glued to a lower-case one after it (``Reportpeer-review``)
is split where both halves are common words, if exactly one split does that.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from ..lexicon import zipf
from ..model import Document, lines_matching, map_texts_at

# A label line: an optional ``Name: `` prefix, a capitalised word, up to three
# more words, then the last label word glued to a capital or a digit.
_LABEL = r"\p{Lu}\p{Ll}*(?:\s\p{L}+){0,3}?\s(?P<left>\p{Ll}{3,})"
_GLUED = regex.compile(rf"^(?P<label>(?:[\p{{L}} ]{{2,40}}:\s)?{_LABEL})(?P<right>\p{{Lu}}\p{{Ll}}+|\d)")
# The same for a line with no colon, so with no prefix (a cheaper pattern).
_GLUED_BARE = regex.compile(rf"^(?P<label>{_LABEL})(?P<right>\p{{Lu}}\p{{Ll}}+|\d)")
# A capitalised word glued to a lower-case one: ``Articlepeer``.
_CAP_GLUE = regex.compile(r"(?<![\p{L}])(?P<word>\p{Lu}\p{Ll}{3,})(?![\p{L}])")
# Where ``_GLUED`` can match: a lower-case label word's last three letters
# glued to a capitalised word (or, with ``_GLUED_NUMBER``, to a digit).
# (The capital looked for first, then the letters before it: a faster scan.)
_GLUED_WORD = regex.compile(r"(?<=\p{Ll}{3})\p{Lu}\p{Ll}")
_GLUED_NUMBER = regex.compile(r"(?<=\p{Ll}{3})(?:\p{Lu}\p{Ll}|\d)")
MAX_LINE = 80
# The label word and each half of a split must be at least this common.
WORD_ZIPF = 3.5


def _split_pair(word: str) -> str:
    """``Articlepeer`` -> ``Article, peer`` when exactly one split gives two
    common words; otherwise the word unchanged.

    >>> _split_pair("Reportpeer")
    'Report, peer'
    >>> _split_pair("Hematology")
    'Hematology'
    """
    if zipf(word) > 0:
        return word
    splits = [(word[:i], word[i:]) for i in range(3, len(word) - 2)
              if zipf(word[:i]) >= WORD_ZIPF and zipf(word[i:]) >= WORD_ZIPF]
    if len(splits) != 1:
        return word
    a, b = splits[0]
    return f"{a}, {b}"


def split_label(text: str, numbers: bool = True) -> str:
    """One line's glued label and value, separated. A label glued to a number
    (``Page numbers112``) is split only when ``numbers`` is true.

    >>> split_label("Original languageGerman")
    'Original language: German'
    >>> split_label("Page numbers112-119")
    'Page numbers: 112-119'
    >>> split_label("Output type: Chapter in bookReportpeer-review")
    'Output type: Chapter in book, Report, peer-review'
    >>> split_label("Written in JavaScript and shown on YouTube")
    'Written in JavaScript and shown on YouTube'
    >>> split_label("Sales of the iPhone rose")
    'Sales of the iPhone rose'
    """
    if len(text) > MAX_LINE or text[-1:] in ".;,":
        return text
    if ":" not in text:  # no ``Name: `` prefix: the label starts the line, with a capital
        first = text[:1]
        if first.isascii() and not "A" <= first <= "Z":
            return text  # a cheap test first
        m = _GLUED_BARE.match(text)
    else:
        m = _GLUED.match(text)
    if not m:
        return text
    left = m["left"]
    if zipf(left) < WORD_ZIPF:
        return text
    rest = text[m.end("left"):]
    if m["right"].isdigit():
        if not numbers:
            return text
        glued = left + regex.match(r"\d+", rest).group()
    else:
        value = regex.match(r"\p{L}+", rest).group()  # ``English``, ``Articlepeer``
        if zipf(value) < 3 and _split_pair(value) == value:
            return text
        glued = left + m["right"]
    if zipf(glued) > 0:
        return text
    sep = ", " if ":" in m["label"] else ": "
    rest = _CAP_GLUE.sub(lambda w: _split_pair(w["word"]), rest, count=1)
    return m["label"] + sep + rest


def split_glued_labels(doc: Document, config) -> Document:
    """Separate labels glued to their values, line by line. A label glued to
    a number (``Issue number11``, but also ``Importing item2``) is split only
    in a document that shows a label glued to a word too: the scraper dropped
    the boundary on every row of its metadata table.

    >>> from reflow.model import doc_of, texts
    >>> texts(split_glued_labels(doc_of("Publication statusAccepted - 2019\\nVolume number12"), None))
    ['Publication status: Accepted - 2019', 'Volume number: 12']
    >>> texts(split_glued_labels(doc_of("Loading module item2\\nVolume number12"), None))
    ['Loading module item2', 'Volume number12']
    """
    # Only a line where ``_GLUED`` can find its label and value can change: found in one scan.
    lines = doc.lines
    joined = "\n".join([ln.text for ln in lines])
    texts = [lines[i].text for i in lines_matching(_GLUED_WORD, joined, len(lines))]
    if not any(split_label(text, numbers=False) != text for text in texts if text):
        return doc
    new = map_texts_at(lines, lines_matching(_GLUED_NUMBER, joined, len(lines)), split_label)
    return doc if new is None else replace(doc, lines=tuple(new))
