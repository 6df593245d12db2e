"""Reference lists: one numbered list item per reference (block stage).

Extractors leave reference lists in many broken shapes: the numbers printed
in a column of their own (``1.`` ``2.`` … then the entries without them),
bullets glued to numbers (``- 1. Okafor N…``), entries wrapped over lines or
two entries on one line, a number torn off its entry and dropped into the
middle of the text (``non-tox-3. igenic``), the head of an entry printed
twice. Before::

    REFERENCES
    1.
    2.
    Okafor N, Brandt L. Nitrogen uptake in sorghum. Crop Sci
    2003;41:220–228.
    Ilves K, Marlow P. Root depth and drought. Plant Soil
    2005;12:77–
    81.
    3. Santos R. Leaf area of maize. Field Crops Res 2001;9:1–8.

After: three list items numbered 1, 2, 3: ``Okafor N, Brandt L. Nitrogen
uptake in sorghum. Crop Sci 2003;41:220–228.``, ``Ilves K, … Plant Soil
2005;12:77–81.`` and ``Santos R. … 2001;9:1–8.``.

A reference section starts at its heading (``References``, ``Bibliography``,
``Literature cited``, …) or is recognised by the shape of its entries (three
or more list items, most with authors and a year). Inside it, a line starts a
new entry when it carries a marker (``12.``, ``[12]``, a bullet) or when it
opens with author names (``Okafor N,`` ``J. Okafor,``) after an entry that has
its year. Lines holding only a number are the torn-off number column: their
numbers go to the unnumbered entries that follow, in order. Entries without a
printed number get theirs from the sequence (the one after the previous, or
before the next). The section ends at a heading, a table, or a block that
neither looks like a reference nor continues an unfinished one.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import regex as re

from ..lexicon import zipf
from ..model import HEADING, LIST_ITEM, PARAGRAPH, Block, Document, Line
from .duplicates import _better, _same, ends_open, merge_overlap

# ------------------------------------------------------------------ patterns

_HEADING_WORDS = {
    "references", "reference", "bibliography", "literature cited", "literature",
    "references and notes", "works cited", "cited literature", "reference list",
    "references cited", "literature references",
}
# Every heading word holds one of these (and each is a heading word).
_HEADING_KEYS = ("reference", "bibliography", "literature", "works cited")
_HEADING_CLEAN = re.compile(r"^(?:#{1,6}\s+)?(?:\d{1,2}\.?\s+)?(?P<word>.*?)[\s:.]*$")

# A surname: capitalised, may be hyphenated, with a particle before it or a
# second capitalised word (``Mora Vidal``, ``Lopez-Arce Quiroga``).
_SURNAME = (r"(?:(?:van|von|de|da|del|der|di|du|le|la|dos|das)\s+)?"
            r"\p{Lu}(?:['’]\p{Lu})?\p{Ll}[\p{L}'’]*(?:[-–]\p{L}[\p{L}'’]*)*"
            r"(?:\s+\p{Lu}\p{Ll}[\p{L}'’]*(?:[-–]\p{Lu}\p{Ll}+)*)?")
# ``Okafor N``, ``Lopez-Arce Quiroga TR`` (Vancouver); ``Okafor, N.`` (APA);
# ``N. Okafor``, ``C. S. Okafor`` (initials first).
_VANCOUVER = rf"{_SURNAME}\s+\p{{Lu}}{{1,3}}(?=[,.;]|\s+(?:et\s+al|and|&)\b)"
_APA = rf"{_SURNAME},\s+(?:\p{{Lu}}\.\s?-?){{1,3}}"
_INITIALS_FIRST = rf"(?:\p{{Lu}}\.\s?-?){{1,3}}\s*{_SURNAME}(?=[,.]|\s+(?:and|&|et\s+al)\b)"
_AUTHOR = rf"(?:{_APA}|{_VANCOUVER}|{_INITIALS_FIRST})"
_AUTHOR_START = re.compile(rf"^[\"“]?{_AUTHOR}")
# Two authors in a row: the start of an entry glued after another one.
_TWO_AUTHORS = re.compile(rf"{_VANCOUVER},\s+{_VANCOUVER}[,.]")
# A year, and the publication data of an entry (2003;41:220, 41(2):18-25).
_YEAR = re.compile(r"(?<![\d.])(?:1[89]|20)\d\d(?!\d)")
_PUBLICATION = re.compile(
    r"(?:1[89]|20)\d\d[a-z]?\s*[;,.:]\s*\d+|\d+\s*\(\d+\)\s*:\s*\d+|\d+\s*:\s*\d+\s*[-–]\s*\d+|"
    r"\bdoi\b|\bVol\.\s*\d|\bpp?\.\s*\d|\(\s*(?:1[89]|20)\d\d[a-z]?\s*\)"
)
# Entry markers at a line start: ``12.``, ``12)``, ``[12]``, bullets, ``- 12.``.
_MARKER = re.compile(
    r"^(?:(?P<bullet>[-–•▪◦●∙·*])\s+)?(?:\[(?P<bnum>\d{1,3})\]|(?P<num>\d{1,3})[.)])(?:\s+|$)"
    r"|^(?P<onlybullet>[-–•▪◦●∙·*])\s+(?=\S)"
)
# ``12 Okafor N, …``: a number and a space, then authors.
_BARE_NUMBER_START = re.compile(rf"^(?P<num>\d{{1,3}})\s+(?={_AUTHOR})")
# A line that is only a number (the torn-off number column).
_NUMBER_ONLY = re.compile(r"^(?:[-–•*]\s*)?(?:\[(?P<bnum>\d{1,3})\]|(?P<num>\d{1,3})[.)]?)$")
# A torn-off number inside an entry: after a hyphen (``tox-3. igenic``), after a
# lower-case word, or after a comma at the end.
_STRAY = re.compile(
    r"(?P<hy>(?<=\p{L})-)(?P<n1>\d{1,3})\.\s+(?=\p{Ll})"
    r"|(?<=\p{Ll}{2})\s(?P<n2>\d{1,3})\.\s+(?P<next>\p{L}[\p{L}\-]*)(?:\s+(?P<next2>\S+))?"
    r"|(?<=\p{L},)\s(?P<n3>\d{1,3})\.\s*$"
)
# Where a line break inside figures is joined without a space (``2003;`` + ``41:220``).
_TIGHT_END = re.compile(r"\d[;:–-]$")
# A match of ``_TIGHT_END`` starts at most this far from the text's end (``$``
# may stand before a final newline): only there is it searched.
_TIGHT_END_REACH = 3
_DIGIT_START = re.compile(r"^\d")
# The end of an entry followed by the authors of the next, on one line.
_GLUED_END = re.compile(r"(?<=\d\.|\d\))\s+(?=" + _TWO_AUTHORS.pattern + ")")

# Without a heading, a run of this many list items, most shaped like
# references, is a reference list.
MIN_SHAPED_RUN = 3


# ------------------------------------------------------------------ tests on text


def is_reference_heading(text: str) -> bool:
    """``References``, ``REFERENCES``, ``7. References``, ``## Bibliography``.

    >>> is_reference_heading("Literature Cited"), is_reference_heading("References to prior work are few.")
    (True, False)
    """
    # The heading word must be in the text: a cheap test before the pattern,
    # which is slow on a long paragraph.
    lowered = text.lower()
    if not any(key in lowered for key in _HEADING_KEYS):
        return False
    m = _HEADING_CLEAN.match(text.strip())
    return bool(m) and m.group("word").lower() in _HEADING_WORDS


def looks_like_reference(text: str) -> bool:
    """Authors at the start, and a year or publication data.

    >>> looks_like_reference("Okafor N, Brandt L. Nitrogen uptake. Crop Sci 2003;41:220-8.")
    True
    >>> looks_like_reference("Mix the samples for 10 min at 20 °C.")
    False
    """
    text = _strip_marker(text)
    return bool(_AUTHOR_START.match(text)) and bool(_YEAR.search(text) or _PUBLICATION.search(text))


def _strip_marker(text: str) -> str:
    m = _MARKER.match(text)
    return text[m.end():] if m else text


def _tight_end(text: str) -> bool:
    return _TIGHT_END.search(text, max(len(text) - _TIGHT_END_REACH, 0)) is not None


def _join(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    if _tight_end(a) and _DIGIT_START.match(b):
        return a + b  # ``2003;`` + ``41:220–8``, ``77–`` + ``81.``
    if a.endswith("/") and not a.endswith(" /"):
        return a + b
    return a + " " + b


# ------------------------------------------------------------------ entries


class _Entry:
    """A reference being assembled: its text, printed number, source lines."""

    __slots__ = ("text", "number", "lines")

    def __init__(self, text: str = "", number: int = 0, lines: Sequence[Line] = ()):
        self.text = text
        self.number = number
        self.lines = list(lines)

    def add(self, line: Line, text: str) -> None:
        self.text = _join(self.text, text)
        self.lines.append(line)

    @property
    def complete(self) -> bool:
        """Has its year or publication data, and does not stop mid-phrase."""
        return bool(_YEAR.search(self.text) or _PUBLICATION.search(self.text)) and not ends_open(self.text)


def _segment(lines: Sequence[Line]) -> tuple[list[_Entry], list[int]]:
    """Cut the section's lines into entries. Returns the entries and the
    numbers found alone on their lines, in order."""
    entries: list[_Entry] = []
    loose: list[int] = []
    for line in lines:
        text = line.text
        if not text:
            continue
        if entries and _tight_end(entries[-1].text) and _DIGIT_START.match(text):
            entries[-1].add(line, text)  # ``2005;12:77–`` + ``81.``: the figures go on
            continue
        only = _NUMBER_ONLY.match(text)
        if only:
            loose.append(int(only.group("num") or only.group("bnum")))
            continue
        m = _MARKER.match(text)
        if m:
            num = m.group("num") or m.group("bnum")
            entries.append(_Entry(number=int(num) if num else 0))
            entries[-1].add(line, text[m.end():])
            continue
        b = _BARE_NUMBER_START.match(text)
        if b and (not entries or entries[-1].complete):
            entries.append(_Entry(number=int(b.group("num"))))
            entries[-1].add(line, text[b.end():])
            continue
        if not entries or (_AUTHOR_START.match(text) and entries[-1].complete):
            entries.append(_Entry())
        entries[-1].add(line, text)
    return entries, loose


def _drop_stray_numbers(entries: list[_Entry]) -> None:
    """Remove a number torn off an unnumbered entry and dropped inside it.

    The number must be the entry's place in the list. After a hyphen or before
    a lower-case word, or after a final comma, it cannot be text; before a
    capitalised word (``irrigated 4. Rice paddies``) only when the list shows
    such torn numbers elsewhere, and the sentence goes on in lower case.
    """
    found: list[tuple[int, re.Match]] = []
    for place, entry in enumerate(entries, 1):
        # The number, ``place``, stands before a full stop: in ASCII digits, the
        # text then holds ``place.`` (after zeros, if any).
        if entry.number or f"{place}." not in entry.text and entry.text.isascii():
            continue
        for m in _STRAY.finditer(entry.text):
            n = int(m.group("n1") or m.group("n2") or m.group("n3"))
            if n == place:
                found.append((place, m))
    if not found:
        return
    certain = {p for p, m in found if m.group("n1") or m.group("n3")
               or (m.group("next") and m.group("next")[0].islower())}
    for place, m in reversed(found):
        entry = entries[place - 1]
        if place not in certain:
            nxt2 = m.group("next2") or ""
            if not certain or not nxt2[:1].islower():
                continue
        text = entry.text
        if m.group("n1"):
            head = text[:m.start()]
            word_start = max(head.rfind(" "), 0)
            left = head[word_start:].strip().split("-")[-1]
            right = re.match(r"\p{L}+", text[m.end():])
            keep_hyphen = right and zipf(left) >= 2.5 and zipf(right.group()) >= 2.5
            text = head + ("-" if keep_hyphen else "") + text[m.end():]
        elif m.group("n2"):
            text = text[:m.start()] + " " + text[m.start("next"):]
        else:
            text = text[:m.start()]
        entry.text = text


def _split_glued(entries: list[_Entry]) -> list[_Entry]:
    """``… 2006;214:1187–95. Okafor N, Brandt L, …``: two entries on one line."""
    out: list[_Entry] = []
    for entry in entries:
        pieces = []
        text = entry.text
        while True:
            m = _GLUED_END.search(text)
            if not m or not _YEAR.search(text[:m.start()]):
                break
            pieces.append(text[:m.start()])
            text = text[m.end():]
        pieces.append(text)
        if len(pieces) == 1:
            out.append(entry)
            continue
        for k, piece in enumerate(pieces):
            out.append(_Entry(piece, entry.number if k == 0 else 0, _lines_for(entry, piece)))
    return out


def _lines_for(entry: _Entry, piece: str) -> list[Line]:
    """The entry's lines that hold part of ``piece`` (for provenance)."""
    words = set(piece.split()[:3] + piece.split()[-3:])
    lines = [ln for ln in entry.lines if words & set(ln.text.split())]
    return lines or list(entry.lines)


