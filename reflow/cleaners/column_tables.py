"""Tables whose text came out column by column, rebuilt as tables (block stage).

Two kinds of damage print a table's columns, not its rows:

**Packed columns.** Each cell of a tab- or space-separated row holds a whole
column of values. Before::

    <TAB>Cases<TAB>Deaths
    Winter
    Oslo Bergen Tromso<TAB>14 9 (21.0) 6<TAB>2 1 0

After: a table with the header ``| | Cases | Deaths |``, the section row
``Winter`` and the rows ``Oslo | 14 | 2``, ``Bergen | 9 (21.0) | 1``,
``Tromso | 6 | 0``. A cell is split into values by their shape (``9 (21.0)``
is one value); the columns must agree on the number of values, or nothing is
done.

**Column-by-column dumps** (pdfminer, pypdf): one run of short lines per
column, runs of equal length, the header labels near them. Before::

    Site

    Depth (m)

    North
    South
    East

    12
    7.5
    30

After: ``| Site | Depth (m) |`` with the rows ``North | 12``, ``South | 7.5``,
``East | 30``. The row count is the length the runs agree on; a run one cell
longer carries the cell of a first row printed row-wise before the runs; a
line starting with ``(`` or a lower-case letter continues the cell above when
the counts need it (``2 (then sold at auction)``). Headers are taken from the
short line groups before the runs (or after them), checked against the
columns' content (a ``(%)`` header over numbers up to 100, a ``Grade/Weight``
header over ``B/40`` values) and reversed when the content says the order was
reversed. One run holding all columns is cut where the content type changes;
one run holding the cells row by row after the header labels is read by rows.

A table is only built where the content is plainly tabular: every column of
one type, at least one column of numbers, and at least two rows and two
columns; a run of short prose lines (names, addresses, list entries) is left
alone. Each rebuilt table is recorded in ``Document.notes`` with the input
lines it came from and how certain the header assignment was.

A GFM pipe table (reflow's own output read back) is kept as a table.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import repeat
from typing import Sequence

import regex as re

from ..model import PARAGRAPH, TABLE, Block, Document, Line, plain_text
from .tables import _HAS_DIGIT

# ------------------------------------------------------------------ shapes

# Cell separators of a packed row: a tab, or a run of 2+ spaces.
_CELL_SEP = re.compile(r"\s*\t\s*| {2,}")
# Footnote markers a cell may carry; ignored when the shape is judged.
_MARKS = "*†‡§¶#"
_NULLS = {"-", "–", "—", "na", "n/a", "nd", "nr", "ne", "n.a.", "...", "…", "none"}
# A numeric cell: digits with number punctuation, signs, %, a parenthesised part.
_NUMERIC = re.compile(r"^[<>≤≥~±+\-–−]?\s*\d[\d\s.,:/%±+\-–−×()\[\]<>≤≥]*$")
# A number followed by a note: ``4 (then sold)``.
_NUM_LED = re.compile(r"^[<>≤≥~±+\-–−]?\d[\d.,]*(?:\s*\([^()]*\))?$")
# A table or figure caption line: never a cell or header.
_CAPTION = re.compile(r"^(?:table|tab\.|fig(?:ure)?\.?|scheme|chart)\s*[0-9IVXL]+\b", re.I)
# The ASCII characters a caption can open with (its words' initials, either
# case): a cheap test before the pattern (a non-ASCII one may fold to one, ``ſ``).
_CAPTION_INITIALS = frozenset("tTfFsScC")
# Lines that continue the cell above: ``(lot 2)``, ``then kept``.
_CONTINUATION = re.compile(r"^(?:\(|\p{Ll})")
# A GFM pipe-table line and its delimiter row.
_PIPE_ROW = re.compile(r"^\|.*\|$")
_PIPE_DELIM = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")

# A cell line is short: a column value or a header label, not prose.
CELL_MAX_CHARS = 45
CELL_MAX_WORDS = 6
# A column is of one type when this share of its (non-empty) cells is.
HOMOGENEOUS = 0.85
# ... or, for columns printed as separate runs of equal length, this share.
LOOSE = 0.6
# The fewest cell lines a column dump is read from (one run of them, or two of 3).
MIN_DUMP_LINES = 6


def _bare(cell: str) -> str:
    return cell.strip().rstrip(_MARKS).strip()


@lru_cache(maxsize=65536)  # a cell is judged many times while the table's shape is sought (a 4096-entry cache thrashed on a long run of cells)
def kind(cell: str) -> str:
    """The content type of a cell: ``num`` (a number, with its parenthesised
    part or a note after it), ``word`` (no digits), ``mixed`` (letters and
    digits) or ``null`` (an empty-cell marker).

    >>> [kind(c) for c in ["12(40.0)", "7 (58.3)", "4 (then sold)", "Bay 12", "F/34*", "Harbour", "NA", "+7"]]
    ['num', 'num', 'num', 'mixed', 'mixed', 'word', 'null', 'num']
    """
    bare = _bare(cell)
    if not bare or bare.lower() in _NULLS:
        return "null"
    if _NUMERIC.match(bare) or _NUM_LED.match(bare):
        return "num"
    if _HAS_DIGIT.search(bare):
        return "mixed"
    return "word"


@lru_cache(maxsize=65536)  # called on the same cells for each shape tried
def coarse(cell: str) -> str:
    """``num``, ``text`` (word or mixed) or ``null``."""
    k = kind(cell)
    return "text" if k in ("word", "mixed") else k


_LEADING_NUMBER = re.compile(r"^[<>≤≥~+]?(\d+(?:\.\d+)?)")


def _number(cell: str) -> float | None:
    m = _LEADING_NUMBER.match(_bare(cell).replace(",", ""))
    return float(m.group(1)) if m else None


def _column_kind(cells: Sequence[str], of=kind) -> tuple[str, float]:
    """The majority type of a column and the share of cells of that type
    (empty-cell markers count for any type)."""
    kinds = [of(c) for c in cells]
    real = [k for k in kinds if k != "null"]
    if not real:
        return "null", 1.0
    # ``Counter(real).most_common(1)``, cheaper for a few kinds: a tie goes to the first seen
    top = max(dict.fromkeys(real), key=real.count)
    return top, (real.count(top) + len(kinds) - len(real)) / len(kinds)


def _is_caption(text: str) -> bool:
    c = text[:1]
    return (c in _CAPTION_INITIALS or not c.isascii()) and _CAPTION.match(text) is not None


def _is_cell_line(text: str) -> bool:
    """Short enough to be one cell or one header label, and not a sentence."""
    if not text or len(text) > CELL_MAX_CHARS or _is_caption(text):
        return False
    words = text.split()
    if len(words) > CELL_MAX_WORDS:
        return False
    return not (len(words) >= 3 and text.endswith(".") and text[-2:-1].isalpha())


# ------------------------------------------------------------------ columns


@dataclass
class Grid:
    """A rebuilt table: header cells, body rows, the lines it used, a note."""

    header: list[str]
    body: list[list[str]]
    note: str

    def rows(self) -> tuple[tuple[str, ...], ...]:
        width = max([len(self.header), *(len(r) for r in self.body)])
        pad = lambda r: tuple(r) + ("",) * (width - len(r))  # noqa: E731
        return tuple(pad(r) for r in [self.header, *self.body])


def _tabular(columns: Sequence[Sequence[str]], strict: bool = True) -> bool:
    """Is a set of equal-length columns plainly a table? At least two rows and
    two columns, one column of numbers, and every column of one type (numbers
    or text); with ``strict`` off (the columns were printed as separate runs of
    equal length, evidence enough), most of each column is."""
    if len(columns) < 2 or len(columns[0]) < 2:
        return False
    need = HOMOGENEOUS if strict else LOOSE
    kinds = []
    for col in columns:
        top, share = _column_kind(col, coarse)
        if share < need:
            return False
        kinds.append((top, share))
    return any(top == "num" and share >= HOMOGENEOUS for top, share in kinds)


def _header_fit(header: str, cells: Sequence[str]) -> int:
    """How well a header suits a column's content: +1 per agreeing sign,
    -1 per disagreeing one, 0 when the header says nothing."""
    if "%" not in header and "/" not in header.split(",")[0]:
        return 0  # neither sign below: the header says nothing
    h = header.lower()
    top, _ = _column_kind(cells)
    values = [c for c in cells if kind(c) != "null"]
    score = 0
    if "%" in h and top == "num":
        nums = [_number(c) for c in values]
        score += 1 if all(x is not None and x <= 100 for x in nums) else -1
    # ``Grade/Weight`` over ``B/40``; ``Indoor/Outdoor`` over its own words.
    parts = [p.strip().lower() for p in header.split(",")[0].split("/") if p.strip()]
    if len(parts) >= 2 and all(len(p.split()) == 1 for p in parts):
        if values and all(_bare(v).lower() in parts for v in values):
            score += 2
        elif values and all("/" in v for v in values):
            score += 1
    return score


def _order_headers(headers: list[str], columns: Sequence[Sequence[str]]) -> tuple[list[str], str]:
    """Headers in column order: as printed, or reversed when the content fits
    the reverse order better. Returns the headers and how certain that is."""
    if len(headers) != len(columns):
        return headers, "uncertain"
    forward = sum(_header_fit(h, c) for h, c in zip(headers, columns))
    backward = sum(_header_fit(h, c) for h, c in zip(reversed(headers), columns))
    if backward > forward and backward > 0:
        return list(reversed(headers)), "reversed by content"
    if forward > 0 and forward > backward:
        return headers, "in order, content agrees"
    return headers, "in order"


# ------------------------------------------------------------------ packed columns


def _values(cell: str) -> list[str]:
    """A packed cell split into values by their shape: a parenthesised part
    or a lone sign belongs to the value before it.

    >>> _values("12(40.0) 7 (58.3) 3 ± 1 7")
    ['12(40.0)', '7 (58.3)', '3 ± 1', '7']
    """
    out: list[str] = []
    glue = False
    for tok in cell.split():
        if out and (glue or (tok.startswith("(") and "(" not in out[-1]) or tok in "±–-"):
            out[-1] += " " + tok
            glue = tok in "±–-"
        else:
            out.append(tok)
            glue = False
    return out


def _labels(cell: str, n: int) -> list[str] | None:
    """A packed label cell split into ``n`` labels: one per word, or words that
    continue a label (lower case, a parenthesis, a number) kept with it."""
    words = cell.split()
    if len(words) == n:
        return words
    out: list[str] = []
    for w in words:
        if out and (w[:1].islower() or w[:1] in "([" or w[:1].isdigit()):
            out[-1] += " " + w
        else:
            out.append(w)
    return out if len(out) == n else None


def _packed_cells(block: Block) -> list[str] | None:
    if block.kind != PARAGRAPH or len(block.lines) != 1:
        return None
    text = block.lines[0].text
    if "\t" not in text and "  " not in text:
        return None  # no cell separator: one cell
    cells = [c for c in _CELL_SEP.split(text) if c]
    return cells if len(cells) >= 2 else None


def _packed_row(cells: list[str]) -> list[list[str]] | None:
    """The columns of one packed row (label column first, if any), or None."""
    cols = [_values(c) for c in cells]
    top, share = _column_kind(cols[0])
    first_numeric = top == "num" and share >= HOMOGENEOUS
    value_cols = cols if first_numeric else cols[1:]
    n = len(value_cols[0])
    if n < 2 or any(len(c) != n for c in value_cols):
        return None
    if any(_column_kind(c) != ("num", 1.0) for c in value_cols):
        return None
    if first_numeric:
        return value_cols
    labels = _labels(cells[0], n)
    return [labels, *value_cols] if labels else None


def _packed_table(blocks: Sequence[Block], i: int) -> tuple[int, int, Grid] | None:
    """A packed-column table whose first packed row is ``blocks[i]``: the
    header line before it, section rows between packed rows. Returns the
    block span it covers and the grid."""
    cells = _packed_cells(blocks[i])
    if not cells:
        return None
    # The header line: the gapped line before (section rows may sit between).
    k = i - 1
    sections: list[str] = []
    while k >= 0 and _is_section(blocks[k]) and len(sections) < 1:
        sections.append(blocks[k].text)
        k -= 1
    hcells = _packed_cells(blocks[k]) if k >= 0 else None
    # A row's columns are as many as its cells; the header line has as many
    # cells or one fewer, none of them a number.
    if not hcells or len(hcells) not in (len(cells), len(cells) - 1) or any(kind(c) == "num" for c in hcells):
        return None  # no header line: not certain enough
    cols = _packed_row(cells)
    if not cols:
        return None
    width = len(cols)
    header = [""] * (width - len(hcells)) + hcells
    start = k
    body = [[s] + [""] * (width - 1) for s in reversed(sections)]
    end = i
    j = i
    while j < len(blocks):
        if _is_section(blocks[j]) and j + 1 < len(blocks):
            nxt = _packed_cells(blocks[j + 1])
            ncols = _packed_row(nxt) if nxt else None
            if ncols and len(ncols) == width:
                body.append([blocks[j].text] + [""] * (width - 1))
                j += 1
                continue
            break
        c = _packed_cells(blocks[j])
        pcols = _packed_row(c) if c else None
        if not pcols or len(pcols) != width:
            break
        body.extend([list(r) for r in zip(*pcols)])
        end = j
        j += 1
    n_rows = sum(1 for r in body if any(r[1:]))
    note = f"packed columns: {width} columns, {n_rows} rows; header line matched by cell count"
    return start, end + 1, Grid(header, body, note)


def _is_section(block: Block) -> bool:
    """A short label line between packed rows (``Winter sites``)."""
    return (block.kind == PARAGRAPH and len(block.lines) == 1 and _is_cell_line(block.text)
            and kind(block.text) == "word" and not _CELL_SEP.search(block.lines[0].text))


# ------------------------------------------------------------------ pipe tables


def _pipe_table(block: Block) -> tuple[int, int, Grid] | None:
    """A GFM pipe table among a block's lines (reflow's own output read back,
    perhaps run into the paragraph before it): the line span and the grid."""
    texts = [ln.text for ln in block.lines]
    for a in range(len(texts) - 1):
        if _PIPE_ROW.match(texts[a]) and _PIPE_DELIM.match(texts[a + 1]):
            b = a + 2
            while b < len(texts) and _PIPE_ROW.match(texts[b]) and not _PIPE_DELIM.match(texts[b]):
                b += 1
            return a, b, Grid(_pipe_cells(texts[a]), [_pipe_cells(t) for t in texts[a + 2:b]], "")
    return None


def _pipe_cells(text: str) -> list[str]:
    return [c.strip().replace("\\|", "|") for c in _PIPE_SPLIT.split(text[1:-1])]


# ------------------------------------------------------------------ dumps


@dataclass
class Segment:
    """Lines with no blank line between them; ``owners`` gives each line's
    block (a run of cell lines may span blocks that ``build_paragraphs`` cut
    at a line such as ``12.0`` that looked like a sentence end)."""

    lines: list[Line]
    owners: list[int]
    # Every line is a cell line. Set once: lines are only ever added from
    # another cellish segment (see ``_segments``).
    cellish: bool = field(init=False)

    def __post_init__(self) -> None:
        self.cellish = all(_is_cell_line(ln.text) for ln in self.lines)

    @property
    def blocks(self) -> set[int]:
        return set(self.owners)


def _gap(a: Line, b: Line) -> bool:
    """Was there a blank (or removed) line between ``a`` and ``b``?"""
    return not (a.origin and b.origin) or min(b.origin) > max(a.origin) + 1


def _segments(blocks: Sequence[Block]) -> list[Segment]:
    """The paragraph blocks' lines cut where the input had a blank line (a
    gap in the line numbers), before a caption line, and after a one-line
    caption that cell lines follow. Other blocks are one segment each."""
    out: list[Segment] = []
    for bi, b in enumerate(blocks):
        if b.kind != PARAGRAPH:
            out.append(Segment(list(b.lines), [bi] * len(b.lines)))
            continue
        cur: list[Line] = []
        for ln in b.lines:
            if cur and (_gap(cur[-1], ln) or _is_caption(ln.text)):
                out.extend(_after_caption(Segment(cur, [bi] * len(cur))))
                cur = []
            cur.append(ln)
        if cur:
            for seg in _after_caption(Segment(cur, [bi] * len(cur))):
                prev = out[-1] if out else None
                if prev and prev.cellish and seg.cellish and blocks[prev.owners[-1]].kind == PARAGRAPH \
                        and not _gap(prev.lines[-1], seg.lines[0]):
                    prev.lines.extend(seg.lines)  # one run cut into two blocks
                    prev.owners.extend(seg.owners)
                else:
                    out.append(seg)
    return out


def _after_caption(seg: Segment) -> list[Segment]:
    """A one-line caption with cell lines run into it is cut off them."""
    lines = seg.lines
    if len(lines) >= 5 and _is_caption(lines[0].text) \
            and all(_is_cell_line(ln.text) for ln in lines[1:]):
        return [Segment(lines[:1], seg.owners[:1]), Segment(lines[1:], seg.owners[1:])]
    return [seg]


def _merge_to(cells: list[str], n: int, every: bool = False) -> list[str] | None:
    """Cells of a run brought to ``n`` by joining continuation lines (``(lot
    2)``, lower-case starts) to the cell above; None if that does not give n.
    With ``every``, all continuation lines are joined, whatever the count."""
    if len(cells) == n and not every:
        return cells
    out: list[str] = []
    for c in cells:
        if out and _CONTINUATION.match(c):
            out[-1] += " " + c
        else:
            out.append(c)
    return out if len(out) == n or every else None


def _split_single(cells: list[str]) -> tuple[list[str] | None, list[list[str]], str] | None:
    """One run of cells holding a whole table: header labels then cells row by
    row, or columns one after another. Returns headers, columns and a note."""
    total = len(cells)
    found = []
    # Row by row after k header labels.
    for k in range(2, 9):
        rest = total - k
        if rest < 2 * k or rest % k:
            continue
        heads, body = cells[:k], cells[k:]
        cols = [body[j::k] for j in range(k)]
        if all(kind(h) == "word" for h in heads) and _tabular(cols):
            found.append((heads, cols, f"header labels then cells row by row ({k} columns)"))
    # Columns one after another: the longest columns that are each of one type.
    for n in range(total // 2, 2, -1):
        if total % n:
            continue
        cols = [cells[j:j + n] for j in range(0, total, n)]
        if _tabular(cols) and _distinct_neighbours(cols):
            found.append((None, cols, f"one run cut into {len(cols)} columns of {n} by content type"))
            break
    return found[0] if len(found) == 1 else None


def _distinct_neighbours(cols: Sequence[Sequence[str]]) -> bool:
    """Adjacent columns are not two halves of one column: they differ in type
    or share few values."""
    kinds = [_column_kind(c)[0] for c in cols]
    for a, b, ka, kb in zip(cols, cols[1:], kinds, kinds[1:]):
        if ka != kb:
            continue
        if ka == "num":
            da = sum("." in c for c in a) / len(a)
            db = sum("." in c for c in b) / len(b)
            if abs(da - db) >= 0.4:
                continue
            return False
        va, vb = {_bare(c) for c in a}, {_bare(c) for c in b}
        if len(va & vb) > 0.2 * min(len(va), len(vb)):
            return False
    return True


@dataclass
class Found:
    """A table found among the segments: the span it replaces, the grid,
    segments cut short (index -> lines kept) and other segments it used."""

    start: int
    end: int
    grid: Grid
    cut: dict[int, int]
    used: tuple[int, ...] = ()


def _dump_table(segs: list[Segment], s: int, e: int) -> Found | None:
    """A table in the cell-line segments ``segs[s:e]``. Returns the span of
    segments used, the grid, and header lines taken from outside the span."""
    stretch = segs[s:e]
    texts = [[ln.text for ln in g.lines] for g in stretch]
    # The row count: a length several runs share, as printed or with wrapped
    # cells joined.
    lens: Counter[int] = Counter()
    for t in texts:
        if len(t) >= 3:
            lens.update({len(t), len(_merge_to(t, 0, every=True))})
    runs_n = [n for n, c in lens.items() if c >= 2 and n >= 3]
    if not runs_n:
        return _single_table(segs, s, e)
    n = max(runs_n, key=lambda x: (lens[x], x))
    # The longest stretch of consecutive runs of n cells (or n + 1 when joined).
    best = (0, 0)
    a = 0
    while a < len(stretch):
        b = a
        while b < len(stretch) and (_merge_to(texts[b], n) or _merge_to(texts[b], n + 1)):
            b += 1
        if b - a > best[1] - best[0]:
            best = (a, b)
        a = b + 1 if b == a else b
    r0, r1 = best
    if r1 - r0 < 2:
        return None
    cols = [_merge_to(texts[j], n) or _merge_to(texts[j], n + 1) for j in range(r0, r1)]
    k = len(cols)
    before = list(range(r0))
    after = list(range(r1, len(stretch)))
    first: list[str] | None = None
    long = [j for j, c in enumerate(cols) if len(c) == n + 1]
    tail = _header_tail(segs, s + r0 - 1 - len(before))  # a header label on the caption's last line(s)
    spare = len(before) + (1 if tail else 0)
    # A first row printed row-wise before the runs: one single-line segment
    # per column (or per column but the last, whose run is one longer).
    for m in (k, k - 1):
        if spare >= m + k and all(_one_cell(texts[j]) for j in before[-m:]) \
                and long == ([] if m == k else [k - 1]):
            first = [" ".join(texts[j]) for j in before[-m:]]
            before = before[:-m]
            break
    if first is None and long:
        return None
    if first is not None and len(first) == k - 1:
        first.append(cols[-1][0])
        cols[-1] = cols[-1][1:]
    if first is not None:
        cols = [[f, *c] for f, c in zip(first, cols)]
    if not _tabular(cols, strict=False):
        return None
    heads: list[str] | None = None
    used_s, used_e = s + r0, s + r1
    borrowed: list[Line] = []
    how = ""
    if len(before) >= k:
        heads = [plain_text(stretch[j].lines) for j in before[-k:]]
        used_s = s + before[-k]
        how = "header labels before the columns"
    elif len(before) == k - 1 and tail:
        borrowed = tail
        heads = [plain_text(tail)] + [plain_text(stretch[j].lines) for j in before]
        used_s = s + (before[0] if before else r0)
        how = "header labels before the columns, the first under the caption"
    elif len(after) >= k and first is None:
        heads = [plain_text(stretch[j].lines) for j in after[:k]]
        used_e = s + after[k - 1] + 1
        how = "header labels after the columns"
    if heads is not None and any(kind(h) == "num" for h in heads):
        return None  # a number is no header label: the layout was not understood
    if heads is None:
        if first is not None:
            return None  # the single lines may have been the headers: not certain
        heads = [""] * k
        how = "no header labels found"
        certainty = "uncertain"
    else:
        heads, certainty = _order_headers(heads, cols)
    rows_n = len(cols[0])
    note = f"column dump: {k} columns, {rows_n} rows; {how}; {certainty}"
    if first is not None:
        note += "; first row printed row-wise"
    cut = {used_s - 1: len(segs[used_s - 1].lines) - len(borrowed)} if borrowed else {}
    return Found(used_s, used_e, Grid(heads, [list(r) for r in zip(*cols)], note), cut)


def _one_cell(lines: Sequence[str]) -> bool:
    """One cell's text: a line, and lines that continue it (``Light (spring``
    / ``only)``)."""
    return all(_CONTINUATION.match(t) for t in lines[1:])


def _header_tail(segs: list[Segment], j: int) -> list[Line]:
    """The header label printed on the last line(s) of a caption (``TABLE 4``
    / title / ``Nesting`` / ``sites``): a short line, with the lines before
    it while it starts in lower case (the label wrapped). Empty if none."""
    if j < 0 or len(segs[j].lines) < 2 or not any(_is_caption(ln.text) for ln in segs[j].lines):
        return []
    lines = segs[j].lines
    t = len(lines) - 1
    while t > 1 and lines[t].text[:1].islower() and _is_cell_line(lines[t - 1].text):
        t -= 1
    label = lines[t:]
    text = plain_text(label)
    if t < 1 or _is_caption(label[0].text) or not _is_cell_line(text) or kind(text) != "word" \
            or len(text.split()) > 3:
        return []
    return list(label)


def _single_table(segs: list[Segment], s: int, e: int) -> Found | None:
    """A stretch whose table is one run of cells."""
    for j in range(s, e):
        g = segs[j]
        if len(g.lines) < MIN_DUMP_LINES:
            continue
        got = _split_single([ln.text for ln in g.lines])
        if not got:
            continue
        heads, cols, how = got
        certainty = "uncertain"
        used: list[int] = []
        if heads is None:
            heads = [""] * len(cols)
            # Labels that name a column's values (``Indoor/Outdoor``) nearby.
            for h in range(s, e):
                if h != j and len(segs[h].lines) <= 2:
                    label = plain_text(segs[h].lines)
                    for c, col in enumerate(cols):
                        if not heads[c] and _header_fit(label, col) >= 2:
                            heads[c] = label
                            used.append(h)
                            break
        else:
            heads, certainty = _order_headers(heads, cols)
            certainty = "certain" if certainty.startswith("in order") else certainty
        note = f"column dump: {how}; {len(cols)} columns, {len(cols[0])} rows; {certainty}"
        return Found(j, j + 1, Grid(heads, [list(r) for r in zip(*cols)], note), {}, tuple(used))
    return None


# ------------------------------------------------------------------ the cleaner


def _table_block(lines: Sequence[Line], grid: Grid) -> Block:
    rows = grid.rows()
    return Block(TABLE, " / ".join(" | ".join(r) for r in rows), tuple(lines), rows=rows)


def _paragraph(lines: Sequence[Line]) -> Block:
    return Block(PARAGRAPH, plain_text(lines), tuple(lines))


def _where(lines: Sequence[Line]) -> str:
    nums = [n for ln in lines for n in ln.origin]
    return f"lines {min(nums)}-{max(nums)}" if nums else "lines ?"


def rebuild_column_tables(doc: Document, config) -> Document:
    """Rebuild tables printed column by column (packed columns, column dumps).

    >>> from reflow.model import doc_of
    >>> from reflow.cleaners.paragraphs import build_paragraphs
    >>> text = "Site\\n\\nDepth (m)\\n\\nNorth\\nSouth\\nEast\\n\\n12\\n7.5\\n30\\n"
    >>> doc = rebuild_column_tables(build_paragraphs(doc_of(text), None), None)
    >>> [b.rows for b in doc.blocks]
    [(('Site', 'Depth (m)'), ('North', '12'), ('South', '7.5'), ('East', '30'))]
    """
    blocks = list(doc.blocks)
    if not blocks:
        return doc
    notes: list[str] = []
    # 1. Whole blocks: pipe tables read back, packed-column tables.
    blocks = _whole_block_tables(blocks)
    if not _may_hold_dump(blocks):
        if len(blocks) == len(doc.blocks) and all(a is b for a, b in zip(blocks, doc.blocks)):
            return doc  # nothing found
        return replace(doc, blocks=tuple(blocks), notes=doc.notes + tuple(notes))
    # 2. Column dumps, found among the blocks' line segments.
    segs = _segments(blocks)
    tables: dict[int, Found] = {}  # first segment -> the table found there
    gone: set[int] = set()  # segments used by a table
    cut: dict[int, int] = {}  # segment -> lines kept (its last lines are a header)
    j = 0
    while j < len(segs):
        if not (segs[j].cellish and _paragraphs(blocks, segs[j])):
            j += 1
            continue
        e = j
        while e < len(segs) and segs[e].cellish and _paragraphs(blocks, segs[e]):
            e += 1
        found = _dump_table(segs, j, e) if _cells_enough(segs[j:e]) else None
        if found:
            tables[found.start] = found
            gone.update(range(found.start, found.end), found.used)
            cut.update(found.cut)
            if "uncertain" in found.grid.note:
                lines = [ln for g in segs[found.start:found.end] for ln in g.lines]
                notes.append(f"rebuild_column_tables: {_where(lines)}: {found.grid.note}")
        j = e
    if not tables:
        return replace(doc, blocks=tuple(blocks), notes=doc.notes + tuple(notes))
    # 3. The block list again: untouched blocks stay as they were, the rest of
    # a block a table was cut from becomes a paragraph.
    touched = set().union(*(segs[x].blocks for x in gone | set(cut)))
    new: list[Block] = []
    pending: list[Line] = []
    owner = -1

    def flush() -> None:
        if pending:
            new.append(_paragraph(pending))
            pending.clear()

    for x, g in enumerate(segs):
        if x in tables:
            flush()
            f = tables[x]
            head = segs[x - 1].lines[f.cut[x - 1]:] if x - 1 in f.cut else []
            lines = [ln for h in (*range(f.start, f.end), *f.used) for ln in segs[h].lines]
            new.append(_table_block([*head, *lines], f.grid))
            continue
        if x in gone:
            continue
        if x not in cut and touched.isdisjoint(g.owners):
            # untouched blocks stay as they were (owners ascend: each block once)
            for bi in dict.fromkeys(g.owners):
                flush()
                if not new or new[-1] is not blocks[bi]:
                    new.append(blocks[bi])
            continue
        keep = cut.get(x, len(g.lines))
        for k, (ln, bi) in enumerate(zip(g.lines[:keep], g.owners)):
            if bi not in touched:
                flush()
                if not new or new[-1] is not blocks[bi]:
                    new.append(blocks[bi])
                continue
            if bi != owner or (k == 0 and _is_caption(ln.text)):
                flush()  # a new block, or a caption the input ran into the paragraph
            owner = bi
            pending.append(ln)
        if x in cut:
            flush()
    flush()
    return replace(doc, blocks=tuple(new), notes=doc.notes + tuple(notes))


# A run of at least MIN_DUMP_LINES lengths of cell lines (1 to CELL_MAX_CHARS), one byte per line.
_SHORT_RUN = re.compile(rb"[\x01-\x%02x]{%d,}" % (CELL_MAX_CHARS, MIN_DUMP_LINES))
# A run of at least MIN_DUMP_LINES cell lines, one byte (1: a cell line) per line.
_CELL_RUN = re.compile(rb"\x01{%d,}" % MIN_DUMP_LINES)


def _may_hold_dump(blocks: Sequence[Block]) -> bool:
    """A necessary condition for a column dump among ``blocks``: its cells are
    MIN_DUMP_LINES or more cell lines in a row of paragraph blocks (two runs of
    3 or more, or one of MIN_DUMP_LINES or more), one of them holding a digit (a column of numbers)."""
    # another block's lines are no cell lines: none of its lines joins a run
    texts = [ln.text if b.kind == PARAGRAPH else "" for b in blocks for ln in b.lines]
    lengths = bytes(map(min, map(len, texts), repeat(255)))
    for short in _SHORT_RUN.finditer(lengths):  # a cheap test first: cell lines are short
        run = texts[short.start():short.end()]
        cells = bytes(map(_is_cell_line, run))
        if any(_HAS_DIGIT.search("\n".join(run[m.start():m.end()])) for m in _CELL_RUN.finditer(cells)):
            return True
    return False


def _cells_enough(stretch: Sequence[Segment]) -> bool:
    """``_may_hold_dump`` for the cell lines of one stretch of segments."""
    texts = [ln.text for g in stretch for ln in g.lines]
    return len(texts) >= MIN_DUMP_LINES and bool(_HAS_DIGIT.search("\n".join(texts)))


def _whole_block_tables(blocks: list[Block]) -> list[Block]:
    """Pipe tables read back, and packed-column tables, as TABLE blocks."""
    if not any(b.kind == PARAGRAPH and ("|" in b.text or len(b.lines) == 1 and (
            "\t" in b.lines[0].text or "  " in b.lines[0].text)) for b in blocks):
        return blocks  # no ``|`` for a pipe table, no one-line paragraph with cells to start a packed one
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        piped = _pipe_table(b) if b.kind == PARAGRAPH and "|" in b.text else None
        if piped:
            a, z, grid = piped
            if a:
                out.append(_paragraph(b.lines[:a]))
            out.append(_table_block(b.lines[a:z], grid))
            if z < len(b.lines):
                out.append(_paragraph(b.lines[z:]))
            i += 1
            continue
        found = _packed_table(blocks, i)
        if found:
            start, end, grid = found
            del out[len(out) - (i - start):]
            lines = [ln for blk in blocks[start:end] for ln in blk.lines]
            out.append(_table_block(lines, grid))
            i = end
            continue
        out.append(b)
        i += 1
    return out


def _paragraphs(blocks: Sequence[Block], seg: Segment) -> bool:
    return all(blocks[b].kind == PARAGRAPH for b in seg.blocks)
