"""Symbols lost to a font mapping: math and symbol-font characters read as
Latin ones, superscripts flattened onto the line, and Greek or Cyrillic
letters standing in for Latin ones.

Before::

    counts of 4 3 109/L (3109L) and 150x109/L; 1.4 mg/m2; 10^7 cells
    ª 2011 Example Press; median b2 microglobulin; ΝR rate
After::

    counts of 4 × 10⁹/L (×10⁹/L) and 150x10⁹/L; 1.4 mg/m²; 10⁷ cells
    © 2011 Example Press; median β2 microglobulin; NR rate

Each repair fires only in a context where the garbled reading cannot be
meant: ``109/L`` right after a multiplication sign is a power of ten (nobody
multiplies by a hundred and nine per litre), a ``3`` between a number and
``109/L`` is the ``×`` of a symbol font, ``ª`` before a year is ``©``. Table
note marks that a symbol font turned into ``y`` (†) and ``{`` (‡) are restored
only where the document shows its notes marked that way (a note line that is
only the mark, in a run of other note marks). Real Greek (``β2``, ``κ``,
``IFNγ``) is kept; a Greek capital that looks exactly like a Latin one, alone
in Latin text or inside a Latin word, is the Latin letter.
"""
from __future__ import annotations

import re

import regex

from dataclasses import replace

from ..model import Document, Line, lines_matching, map_texts_at, with_lines

_SUPER = str.maketrans("0123456789-−+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁺")

# Any character or pair that one of the rules below starts from; a line without
# one is left alone (the fast path for most lines). On a line of plain ASCII
# only the ASCII ones can occur, and the standard library's engine finds
# them faster. (``2(?<=[mc]2)\b`` is ``[mc]2\b``, ``:(?<=cid:)`` is ``cid:``:
# an engine skips faster to a digit or colon than to a common letter.)
_GREEK_TERM_START = r"[abgdkl]2?[- ](?:micro|ag|am|bl|lac|thal|cat|syn|glob|fet|adr|light)"
_OTHER_TRIGGERS = r"10\d|\^|2(?<=[mc]2)\b|3(?<=m3)\b|:(?<=cid:)"
_TRIGGER = regex.compile(_OTHER_TRIGGERS + "|" + _GREEK_TERM_START + r"|[ª−χ]|[\p{Greek}\p{Cyrillic}]")
_ASCII_TRIGGER = re.compile(_OTHER_TRIGGERS + "|" + _GREEK_TERM_START)
# In a whole document, the lines ``_TRIGGER`` may match, with three scans (an
# alternation of them all is slower): the ASCII triggers in two halves, and
# every line with another character.
_TRIGGER_SCANS = (re.compile(_OTHER_TRIGGERS), re.compile(_GREEK_TERM_START))
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")

# ---- powers of ten in cell counts
# ``4 3 109/L``: a symbol-font × read as 3, and the exponent flattened.
_TIMES_AS_3 = regex.compile(r"(?<=\d) 3 10(?P<exp>9|12|6|3)/(?=\s?(?:L|l|kg|[µμ]L|mL|mm3)\b)")
# What every ``_TIMES_AS_3`` and ``_FLAT_POWER`` match holds.
_TEN_TO = re.compile(r"10(?:9|12|6|3)/")
# ``(3109L)`` in a table header: ×, 10⁹ and (often) the slash all garbled.
_TIMES_AS_3_UNIT = regex.compile(r"\(3 ?10(?P<exp>9|12|6)/?(?P<unit>L|kg|[µμ]L)\)")
# ``30×109/L``, ``150x109/L``, ``(x109/L)``: after a multiplication sign the
# power of ten lost its superscript. ``x`` counts only after a number or ``(``.
_FLAT_POWER = regex.compile(
    r"(?P<pre>(?:(?<=\d)\s?[×x]|(?<=\()[×x]|×)\s?)10(?P<exp>9|12|6|3)(?=/\s?\p{L})"
)
# ``10^7``, ``10^-5``, ``2^10``: a caret exponent after a number.
_CARET = regex.compile(r"(?<=\d)\^(?P<exp>[-−]?\d{1,3})(?![\d.])")
# ``^{1,2}`` after a word: LaTeX-style superscript citation numbers.
_CARET_GROUP = regex.compile(r"\^\{(?P<exp>\d{1,3}(?:[,–-]\d{1,3})*)\}")
# ``*^o`` (an author mark) or ``37^oC``: the degree sign written as ^o.
_CARET_DEGREE = regex.compile(r"\^o(?![\p{L}\d])|(?<=\d)\^o(?=[CF]\b)")
# ``10−5`` with a minus sign after ``×``, a comparison or ``rate of``: 10⁻⁵.
# After a plain ``of`` it could be a range (``ages of 10−15``), so not there.
_FLAT_NEGATIVE_POWER = regex.compile(
    r"(?<=(?:[×<>=≤≥≈~]|\b(?:rate|rates|threshold|tolerance|dilution|probability|decay)\sof)\s?)"
    r"10−(?P<exp>[1-9]\d?)(?![\d.,−=+/\p{L}])"
)
# Squared and cubed units: ``mg/m2``, ``kg/m2``, ``1.73 m2``, ``cells/mm3``.
_UNIT_POWER = regex.compile(
    r"(?:(?<=\b(?:[mnµμ]?g|mL|ml|L|IU|U|mmol|[µμ]mol|cells|kcal|cm|min)/)|(?<=\d\s?))"
    r"(?P<unit>[cm]?m)(?P<exp>[23])(?![\p{L}\d/_-]|\.\d)"
)
# ``χ2`` as a statistic: ``χ2 test``, ``χ2 = 4.1``, ``χ2(2)``.
_CHI_SQUARED = regex.compile(r"χ2(?=\s?(?:=|\(|test|statistic|value|-test|analysis)\b|\s?[=(])")