def _merge_copies(entries: list[_Entry]) -> list[_Entry]:
    """A cut-off entry whose tail repeats the head of the next (an extractor or
    OCR copy) is merged with it; a near-identical neighbour is dropped."""
    out: list[_Entry] = []
    for entry in entries:
        if out:
            prev = out[-1]
            merged = None
            if not prev.complete:
                merged = merge_overlap(prev.text, entry.text, cut_off=True)
            elif _same(prev.text, entry.text):
                merged = _better(prev.text, entry.text)
            if merged is not None:
                prev.text = merged
                prev.lines.extend(entry.lines)
                prev.number = prev.number or entry.number
                continue
        out.append(entry)
    return out


def _number(entries: list[_Entry], loose: list[int]) -> None:
    """Give every entry a number: printed, else from the loose number column,
    else the one after the previous entry's (or before the next one's)."""
    queue = list(loose)
    last = 0
    for e in entries:
        if not e.number and queue and queue[0] > last:
            e.number = queue.pop(0)
        elif e.number and queue and queue[0] <= e.number:
            queue = [n for n in queue if n > e.number]
        if e.number:
            last = e.number
    # Before the first printed number: count back from it.
    first = next((k for k, e in enumerate(entries) if e.number), None)
    if first is not None and entries[first].number - first >= 1:
        for k in range(first):
            entries[k].number = entries[first].number - (first - k)
    # After it: one more than the previous.
    prev = 0
    for e in entries:
        if not e.number:
            e.number = prev + 1
        prev = e.number


