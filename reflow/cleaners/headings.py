"""Headings: the title, section headings and run-in labels (block stage).

``build_paragraphs`` groups lines into paragraph blocks without knowing which
lines are headings. This cleaner looks at the blocks again and

* splits a heading line off the paragraph it was printed above (no blank line
  between them), and a title off the author lines that follow or precede it;
* marks the document title (level 1) and section headings (level 2, numbered
  subsections ``4.1`` level 3);
* moves a run-in abstract label (``BACKGROUND.``, ``Methods:``) into
  ``Block.label`` so the renderer writes it in bold.

Every rule looks at general evidence only: length, capitalisation, final
punctuation, section numbers, a short list of section words used by scientific
writing, and what comes after the candidate.

>>> from reflow.model import Block, Line, PARAGRAPH
>>> def para(*lines):
...     return Block(PARAGRAPH, " ".join(lines), tuple(Line(t) for t in lines))
>>> doc = Document(blocks=(
...     para("Sleep Patterns of Night-Shift Nurses"),
...     para("Marta Quill, RN1", "Ossian Brae, PhD2"),
...     para("METHODS. We surveyed 212 nurses over two winters."),
...     para("Results", "Most nurses slept less than six hours after a", "night shift, and half reported napping."),
... ))
>>> for b in detect_headings(doc, None).blocks:
...     print(b.kind, b.level, repr(b.label), b.text)
heading 1 '' Sleep Patterns of Night-Shift Nurses
paragraph 0 '' Marta Quill, RN1 Ossian Brae, PhD2
paragraph 0 'METHODS.' We surveyed 212 nurses over two winters.
heading 2 '' Results
paragraph 0 '' Most nurses slept less than six hours after a night shift, and half reported napping.
"""
from __future__ import annotations

from collections import deque
from dataclasses import replace
from functools import lru_cache
from statistics import median
from typing import Sequence

import regex as re

from ..model import HEADING, LIST_ITEM, PARAGRAPH, Block, Document, Line
from .paragraphs import join_lines
from .tables import _MD_RULE

# ------------------------------------------------------------------ vocabulary

# Section names of scientific and technical writing. Alone on a line they are a
# heading whatever else surrounds them (the one piece of evidence that needs none).
_SECTION_WORDS = {
    "abstract", "summary", "introduction", "background", "methods", "method",
    "methodology", "materials and methods", "material and methods",
    "patients and methods", "subjects and methods", "methods and materials",
    "experimental", "experimental section", "experimental procedures",
    "results", "findings", "results and discussion", "discussion", "conclusion",
    "conclusions", "concluding remarks", "references", "bibliography",
    "literature cited", "acknowledgments", "acknowledgements", "acknowledgment",
    "acknowledgement", "keywords", "key words", "funding", "conflicts of interest",
    "conflict of interest", "competing interests", "declaration of interests",
    "disclosure", "disclosures", "author contributions", "appendix",
    "supplementary material", "supplementary materials", "case report",
    "case presentation", "related work", "limitations", "abbreviations",
    "data availability", "ethics statement", "future work",
}
# The most words of a section word: ``_section_word`` (its gate) counts on it.
# Its text has as many words as the core it compares (one more with a section
# number): a white-space char the core keeps, or a lone ``:`` it strips, leaves
# a core that is in no entry.
_SECTION_WORDS_MAX = max(len(w.split()) for w in _SECTION_WORDS)

# Words that cannot end a heading: a line ending with one continues on the next.
_CONNECTORS = {
    "a", "an", "the", "of", "and", "or", "nor", "but", "with", "without", "in",
    "on", "at", "to", "for", "from", "by", "as", "into", "onto", "via", "versus",
    "vs", "between", "among", "its", "their", "our", "his", "her", "is", "are",
    "was", "were", "be", "that", "which", "who", "whose", "than", "under", "over",
    "after", "before", "during", "through", "within", "about", "using", "toward",
    "towards", "against", "per", "upon", "&",
}

# Short words a Title Case heading leaves in lower case.
_MINOR = _CONNECTORS | {"vs.", "et", "al", "up", "off", "out", "so", "yet", "not"}

# Labels that are metadata (label: value) rather than abstract sections; they
# may be followed by a lower-case value (``Key words: irrigation, ...``).
_META_LABELS = {
    "key words", "keywords", "key word", "keyword", "correspondence",
    "abbreviations", "subject areas", "mesh terms",
}

# A month name or its abbreviation (``Mar``, ``March``, ``Sept.``); frontmatter uses it too.
# (``_MONTHS`` below, a gate of the date patterns, holds the same names case-folded.)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"

