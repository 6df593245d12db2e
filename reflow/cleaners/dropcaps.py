"""Drop caps: the large first letter of an article, which an extractor writes
on a line of its own, sometimes far from the rest of its word.

Before (blocks)::

    W
    Received 3 May 2021; accepted 9 June 2021.
    etlands store a third of the soil carbon of the region, yet they

After::

    Received 3 May 2021; accepted 9 June 2021.
    Wetlands store a third of the soil carbon of the region, yet they

A lone capital letter is joined to the next paragraph that starts in lower
case when the letter completes its first word: the joined word is known (in
the document or the lexicon) and clearly commoner than the fragment
(``etlands`` is no word, ``Wetlands`` is; ``he`` is a word, but ``The`` is far
commoner). Otherwise the letter stays where it is.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from ..lexicon import zipf
from ..model import PARAGRAPH, Document
from .hyphenation import Vocabulary

# How many blocks may separate the letter from the rest of its word.
MAX_GAP = 12
_LETTER = regex.compile(r"^\p{Lu}$")
_FIRST_WORD = regex.compile(r"^\p{Ll}+")
# The joined word must be this much commoner (Zipf) than the fragment alone.
MARGIN = 1.0


def _completes(letter: str, text: str, vocab) -> bool:
    """``vocab()`` gives the document's vocabulary (built when first needed)."""
    m = _FIRST_WORD.match(text)
    if not m:
        return False
    rest = m.group()
    joined = (letter + rest).lower()
    known = zipf(joined) or (3.0 if vocab()[joined] else 0.0)
    if not known:
        return False
    if zipf(rest) > 0:  # the fragment is a word too: the joined one must be far commoner
        return known >= zipf(rest) + MARGIN
    return vocab()[rest] <= 1  # the fragment occurs only here


def mend_drop_caps(doc: Document, config) -> Document:
    """Join a drop-cap letter to the rest of its word.

    >>> from reflow.model import Block, Document
    >>> doc = Document(blocks=(Block("paragraph", "T"), Block("paragraph", "Note 1."),
    ...                        Block("paragraph", "he river rose.")))
    >>> [b.text for b in mend_drop_caps(doc, None).blocks]
    ['Note 1.', 'The river rose.']
    """
    blocks = list(doc.blocks)
    if not any(b.kind == PARAGRAPH and b.text[:1].isupper() and
               (len(b.text) == 1 or b.text[1:2] == " ") for b in blocks):
        return doc
    found = []

    def vocab():  # the vocabulary of the blocks as they came, made at the first candidate
        if not found:  # (counting only the few words looked up, not all of them)
            found.append(Vocabulary.of([b.text for b in doc.blocks]))
        return found[0]

    changed = False
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind != PARAGRAPH:
            i += 1
            continue
        first_line = b.lines[0].text if b.lines else b.text
        if _LETTER.match(first_line) and len(b.lines) > 1 and _completes(b.text[0], b.text[2:], vocab):
            # The letter on its own line, the rest of the word on the next.
            blocks[i] = replace(b, text=b.text[0] + b.text[2:])
            changed = True
        elif _LETTER.match(b.text):
            for j in range(i + 1, min(len(blocks), i + 1 + MAX_GAP)):
                nxt = blocks[j]
                if nxt.kind == PARAGRAPH and nxt.text[:1].islower():
                    if _completes(b.text, nxt.text, vocab):
                        blocks[j] = replace(nxt, text=b.text + nxt.text, lines=b.lines + nxt.lines)
                        del blocks[i]
                        changed = True
                        i -= 1
                    break
        i += 1
    return replace(doc, blocks=tuple(blocks)) if changed else doc