def mend_entries(lines: Sequence[Line]) -> list[Block]:
    """The list items of a reference section's lines.

    >>> from reflow.model import Line
    >>> lines = [Line(t) for t in ("1.", "2.", "Okafor N, Brandt L. Nitrogen uptake in sorghum. Crop Sci",
    ...     "2003;41:220–228.", "Ilves K, Marlow P. Root depth. Plant Soil 2005;12:77–", "81.",
    ...     "3. Santos R. Leaf area of maize. Field Crops Res 2001;9:1–8.")]
    >>> [(b.number, b.text) for b in mend_entries(lines)]  # doctest: +NORMALIZE_WHITESPACE
    [(1, 'Okafor N, Brandt L. Nitrogen uptake in sorghum. Crop Sci 2003;41:220–228.'),
     (2, 'Ilves K, Marlow P. Root depth. Plant Soil 2005;12:77–81.'),
     (3, 'Santos R. Leaf area of maize. Field Crops Res 2001;9:1–8.')]
    """
    entries, loose = _segment(lines)
    _drop_stray_numbers(entries)
    entries = _split_glued(entries)
    entries = _merge_copies(entries)
    entries = [e for e in entries if e.text.strip()]
    _number(entries, loose)
    return [Block(LIST_ITEM, " ".join(e.text.split()), tuple(e.lines), number=e.number) for e in entries]


