"""Encoding damage: mojibake, ligatures, stray control characters, odd spaces,
and accents that an extractor wrote as separate spacing characters.

Before: ``Santé Tura, Michèle`` read as UTF-8 bytes in Latin-1
(``SantÃ© Tura, MichÃ¨le``), ``signiﬁcant``, ``Baudiˇs``.
After:  ``Santé Tura, Michèle``, ``significant``, ``Baudiš``.

ftfy does the work, configured to leave correct text alone: curly quotes,
accents, Greek letters, ±, ×, ≤ and superscripts are kept (no NFKC, no quote
uncurling, no HTML unescaping, no width folding). A line of plain ASCII has
nothing for ftfy to fix but control characters, so it skips ftfy entirely:
that is the fast path for most of most documents.
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from functools import lru_cache

import ftfy
import regex

from ..model import Document

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,        # '&amp;' in plain text may be literal
    uncurl_quotes=False,        # curly quotes are correct text
    fix_character_width=False,  # NFKC-like folding would also flatten ² and ⁹
    fix_line_breaks=False,      # works line by line
    normalization="NFC",
    explain=False,
)

# ASCII control characters other than tab (form feeds were consumed by the reader).
_ASCII_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Spacing accents (U+02C7 caron, U+00B4 acute, U+02D8 breve, ...) and the
# combining mark each stands for. pypdf writes ``Baudiˇs`` for Baudiš.
_SPACING_ACCENTS = {
    "\u02c7": "\u030c", "\u00b4": "\u0301", "\u02d8": "\u0306", "\u00a8": "\u0308",
    "\u02c6": "\u0302", "\u02dc": "\u0303", "\u02da": "\u030a", "\u00b8": "\u0327",
    "\u02dd": "\u030b", "\u02db": "\u0328", "`": "\u0300",
}
# An accent directly before a letter, inside a word or (for the non-ASCII
# accents) at its start: ``Baudiˇs``, ``ˇSediv`y``. A backtick only counts
# between two letters, where it cannot be Markdown or a quote.
_ACCENT_BEFORE_LETTER = regex.compile(
    r"(?:(?<=\p{L})`|[\u02c7\u00b4\u02d8\u00a8\u02c6\u02dc\u02da\u00b8\u02dd\u02db])(\p{L})"
)


def _compose(m: regex.Match) -> str:
    accent, letter = m.group()[0], m.group(1)
    composed = unicodedata.normalize("NFC", letter + _SPACING_ACCENTS[accent])
    return composed if len(composed) == 1 else m.group()


@lru_cache(maxsize=65536)
def repair_line(text: str) -> str:
    """Repair one line's characters.

    >>> repair_line("signiﬁcant SantÃ© “quoted” 2 × 10⁹/L ±3 ≤5 β2")
    'significant Santé “quoted” 2 × 10⁹/L ±3 ≤5 β2'
    >>> repair_line("(Baudiˇs and ˇSediv`y, 2015)")
    '(Baudiš and Šedivỳ, 2015)'
    """
    if text.isascii():
        return _ASCII_CONTROL.sub("", text) if _ASCII_CONTROL.search(text) else text
    fixed = ftfy.fix_text(text, _FTFY)
    fixed = _ACCENT_BEFORE_LETTER.sub(_compose, fixed)
    return fixed


def fix_encoding(doc: Document, config) -> Document:
    """Repair mojibake, ligatures, control characters, odd spaces and spacing
    accents, line by line.

    >>> from reflow.model import doc_of, texts
    >>> texts(fix_encoding(doc_of("the ﬁrst ﬂoor\\ncafÃ© au lait"), None))
    ['the first floor', 'café au lait']
    """
    lines = doc.lines
    changed = False
    out = []
    for line in lines:
        new = repair_line(line.text)
        if new != line.text:
            changed = True
            line = line.with_text(new.strip())
        out.append(line)
    return replace(doc, lines=tuple(out)) if changed else doc
