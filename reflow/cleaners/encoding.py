"""Encoding damage: mojibake, ligatures, stray control characters, odd spaces,
and accents that an extractor wrote as separate spacing characters (or as a
prime after the vowel).

Before: ``Santé Tura, Michèle`` read as UTF-8 bytes in Latin-1
(``SantÃ© Tura, MichÃ¨le``), ``signiﬁcant``, ``Baudiˇs``.
After:  ``Santé Tura, Michèle``, ``significant``, ``Baudiš``.

ftfy does the work, configured to leave correct text alone: curly quotes,
accents, Greek letters, ±, ×, ≤ and superscripts are kept (no NFKC, no quote
uncurling, no HTML unescaping, no width folding). A line of plain ASCII has
nothing for ftfy to fix but control characters, so it skips ftfy entirely:
that is the fast path for most of most documents. A line with other
characters goes to ftfy only when it holds something ftfy could change
(``_ftfy_keeps``): two non-ASCII characters in a row, one of a few mojibake
markers (``Ã``, ``Â``, C1 controls), a ligature, a control character, text
not in NFC.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

import ftfy
import regex
from ftfy.chardata import CONTROL_CHARS, LIGATURES

from ..model import Document, lines_matching, map_texts_at

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,        # '&amp;' in plain text may be literal
    uncurl_quotes=False,        # curly quotes are correct text
    fix_character_width=False,  # NFKC-like folding would also flatten ² and ⁹
    fix_line_breaks=False,      # works line by line
    normalization="NFC",
    explain=False,
)

# Text that ftfy (as configured above) could change; without any, ftfy returns
# NFC text unchanged and is not called, which saves most of the time it takes
# on a line. Its mojibake test (``ftfy.badness.is_bad``) only matches where
# two non-ASCII characters meet or at one of the C1 controls, Â, Ã, Œ or œ;
# its other fixes change only its ligatures, control characters (ANSI
# escapes start with one) and surrogates. Checked against ftfy 6.3.1: with
# another version, ftfy sees every non-ASCII line.
_FTFY_MAY_CHANGE = re.compile(
    "[^\x00-\x7f]{2}|[\x80-\x9f\u00c2\u00c3\u0152\u0153\ud800-\udfff"
    + "".join(sorted({re.escape(chr(c)) for c in (*CONTROL_CHARS, *LIGATURES)})) + "]"
)
_FTFY_CHECKED = ftfy.__version__ == "6.3.1"


def _ftfy_keeps(text: str) -> bool:
    """Would ``ftfy.fix_text(text, _FTFY)`` return ``text`` unchanged?"""
    return (_FTFY_CHECKED and not _FTFY_MAY_CHANGE.search(text)
            and unicodedata.is_normalized("NFC", text) and len(text) <= _FTFY.max_decode_length)


# ASCII control characters other than tab (form feeds were consumed by the reader).
_ASCII_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Controls that separate words (a manual line break \x0b, the information
# separators): a space, not nothing, or ``here\x0bthe`` would become one word.
_SEPARATING_CONTROL = regex.compile(r"[\x0b\x1c-\x1f]+")
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
_ANY_SPACING_ACCENT = re.compile("[" + "".join(map(re.escape, _SPACING_ACCENTS)) + "]")

# A prime after a vowel inside a word: the acute accent of that vowel, written
# after it by some extractors (``Me′decine`` for Médecine). A prime after a digit
# or a lone letter (``5′``, ``A′``) is a real prime and stays.
_PRIME_AFTER_VOWEL = regex.compile(r"(?<=\p{L})([aeiouAEIOU])\u2032(?=\p{Ll})|(?<=\p{L})(e)\u2032(?![\p{L}\p{N}(])")
# A spacing cedilla after its c (``Franc¸aise``): the accent follows the letter.
_CEDILLA_AFTER_C = regex.compile(r"([cC])\u00b8")


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
    >>> repair_line("Socie′te′ Franc¸aise; the 5′-UTR of A′ and f′(x)")
    'Société Française; the 5′-UTR of A′ and f′(x)'
    """
    if text.isascii() and text.isprintable():
        return text  # no control characters: nothing to do
    if not text.isprintable() and _SEPARATING_CONTROL.search(text):  # control characters are unprintable
        text = _SEPARATING_CONTROL.sub(" ", text)
    if text.isascii():
        return _ASCII_CONTROL.sub("", text) if _ASCII_CONTROL.search(text) else text
    fixed = text if _ftfy_keeps(text) else ftfy.fix_text(text, _FTFY)
    if "\u00b8" in fixed:
        fixed = _CEDILLA_AFTER_C.sub(lambda m: "ç" if m[1] == "c" else "Ç", fixed)
    if _ANY_SPACING_ACCENT.search(fixed):  # each match starts with one
        fixed = _ACCENT_BEFORE_LETTER.sub(_compose, fixed)
    if "\u2032" in fixed:
        fixed = _PRIME_AFTER_VOWEL.sub(
            lambda m: unicodedata.normalize("NFC", (m[1] or m[2]) + "\u0301"), fixed)
    return fixed


# A line that is ASCII without control characters comes back from
# ``repair_line`` unchanged: only non-ASCII and control characters (and spaces
# around the text, see ``fix_encoding``) make a line worth a call.
_MAY_CHANGE = re.compile(r"[^\x20-\x7e\n]")


def fix_encoding(doc: Document, config) -> Document:
    """Repair mojibake, ligatures, control characters, odd spaces and spacing
    accents, line by line.

    >>> from reflow.model import doc_of, texts
    >>> texts(fix_encoding(doc_of("the ﬁrst ﬂoor\\ncafÃ© au lait"), None))
    ['the first floor', 'café au lait']
    """
    joined = "\n".join([ln.text for ln in doc.lines])
    candidates = lines_matching(_MAY_CHANGE, joined, len(doc.lines))
    if "\n " in joined or " \n" in joined or joined[:1] == " " or joined[-1:] == " ":
        candidates = range(len(doc.lines))  # a text with spaces around it, which ``strip`` changes
    out = map_texts_at(doc.lines, candidates, lambda text: repair_line(text).strip())
    return doc if out is None else replace(doc, lines=tuple(out))