# ---- a symbol font's letters read as Latin
# ``ª 2013``: the copyright sign of a symbol font read as the ordinal ª.
_COPYRIGHT = regex.compile(r"(?<![\p{L}\p{N}])ª(?=\s?(?:19|20)\d\d\b)")
# Greek letters of the Symbol font read as Latin in terms where only the Greek
# reading exists: ``b2 microglobulin``, ``a-fetoprotein``, ``k light chain``.
_SYMBOL_GREEK = regex.compile(
    r"(?<![\p{L}\p{N}-])(?P<letter>[abgdkl])(?P<two>2?)(?P<sep>[- ])(?=(?P<term>"
    r"microglobulin|agonists?|adrenergic|blockers?|lactam|lactamases?|thalass[a]?emia|"
    r"catenin|synuclein|globulins?|fetoprotein|amyloid|light chains?)\b)"
)
_GREEK_OF = {"a": "α", "b": "β", "g": "γ", "d": "δ", "k": "κ", "l": "λ"}
# Which letter each term takes: only these pairings are real terms.
_TERM_LETTERS = {
    "microglobulin": "b", "agonist": "ab", "adrenergic": "ab", "blocker": "ab",
    "lactam": "b", "lactamase": "b", "thalassemia": "ab", "thalassaemia": "ab",
    "catenin": "ab", "synuclein": "ab", "globulin": "abg", "fetoprotein": "a",
    "amyloid": "b", "light chain": "kl",
}
# What every ``_SYMBOL_GREEK`` match holds: each of its terms opens with one of these.
_GREEK_TERM = re.compile(r"[abgdkl]2?[- ](?:%s)" % "|".join(map(re.escape, _TERM_LETTERS)))
# ``Tel. (cid:1)81-...``: pdfminer's unmapped glyph before an international
# dialling code is the plus sign.
_CID_PLUS = regex.compile(
    r"(?<=\b(?:Tel|Phone|Fax|Telephone|Tel\.|Fax\.)[.:]?\s?)\(cid:\d+\)(?=\d{1,3}[- ]\d)"
)

# ---- homoglyphs
# Greek and Cyrillic letters drawn exactly like a Latin letter.
_LOOKALIKE_LETTERS = "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοАВЕКМНОРСТХаеорсухіјѕ"
_LOOKALIKE = str.maketrans(_LOOKALIKE_LETTERS, "ABEZHIKMNOPTYXoABEKMHOPCTXaeopcyxijs")
_LOOKALIKE_CHARS = frozenset(_LOOKALIKE_LETTERS)
_ANY_LOOKALIKE = re.compile(f"[{_LOOKALIKE_LETTERS}]")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_FOREIGN_LETTER = regex.compile(r"[\p{Greek}\p{Cyrillic}]")
_LATIN_LETTER = regex.compile(r"\p{Latin}")

# ---- table-note marks of a symbol font: † read as y, ‡ read as {
_MARK_LINE = regex.compile(r"^[*§¶#‖]$|^[*§¶]\s?\p{Lu}")
_MISREAD_MARKS = {"y": "†", "{": "‡"}
# A table cell (a short line, or a tab-separated cell) that ends in a misread
# mark: ``6{``, ``2 (followed by surgery){``, ``PR at 14y``.
_CELL_MARK = {
    "y": regex.compile(r"(?<=\d)y(?=\t|$)"),
    "{": regex.compile(r"(?<=[\d)])\{(?=\t|$)"),
}
_CELL_WIDTH = 40


