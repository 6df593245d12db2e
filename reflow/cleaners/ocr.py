"""Characters an OCR engine confused: zeros read as the letter O, Roman
numerals read as ``H`` and ``l``, a digit group split by a space, an English
word given a foreign accent, an identifier prefix read with ``l`` or ``1``.

Before::

    Grants Bl048512, BI072233. See doi:10.
    5555 /journal.x.0001 for data. 1 Dept A, 2Lab B, 3 Dept C
    a dose of 2 OOmg/day in 31 patients (19M/1 2F) with grade Hl disease;
    14 were évaluable.
After::

    Grants BI048512, BI072233. See doi:10.5555/journal.x.0001
    for data. 1 Dept A, 2 Lab B, 3 Dept C
    a dose of 200mg/day in 31 patients (19M/12F) with grade III disease;
    14 were evaluable.

The confusion model is what OCR really mixes up: ``O``/``0``, ``l``/``1``/``I``,
``H``/``II``, ``€``/``e``, a space inside a number or a DOI, a space lost
after a list entry's number. A reading is changed only where the
result is well formed in its context and the original is not: a dose before
a unit, a male/female count, a Roman numeral after ``stage``/``grade``/
``phase``/``class``/``type``. The document's own text is evidence: a token
it also uses elsewhere (``HI`` as an abbreviation) is left alone, and an
identifier prefix is repaired only when the document spells it correctly
elsewhere.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import regex

from ..lexicon import zipf
from ..model import Document, lines_matching, map_texts_at, with_lines

_TO_DIGIT = str.maketrans("OolI", "0011")
# ``1`` is not in the model: ``1l`` could as well be 11.
_TO_ROMAN = {"I": "I", "l": "I", "H": "II", "V": "V", "X": "X"}

# A dose whose zeros were read as O, maybe split by a space: ``5 OOmg/day``,
# ``2OOmg``, ``5O mg``. At least one real digit starts it.
_UNIT = r"(?:mg|[µμ]g|mcg|ng|kg|g|mL|ml|mmol|[µμ]mol|nmol|cGy|Gy|mm|cm)(?=/|\b)"
_DOSE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}.,])(?P<num>\d{{1,4}}(?: ?O{{1,3}}|O{{1,3}}\d*))(?P<sp> ?)(?={_UNIT})"
)
# A male/female count: ``23M/1 OF``, ``(12F/9M)``.
_SEX_RATIO = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<a>\d{1,4})(?P<s1>[MF])/(?P<b>[\dO](?: ?[\dO]){1,3})(?P<s2>[MF])(?![\p{L}\p{N}])"
)
# A Roman numeral after a word that takes one: ``stage HI``, ``grade Il``.
_NUMERAL_WORD = regex.compile(
    r"(?<=\b(?:[Ss]tage|STAGE|[Gg]rade|GRADE|[Pp]hase|PHASE|[Cc]lass|CLASS|[Tt]ype|TYPE)\s)"
    r"(?P<tok>[IlHVX]{2,4})(?P<suffix>[ABC]?)(?![\p{L}\p{N}])"
)
# A piece of each word ``_NUMERAL_WORD`` looks behind for: a cheap test first.
_NUMERAL_CONTEXT = "(?:tage|TAGE|rade|RADE|hase|HASE|lass|LASS|ype|YPE)"  # stage, grade, phase, class, type
_NUMERAL_WORD_HINT = re.compile(_NUMERAL_CONTEXT)
# A token that could be a misread numeral, standing alone.
_NUMERAL_TOKEN = regex.compile(r"(?<![\p{L}\p{N}])[IlHVX]{2,4}(?![\p{L}\p{N}])")
_ROMAN = regex.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
# A lower-case word with an accent or diaeresis: ``évaluable``.
_ACCENTED = regex.compile(r"(?<![\p{L}\p{M}'’-])\p{Ll}*[à-ÿ]\p{Ll}*(?![\p{L}\p{M}'’-])")
# English function words that do not occur in French, Spanish, Italian or
# Portuguese text: a neighbour that is one of them shows an English sentence.
_ENGLISH_ONLY = {
    "the", "and", "are", "is", "was", "were", "for", "of", "with", "to", "be",
    "not", "by", "as", "that", "which", "this", "these", "those", "than", "more", "most",
    "very", "been", "being", "has", "have", "had", "from", "at", "or", "also", "all",
}
# The unaccented word must be at least this common in English.
_ACCENT_ZIPF = 1.5
# An identifier with a letter prefix ending in I (``GI053921``) and the same
# prefix misread with l or 1, as an item of a comma-separated list.
_ID_WITH_I = regex.compile(r"(?<![\p{L}\p{N}])(?P<prefix>[A-Z]{1,3})I\d{5,}(?![\p{L}\p{N}])")
_ID_MISREAD = regex.compile(
    r"(?<![\p{L}\p{N}])[‘'`]?(?P<prefix>[A-Z]{1,3})[l1](?P<num>\d{5,})(?![\p{L}\p{N}])"
)
# What every ``_ID_MISREAD`` match holds: a cheap test first.
_ID_HINT = regex.compile(r"[l1]\d{5}")
# A euro sign before an article number that the document's DOI ends with
# (``5(2): €4127`` with ``doi:10.5555/journal.abcd.0004127``): an ``e``.
_EURO_NUMBER = regex.compile(r"€(?P<num>\d{4,7})\b")
_DOI_NUMBER = regex.compile(r"\.0+(?P<num>[1-9]\d{3,6})\b")
# A DOI cut after ``10.`` at a line end (``doi:10.`` / ``1371 /journal.x``) or
# with a stray space before its slash: a DOI is always ``10.<digits>/<suffix>``.
_DOI_CUT = regex.compile(r"(?i)\bdoi(?::\s?|\.org/)10\.$")
_DOI_REST = regex.compile(r"^(?P<reg>\d{4,9}) ?/(?P<suffix>\S+)")
_DOI_SPACE = regex.compile(r"(?i)(?<=\bdoi(?::\s?|\.org/)10\.\d{4,9}) /(?=\S)")
# An entry number of a numbered list run into the entry (``, 11FAS Center``)
# when its neighbours are written ``, 10 Department`` and ``, 12 Broad``.
_GLUED_ENTRY = regex.compile(r"(?<=, )(?P<num>\d{1,2})(?=\p{Lu}{2,}\b|\p{Lu}\p{Ll})")
_SPACED_ENTRY = regex.compile(r"(?:(?<=, )|^)(?P<num>\d{1,2}) (?=\p{Lu})", regex.M)


def _dose(m: regex.Match) -> str:
    """``1 OO`` before a unit: 100."""
    return m["num"].replace(" ", "").translate(_TO_DIGIT) + m["sp"]


def _sex_ratio(m: regex.Match) -> str:
    if m["s1"] == m["s2"] or ("O" not in m["b"] and " " not in m["b"]):
        return m.group()
    return f"{m['a']}{m['s1']}/{m['b'].replace(' ', '').translate(_TO_DIGIT)}{m['s2']}"


def _numeral(m: regex.Match, vocab: set[str]) -> str:
    tok = m["tok"]
    if regex.fullmatch(r"[IVX]+", tok):
        return m.group()  # already a numeral
    if tok in vocab:
        return m.group()  # the document uses this token elsewhere: an abbreviation
    roman = "".join(_TO_ROMAN[ch] for ch in tok)
    if not _ROMAN.match(roman) or len(roman) > 4:
        return m.group()
    return roman + m["suffix"]


def _strip_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(ch))


def _english_accent(text: str) -> str:
    """An English word written with a foreign accent, inside an English sentence.

    >>> _english_accent("14 patients were évaluable for toxicity")
    '14 patients were evaluable for toxicity'
    >>> _english_accent("a café and a naïve reader; une étude évaluable pour")
    'a café and a naïve reader; une étude évaluable pour'
    """
    if text.isascii():
        return text

    def fix(m: regex.Match) -> str:
        word = m.group()
        plain = _strip_accents(word)
        if plain == word or zipf(word) > 0 or zipf(plain) < _ACCENT_ZIPF:
            return word
        before = text[: m.start()].split()[-1:] or [""]
        after = text[m.end():].split()[:1] or [""]
        if not (before[0].lower() in _ENGLISH_ONLY or after[0].lower() in _ENGLISH_ONLY):
            return word
        if not (before[0].isascii() and after[0].isascii()):
            return word
        return plain

    return _ACCENTED.sub(fix, text)


def repair_ocr(text: str, vocab: set[str] = frozenset(), id_prefixes: set[str] = frozenset(),
               article_numbers: set[str] = frozenset()) -> str:
    """One line's OCR confusions. ``vocab`` holds the document's tokens,
    ``id_prefixes`` the identifier prefixes it spells with ``I``,
    ``article_numbers`` the numbers its DOIs end with.

    >>> repair_ocr("started at 5 OOmg/day, then 2O0 mg twice")
    'started at 500mg/day, then 200 mg twice'
    >>> repair_ocr("31 patients (19M/1 2F) and 8 (5F/3M)")
    '31 patients (19M/12F) and 8 (5F/3M)'
    >>> repair_ocr("stage HI, grade Il, phase IIIB, stage 2, type HIV")
    'stage III, grade II, phase IIIB, stage 2, type HIV'
    >>> repair_ocr("stage HI", vocab={"HI"})
    'stage HI'
    >>> repair_ocr("grants Bl048512, ‘B1072233, BI072234", id_prefixes={"B"})
    'grants BI048512, BI072233, BI072234'
    >>> repair_ocr("Res 5(2): €4127.", article_numbers={"4127"})
    'Res 5(2): e4127.'
    >>> repair_ocr("Al2O3 and 3 Oxford; price €4127; code Al048512 here", id_prefixes={"A"})
    'Al2O3 and 3 Oxford; price €4127; code Al048512 here'
    """
    if "O" in text:
        text = _DOSE.sub(_dose, text)
    if "M/" in text or "F/" in text:
        text = _SEX_RATIO.sub(_sex_ratio, text)
    if _NUMERAL_WORD_HINT.search(text):
        text = _NUMERAL_WORD.sub(lambda m: _numeral(m, vocab), text)
    text = _english_accent(text)
    if id_prefixes and _ID_HINT.search(text):
        def fix_id(m: regex.Match) -> str:
            in_list = text[m.end():m.end() + 1] == "," or text[:m.start()].endswith(", ")
            if m["prefix"] not in id_prefixes or not in_list:
                return m.group()
            return f"{m['prefix']}I{m['num']}"
        text = _ID_MISREAD.sub(fix_id, text)
    if "doi" in text.lower():
        text = _DOI_SPACE.sub("/", text)
    if article_numbers and "€" in text:
        text = _EURO_NUMBER.sub(
            lambda m: "e" + m["num"] if m["num"] in article_numbers else m.group(), text)
    return text


def _join_cut_dois(lines: list, text: str) -> None:
    """Move the rest of a DOI cut after ``10.`` up to its line (in place);
    ``text`` is the texts of ``lines`` joined by newlines.

    >>> from reflow.model import doc_of
    >>> lines = list(doc_of("See doi:10.\\n1234 /abc.5 for data.").lines)
    >>> _join_cut_dois(lines, "\\n".join(ln.text for ln in lines)); [(ln.text, ln.origin) for ln in lines]
    [('See doi:10.1234/abc.5', (1, 2)), ('for data.', (2,))]
    """
    # A cut line ends with ``10.`` in ``text`` too: the only line changed
    # before its turn, ``lines[i + 1]``, keeps an end of its text.
    for i in lines_matching(_ENDS_10, text, len(lines)):
        if i + 1 == len(lines) or not _DOI_CUT.search(lines[i].text):
            continue
        m = _DOI_REST.match(lines[i + 1].text)
        if not m:
            continue
        rest = lines[i + 1].text[m.end():].lstrip()
        lines[i] = replace(lines[i], text=lines[i].text + f"{m['reg']}/{m['suffix']}",
                           origin=lines[i].origin + lines[i + 1].origin)
        lines[i + 1] = lines[i + 1].with_text(rest)


def _separate_entry_numbers(lines: list, text: str) -> None:
    """``11FAS Center`` -> ``11 FAS Center`` where entries 10 and 12 of the
    same list are written with a space (in place).

    >>> from reflow.model import doc_of
    >>> lines = list(doc_of("1 Dept A, 2 Dept B, 3ABC Lab, 4 Dept D, 3D scans").lines)
    >>> _separate_entry_numbers(lines, lines[0].text); lines[0].text
    '1 Dept A, 2 Dept B, 3 ABC Lab, 4 Dept D, 3D scans'
    """
    spaced = {int(m["num"]) for m in _SPACED_ENTRY.finditer(text)}

    def fix(m: regex.Match) -> str:
        n = int(m["num"])
        return m["num"] + " " if {n - 1, n + 1} <= spaced else m["num"]

    # ``_GLUED_HINT`` finds the lines where ``_GLUED_ENTRY`` matches; a DOI
    # joined since ``text`` was taken adds none (it adds no ``, ``).
    for i in lines_matching(_GLUED_HINT, text, len(lines)):
        new = _GLUED_ENTRY.sub(fix, lines[i].text)
        if new != lines[i].text:
            lines[i] = lines[i].with_text(new)


def _vocab(text: str) -> set[str]:
    """The document's tokens outside numeral contexts: tokens that stand
    somewhere other than after stage/grade/... are its own abbreviations."""
    masked = _NUMERAL_WORD.sub("", text) if _NUMERAL_WORD_HINT.search(text) else text
    return set(_NUMERAL_TOKEN.findall(masked))


def _article_numbers(text: str) -> set[str]:
    """The numbers the document's DOIs end with, where it has a euro sign."""
    if "€" in text and "doi" in text.lower():
        return {m["num"] for m in _DOI_NUMBER.finditer(text)}
    return set()