# First-page metadata that is never a title or heading.
_METADATA = re.compile(
    r"""^(?:received|accepted|revised|published|available\ online|epub|doi\b|
        copyright|©|\(c\)|e-?mail|tel\.?|phone|fax|address|correspondence|
        citation|editor|downloaded|key\s*words?|issn|isbn|vol\.|volume|
        open\ access|article\ history|http|www\.)""",
    re.I | re.X,
)
# First-page metadata anywhere in a line: ``@``, ``©``, or one of these
# patterns. Each is searched alone (one search of their alternation costs
# several times more on a long text) and only when the text holds what all its
# alternatives need: a string, or a word of the case-folded text (IGNORECASE
# also takes ``İ`` for the i of doi, hence no i in ``ssn``, which ``ı`` takes for the I).
_META_LINK = re.compile(r"https?://|10\.\d{4,}/", re.I)            # needs ``://`` or ``10.``
_META_WORD = re.compile(r"www\.|\bdoi\b|\bISSN\b|\bVol\.\s*\d", re.I)  # needs one of _META_WORDS
_META_WORDS = ("www", "doi", "ssn", "vol.")
_META_CITATION = re.compile(
    r"\b(?:19|20)\d\d\s*[;,]\s*\d+\s*[(:]|"     # 2009;71:402  2018, 64:210 (needs a year and ; or ,)
    r"\b\d+\s*:\s*\d+\s*[-–]\s*\d+\b",           # 64:210-19 (needs : and - or –)
    re.I,
)
# Dates need a year and a month (any char IGNORECASE takes for a letter of these
# names case-folds to that letter).
_META_DATE = re.compile(rf"\b{_MONTH}\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d\b", re.I)
_META_DAY_DATE = re.compile(rf"\b\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d\b", re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_CAPTION = re.compile(r"^(?:Table|Fig\.?|Figure|Scheme|Chart|Plate|Box|Panel)\s*[A-Z]?\d+", re.I)
# A reference entry: by how it starts, or by what it holds (which needs
# ``et al`` or ``;``, a cheap test first).
_REFERENCE_START = re.compile(
    r"\[\d+\]|"                                    # [12] Author ...
    r"\d{1,3}\.\s+\p{Lu}\p{Ll}+,?\s+\p{Lu}{1,3}[,.]|"   # 3. Smith AB, ...
    r"\p{Lu}\p{Ll}+,?\s+\p{Lu}{1,3}[,.]\s"            # Okafor N. / Smith AB,
)
_REFERENCE_INSIDE = re.compile(
    r"\bet al\.?[,]?\s*(?:\(?(?:19|20)\d\d)|"      # et al. 2004
    r";\s*\d+\s*\(\d+\)\s*:\s*\d+|"                # ;71(2):18
    r"\b(?:19|20)\d\d\s*;\s*\d+"                     # 2011; 4: 22-29
)
# Academic degrees and similar after a name: ``Jane Roe, PhD3``.
_DEGREE = re.compile(r",\s*(?:MD|PhD|MSc|MS|BSc|BA|MA|MPH|MBBS|RN|DO|DPhil|DVM|PharmD|FRC\w*|FACP|MRCP)(?![\p{L}])")
# One personal name: initials and capitalised words, with superscript markers.
_NAME_TOKEN = re.compile(r"^(?:\p{Lu}\.(?:-?\p{Lu}\.)*|\p{Lu}[\p{Ll}'’\-]+(?:-\p{Lu}[\p{Ll}]+)?|van|von|de|da|del|der|di|le|la)[\d*†‡§¶#,’'”?°a-e]*$")
_SECTION_NUMBER = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?P<dot>\.?)\s+(?P<rest>\S.*)$")
_SENTENCE_END = re.compile(r"[.?!](?:[\"”’)\]]|\d+|\s)*$")


def _ends_sentence(text: str) -> bool:
    # ``_SENTENCE_END`` ends in a mark, quote, bracket, digit or space, never in a letter.
    return not text[-1:].isalpha() and bool(_SENTENCE_END.search(text))


_SYMBOLS = re.compile(r"[|=<>±+%×{}\[\]_~^]|\.{3}|…")

# Patterns used by the helpers below, compiled once.
_NAME_SPLIT = re.compile(r"[,;·•]|\band\b")
_INITIAL = re.compile(r"^\p{Lu}\.")
_LETTER = re.compile(r"\p{L}")
_NON_LETTER = re.compile(r"[^\p{L}]")
_SPACE_RUN = re.compile(r"\s+")
_TWO_LETTERS = re.compile(r"\p{L}{2}")
_UPPER_START = re.compile(r"^\p{Lu}")
_UPPER_START_QUOTED = re.compile(r"^[\"“(]?\p{Lu}")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_COLON_SLASH = re.compile(r"[:/]")
_LOWER_START = re.compile(r"^\p{Ll}")
_CLAUSE_END = re.compile(r"\p{L}[)\]]?[.?!:;](?:\s|$)")
_UPPER_START_DQ = re.compile(r"^[\"“]?\p{Lu}")
_SENTENCE_INSIDE = re.compile(r"[.;:]\s+\p{Lu}\p{Ll}+\s+\p{Ll}+")
_DIGIT_START = re.compile(r"^\d")
_SENTENCE_START = re.compile(r"^[\"“(]?[\p{Lu}\d]")


