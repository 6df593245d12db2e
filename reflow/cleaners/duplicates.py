"""Duplicated fragments: a paragraph, a line or the head of an entry printed
twice, by an extractor that emitted a text box twice or by OCR of two
overlapping scans (the second copy often garbled).

Before (two neighbouring blocks)::

    Okonkwo B, Haldane R, Teixeira M, Lindqvist P. Soil microbes in
    Okonkwo B, Haldane R, Teixeira M, Lindqvist P. Soil microbes in drained peatlands. Soil Biol 2014;12:33-41.

After: one block, ``Okonkwo B, ... Soil Biol 2014;12:33-41.``

Two blocks close to each other (``WINDOW`` blocks apart, never the whole
document pairwise) whose texts are near-identical, or where one is a
near-copy of the head of the other, keep one copy: the better spelled one
(more words the lexicon knows). A fragment whose tail repeats the head of the
next block (an overlap: ``... in`` / ``et al. Root growth in ...``) is
merged with it, the overlap written once in its better spelled version.
Short texts (a table cell, a refrain, a repeated short heading) are never
touched: they are repeated on purpose. The removed block disappears from the
document, which the pipeline's trace records.

>>> merge_overlap("Nakai Y, Obi C. Effects of salinity on rice", "Nakai Y, Obi C. Effects of salinity on rice roots. Plant J 2001;4:1-9.")
'Nakai Y, Obi C. Effects of salinity on rice roots. Plant J 2001;4:1-9.'
>>> merge_overlap("Varga K, et al. Grawth of spruce seedlings under", "et al. Growth of spruce seedlings under drought. Tree Phys 1999;8:2-7.")
'Varga K, et al. Growth of spruce seedlings under drought. Tree Phys 1999;8:2-7.'
>>> merge_overlap("Ferro P. Salt marsh birds. Ibis 2002;9:1-4.", "Ferro P. Salt marsh plants. Oikos 2004;3:5-8.") is None
True
"""
from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

import regex
from rapidfuzz import fuzz

from ..lexicon import zipf
from ..model import CAPTION, HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block, Document
from .headings import _ATX

# How many blocks ahead a copy is looked for.
WINDOW = 3
# A duplicate must be at least this long to be removed: shorter repeats
# (table cells, refrains, short headings) are usually meant.
MIN_CHARS = 40
MIN_WORDS = 8
# Similarity (rapidfuzz ratio, 0-100) of two copies of the same text.
SAME = 90
# Similarity of an overlapping tail and head when the first text is clearly
# cut off (it ends in a comma or a word that cannot end a sentence).
OVERLAP = 80

_WORD = regex.compile(r"\p{L}{3,}")
_SPACE = regex.compile(r"\s+")
# Whitespace to ``str.split`` but not to ``\s``.
_INFO_SEPARATOR = re.compile("[\x1c-\x1f]")
# Figures standing alone (``10 mg``, ``2004``), not digits inside an OCR-garbled word (``si1t``).
_DIGITS = regex.compile(r"(?<!\p{L})\d+(?:[.,]\d+)*(?!\p{L})")
_OPEN_END = regex.compile(
    r"(?:[,;(\-–]|\b(?i:a|an|the|of|and|or|in|on|at|to|for|with|by|from|that|which|as|is|are|was|were|"
    r"into|than|between|after|before|during|under|over|via|versus|vs)|(?<![\p{L}.])\p{Lu}\.?)$"
)
# A match of ``_OPEN_END`` is at most 7 characters long (``between``) and looks
# one character before it: the last characters of a text are enough to search.
_OPEN_END_REACH = 24


def spelling(text: str) -> float:
    """Share of the words (3+ letters) that the lexicon knows: a garbled copy
    scores lower than a clean one.

    >>> spelling("Seasonal rainfall") > spelling("Seasanal rainfall")
    True
    """
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(zipf(w) >= 1.0 for w in words) / len(words)


@lru_cache(maxsize=256)  # a block is compared with each of its neighbours
def _norm(text: str) -> str:
    if not _INFO_SEPARATOR.search(text):  # then ``split`` splits where ``\s+`` matches
        return " ".join(text.split()).lower()
    return _SPACE.sub(" ", text).strip().lower()


def ends_open(text: str) -> bool:
    """The text stops where it cannot end: a comma, ``of``, ``for``, ``and``…

    >>> ends_open("Yield losses of"), ends_open("Soil Biol 2014;12:33-41.")
    (True, False)
    """
    text = text.rstrip()
    if text.endswith(".") and text[-2:-1].isascii() and not text[-2:-1].isupper():
        return False  # a final full stop ends open only after a capital (an initial)
    return bool(_OPEN_END.search(text[-_OPEN_END_REACH:]))