# The lines ``repair_ocr`` may change, found by scanning the whole document;
# each pattern starts at a rare character, which an engine skips to fast.
# A dose match holds a digit and O; a sex ratio M/ or F/; a DOI space " /".
# (Two patterns: one that starts with a literal is scanned for far faster.)
_DOSE_O = regex.compile(r"O(?<=\d ?O)")
_SLASH = regex.compile(r"/(?<=[MF ]/)")
# A numeral that ``_numeral`` changes holds l or H (it keeps I, V and X): the
# end of its context word, a space, numeral letters up to an l or an H.
_MISREAD_NUMERAL_L = regex.compile(rf"l(?<={_NUMERAL_CONTEXT}\s[IlHVX]{{0,3}}l)")
_MISREAD_NUMERAL_H = regex.compile(rf"H(?<={_NUMERAL_CONTEXT}\s[IlHVX]{{0,3}}H)")
# An accented word; a euro sign.
_ACCENT_OR_EURO = regex.compile("[à-ÿ€]")
# An accented letter in UTF-8 (à-ÿ are C3 A0-BF, C3 only ever leads a character):
# a scan of bytes from a literal is far faster than one of a text for a class.
_ACCENT_UTF8 = re.compile(rb"\xc3[\xa0-\xbf]")
# ``_GLUED_ENTRY.search``, from the comma (a lookbehind first is tried everywhere).
_GLUED_HINT = regex.compile(r", \d{1,2}(?=\p{Lu}{2,}\b|\p{Lu}\p{Ll})")
# The end of a line cut after ``10.`` (``_DOI_CUT``).
_ENDS_10 = regex.compile(r"10\.(?=\n)")