# ------------------------------------------------------------------ line tests


def _words(text: str) -> list[str]:
    return text.split()


# The tests on one line's text below are asked again and again about the same
# lines (each title candidate, each split point): their answers are kept.
@lru_cache(maxsize=4096)
def _is_metadata(text: str) -> bool:
    """Journal citation lines, DOI, dates, copyright, addresses, urls."""
    return bool(_METADATA.match(text) or _meta_anywhere(text))


def _meta_anywhere(text: str) -> bool:
    """Metadata anywhere in the text: each ``_META_*`` pattern only when the
    text holds what the pattern needs (said next to it)."""
    if "@" in text or "©" in text:
        return True
    folded = text.casefold()
    year = "19" in text or "20" in text
    return bool(
        (("://" in text or "10." in text) and _META_LINK.search(text))
        or (any(map(folded.__contains__, _META_WORDS)) and _META_WORD.search(text))
        or (((year and (";" in text or "," in text)) or (":" in text and ("-" in text or "–" in text)))
            and _META_CITATION.search(text))
        or (year and any(map(folded.__contains__, _MONTHS))
            and (_META_DATE.search(text) or _META_DAY_DATE.search(text))))


def _is_caption(text: str) -> bool:
    return bool(_CAPTION.match(text))


@lru_cache(maxsize=4096)
def _is_reference(text: str) -> bool:
    return bool(_REFERENCE_START.match(text)
                or ((";" in text or "et al" in text) and _REFERENCE_INSIDE.search(text)))


def _looks_like_name(chunk: str) -> bool:
    """``Jane Q. Roe``, ``T. Wendling``, ``and Ilse Brandvold*``: 1-5 name tokens."""
    tokens = [t for t in chunk.split() if t not in ("and", "&")]
    return 1 <= len(tokens) <= 5 and all(_NAME_TOKEN.match(t) for t in tokens)


@lru_cache(maxsize=4096)
def _looks_like_byline(text: str) -> bool:
    """An author line: names separated by commas or middots, degrees, markers.

    >>> _looks_like_byline("Jane Roe, PhD3")
    True
    >>> _looks_like_byline("Ana Lima · K. Sato · Piet de Vries")
    True
    >>> _looks_like_byline("Results of the Second Trial")
    False
    """
    listed = "·" in text or "•" in text or "," in text
    if not listed and ("." not in text or not 2 <= len(text.split()) <= 4):
        return False  # no degree, no list: only a single name with an initial is left
    if _DEGREE.search(text):
        return True
    chunks = [c.strip() for c in _NAME_SPLIT.split(text) if c.strip()]
    if len(chunks) >= 2 and listed:
        return _mostly_names(chunks)
    # A single name with an initial (``T. Wendling``): a heading never has one.
    tokens = text.split()
    return (len(chunks) == 1 and 2 <= len(tokens) <= 4 and _looks_like_name(text)
            and any(_INITIAL.match(t) for t in tokens))


def _mostly_names(chunks: list[str]) -> bool:
    """At least 2 of the chunks, and 70 %, are names; stops as soon as they cannot be."""
    named, left = 0, len(chunks)
    for chunk in chunks:
        left -= 1
        named += _looks_like_name(chunk)
        if named + left < 2 or named + left < 0.7 * len(chunks):
            return False
    return True


def _ends_open(text: str) -> bool:
    """The text stops where a sentence or phrase must go on."""
    words = text.rsplit(None, 1)
    last = words[-1].lower() if words else ""
    return text.endswith((",", "-", "‐", "–", "—", "/", "(", ";")) or last in _CONNECTORS


def _title_case(words: Sequence[str]) -> bool:
    """Most content words start with a capital (``Field Trials on Sandy Loam``)."""
    content = [w for w in words if w.lower().strip("(),:") not in _MINOR and _LETTER.search(w)]
    if not content:
        return False
    caps = sum(bool(_SENTENCE_START.match(w)) for w in content)
    return caps >= max(1, 0.8 * len(content))


def _all_caps(text: str) -> bool:
    if text.isascii() and not text.isupper():
        return False  # in ASCII the letters (\p{L}) are [A-Za-z]: upper case just when the text is
    letters = _NON_LETTER.sub("", text)
    return len(letters) >= 3 and letters.isupper()


def _section_word(text: str) -> bool:
    """``Results``, ``MATERIALS AND METHODS``, ``2. Methods``, ``Abstract:``."""
    if len(text.split(None, _SECTION_WORDS_MAX + 1)) > _SECTION_WORDS_MAX + 1:
        return False  # more words than a section word and its number (long texts: no sub below)
    m = _SECTION_NUMBER.match(text)
    core = m.group("rest") if m else text
    core = _SPACE_RUN.sub(" ", core.strip().rstrip(":.").replace("&", "and")).lower()
    return core in _SECTION_WORDS