def _sup(digits: str) -> str:
    return digits.translate(_SUPER)


def _homoglyphs(text: str) -> str:
    """Greek/Cyrillic look-alikes in Latin text made Latin.

    >>> _homoglyphs("PR N (%)\\tΝR Ν")
    'PR N (%)\\tNR N'
    >>> _homoglyphs("β2 and κ light chains, IFNγ and ΤΝF-α")
    'β2 and κ light chains, IFNγ and TNF-α'
    >>> _homoglyphs("Ο Μέγας Αλέξανδρος")
    'Ο Μέγας Αλέξανδρος'
    """
    # ``fix`` changes only a word whose foreign letters are all look-alikes.
    if not _ANY_LOOKALIKE.search(text):
        return text
    if not _FOREIGN_LETTER.search(text) or not _LATIN_LETTER.search(text):
        return text
    words = _WORD.findall(text)
    # Two or more real Greek or Cyrillic words: the line quotes that script.
    foreign = [w for w in words if len(w) > 2 and not _LATIN_LETTER.search(w)
               and _FOREIGN_LETTER.search(w)]
    if len(foreign) > 1:
        return text

    def fix(m: regex.Match) -> str:
        w = m.group()
        letters = [ch for ch in w if _FOREIGN_LETTER.match(ch)]
        if not letters or any(ch not in _LOOKALIKE_CHARS for ch in letters):
            return w  # ``β2``, ``IFNγ``: a real Greek letter
        if text[m.end():m.end() + 1].isdigit():
            return w  # ``Χ2``, ``Β2``: a Greek capital before a number is Greek
        if _LATIN_LETTER.search(w) or (len(w) <= 3 and w.isupper()):
            # A mixed word (``ΝR``, ``Тable``) or a lone capital or short
            # acronym among Latin words (``Ν``, ``ΤΝ``).
            return w.translate(_LOOKALIKE)
        return w

    return _WORD.sub(fix, text)


def _symbol_greek(m: regex.Match) -> str:
    term = m.group("term").rstrip("s")
    letters = _TERM_LETTERS.get(term, "")
    letter = m.group("letter")
    if letter not in letters:
        return m.group()
    if m.group("sep") == " " and not m.group("two") and term != "light chain":
        return m.group()  # ``a globulin``: the article, not alpha
    return _GREEK_OF[letter] + m.group("two") + m.group("sep")


def repair_symbols(text: str) -> str:
    """One line's symbol-font garbles, flattened superscripts and homoglyphs.

    >>> repair_symbols("blasts above 4 3 109/L at entry")
    'blasts above 4 × 10⁹/L at entry'
    >>> repair_symbols("Neutrophils (3109L)")
    'Neutrophils (×10⁹/L)'
    >>> repair_symbols("from 40×109/L to 120x109/L (x1012/L)")
    'from 40×10⁹/L to 120x10⁹/L (x10¹²/L)'
    >>> repair_symbols("1.2×10^6 cells, rate 10^-4, 37^oC, Smith*^o")
    '1.2×10⁶ cells, rate 10⁻⁴, 37°C, Smith*°'
    >>> repair_symbols("tolerated.^{3,4} Then 25 mg/m2 and 1.9 m2, rate of 10−6 here")
    'tolerated.³,⁴ Then 25 mg/m² and 1.9 m², rate of 10⁻⁶ here'
    >>> repair_symbols("ª 2011 Example Press; median b2 microglobulin; χ2 test")
    '© 2011 Example Press; median β2 microglobulin; χ² test'
    >>> repair_symbols("a globulin fraction, 1993 figures, 10−3 = 7, 30 × 109 cells")
    'a globulin fraction, 1993 figures, 10−3 = 7, 30 × 109 cells'
    """
    if not (_ASCII_TRIGGER if text.isascii() else _TRIGGER).search(text):
        return text
    # Each rule is tried only if the text holds a piece every match of it holds.
    if _TEN_TO.search(text):
        text = _TIMES_AS_3.sub(lambda m: f" × 10{_sup(m['exp'])}/", text)
    if "(3" in text:
        text = _TIMES_AS_3_UNIT.sub(lambda m: f"(×10{_sup(m['exp'])}/{m['unit']})", text)
    if _TEN_TO.search(text):
        text = _FLAT_POWER.sub(lambda m: f"{m['pre']}10{_sup(m['exp'])}", text)
    if "^" in text:
        text = _CARET_GROUP.sub(lambda m: _sup(m["exp"].replace("–", "-")), text)
        text = _CARET.sub(lambda m: _sup(m["exp"]), text)
        text = _CARET_DEGREE.sub("°", text)
    if "10−" in text:
        text = _FLAT_NEGATIVE_POWER.sub(lambda m: f"10⁻{_sup(m['exp'])}", text)
    if "m2" in text or "m3" in text:
        text = _UNIT_POWER.sub(lambda m: m["unit"] + _sup(m["exp"]), text)
    if "χ2" in text:
        text = _CHI_SQUARED.sub("χ²", text)
    if "ª" in text:
        text = _COPYRIGHT.sub("©", text)
    if _GREEK_TERM.search(text):
        text = _SYMBOL_GREEK.sub(_symbol_greek, text)
    if "(cid:" in text:
        text = _CID_PLUS.sub("+", text)
    if not text.isascii():  # look-alikes are Greek or Cyrillic
        text = _homoglyphs(text)
    return text