# ------------------------------------------------------------------ sections


def _block_fits(block: Block, open_entry: bool) -> tuple[bool, bool]:
    """Does ``block`` belong to the reference section being read? And is an
    entry left open after it (cut off, or still without its year)?"""
    if block.kind not in (PARAGRAPH, LIST_ITEM) or block.label:
        return False, False
    text = block.text
    dated = bool(_YEAR.search(text) or _PUBLICATION.search(text))
    cut = ends_open(text)
    left_open = cut or not dated
    texts = [ln.text for ln in block.lines if ln.text] or [text]
    if all(_NUMBER_ONLY.match(t) for t in texts):
        return True, left_open
    first = texts[0]
    if _MARKER.match(first) or _AUTHOR_START.match(first) or _BARE_NUMBER_START.match(first):
        # An entry start: with its year, cut off, or at least opening with authors.
        return bool(dated or cut or _AUTHOR_START.match(_strip_marker(first))), left_open
    # Not an entry start: the rest of an unfinished entry, with its publication data.
    return open_entry and len(texts) <= 4 and dated, left_open


def _section_end(blocks: Sequence[Block], start: int) -> int:
    """Index after the last block of the section starting at ``start``."""
    k = start
    open_entry = False  # the first block must open an entry (or be the number column)
    while k < len(blocks):
        fits, open_entry = _block_fits(blocks[k], open_entry)
        if not fits:
            break
        k += 1
    return k