# Strength of the evidence a line is a heading.
NONE, WEAK, STRONG = 0, 1, 2


def _heading_evidence(text: str) -> tuple[int, int]:
    """(strength, level) of the evidence that ``text`` alone is a heading.

    STRONG: a known section word, a section number with a title, an all-caps
    line of 1-6 words. WEAK: only the shape (short, capitalised, unpunctuated),
    which needs support from the context.

    >>> _heading_evidence("3.2 Orchard Soil Sampling")
    (2, 3)
    >>> _heading_evidence("MATERIALS AND METHODS")
    (2, 2)
    >>> _heading_evidence("Larval survival in RAS")
    (1, 2)
    >>> _heading_evidence("# Plots: 2k")
    (0, 0)
    >>> _heading_evidence("The samples were frozen.")
    (0, 0)
    """
    text = text.strip()
    if not text or text.startswith("#") or len(text) > 80 or not _TWO_LETTERS.search(text):
        return NONE, 0
    if len(text) <= 60 and _section_word(text):
        m = _SECTION_NUMBER.match(text)
        return STRONG, _number_level(m.group("num")) if m else 2
    words = _words(text)
    if len(words) > 12:
        return NONE, 0
    m = _SECTION_NUMBER.match(text)
    # Unnumbered, it must start with a capital and not end a sentence: the
    # cheap tests first, as most lines fail them.
    if not m and (not _UPPER_START_QUOTED.match(text) or _ends_sentence(text)
                  or text.endswith((";", "!"))):
        return NONE, 0
    if (_is_metadata(text) or _is_caption(text) or _is_reference(text)
            or _looks_like_byline(text) or _SYMBOLS.search(text)):
        return NONE, 0
    if _ends_open(text) or text.endswith(("*", ":")):
        return NONE, 0
    if m:
        rest, num = m.group("rest"), m.group("num")
        if (int(num.split(".")[0]) == 0 or not _UPPER_START.match(rest)
                or _ends_sentence(rest) or len(_words(rest)) > 10):
            return NONE, 0
        # ``4 Field Layout``; ``2.1 Study design`` (sub-numbers are never
        # procedure steps); a bare ``3 Mix the samples`` is a step, not a heading.
        if _title_case(_words(rest)) or "." in num or _all_caps(rest):
            return STRONG, _number_level(num)
        return NONE, 0
    if sum(bool(_DIGIT.search(w)) for w in words) >= max(2, len(words) / 2):
        return NONE, 0  # ``Day-7 Day-14``, ``PM10 41.3``: table cells, not a heading
    if len(words) <= 6 and _all_caps(text):
        return STRONG, 2
    # Only the shape speaks for it: words, no colon or slash (``Wet/Dry``
    # is a table cell, ``Sampling note: ...`` a label), and a real word if alone.
    if len(words) <= 10 and not _COLON_SLASH.search(text) and (len(words) > 1 or len(text) >= 4):
        return WEAK, 2
    return NONE, 0


def _number_level(num: str) -> int:
    return min(2 + num.count("."), 6)


def _continues(prev: str, nxt: str) -> bool:
    """``nxt`` is the wrapped continuation of ``prev`` (not a new line of its own)."""
    return _ends_open(prev) or bool(_LOWER_START.match(nxt))


def _body_like(block: Block | None) -> bool:
    """A block of running text: a paragraph of sentences, not a label or name list."""
    if block is None or block.kind != PARAGRAPH:
        return False
    text = block.text
    if block.label:
        return True
    words = _words(text)
    if len(words) < 8 or _is_metadata(text) or _looks_like_byline(block.lines[0].text if block.lines else text):
        return False
    # (Each word with a digit holds a run of digits of its own: few runs, few such words.)
    if (len(_DIGITS.findall(text)) > 0.3 * len(words)
            and sum(bool(_DIGIT.search(w)) for w in words) > 0.3 * len(words)):
        return False  # rows of numbers: a table, not sentences
    return bool(_CLAUSE_END.search(text))


def _width(lines: Sequence[Line]) -> float:
    """The typical length of the full lines of a paragraph."""
    lengths = [len(ln.text) for ln in lines]
    if len(lengths) > 2:
        lengths = lengths[:-1]  # the last line of a paragraph is often short
    return median(lengths) if lengths else 0.0


# ------------------------------------------------------------------ blocks


def _para(lines: Sequence[Line], like: Block) -> Block:
    text = join_lines(list(lines))
    return replace(like, kind=PARAGRAPH, text=text, lines=tuple(lines), level=0)


def _heading(lines: Sequence[Line], level: int) -> Block:
    text = join_lines(list(lines))
    return Block(HEADING, text, tuple(lines), level=level)


def _text_of(lines: Sequence[Line]) -> str:
    return join_lines(list(lines))


# ------------------------------------------------------------------ the title