def garbled_copy(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` differ only where one of them is garbled? Each
    differing stretch must hold a word the lexicon does not know on one side
    (``Seasanal`` / ``Seasonal``), and no figures may differ: ``first`` /
    ``second`` or ``10 mg`` / ``20 mg`` are two texts, not two copies.

    >>> garbled_copy("Hallarsen K, Dlaz M. Vield of", "Halvorsen K, Diaz M. Yield of")
    True
    >>> garbled_copy("The first group took 10 mg daily.", "The second group took 20 mg daily.")
    False
    """
    ta, tb = a.split(), b.split()
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        left, right = " ".join(ta[i1:i2]), " ".join(tb[j1:j2])
        if not _WORD.search(left + right):
            continue  # punctuation only
        if op != "replace":
            return False  # a word more or less: another text
        if spelling(left) == 1.0 and spelling(right) == 1.0 and left.lower() != right.lower():
            return False  # two real words: a real difference
    return True


def _better(a: str, b: str) -> str:
    """The better spelled of two copies; the first on a tie."""
    return b if spelling(b) > spelling(a) else a


def merge_overlap(a: str, b: str, *, cut_off: bool | None = None) -> str | None:
    """``a`` and ``b`` as one text when ``a`` ends with a (near) copy of the
    head of ``b``, or ``a`` is a (near) copy of ``b``'s head; else None.

    The overlap must be 4+ words and 25+ characters. When ``a`` is cut off
    (``cut_off``, by default: it ends in a comma or a word that cannot end a
    sentence) a similarity of ``OVERLAP`` suffices; otherwise ``SAME``.
    """
    wa, wb = a.split(), b.split()
    if len(wa) < 4 or len(wb) < 4:
        return None
    if cut_off is None:
        cut_off = ends_open(a)
    need = OVERLAP if cut_off else SAME
    # ``_norm`` of words joined by single spaces: the lower-cased words, joined.
    la, lb = [w.lower() for w in wa], [w.lower() for w in wb]
    best: tuple[float, int, int] | None = None
    for k in range(min(len(wa), len(wb)), 3, -1):
        tail = " ".join(wa[-k:])
        if len(tail) < 25:
            break
        tail_norm = " ".join(la[-k:])
        for kb in (k, k - 1, k + 1):  # OCR may split or join a word
            if not 4 <= kb <= len(wb):
                continue
            # Below the cutoff, rapidfuzz stops early and gives 0.
            score = fuzz.ratio(tail_norm, " ".join(lb[:kb]), score_cutoff=need)
            if score >= need and (best is None or score > best[0]):
                head = " ".join(wb[:kb])
                if garbled_copy(tail, head):
                    best = (score, k, kb)
    if best is None:
        return None
    _, k, kb = best
    tail, head = " ".join(wa[-k:]), " ".join(wb[:kb])
    return " ".join([*wa[:-k], _better(tail, head), *wb[kb:]])


def _text_block(block: Block) -> bool:
    """Body text: not a heading, not even a Markdown one read again (``# Title``,
    which ``detect_headings`` makes a heading later)."""
    return block.kind in (PARAGRAPH, LIST_ITEM) and not block.rows and not _ATX.match(block.text)


def _long(text: str) -> bool:
    return len(text) >= MIN_CHARS and len(text.split(None, MIN_WORDS - 1)) >= MIN_WORDS  # counts to MIN_WORDS


def _same(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 0.15 * max(len(a), len(b)):
        return False
    # Below the cutoff, rapidfuzz stops early and gives 0.
    return fuzz.ratio(_norm(a), _norm(b), score_cutoff=SAME) >= SAME and garbled_copy(a, b)


def drop_duplicate_fragments(doc: Document, config) -> Document:
    """Remove a near-copy of a nearby block, or merge a cut-off block into the
    block whose head it repeats.

    >>> from reflow.model import Block, Line, PARAGRAPH
    >>> def para(t):
    ...     return Block(PARAGRAPH, t, (Line(t),))
    >>> doc = Document(blocks=(
    ...     para("The survey covered forty farms in the northern valleys."),
    ...     para("The survey covercd forty farrns in the northern valleys."),
    ...     para("Yields fell."), para("Yields fell."),
    ... ))
    >>> [b.text for b in drop_duplicate_fragments(doc, None).blocks]
    ['The survey covered forty farms in the northern valleys.', 'Yields fell.', 'Yields fell.']
    """
    blocks = list(doc.blocks)
    if len(blocks) < 2:
        return doc
    # Which blocks are long body text, judged once: kept in step with ``blocks``.
    long_text = [_text_block(b) and _long(b.text) for b in blocks]
    out: list[Block] = []
    i = 0
    changed = False
    while i < len(blocks):
        a = blocks[i]
        if not long_text[i]:
            out.append(a)
            i += 1
            continue
        done = False
        for j in range(i + 1, min(len(blocks), i + 1 + WINDOW)):
            b = blocks[j]
            if b.kind in (HEADING, TABLE, CAPTION):
                break  # a copy is not looked for across a heading or a table
            if not long_text[j] or a.kind != b.kind or a.label != b.label:
                continue
            if _same(a.text, b.text):
                if spelling(b.text) > spelling(a.text):  # the second copy is the better
                    blocks[j] = replace(b, lines=a.lines + b.lines)
                else:  # the first copy stays where it is; the second goes
                    out.append(replace(a, lines=a.lines + b.lines))
                    del blocks[j], long_text[j]
                done = changed = True
                break
            if j == i + 1 and ends_open(a.text):
                merged = merge_overlap(a.text, b.text, cut_off=True)
                if merged is not None:
                    blocks[j] = replace(b, text=merged, lines=a.lines + b.lines)
                    long_text[j] = _text_block(blocks[j]) and _long(merged)
                    done = changed = True
                    break
        if not done:
            out.append(a)
        i += 1
    return replace(doc, blocks=tuple(out)) if changed else doc


# For the content ledger: removing a repeated copy is this cleaner's job.
drop_duplicate_fragments.removes_text = True