def _heading_split(block: Block) -> tuple[Block, Block | None] | None:
    """A reference heading alone in its block, or as the first line of one."""
    if block.kind not in (PARAGRAPH, HEADING) or not block.lines:
        return None
    if is_reference_heading(block.text):
        return block, None
    first = block.lines[0]
    if block.kind == PARAGRAPH and len(block.lines) > 1 and is_reference_heading(first.text):
        head = Block(PARAGRAPH, first.text, (first,))
        rest = block.lines[1:]
        return head, Block(PARAGRAPH, " ".join(ln.text for ln in rest), tuple(rest))
    return None


class _ShapedRuns:
    """Runs of list items that are mostly references.

    ``end(start)``, for a list item ``start``: the end of its run of list items
    when the items from ``start`` on are mostly references, else ``start``.
    Each run is scanned once, however many of its items are asked about.
    """

    def __init__(self, blocks: Sequence[Block]):
        self.blocks = blocks
        self.first = self.stop = 0  # the run scanned last: blocks[first:stop]
        self.shaped_from: list[int] = []  # [j]: how many of blocks[first + j:stop] look like references

    def end(self, start: int) -> int:
        if not self.first <= start < self.stop:
            self._scan(start)
        size = self.stop - start
        if size < MIN_SHAPED_RUN:
            return start
        return self.stop if self.shaped_from[start - self.first] >= 0.6 * size else start

    def _scan(self, start: int) -> None:
        blocks = self.blocks
        k = start
        while k < len(blocks) and blocks[k].kind == LIST_ITEM:
            k += 1
        self.first, self.stop = start, k
        self.shaped_from = []
        if k - start < MIN_SHAPED_RUN:
            return  # no start inside this run has enough items after it
        count = 0
        for b in reversed(blocks[start:k]):
            count += looks_like_reference(b.lines[0].text if b.lines else b.text)
            self.shaped_from.append(count)
        self.shaped_from.reverse()


def _may_hold_heading(blocks: Sequence[Block]) -> bool:
    """Could ``_heading_split`` find a reference heading among ``blocks``? It
    needs a heading word in a block's text or first line (lower-cased, as
    ``is_reference_heading`` tests it)."""
    texts = [t for b in blocks if b.kind in (PARAGRAPH, HEADING) and b.lines
             for t in (b.text, b.lines[0].text)]
    lowered = "\n".join(texts).lower()
    return any(key in lowered for key in _HEADING_KEYS)