def _title_like(lines: Sequence[Line]) -> bool:
    """1-3 lines, 3-30 words, wrapped as one phrase, no final period, no metadata."""
    if not 1 <= len(lines) <= 3:
        return False
    if _cannot_start_or_end_title(lines):
        return False
    text = _text_of(lines)
    words = _words(text)
    if not 3 <= len(words) <= 30 or len(text) > 250:
        return False
    if (text.startswith("#") or not _UPPER_START_DQ.match(text) or _ends_sentence(text)
            or _ends_open(text) or text.endswith(":") or _SYMBOLS.search(text)):
        return False
    if text.count(",") > 2:
        return False
    if _section_word(text) or _SENTENCE_INSIDE.search(text):
        return False  # a section word, or two sentences
    # Wrapped lines continue each other, unless the whole title is in Title Case.
    if len(lines) > 1 and not _title_case(words):
        for a, b in zip(lines, lines[1:]):
            if not _continues(a.text, b.text):
                return False
    # The dearest tests last.
    return not any(_is_metadata(ln.text) or _is_caption(ln.text) or _is_reference(ln.text)
                   or _looks_like_byline(ln.text) for ln in lines)


def _cannot_start_or_end_title(lines: Sequence[Line]) -> bool:
    """A quick part of ``_title_like``, before the lines are joined: their
    joined text starts with the first line's first word and ends with the last
    line's last word (when these lines are not blank), so some tests of the
    start and end need no join."""
    return _cannot_start_title(lines[0].text) or _cannot_end_title(lines[-1].text)


def _cannot_start_title(text: str) -> bool:
    first = text.lstrip()
    return bool(first) and (first.startswith("#") or not _UPPER_START_DQ.match(first))


def _cannot_end_title(text: str) -> bool:
    last = text.rsplit(None, 1)
    if len(last) == 2 and last[1].lower() in _CONNECTORS:
        return True  # ``_ends_open``: with a word before it, this word also ends the joined text
    if text[-1:].isalpha():
        return False  # the last word ends in a letter: no end below, nor ``_SENTENCE_END``, takes one
    return bool(last) and (last[-1].endswith((":", ",", "-", "‐", "–", "—", "/", "(", ";"))
                           or bool(_SENTENCE_END.search(last[-1])))


def _split_title(block: Block) -> list[Block] | None:
    """Title lines glued to author lines, in either order, as separate blocks.

    ``Effects of Y on Seedlings With / Root Rot Disease / Jane Roe, PhD3 / ...``
    gives a level-1 heading and one paragraph of authors. Lines before the title
    may be authors or metadata (``© 2019 The Authors ...``); after it, authors,
    metadata, or a section word alone (``Abstract``), which becomes a heading.
    """
    lines = block.lines
    if block.kind != PARAGRAPH or not lines:
        return None
    if len(lines) <= 3 and _title_like(lines):
        return [_heading(lines, 1)]
    if len(lines) < 2:
        return None  # a title below needs a head or a tail
    front = 0  # lines[:front] are known to be authors or metadata
    for p in range(0, min(4, len(lines) - 1) + 1):
        if _cannot_start_title(lines[p].text):
            continue  # every title below starts with this line (asked before the dearer head)
        for ln in lines[front:p]:  # the head must be authors or metadata: else no later p either
            if not (_looks_like_byline(ln.text) or _is_metadata(ln.text)):
                return None
        front = p
        head = lines[:p]
        for n in (3, 2, 1):  # the longest title that fits
            title, tail = lines[p:p + n], lines[p + n:]
            if len(title) < n or (not head and not tail) or _cannot_end_title(title[-1].text):
                continue
            # A tail not taken below gives nothing whatever the title: asked
            # before the rest of ``_title_like``, which costs more.
            if tail and not (_lone_section_word(tail) or _looks_like_byline(tail[0].text)
                             or _is_metadata(tail[0].text)):
                continue
            if not _title_like(title):
                continue
            out = [_para(head, block)] if head else []
            out.append(_heading(title, 1))
            if not tail:
                return out
            if _lone_section_word(tail):
                return out + [_heading(tail, _heading_evidence(tail[0].text)[1] or 2)]
            if _looks_like_byline(tail[0].text) or _is_metadata(tail[0].text):
                return out + [_para(tail, block)]
    return None


def _lone_section_word(lines: Sequence[Line]) -> bool:
    return len(lines) == 1 and _section_word(lines[0].text)