def _note_marks(lines: tuple[Line, ...]) -> set[str]:
    """The misread marks (``y``, ``{``) this document uses as table-note marks:
    a line holding only the mark, followed by a note starting with a capital,
    near another note mark (``*``, ``§``) or another misread mark."""
    found = set()
    for i, line in enumerate(lines):
        mark = line.text
        if mark not in _MISREAD_MARKS:
            continue
        nxt = next((ln.text for ln in lines[i + 1:i + 3] if ln.text), "")
        if not nxt[:1].isupper():
            continue
        near = [ln.text for ln in lines[max(0, i - 8):i + 9] if ln.text and ln is not line]
        if any(_MARK_LINE.search(t) or (t in _MISREAD_MARKS and t != mark) for t in near):
            found.add(mark)
    return found


# The lines ``_restore_note_marks`` may change: a mark alone, or a mark ending a cell.
_MARK_CANDIDATE = regex.compile(r"^[y{]$|(?<=[\d)])[y{](?=\t|$)", regex.M)


def _restore_note_marks(lines: list[Line], marks: set[str]) -> None:
    joined = "\n".join([ln.text for ln in lines])
    for i in lines_matching(_MARK_CANDIDATE, joined, len(lines)):
        line = lines[i]
        text = line.text
        if text in marks:
            lines[i] = line.with_text(_MISREAD_MARKS[text])
            continue
        cells = text.split("\t")
        for mark in marks:
            cells = [_CELL_MARK[mark].sub(_MISREAD_MARKS[mark], c) if len(c) <= _CELL_WIDTH else c
                     for c in cells]
        new = "\t".join(cells)
        if new != text:
            lines[i] = line.with_text(new)


def _candidates(texts: list[str]) -> list[int]:
    """The lines ``repair_symbols`` may change (a superset of those ``_TRIGGER``
    matches), found by scanning the whole text: ``repair_symbols`` leaves every
    other line as it is."""
    joined = "\n".join(texts)
    scans = _TRIGGER_SCANS if joined.isascii() else (*_TRIGGER_SCANS, _NON_ASCII)
    return sorted({i for scan in scans for i in lines_matching(scan, joined, len(texts))})


def restore_symbols(doc: Document, config) -> Document:
    """Repair symbol-font garbles, flattened superscripts and homoglyphs, line
    by line; restore table-note marks where the document shows them misread.

    >>> from reflow.model import doc_of, texts
    >>> texts(restore_symbols(doc_of("PR at 12y\\n* Evaluated by CT.\\ny\\nGiven twice.\\n"), None))
    ['PR at 12†', '* Evaluated by CT.', '†', 'Given twice.']
    >>> texts(restore_symbols(doc_of("aged 12y\\ny\\nGiven twice.\\n"), None))
    ['aged 12y', 'y', 'Given twice.']
    """
    lines = doc.lines
    texts = [ln.text for ln in lines]
    out = map_texts_at(lines, _candidates(texts), repair_symbols)
    # Only a line that is a misread mark can show one.
    marks = _note_marks(lines) if "y" in texts or "{" in texts else set()
    if marks:
        out = out or list(lines)
        _restore_note_marks(out, marks)
        return with_lines(doc, out)
    return doc if out is None else replace(doc, lines=tuple(out))


# For the content ledger: a misread glyph (``3`` for ``×``) becomes a symbol.
restore_symbols.rewrites_glyphs = True