def repair_ocr_confusions(doc: Document, config) -> Document:
    """Repair OCR character confusions line by line, with the document's own
    text as evidence.

    >>> from reflow.model import doc_of, texts
    >>> texts(repair_ocr_confusions(doc_of("All were in stage HI.\\nNone had stage HI disease."), None))
    ['All were in stage III.', 'None had stage III disease.']
    >>> texts(repair_ocr_confusions(doc_of("The HI titre rose.\\nAll were type HI."), None))
    ['The HI titre rose.', 'All were type HI.']
    """
    lines, n = doc.lines, len(doc.lines)
    text = "\n".join([ln.text for ln in lines])
    numeral_lines = {*lines_matching(_MISREAD_NUMERAL_L, text, n), *lines_matching(_MISREAD_NUMERAL_H, text, n)}
    candidates = {*lines_matching(_DOSE_O, text, n), *lines_matching(_SLASH, text, n), *numeral_lines}
    if not text.isascii() and ("€" in text or _ACCENT_UTF8.search(text.encode("utf-8", "surrogatepass"))):
        candidates.update(lines_matching(_ACCENT_OR_EURO, text, n))
    # Evidence, each part computed only where a line can use it.
    vocab = _vocab(text) if numeral_lines else set()
    prefixes = {m["prefix"] for m in _ID_WITH_I.finditer(text)}
    if prefixes:
        candidates.update(lines_matching(_ID_HINT, text, n))
    numbers = _article_numbers(text)
    out = map_texts_at(lines, sorted(candidates), lambda t: repair_ocr(t, vocab, prefixes, numbers))
    if out is not None:
        text = "\n".join([ln.text for ln in out])
    # A DOI is joined only where a line but the last ends with ``10.``.
    cut = "10.\n" in text and "doi" in text.lower()
    glued = _GLUED_HINT.search(text)
    if not (cut or glued):
        return doc if out is None else replace(doc, lines=tuple(out))
    out = out or list(lines)
    if cut:
        _join_cut_dois(out, text)
    if glued:
        _separate_entry_numbers(out, text)
    return with_lines(doc, out)


# For the content ledger: misread glyphs (``OO`` for ``00``) are re-spelled.
repair_ocr_confusions.rewrites_glyphs = True