def _mark_title(blocks: list[Block]) -> list[Block]:
    """The first title-like block on page 1 becomes the level-1 heading.

    A candidate next to author lines wins over one that is not (a banner like
    ``SPECIAL ISSUE Read online at no cost`` also looks like a title).
    """
    first_page = blocks[0].page if blocks else 1
    window = [i for i, b in enumerate(blocks[:20]) if b.kind == PARAGRAPH and b.page == first_page]
    found: list[tuple[int, list[Block], bool]] = []
    for i in window:
        split = _split_title(blocks[i])
        if not split or _run_in_label(blocks[i]).label:
            continue  # ``Page numbers: 112-119`` is a label and its value, not a title
        if len(split) == 1:
            # The next block as it will be once its run-in label is known: a
            # labelled paragraph (``Sampling note: …``) counts as running text.
            nxt = _run_in_label(blocks[i + 1]) if i + 1 < len(blocks) else None
            near_authors = nxt is not None and _looks_like_byline(nxt.lines[0].text if nxt.lines else nxt.text)
            # A lone title must be followed by authors or by running text.
            if not near_authors and not _body_like(nxt) and not _is_heading_block(nxt):
                continue
        else:
            near_authors = True
        found.append((i, split, near_authors))
        if near_authors:
            break  # the first candidate next to authors wins: no need to look further
    if not found:
        return blocks
    i, split, _ = next((f for f in found if f[2]), found[0])
    return blocks[:i] + split + blocks[i + 1:]


def _is_heading_block(block: Block | None) -> bool:
    return block is not None and block.kind == PARAGRAPH and len(block.lines) == 1 and _section_word(block.text)


def _later_title(blocks: list[Block], i: int) -> bool:
    """A second article's title: too long for a section heading, title-like,
    followed by running text, after the end of a previous article."""
    block = blocks[i]
    if block.kind != PARAGRAPH or len(block.lines) > 3:
        return False  # (``_title_like`` wants 1-3 lines)
    prev = blocks[i - 1] if i else None
    if prev is not None and prev.kind == HEADING:
        return False  # text under a heading is its section's first paragraph
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None or not nxt.text[:1].isupper():
        return False  # running text must follow, starting with a capital (the cheap part first)
    # Up to 10 words would be a section heading, unless the previous article
    # just ended with its reference list.
    after_refs = prev is not None and prev.kind == LIST_ITEM and _is_reference(prev.text)
    if len(block.text.split(None, 10)) <= (4 if after_refs else 10) or not _title_like(block.lines):
        return False
    return _body_like(nxt)


def _title_first(blocks: list[Block]) -> list[Block]:
    """A title that the extractor wrote after the abstract goes back before
    the author line.

    Some PDFs draw the title last, so it comes out after the byline, the
    abstract and its keywords. When the first level-1 heading follows, on the
    same page, an author line and an ``Abstract`` heading, with no other
    heading between, it is moved to just before the author line.
    """
    t = next((i for i, b in enumerate(blocks) if b.kind == HEADING and b.level == 1), None)
    if t is None:
        return blocks
    title = blocks[t]
    before = blocks[:t]
    byline = next((i for i, b in enumerate(before) if b.kind == PARAGRAPH and b.page == title.page
                   and b.lines and _looks_like_byline(b.lines[0].text)), None)
    if byline is None:
        return blocks
    between = [b for b in blocks[byline:t] if b.kind == HEADING]
    if not between or not all(_section_word(b.text) and b.text.strip(" :.").lower() in _FRONT_SECTIONS
                              for b in between):
        return blocks
    if any(b.page != title.page for b in blocks[byline:t]):
        return blocks
    return blocks[:byline] + [title] + blocks[byline:t] + blocks[t + 1:]


_FRONT_SECTIONS = {"abstract", "summary", "key words", "keywords"}


# ------------------------------------------------------------------ sections


def _whole_block_heading(blocks: list[Block], i: int) -> int:
    """The level if paragraph block ``i`` is a section heading as a whole, else 0."""
    block = blocks[i]
    if block.kind != PARAGRAPH or block.label or not block.lines or len(block.lines) > 3:
        return 0
    strength, level = _heading_evidence(block.text)  # first: most texts are too long, which it sees at once
    if strength == NONE:
        return 0
    for a, b in zip(block.lines, block.lines[1:]):
        if not _continues(a.text, b.text):
            return 0  # separate lines, not one wrapped heading
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if _section_word(block.text):
        return level  # needs no other evidence
    if strength == STRONG and _DIGIT_START.match(block.text):
        return level if nxt is not None else 0
    # All-caps banners and plain short lines need running text after them.
    return level if _body_like(nxt) and _SENTENCE_START.match(nxt.text) else 0