def mend_reference_lists(doc: Document, config) -> Document:
    """Rebuild each reference section as numbered list items.

    >>> from reflow.model import Block, Line, PARAGRAPH
    >>> texts = ("References", "- Okafor N, Brandt L. Nitrogen uptake in sorghum. Crop Sci 2003;41:220-8.",
    ...          "- Ilves K, Marlow P. Root depth and drought. Plant Soil 2005;12:77-81.")
    >>> doc = Document(blocks=tuple(Block(PARAGRAPH, t, (Line(t),)) for t in texts))
    >>> [(b.kind, b.number, b.text[:9]) for b in mend_reference_lists(doc, None).blocks]
    [('paragraph', 0, 'Reference'), ('list_item', 1, 'Okafor N,'), ('list_item', 2, 'Ilves K, ')]
    """
    blocks = list(doc.blocks)
    # A section starts at a reference heading or a list item: without either, nothing to do.
    headed = _may_hold_heading(blocks)
    if not headed and not any(b.kind == LIST_ITEM for b in blocks):
        return doc
    runs = _ShapedRuns(blocks)
    out: list[Block] = []
    i = 0
    changed = False
    while i < len(blocks):
        block = blocks[i]
        split = _heading_split(block) if headed else None
        if split:
            head, rest = split
            section = ([rest] if rest else []) + blocks[i + 1:]
            end = _section_end(section, 0)
            if end:
                lines = [ln for b in section[:end] for ln in b.lines]
                items = mend_entries(lines)
                out.append(head)
                out.extend(items)
                consumed = end - (1 if rest else 0)
                i += 1 + consumed
                changed = True
                continue
        elif block.kind == LIST_ITEM:
            end = runs.end(i)
            if end > i:
                end = max(end, _section_end(blocks, i))
                lines = [ln for b in blocks[i:end] for ln in b.lines]
                out.extend(mend_entries(lines))
                i = end
                changed = True
                continue
        out.append(block)
        i += 1
    if not changed:
        return doc
    new = tuple(out)
    return doc if new == doc.blocks else replace(doc, blocks=new)


# ------------------------------------------------------------------ bullet glyphs

_GLYPH_ITEM = re.compile(r"^[•▪◦●∙‣⁃]\s+(?=\S)")
# A one-line paragraph ``- Agronomy`` (a lone Markdown bullet item read again;
# reflow writes bullets with ``-``, and ``* Note`` is a footnote, not an item).
_DASH_ITEM = re.compile(r"^-\s+(?=\p{L})")


def mark_bullet_items(doc: Document, config) -> Document:
    """A paragraph that opens with a bullet glyph (``• Soil science``) is a list
    item, even alone: the glyph is list syntax, not text. (``build_paragraphs``
    makes list items of runs, and of a ``- Word`` line alone between blank
    lines, so that ``- 3`` in running text stays; this takes the items that
    other cleaners split off since.)

    >>> from reflow.model import Block, Line, PARAGRAPH
    >>> doc = Document(blocks=(Block(PARAGRAPH, "• Soil science", (Line("• Soil science"),)),))
    >>> [(b.kind, b.text) for b in mark_bullet_items(doc, None).blocks]
    [('list_item', 'Soil science')]
    """
    changed = False
    out = []
    for block in doc.blocks:
        m = None
        if block.kind == PARAGRAPH and not block.label:
            m = _GLYPH_ITEM.match(block.text) or (len(block.lines) == 1 and _DASH_ITEM.match(block.text))
        if m:
            block = replace(block, kind=LIST_ITEM, text=block.text[m.end():], number=0)
            changed = True
        out.append(block)
    return replace(doc, blocks=tuple(out)) if changed else doc


# For the content ledger: a repeated entry head and torn-off numbers are
# removed on purpose (the numbers come back as the items' own numbers).
mend_reference_lists.removes_text = True
