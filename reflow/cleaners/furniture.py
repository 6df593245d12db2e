r"""Page furniture: page numbers, running headers and footers, margin stamps.

PDF extractors write what is printed on every page -- the page number, the
journal's running header, a volume/date footer, a "Downloaded from ..." stamp --
into the middle of the text, often in the middle of a sentence that runs on to
the next page. This cleaner finds such lines and drops them, before hyphen
joining and paragraph building, so the two halves of a cut paragraph meet again.

>>> from reflow.model import doc_of
>>> text = ("Soil survey of the valley\n12\n\nLead in the soil rose near the old\n"
...         "\fSoil survey of the valley\n13\n\nsmelter and fell again beyond the river.\n"
...         "Zinc did not.\n\n\fSoil survey of the valley\n14\n\nCadmium was not measured.\n")
>>> [ln.text for ln in strip_page_furniture(doc_of(text), None).lines]
['Lead in the soil rose near the old', 'smelter and fell again beyond the river.', 'Zinc did not.', '', 'Cadmium was not measured.']

How a line is recognised (each rule is one helper below; all of them look at
every line once or compare a few candidates, so the cost stays near-linear):

* ``_masked`` -- the comparison form: casefolded, spaces collapsed, every digit
  run written ``#``; ``_core`` also strips a page number at either end.
* ``_page_number_chains`` -- lone page-number lines (``12``, ``- 12 -``,
  ``Page 3``, ``3 of 10``) whose values rise by one in document order, with
  many lines between members (a table column ``1 2 3`` is packed together).
* ``_boundary_page_numbers`` -- with form feeds, a lone number among the first
  or last two text lines of a page, its offset from the page index consistent.
* ``_recurring_at_boundaries`` -- with form feeds, a line near the top or bottom
  of a page whose core recurs, exactly or nearly (OCR), near the top or bottom of
  other pages; recto/verso headers are tied by a shared tail or head.
* ``_shaped_at_boundaries`` -- a line at a page boundary (or at the very end of
  the input) with a strong furniture shape (url, ``Vol.``/``Issue`` + digits,
  ``|`` separators, a date, a page number at one end, a download stamp).
* ``_recurring_anywhere`` -- a line that recurs anywhere: twice if it has a
  strong furniture shape (a margin stamp put mid-page), ``furniture_min_repeats``
  times otherwise, provided (nearly) every occurrence stands next to other
  furniture.
* ``_neighbours`` -- a short line with some furniture shape right next to a line
  found above (a logo line beside an open-access banner).

What is removed with a furniture line: in each run of furniture and blank lines
between two text lines, every group of adjacent furniture lines goes and takes
one blank line with it; at most one blank line is left, and none when the text
visibly runs on (the line before has no sentence end, or the line after starts
in lower case). So ``text. / blank / header / blank / Text`` keeps one blank,
while ``text / header / text`` and ``...which / blank / 12 / header / blank /
suggests...`` close up, so the paragraph builder can join the two halves.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from itertools import accumulate, compress

import regex as re
from rapidfuzz import fuzz, process

from ..model import Document, Line, lines_matching

# ------------------------------------------------------------------ thresholds

# A page boundary zone: the first/last few text lines of a page. Headers and
# footers take one to three lines; two is where shape alone is trusted, three is
# where a recurring line is still believed to be a header.
SHAPE_ZONE = 2
# Stamps ("Freely available online", "OPEN ACCESS") are looked for this deep at
# the top of the first page, above the title and authors: the first lines, as
# many letters and digits as about five lines hold. Counted in letters, not
# lines, so that the zone is the same on reflow's own output, where the wrapped
# lines of a paragraph are one line (a stamp below two paragraphs must not move
# into the zone on a second run).
STAMP_LETTERS = 200
# The front matter kept beside those stamps (``_neighbours``): the first lines.
STAMP_ZONE = 5
RECUR_ZONE = 3
# Near repeats (OCR variation of one header): a ratio of 85 tolerates about one
# wrong character in seven, while two different body lines rarely get that close.
NEAR_RATIO = 85
# Short strings ("Result" / "Results") are near each other by chance: only lines
# this long are compared fuzzily; shorter ones must repeat exactly.
NEAR_MIN_LEN = 10
# Recto/verso headers are compared only with the next few pages (they alternate
# every other page), which keeps the fuzzy comparison linear in the page count.
PAGE_WINDOW = 4
# Page-number chains in text without form feeds: at least three members, and the
# median gap between members at least this many text lines (a page holds dozens
# of lines, a short column still ten; a column of table numbers has gaps of one
# to three).
CHAIN_MIN = 3
CHAIN_MEDIAN_GAP = 10
# Share of a plain recurring line's occurrences that must stand next to other
# furniture: all of three, but a long document may lose a page number or two.
ANCHORED_SHARE = 0.75
# "Next to other furniture": within this many text lines.
NEAR_LINES = 3
# Lines longer than this are prose or table rows, never furniture.
MAX_LEN = 200
# A masked form shorter than this (``no``, ``#``) is too common to call furniture
# by recurrence (table cells); page numbers are found by the number rules.
MIN_MASKED = 3

# ------------------------------------------------------------------ patterns

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# Lines that are only a page number: 12, - 12 -, [12], Page 12, 12 of 40.
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*(\d{1,4})\s*[-–—]|\[(\d{1,4})\]|(?:page|p\.)\s*(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
# A page number at either end of a layout line: "54     L. Author et al." .
# ``_PAGE_NUMBER`` in a whole document, after a newline put before each line:
# a scan skips fast from newline to newline (see ``_page_number_chains``).
_PAGE_NUMBER_LINE = re.compile(_PAGE_NUMBER.pattern.replace(r"\s", r"[^\S\n]").replace("^", r"\n", 1),
                               re.IGNORECASE | re.MULTILINE)
_PAGE_AT_END = re.compile(r"^\d{1,4}\s{2,}\S|\S\s{2,}\d{1,4}$|^(?:page|p\.)\s*\d+|\bpage\s+\d+$|\b\d+\s+of\s+\d+$",
                          re.IGNORECASE)
# Its alternatives anchored at the start: the others end with a digit.
_PAGE_AT_START = re.compile(r"^\d{1,4}\s{2,}\S|^(?:page|p\.)\s*\d+", re.IGNORECASE)
_LAYOUT_NUMBER = re.compile(r"^\d{1,4}\s{2,}|(?<!\s)\s{2,}\d{1,4}$")
_LEADING_NUMBER = re.compile(r"^#\s+")
# How a paragraph may end: full stop, question or exclamation mark, colon,
# optionally followed by a closing quote or bracket or a citation number.
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*\d*$")
# A table cell that is only a number: 12, 7.5, 40%, -3.
_NUMBER_CELL = re.compile(r"^[-+]?\d+(?:[.,]\d+)?%?$")
_URL = re.compile(r"https?://|\bwww\.|\.(?:com|org|net)\b", re.IGNORECASE)
_DOI = re.compile(r"\bdoi\b|\b10\.\d{4,}/", re.IGNORECASE)
# Capitalised, as printed in headers: "the number 11" in a sentence is not one.
_VOLUME = re.compile(r"\b(?:Vol\.?|VOL\.?|Volume|VOLUME|Issue|ISSUE|No\.|NO\.|Number|NUMBER|Suppl\.?)\s*\d")
_SEPARATOR = re.compile(r"\s[|•·]\s|\||\s/\s|\p{Ll}/\p{Lu}\p{Ll}")
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
          r"|january|february|march|april|june|july|august|september|october|november|december")
_DATE = re.compile(rf"\b(?:{_MONTH})\s+\d|\d\s+(?:{_MONTH})\b|\b(?:19|20)\d\d\b", re.IGNORECASE)
_STAMP = re.compile(r"downloaded\s+from|freely\s+available\s+online|\bopen\s+access\b"
                    r"|for\s+personal\s+use\s+only", re.IGNORECASE)
_ET_AL = re.compile(r"\bet\s+al\b", re.IGNORECASE)
# A numbered reference or list item ("12. Smith J", "[3] Lee") is never furniture
# by shape: references carry years, dois and volumes too.
_REFERENCE = re.compile(r"^(?:\[\d+\]|\d{1,3}\.\s+\p{Lu})")


_ANY_DIGIT = re.compile(r"\d")


# The slowest searches, each with a cheap test first.
def _page_at_end(text: str) -> bool:
    """``_PAGE_AT_END.search``: unless the line ends with a digit, only its start can match."""
    body = text[:-1] if text.endswith("\n") else text  # ``$`` also matches before a final newline
    if body[-1:].isdigit():
        return bool(_PAGE_AT_END.search(text))
    return bool(_PAGE_AT_START.search(text))


def _separator(text: str) -> bool:
    """``_SEPARATOR.search``: every alternative holds one of these characters."""
    return ("|" in text or "/" in text or "•" in text or "·" in text) and bool(_SEPARATOR.search(text))


def _url(text: str) -> bool:
    """``_URL.search``: every alternative holds a dot or a slash."""
    return ("." in text or "/" in text) and bool(_URL.search(text))


def _date(text: str) -> bool:
    """``_DATE.search``: every alternative holds a digit."""
    return bool(_ANY_DIGIT.search(text)) and bool(_DATE.search(text))


# ------------------------------------------------------------------ line forms


def _masked(text: str) -> str:
    """The comparison form of a line: casefold, one space, digit runs as ``#``.

    >>> _masked("June 1, 2007 /  Volume 109")
    'june #, # / volume #'
    """
    text = text.casefold()
    # Every white-space character but the plain space is unprintable: a
    # printable text without a double space has nothing to collapse.
    if "  " in text or not text.isprintable():
        text = _SPACES.sub(" ", text)
    return _DIGITS.sub("#", text).strip()


def _masked_lines(texts: list[str], joined: str) -> list[str]:
    """``_masked`` of each text; ``joined`` is the texts joined by newlines.
    Casefolding goes character by character and no digit run crosses a
    newline, so these are done once on the whole text.

    >>> _masked_lines(["June 1,  2007", "", "Page\\t3 "], "June 1,  2007\\n\\nPage\\t3 ")
    ['june #, #', '', 'page #']
    """
    if joined.count("\n") != len(texts) - 1:  # a text holding a newline
        return [_masked(t) for t in texts]
    # As in ``_masked``: spaces are collapsed only where they could change.
    return [(_SPACES.sub(" ", m) if "  " in m or not m.isprintable() else m).strip()
            for m in _DIGITS.sub("#", joined.casefold()).split("\n")]


# What the recurrence key drops from a casefolded line's UTF-8 bytes: digits and
# ``#``, white space (``\s`` and ``str.isspace``) but the newline, and every
# byte of a non-ASCII character. ``_masked`` only writes digit runs as ``#`` and
# collapses or strips white space: dropping these from a line or from its masked
# form gives the same key, so lines with the same masked form share their key.
_KEY_DROP = bytes(b for b in range(256) if b != 10 and (
    b >= 0x80 or chr(b) in "0123456789#" or chr(b).isspace() or re.match(r"\s", chr(b))))
_ASCII_LOWER = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))  # casefold of ASCII


def _maybe_recurring(texts: list[str], joined: str) -> list[int]:
    """The text lines at most ``MAX_LEN`` long whose masked form may recur: their
    key (see ``_KEY_DROP``), taken with C string methods on the whole text, recurs.

    >>> texts = ["Vol. 3", "", "Intro", "VOL.  4", "A"]
    >>> _maybe_recurring(texts, "\\n".join(texts))
    [0, 3]
    """
    if joined.count("\n") != len(texts) - 1:  # a text holding a newline
        return [i for i, t in enumerate(texts) if t and len(t) <= MAX_LEN]
    if joined.isascii():
        keys = joined.encode("ascii").translate(_ASCII_LOWER, _KEY_DROP).split(b"\n")
    else:
        keys = joined.casefold().encode("utf-8", "surrogatepass").translate(None, _KEY_DROP).split(b"\n")
    counts = Counter(keys)
    return [i for i, k in enumerate(keys) if counts[k] > 1 and texts[i] and len(texts[i]) <= MAX_LEN]


def _core(text: str) -> str:
    """The masked form without a page number at either end (recto/verso).

    >>> _core("54      R. Okafor et al., 2019, Vol. 27")
    'r. okafor et al., #, vol. #'
    """
    stripped = _LAYOUT_NUMBER.sub("", text, count=1)
    if stripped != text:
        return _masked(stripped)
    return _LEADING_NUMBER.sub("", _masked(text))


def _page_value(text: str) -> int | None:
    """The number of a line that is only a page number, else None.

    >>> [_page_value(t) for t in ("12", "- 7 -", "Page 3", "3 of 10", "12 mg")]
    [12, 7, 3, 3, None]
    """
    m = _PAGE_NUMBER.match(text)
    if not m:
        return None
    return int(next(g for g in m.groups() if g is not None))


def _signals(text: str) -> int:
    """How many furniture shapes a line shows (a stamp phrase counts two).

    Weak signals (a year or date, a doi, ``et al.``) also fill references, so
    ``_strong_shape`` asks for at least one of the others.

    >>> _signals("June 1, 2007 / Volume 109 / Number 11")
    3
    >>> _signals("The cohort was followed for two years.")
    0
    """
    return sum(bool(shape(text)) for shape in _SHAPES) + _stamp(text)


def _any_signal(text: str) -> bool:
    """``_signals(text) > 0``, stopping at the first signal found (a stamp
    holds a stamp phrase)."""
    return any(shape(text) for shape in _SHAPES)


def _stamp(text: str) -> bool:
    """A stamp or banner: the phrase opens a short line ("Downloaded from ...",
    "OPEN ACCESS Freely available online"), unlike a sentence that mentions it.

    >>> _stamp("Downloaded from https://example.org on 2 May 2020"), _stamp("Data were downloaded from GEO.")
    (True, False)
    """
    if text.endswith("."):
        return False
    m = _stamp_phrase(text)
    return bool(m) and m.start() <= 20 and len(text.split()) <= 15


def _stamp_phrase(text: str):
    """``_STAMP.search``: each phrase holds ``downloaded``, ``freely``, ``open`` or
    ``only``, whose letters IGNORECASE matches only in ASCII (its non-ASCII
    matches are ``İ`` for ``i``, ``ſ`` for ``s`` and the Kelvin sign for ``k``)."""
    low = text.lower()
    if "downloaded" in low or "freely" in low or "open" in low or "only" in low:
        return _STAMP.search(text)
    return None


# The furniture shapes ``_signals`` counts, one each (a stamp phrase that
# opens a short line, ``_stamp``, counts once more).
_SHAPES = (
    _url, _DOI.search, _VOLUME.search, _separator, _date, _page_at_end, _stamp_phrase,
    lambda text: _ET_AL.search(text) and len(text.split()) <= 10,
)


def _strong_shape(text: str, sentence_ok: bool = False) -> bool:
    """Two or more signals, at least one that references do not usually show.

    Unless ``sentence_ok`` (the line also recurs), a line ending in a full stop
    is taken for a sentence or a reference, not a footer.
    """
    if len(text) > MAX_LEN or _REFERENCE.match(text) or (text.endswith(".") and not sentence_ok):
        return False
    if text.startswith("|") and text.endswith("|"):
        return False  # a Markdown table row (reflow's own output read again), not ``Journal | 2019``
    digit = bool(_ANY_DIGIT.search(text))  # ``_VOLUME`` and ``_PAGE_AT_END`` hold a digit
    strong = (_url(text) or (digit and (_VOLUME.search(text) or _page_at_end(text)))
              or _separator(text) or _stamp(text))
    return bool(strong) and _signals(text) >= 2


# ------------------------------------------------------------------ page geometry


def _by_page(lines: tuple[Line, ...], texts: list[str]) -> dict[int, list[int]]:
    """Per page, the indexes of its text lines (computed once per document)."""
    pages = [ln.page for ln in lines]
    if pages.count(pages[0]) == len(pages):  # one page: all its text lines
        text_ix = list(compress(range(len(texts)), texts))
        return {pages[0]: text_ix} if text_ix else {}
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.text:
            by_page.setdefault(ln.page, []).append(i)
    return by_page


def _page_zones(by_page: dict[int, list[int]], depth: int) -> dict[int, list[int]]:
    """Per page, the indexes of its first and last ``depth`` text lines."""
    return {p: sorted(set(ix[:depth] + ix[-depth:])) for p, ix in by_page.items()}


def _text_rank(texts: list[str]) -> list[int]:
    """For each line, how many text lines come before it (distance in text lines)."""
    return list(accumulate(map(bool, texts[:-1]), initial=0))


# ------------------------------------------------------------------ the detectors


def _page_number_chains(lines: tuple[Line, ...], joined: str, rank: list[int]) -> set[int]:
    """Lone page-number lines whose values go up by one, far apart.

    A number whose neighbour line is also a number (``12``, ``7.5``, ``40%``)
    sits in a table dump and is not considered. In a long table dump every
    small number recurs, and chains form by chance; so at least half of a
    chain's values must occur on at most two lone lines in the whole input
    (each page number is printed once, twice at most with a stray cell).
    Each number extends the most recent chain that ended with its value minus
    one. A chain counts when it has ``CHAIN_MIN`` members and its median gap is
    ``CHAIN_MEDIAN_GAP`` text lines: table columns (``1 2 3`` on adjacent lines)
    and scattered cell values (``70``, ``25``, ``140``) do not qualify.
    """
    ends: dict[int, list[int]] = {}  # value the chain waits for -> chain
    chains: list[list[int]] = []
    values: dict[int, int] = {}
    seen: dict[int, int] = {}  # value -> how many lone lines carry it
    # In "\n" + joined, a match at the newline before line i counts for line i
    # (and if every line is returned, there is one too many).
    candidates = lines_matching(_PAGE_NUMBER_LINE, "\n" + joined, len(lines) + 1)[:len(lines)]
    if len(candidates) < CHAIN_MIN:
        return set()  # a chain is made of candidates
    for i in candidates:
        value = _page_value(lines[i].text) if lines[i].text else None
        if value is None or _in_number_column(lines, i):
            continue
        values[i] = value
        seen[value] = seen.get(value, 0) + 1
        chain = ends.pop(value, None)
        if chain is None:
            chain = []
            chains.append(chain)
        chain.append(i)
        ends[value + 1] = chain
    found: set[int] = set()
    for chain in chains:
        if len(chain) < CHAIN_MIN:
            continue
        distinct = sum(1 for i in chain if seen[values[i]] <= 2)
        if 2 * distinct < len(chain):
            continue
        gaps = sorted(rank[b] - rank[a] for a, b in zip(chain, chain[1:]))
        if gaps[(len(gaps) - 1) // 2] >= CHAIN_MEDIAN_GAP:  # lower median
            found.update(chain)
    return found


def _in_number_column(lines: tuple[Line, ...], i: int) -> bool:
    """Whether the text line before or after line ``i`` is a bare number too."""
    for j in (_prev_text(lines, i), _next_text(lines, i)):
        if j is not None and _NUMBER_CELL.match(lines[j].text):
            return True
    return False


def _boundary_page_numbers(lines: tuple[Line, ...], by_page: dict[int, list[int]]) -> set[int]:
    """With form feeds: a lone number among a page's first or last two text lines.

    A lone number right next to another number is a table cell, not a page
    number. Printed number minus page index is the same on every page; when
    some offset is shared by two pages, a number with another offset (a table
    cell that happens to end a page) is left alone; when none is, only a number
    that is the very first or last text line of its page is taken.
    """
    candidates: dict[int, list[int]] = {}  # offset -> line indexes
    for ix in _page_zones(by_page, SHAPE_ZONE).values():
        for i in ix:
            value = _page_value(lines[i].text)
            if value is not None and not _in_number_column(lines, i):
                candidates.setdefault(value - lines[i].page, []).append(i)
    shared = {off: ix for off, ix in candidates.items() if len({lines[i].page for i in ix}) >= 2}
    if shared:
        return {i for ix in shared.values() for i in ix}
    # No sequence to check against (a two-page excerpt): only a number that is
    # the very first or last text line of its page.
    outer = {i for ix in _page_zones(by_page, 1).values() for i in ix}
    return {i for ix in candidates.values() for i in ix if i in outer}


def _recurring_at_boundaries(lines: tuple[Line, ...], by_page: dict[int, list[int]],
                             min_repeats: int) -> set[int]:
    """With form feeds: boundary lines whose core recurs at other boundaries.

    Exact repeats of the core are counted per page; near repeats (OCR) and
    recto/verso pairs (same tail such as ``, #, vol. #``) are looked for only in
    the next ``PAGE_WINDOW`` pages. A line with some furniture shape needs two
    pages; a plain line needs ``min_repeats`` pages, or half of the pages in a
    short document, so that a heading at the top of two pages of ten stays.
    """
    zones = _page_zones(by_page, RECUR_ZONE)
    pages = sorted(zones)
    if len(pages) < 2:
        return set()
    need_plain = max(2, min(min_repeats, math.ceil(len(pages) / 2)))
    cores = {i: _core(lines[i].text) for ix in zones.values() for i in ix}
    cores = {i: c for i, c in cores.items()
             if len(c) >= MIN_MASKED and len(lines[i].text) <= MAX_LEN
             and _page_value(lines[i].text) is None}
    # Union-find over candidate lines: exact core, near core, or shared tail/head.
    parent = {i: i for i in cores}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    first: dict[str, int] = {}
    for i, c in cores.items():
        if c in first:
            union(i, first[c])
        else:
            first[c] = i
    shape_of: dict[int, bool] = {}

    def shaped(i: int) -> bool:
        """``_any_signal`` of line ``i``, computed once and only where asked."""
        if i not in shape_of:
            shape_of[i] = _any_signal(lines[i].text)
        return shape_of[i]

    # Per page, its candidates, those long enough to compare fuzzily, and the
    # candidates by their recto/verso edges (``_edges``): built once, so each
    # line is compared with the next pages in one rapidfuzz call and a dict lookup.
    here_of = {p: [i for i in zones[p] if i in cores] for p in pages}
    long_of = {p: [i for i in ix if len(cores[i]) >= NEAR_MIN_LEN] for p, ix in here_of.items()}
    edges_of = {i: e for i in cores if (e := _edges(cores[i]))}
    by_edge: dict[int, dict[tuple, list[int]]] = {p: {} for p in pages}
    for i, edges in edges_of.items():
        for e in edges:
            by_edge[lines[i].page].setdefault(e, []).append(i)
    for n, p in enumerate(pages):
        window = pages[n + 1:n + 1 + PAGE_WINDOW]
        longs = [j for q in window for j in long_of[q]]
        choices = [cores[j] for j in longs]
        for i in here_of[p]:
            if choices and len(cores[i]) >= NEAR_MIN_LEN:  # near: both this long, ratio >= NEAR_RATIO
                for _, _, k in process.extract(cores[i], choices, scorer=fuzz.ratio, processor=None,
                                               score_cutoff=NEAR_RATIO, limit=None):
                    union(i, longs[k])
            for e in edges_of.get(i, ()):  # a shared edge ties two lines with some shape
                for j in (j for q in window for j in by_edge[q].get(e, ())):
                    if shaped(i) and shaped(j):
                        union(i, j)
    groups: dict[int, list[int]] = {}
    for i in cores:
        groups.setdefault(find(i), []).append(i)
    found = set()
    for members in groups.values():
        n_pages = len({lines[i].page for i in members})
        # ``need_plain`` is at least 2: the shape matters only in between.
        if n_pages >= need_plain or (n_pages >= 2 and any(shaped(i) for i in members)):
            found.update(members)
    return found


def _edges(core: str) -> tuple[tuple, ...]:
    """Recto/verso headers: different titles, same furniture tail or head.

    The keys under which two lines' cores are tied: their last three and their
    first three tokens, kept only where the core has at least four tokens and
    the three hold a digit mask, so that two body lines ending in ``of the
    study`` are not tied. (The caller also asks both lines for some shape.)

    >>> a = _edges(_core("54   R. Okafor et al., 2019, Vol. 27"))
    >>> b = _edges(_core("Soil moisture in dry valleys, 2019, Vol. 27    55"))
    >>> sorted(set(a) & set(b))
    [('tail', '#,', 'vol.', '#')]
    """
    if "#" not in core:
        return ()  # each edge holds a digit mask
    tokens = core.split()
    if len(tokens) < 4:
        return ()
    return tuple(edge for edge in (("tail", *tokens[-3:]), ("head", *tokens[:3]))
                 if any("#" in t for t in edge[1:]))


def _shaped_at_boundaries(lines: tuple[Line, ...], by_page: dict[int, list[int]],
                          text_ix: list[int], anchors: set[int]) -> set[int]:
    """A line with a strong furniture shape where headers and footers sit.

    Where: the first/last ``SHAPE_ZONE`` text lines of a page (except the top of
    the first page, where the article's own citation line is kept unless it is a
    stamp such as "Freely available online"), the last ``SHAPE_ZONE`` text lines
    of the input, and the text lines next to a found page number. The top of the
    first page is its lines that start within ``STAMP_LETTERS`` letters and digits.
    """
    if not text_ix:
        return set()
    where = set(text_ix[-SHAPE_ZONE:])
    if len(by_page) > 1:  # its keys are the pages that hold text
        for ix in _page_zones(by_page, SHAPE_ZONE).values():
            where.update(ix)
    for a in anchors:
        where.update(_text_around(lines, a, SHAPE_ZONE))
    top = _top_of_first(lines, by_page, text_ix)
    found = {i for i in where - top if _strong_shape(lines[i].text)}
    found.update(i for i in top if _stamp(lines[i].text))  # there, only a stamp counts
    return found


def _top_of_first(lines: tuple[Line, ...], by_page: dict[int, list[int]], text_ix: list[int]) -> set[int]:
    """The first page's text lines that start within ``STAMP_LETTERS`` letters and digits."""
    top, letters = set(), 0
    for i in by_page.get(lines[text_ix[0]].page, []):
        if letters >= STAMP_LETTERS:
            break
        top.add(i)
        letters += _alnum_count(lines[i].text)
    return top


_ASCII_ALNUM = bytes(c for c in range(128) if chr(c).isalnum())


def _alnum_count(text: str) -> int:
    """How many characters of ``text`` are letters or digits (``str.isalnum``)."""
    if text.isascii():  # ``str.isalnum`` holds for exactly these ASCII characters
        return len(text) - len(text.encode("ascii").translate(None, _ASCII_ALNUM))
    return sum(map(str.isalnum, text))


def _recurring_anywhere(lines: tuple[Line, ...], texts: list[str], joined: str, rank: list[int], text_ix: list[int],
                        known: set[int], min_repeats: int) -> set[int]:
    """Lines whose masked form recurs, wherever they sit.

    * strong furniture shape, twice or more (a rotated margin stamp that the
      extractor puts mid-page, a ``Volume # / Number #`` line);
    * otherwise ``min_repeats`` times, and (nearly) every occurrence within
      ``NEAR_LINES`` text lines of other furniture (a journal name beside the page
      number) or at the very start or end of the input, so that table cells
      ``Yes``/``No``/``Total`` and a heading used in two articles stay.

    The recurring group must not be packed together: its occurrences are at
    least ``NEAR_LINES`` text lines apart (a repeated table cell is not).
    """
    maybe = _maybe_recurring(texts, joined)  # a group's members are among them
    if 2 * len(maybe) > len(texts):  # a key that does not select (non-Latin text)
        every = _masked_lines(texts, joined)
        masked = {i: every[i] for i in maybe}
    else:
        masked = {i: _masked(texts[i]) for i in maybe}
    groups: dict[str, list[int]] = {}
    for i, m in masked.items():
        if len(m) >= MIN_MASKED:
            groups.setdefault(m, []).append(i)
    found: set[int] = set()
    plain: list[list[int]] = []
    for m, members in groups.items():
        if len(members) < 2:
            continue
        if min(rank[b] - rank[a] for a, b in zip(members, members[1:])) < NEAR_LINES:
            continue
        if _strong_shape(lines[members[0]].text, sentence_ok=True):
            found.update(members)
        elif len(members) >= min_repeats:
            plain.append(members)
    if not plain:
        return found
    edges = set(text_ix[:SHAPE_ZONE] + text_ix[-SHAPE_ZONE:])
    # The text ranks within ``NEAR_LINES`` of a found text line, but not its own:
    # a member (a text line) is near other furniture when its rank is one.
    near = {rank[j] + d for j in known | found if texts[j]
            for d in range(-NEAR_LINES, NEAR_LINES + 1) if d}
    for members in plain:
        anchored = sum(1 for i in members if i in edges or rank[i] in near)
        if anchored >= max(min_repeats, math.ceil(ANCHORED_SHARE * len(members))):
            found.update(members)
    return found


def _neighbours(lines: tuple[Line, ...], by_page: dict[int, list[int]], text_ix: list[int],
                found: set[int]) -> set[int]:
    """Short lines with some furniture shape directly beside found furniture.

    A header block often has two lines (journal logo and banner, journal name
    and issue line); only the one with the clearer shape is found by the rules
    above. Short (at most eight words) so that a body line is never taken.
    """
    if not found:
        return set()  # every extra line stands beside a found one
    zone = {i for ix in _page_zones(by_page, SHAPE_ZONE).values() for i in ix}
    # The front matter (citation line, authors) sits beside the first page's
    # stamps and is kept; only a masthead line with ``|`` separators, which no
    # citation or author line has, goes with a stamp there.
    front = {i for i in text_ix[:STAMP_ZONE] if "|" not in lines[i].text}
    extra = set()
    for i in found & zone:
        for j in (_prev_text(lines, i), _next_text(lines, i)):
            if (j is not None and j not in found and j not in front and lines[j].page == lines[i].page
                    and len(lines[j].text.split()) <= 8 and _any_signal(lines[j].text)
                    and not _REFERENCE.match(lines[j].text)):
                extra.add(j)
    return extra


# ------------------------------------------------------------------ small helpers


def _prev_text(lines: tuple[Line, ...], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if lines[j].text:
            return j
    return None


def _next_text(lines: tuple[Line, ...], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].text:
            return j
    return None


def _text_around(lines: tuple[Line, ...], i: int, n: int) -> list[int]:
    """The ``n`` text lines before and after line ``i``."""
    out, j = [], i
    for _ in range(n):
        j = _prev_text(lines, j) if j is not None else None
        if j is not None:
            out.append(j)
    j = i
    for _ in range(n):
        j = _next_text(lines, j) if j is not None else None
        if j is not None:
            out.append(j)
    return out


def _continues(before: Line | None, after: Line | None) -> bool:
    """Whether the text after a removed header carries on the text before it:
    the line before does not end a sentence, or the line after starts in lower
    case.

    >>> _continues(Line("grazed plots nearby, which"), Line("suggests that"))
    True
    >>> _continues(Line("the edge held."), Line("Storms came later."))
    False
    """
    if before is None or after is None:
        return False
    return not _SENTENCE_END.search(before.text) or after.text[:1].islower()


def _drop(lines: tuple[Line, ...], furniture: set[int]) -> list[Line]:
    """Remove furniture lines; each group of them takes one blank line along.

    A run is a maximal stretch of blank and furniture lines; a group is a
    stretch of furniture lines with no blank between them (a header and its
    page number). A run holding ``g`` groups and ``b`` blank lines becomes one
    blank line if ``b > g``, else nothing: ``text / blank / header / blank /
    text`` keeps its blank, ``text / header / text`` and ``text / blank /
    header / text`` close up. The blank is dropped too when the text visibly
    continues (``_continues``): it only framed the header that cut a sentence.
    """
    n = len(lines)

    def loose(j: int) -> bool:
        return not lines[j].text or j in furniture

    kept: list[Line] = []
    start = 0  # lines before ``start`` are done
    for f in sorted(furniture):
        if f < start:
            continue  # in the run just done
        a, b = f, f + 1  # the run around ``f``; lines[a - 1] is a kept text line
        while a > 0 and loose(a - 1):
            a -= 1
        while b < n and loose(b):
            b += 1
        kept.extend(lines[start:a])
        flags = [i in furniture for i in range(a, b)]
        groups = sum(1 for k, flag in enumerate(flags) if flag and (k == 0 or not flags[k - 1]))
        blanks = [i for i in range(a, b) if i not in furniture]
        before, after = (lines[a - 1] if a else None), (lines[b] if b < n else None)
        if len(blanks) > groups and not _continues(before, after):
            kept.append(lines[blanks[0]])
        start = b
    kept.extend(lines[start:])
    return kept


# ------------------------------------------------------------------ the cleaner


def strip_page_furniture(doc: Document, config) -> Document:
    """Drop page numbers, running headers/footers and stamps from ``doc.lines``.

    ``config.furniture_min_repeats`` (default 3) is how often a plain line must
    recur to count as a running header when nothing else marks it.

    Before and after: a download stamp and a journal line, each printed on
    every page, go; the sentence they cut is whole again.

    >>> from reflow.model import doc_of
    >>> stamp = "Downloaded from https://example.org/asthma/9 on 2 May 2021"
    >>> journal = "Lung Notes / Volume 9 / Issue 2"
    >>> before = [stamp, "The trial enrolled forty adults with mild asthma, and",
    ...           "", journal, "", "each of them kept a diary for a year.",
    ...           "Symptoms were rated every evening.", stamp, journal,
    ...           "Half of them used the new inhaler."]
    >>> print("\\n".join(ln.text for ln in strip_page_furniture(doc_of("\\n".join(before)), None).lines))
    The trial enrolled forty adults with mild asthma, and
    each of them kept a diary for a year.
    Symptoms were rated every evening.
    Half of them used the new inhaler.
    """
    lines = doc.lines
    if not lines:
        return doc
    min_repeats = getattr(config, "furniture_min_repeats", 3) if config is not None else 3
    texts = [ln.text for ln in lines]
    rank = _text_rank(texts)
    by_page = _by_page(lines, texts)
    text_ix = [i for ix in by_page.values() for i in ix]
    text_ix.sort()  # pages are in document order already; this keeps it certain
    paged = len(by_page) > 1

    joined = "\n".join(texts)
    numbers = _page_number_chains(lines, joined, rank)
    if paged:
        numbers |= _boundary_page_numbers(lines, by_page)
    found = set(numbers)
    if paged:
        found |= _recurring_at_boundaries(lines, by_page, min_repeats)
    found |= _shaped_at_boundaries(lines, by_page, text_ix, numbers)
    found |= _recurring_anywhere(lines, texts, joined, rank, text_ix, found, min_repeats)
    found |= _neighbours(lines, by_page, text_ix, found)
    if not found:
        return doc
    return replace(doc, lines=tuple(_drop(lines, found)))