def _split_glued(block: Block) -> list[Block] | None:
    """A heading printed directly above (or inside) its paragraph, split off.

    Looks at the first line (or the first two when the first ends with a
    connector word) and, for strong evidence only, at a line inside the block
    that follows a sentence end.
    """
    lines = block.lines
    if block.kind != PARAGRAPH or block.label or len(lines) < 2:
        return None
    for start in range(len(lines) - 1):
        if start > 0 and not _ends_sentence(lines[start - 1].text):
            continue
        for size in (1, 2):
            if start + size >= len(lines):
                continue  # no line left for the paragraph
            nxt = lines[start + size].text
            if not _SENTENCE_START.match(nxt):
                continue  # the next line must start a sentence (asked first: the cheapest test)
            head = lines[start:start + size]
            if size == 2 and not _continues(head[0].text, head[1].text):
                continue  # two lines only when the first wraps into the second
            rest = lines[start + size:]
            text = _text_of(head)
            width = _width(rest) if len(rest) > 1 else max(len(nxt), _width(lines))
            longest = max(len(h.text) for h in head)
            if longest > 0.9 * width and not _section_word(text):
                continue  # a heading, unless a section word, is shorter than a full line (asked before the dearer evidence)
            strength, level = _heading_evidence(text)
            if strength == NONE or (start > 0 and strength != STRONG):
                continue
            if strength == WEAK:
                # Only the shape speaks for it: it must be clearly shorter than the
                # paragraph's lines, with no comma, and the paragraph real text.
                if longest > 0.65 * width or "," in text or len(_words(_text_of(rest))) < 8:
                    continue
            out = []
            if start:
                out.append(_para(lines[:start], block))
            out.append(_heading(head, level))
            out.append(_para(rest, block))
            return out
    return None


# ------------------------------------------------------------------ run-in labels

_CAPS_LABEL = re.compile(r"^(?P<label>\p{Lu}[\p{Lu}/&\-]+(?:\s+[\p{Lu}/&\-]+){0,3}[.:])\s+(?P<rest>\S.*)$", re.S)
_COLON_LABEL = re.compile(r"^(?P<label>\p{Lu}[\p{L}\-]*(?:[ /][\p{L}\-]+){0,4}:)\s+(?P<rest>\S.*)$", re.S)
_BARE_LABEL = re.compile(r"^(?P<label>Abstract|Summary|Key ?words|Keywords)\s+(?P<rest>\p{Lu}.*)$", re.S)


# Markdown already in the input (reflow's own output read again): an ATX
# heading alone in its block, and a bold run-in label.
_ATX = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>\S.*?[^.\s])(?:\s+#+)?$")
_BOLD_LABEL = re.compile(r"^\*\*(?P<label>[^*]+?)\*\*\s+(?P<rest>\S.*)$")
# Also Markdown: a bold label alone (a caption without text, ``**Table 2.**``)
# and a table's delimiter row (``|---|---|``).
_BOLD_ALONE = re.compile(r"^\*\*[^*]+\*\*$")


_TABLE_OR_ITEM = re.compile(r"^(?:\||\d{1,3}[.)]\s|[-*+]\s)")


def one_block_per_line(lines: Sequence[Line]) -> bool:
    """Does every run of non-blank lines hold one block: a single line (a
    paragraph or heading), or a Markdown list or table? So is reflow's own
    output, and so is text scraped one paragraph per line."""
    run: list[str] = []
    for ln in (*lines, None):
        if ln is None or ln.blank:
            if len(run) > 1 and not all(_TABLE_OR_ITEM.match(t) for t in run):
                return False
            run = []
        else:
            run.append(ln.text)
    return True


def _is_markdown(lines: Sequence[Line]) -> bool:
    """Is the input Markdown, such as reflow's own output read again? Every
    run of non-blank lines is a single line (a paragraph or heading) or a list
    or table, and some line is an ATX heading, a bold label or a table's
    delimiter row. In wrapped text, a ``#`` line is a figure legend and ``**`` a
    footnote mark."""
    joined = "\n" + "\n".join([ln.text for ln in lines])
    if "\n#" not in joined and "\n*" not in joined and "\n|" not in joined:
        return False  # no line starts with ``#``, ``**`` or ``|``, which every mark below needs
    marked = any(ln.text.startswith(("#", "**", "|")) and (
        _ATX.match(ln.text) or _BOLD_LABEL.match(ln.text) or _BOLD_ALONE.match(ln.text)
        or _MD_RULE.match(ln.text)) for ln in lines if ln.text)
    return marked and one_block_per_line(lines)


def _markdown_heading(block: Block) -> Block:
    """In Markdown input, ``## Results`` alone in its block is a heading of level 2."""
    if block.kind != PARAGRAPH or len(block.lines) != 1:
        return block
    m = _ATX.match(block.text)
    if not m:
        return block
    return replace(block, kind=HEADING, level=len(m.group("hashes")), text=m.group("text"))


def _markdown_label(block: Block) -> Block:
    """In Markdown input, ``**BACKGROUND.** The yield`` has a bold label."""
    bold = _BOLD_LABEL.match(block.text) if block.kind == PARAGRAPH and not block.label else None
    return replace(block, label=bold.group("label"), text=bold.group("rest")) if bold else block


def _run_in_label(block: Block) -> Block:
    """``BACKGROUND. The yield ...`` -> label ``BACKGROUND.`` + text.

    The label opens the paragraph, has 1-4 words (5 with a colon) and is followed
    by a capitalised sentence (or any value after a metadata label like
    ``Key words:``).
    """
    if block.kind != PARAGRAPH or block.label or not _may_open_with_label(block.text):
        return block
    text = block.text
    for pattern in (_CAPS_LABEL, _COLON_LABEL, _BARE_LABEL):
        m = pattern.match(text)
        if not m:
            continue
        label, rest = m.group("label"), m.group("rest")
        core = label.rstrip(".:").lower()
        if _DIGIT.search(label):
            continue  # ``Table 1:`` is a caption, not a label
        if pattern is _CAPS_LABEL and not _all_caps(label):
            continue
        if pattern is _CAPS_LABEL and label.endswith(".") and len(core.replace("/", " ").split()) == 1 and len(core) < 4:
            continue  # ``U.S.``-like abbreviations
        capital = bool(_SENTENCE_START.match(rest))
        if not capital and not (core in _META_LABELS or core.replace(" ", "") in _META_LABELS):
            continue
        return replace(block, label=label, text=rest)
    return block


def _may_open_with_label(text: str) -> bool:
    """A necessary condition of the label patterns above: a capital (``str.isupper``
    holds for every letter of category Lu) then, for ``_CAPS_LABEL``, a second capital, ``/``,
    ``&`` or ``-``; for ``_COLON_LABEL``, a first colon after at most 4 spaces or
    slashes; for ``_BARE_LABEL``, its word."""
    if not text[:1].isupper():
        return False
    if text[1:2].isupper() or text[1:2] in ("/", "&", "-") or text.startswith(("Abstract", "Summary", "Key")):
        return True
    colon = text.find(":")
    return colon > 0 and text.count(" ", 0, colon) + text.count("/", 0, colon) <= 4


def split_markdown_blocks(doc: Document, config) -> Document:
    """In Markdown input (reflow's own output read again) every paragraph,
    heading and item is one line with blank lines between; a block built of
    lines that were not adjacent in the input was joined across a blank line
    (``… example.org`` + ``## References``) and is split again.

    >>> from reflow.model import doc_of
    >>> from reflow.cleaners.paragraphs import build_paragraphs
    >>> doc = build_paragraphs(doc_of("# Title\\n\\nE-mail: a@b.example\\n\\n## References\\n"), None)
    >>> [b.text for b in split_markdown_blocks(doc, None).blocks]
    ['# Title', 'E-mail: a@b.example', '## References']
    """
    if not doc.blocks or not _is_markdown(doc.lines):
        return doc
    out: list[Block] = []
    changed = False
    for block in doc.blocks:
        if block.kind != PARAGRAPH or len(block.lines) < 2:
            out.append(block)
            continue
        groups: list[list[Line]] = [[block.lines[0]]]
        for prev, line in zip(block.lines, block.lines[1:]):
            if prev.origin and line.origin and min(line.origin) - max(prev.origin) > 1:
                groups.append([line])
            else:
                groups[-1].append(line)
        if len(groups) == 1:
            out.append(block)
            continue
        changed = True
        out.extend(_para(g, block) for g in groups)
    return replace(doc, blocks=tuple(out)) if changed else doc


# ------------------------------------------------------------------ the cleaner


def detect_headings(doc: Document, config) -> Document:
    """Mark the title, section headings and run-in labels among the blocks.

    >>> from reflow.model import Block, Line, PARAGRAPH
    >>> lines = ("2 Prior Studies", "Earlier surveys counted the nests from the ground",
    ...          "with binoculars. Drones came later.")
    >>> doc = Document(blocks=(Block(PARAGRAPH, " ".join(lines), tuple(Line(t) for t in lines)),))
    >>> [(b.kind, b.level, b.text) for b in detect_headings(doc, None).blocks]
    [('heading', 2, '2 Prior Studies'), ('paragraph', 0, 'Earlier surveys counted the nests from the ground with binoculars. Drones came later.')]
    """
    if not doc.blocks:
        return doc
    blocks = list(doc.blocks)
    if _is_markdown(doc.lines):
        blocks = [_markdown_label(_markdown_heading(b)) for b in blocks]
    blocks = _mark_title(blocks)
    out: list[Block] = []
    pending = deque(blocks)
    while pending:  # split glued headings; a split's remainder is looked at again
        block = pending.popleft()
        split = _split_glued(block) if block.kind == PARAGRAPH else None
        if split:
            *done, last = split
            out.extend(done)
            pending.appendleft(last)
        else:
            out.append(block)
    blocks = out
    for i, block in enumerate(blocks):
        if block.kind != PARAGRAPH or len(block.lines) > 3:
            continue  # (both tests below want a paragraph of 1-3 lines)
        level = _whole_block_heading(blocks, i)
        if _later_title(blocks, i) and not _section_word(block.text):
            blocks[i] = _heading(block.lines, 1)
        elif level:
            blocks[i] = _heading(block.lines, level)
    blocks = [_run_in_label(b) for b in blocks]
    blocks = _title_first(blocks)
    return replace(doc, blocks=tuple(blocks))
