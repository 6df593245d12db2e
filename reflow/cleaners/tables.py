"""Tables printed row by row, flattened to lines of text, rebuilt as tables
(block stage).

Before (``pdftotext -layout``)::

    Site          Habitat            Boxes
    Alder Creek   Wet meadow,           12
                    grazed
    Moss Hill     Pine wood             30

After: a TABLE block with rows ``[Site, Habitat, Boxes]``,
``[Alder Creek, Wet meadow, grazed, 12]``, ``[Moss Hill, Pine wood, 30]``.

Four row-wise shapes are recognised, each from general evidence only:

* **space-aligned grids**: lines whose cells are separated by two or more
  spaces. The columns are the runs of character positions that some line
  fills, separated by gutters that (nearly) no line crosses, so left- and
  right-aligned columns and a cell spanning two columns are all read. A line
  whose first cell is empty (or indented) continues the record above: its
  cells are added to the record's cells, with a space when the text wraps
  (indented, lower case, an open bracket) and ``; `` when it is another item.
  A short line alone at the left edge between rows is a section row.
* **tab-separated rows**: cells split at tabs.
* **label + numbers rows** (``pypdf`` drops the wide spaces): runs of three or
  more lines holding a text label and the same count of numeric cells
  (``Mill Pond 24,310 5,862 1,947``); a line holding two records one
  after the other is split into two rows. The header line above is fitted to
  the columns; a second header line above it spans groups of columns.
* **id-first rows**: runs of three or more records that open with the same
  pattern of number/code/symbol cells and end with free text, each record on
  its own lines (``4 K,T 22 + Rusted hinge,`` / ``replaced``).

A table needs at least a header and two records and two columns; prose never
matches (sentences are not aligned in columns, and their numbers do not repeat
in the same count line after line). Reflow's own Markdown tables are read back
as tables. Rows where every cell of several columns packs a whole column of
values are left for ``rebuild_column_tables``.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

import regex

from ..model import PARAGRAPH, TABLE, Block, Document, Line, lines_matching
from .captions import caption_label
from .paragraphs import join_lines

# A cell of a layout line: words separated by single spaces.
_SEGMENT = regex.compile(r"\S+(?: \S+)*")
# A numeric cell: 12, 3.5, 45,210, -0.4, 12%, (3.2), 27(41.5), n dash for none.
_NUMBER = regex.compile(
    r"^[(\[]?[-+−–±<>≤≥~]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:[.·]\d+)?%?[)\]]?"
    r"(?:\((?:\d+(?:[.·]\d+)?%?)\))?\*?$|^[–—-]$"
)
_HAS_DIGIT = regex.compile(r"\d")
_LETTER = regex.compile(r"\p{L}")
# A symbol cell: ``++``, ``+``, ``-``, ``*``, ``†``.
_SYMBOL = regex.compile(r"^[+\-–−*†‡§#±/=]+$")
# A code cell: letters with inner punctuation or digits, no spaces (``K,T,R``, ``F/34``, ``QX40``).
_CODE = regex.compile(r"^(?=.*\p{L})[\p{L}\d]+(?:[,/;:+.][\p{L}\d]+)+$|^(?=.*\p{Lu})[\p{Lu}\d]{1,6}$")
_SENTENCE_END = regex.compile(r"[.!?][\"'”’)\]]*$")
# Reflow's own Markdown table, read back.
_MD_ROW = regex.compile(r"^\|.*\|$")
_MD_RULE = regex.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
_MD_SPLIT = regex.compile(r"(?<!\\)\|")
_CONNECTOR_END = regex.compile(r"(?:\b(?:and|or|of|the|a|an|in|on|for|to|with|by|if)|[,(/-])$", regex.I)

MIN_RUN = 3          # lines of label + numbers (or id-first records) that make a table
MAX_LABEL_WORDS = 8  # a row label longer than this is a sentence


# ------------------------------------------------------------------ helpers


def _raw(line: Line) -> str:
    return " " * line.indent + line.text


def _segments(line: Line) -> tuple[tuple[int, int, str], ...]:
    """The cells of a layout line: (start, end, text), split at 2+ spaces."""
    return _cells(_raw(line))


@lru_cache(maxsize=4096)  # a grid's lines are looked at several times
def _cells(raw: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group()) for m in _SEGMENT.finditer(raw))


def _two_space_gap(line: Line) -> bool:
    """Cells may be split at two spaces: a double space and no tab."""
    return "\t" not in line.text and "  " in line.text


def _adjacent(a: Line, b: Line) -> bool:
    """No blank line between ``a`` and ``b`` in the input."""
    if not a.origin or not b.origin:
        return True
    return min(b.origin) <= max(a.origin) + 1


# The characters a match of ``_NUMBER`` can start with, besides a digit: a
# cheap test that turns words away before the pattern.
_NUMBER_START = frozenset("([-+−–±<>≤≥~.·%)]*—")


def _is_number(token: str) -> bool:
    first = token[:1]
    if first and not first.isdigit() and first not in _NUMBER_START:
        return False
    return bool(_NUMBER.match(token)) and (bool(_HAS_DIGIT.search(token)) or len(token) == 1)


def _numeric(cell: str) -> bool:
    """A cell holding one value: ``12``, ``7 (58.3)``, ``3.2 ± 0.4``."""
    toks = cell.split()
    return bool(toks) and len(toks) <= 3 and all(_is_number(t) or t == "±" for t in toks) \
        and _is_number(toks[0])


def _packed(cells: list[str]) -> bool:
    """A row whose cells each hold a whole column of values (``27(41.5)
    6(20) 9(15.0)``): a column-wise table, not this cleaner's."""
    return sum(1 for c in cells if sum(1 for t in c.split() if _is_number(t)) >= 3) >= 2


def _join_cell(old: str, new: str, wrapped: bool) -> str:
    if not old:
        return new
    if not new:
        return old
    if wrapped or new[:1].islower() or old.count("(") > old.count(")") or _CONNECTOR_END.search(old):
        return f"{old} {new}"
    return f"{old}; {new}"


# ------------------------------------------------------------------ Markdown tables


def _markdown_table(lines: list[Line], i: int) -> tuple[int, list[list[str]]] | None:
    """Reflow's own pipe table starting at ``lines[i]``: (end, rows)."""
    if i + 1 >= len(lines) or not _MD_ROW.match(lines[i].text) or not _MD_RULE.match(lines[i + 1].text):
        return None
    j = i + 2
    while j < len(lines) and _MD_ROW.match(lines[j].text) and _adjacent(lines[j - 1], lines[j]):
        j += 1
    rows = []
    for k in [i, *range(i + 2, j)]:
        cells = _MD_SPLIT.split(lines[k].text)[1:-1]
        rows.append([c.strip().replace("\\|", "|") for c in cells])
    return j, rows


# ------------------------------------------------------------------ layout grids


def _layout_region(lines: list[Line], i: int) -> list[int]:
    """The lines of a space-aligned grid that starts at gapped line ``i``."""
    region = [i]
    left = _segments(lines[i])[0][0]
    starts = {s for s, _, _ in _segments(lines[i])}
    k = i + 1
    while k < len(lines):
        line, prev = lines[k], lines[region[-1]]
        if "\t" in line.text or prev.page != line.page and not _adjacent(prev, line):
            break
        segs = _segments(line)
        if len(segs) >= 2:
            region.append(k)
            left = min(left, segs[0][0])
            starts.update(s for s, _, _ in segs)
        elif _continuation(segs[0], left, starts) and _adjacent(prev, line):
            region.append(k)
        elif (segs[0][0] <= left + 1 and _section_label(line.text)
              and k + 1 < len(lines) and len(_segments(lines[k + 1])) >= 2
              and _adjacent(line, lines[k + 1])):
            region.append(k)  # a section row: a short label alone, rows after it
        else:
            break
        k += 1
    return region


def _section_label(text: str) -> bool:
    """A short label alone on its line between rows (``Winter sites``); never
    a sentence or the caption of the next table."""
    return len(text) <= 40 and not _SENTENCE_END.search(text) and not caption_label(text)


def _continuation(seg: tuple[int, int, str], left: int, starts: set[int]) -> bool:
    """A lone cell under a column of the grid (a wrapped cell, another item)."""
    start, end, _ = seg
    if start < left + 2:
        return False
    aligned = [s for s in starts if abs(start - s) <= 3]
    if not aligned:
        return False
    later = [s for s in starts if s > max(aligned) + 6]  # nearer: a wrapped cell's indent
    return not later or end <= min(later) + 1


def _columns(rows: list[list[tuple[int, int, str]]]) -> list[tuple[int, int]]:
    """Column spans: runs of positions filled by more than a few lines,
    separated by gutters that (nearly) no line crosses."""
    width = max(e for segs in rows for _, e, _ in segs)
    occ = [0] * (width + 1)
    for segs in rows:
        for s, e, _ in segs:
            for x in range(s, e):
                occ[x] += 1
    tolerance = len(rows) // 6  # a cell spanning two columns crosses a gutter
    spans, start = [], None
    for x in range(width + 1):
        if occ[x] > tolerance and start is None:
            start = x
        elif occ[x] <= tolerance and start is not None:
            spans.append((start, x))
            start = None
    return spans


def _column_of(seg: tuple[int, int, str], spans: list[tuple[int, int]]) -> int:
    s, e, _ = seg
    best, overlap = 0, -1
    for c, (a, b) in enumerate(spans):
        o = min(e, b) - max(s, a)
        if o > overlap:
            best, overlap = c, o
    return best


def _prose_columns(cells: list[list[str]]) -> bool:
    """Wrapped prose, not a table: two columns of long text (a side-by-side
    layout), or cells that mostly open in lower case (words of a sentence)."""
    body = [c for r in cells[1:] for c in r if c]
    lower = sum(1 for c in body if c[:1].islower())
    if lower > len(body) / 3:
        return True
    if len(cells[0]) != 2:
        return False
    long = sum(1 for r in cells if all(len(c) >= 25 for c in r))
    return long >= 0.6 * len(cells)


def _word_spaced(line: Line) -> bool:
    """Justified prose set with two spaces between words
    (``the  river  slowly  floods  the  lower``): no cells."""
    segs = _segments(line)
    words = [t for _, _, t in segs if " " not in t and _LETTER.search(t)]
    return len(segs) >= 4 and len(words) >= 0.75 * len(segs) \
        and sum(1 for w in words if w[:1].islower()) >= len(words) / 2


def _layout_table(lines: list[Line], region: list[int]) -> list[list[str]] | None:
    if sum(_word_spaced(lines[k]) for k in region) * 2 >= len(region):
        return None
    segs = [_segments(lines[k]) for k in region]
    spans = _columns(segs)
    if len(spans) < 2 or sum(1 for s in segs if len(s) >= 2) < 2:
        return None
    n = len(spans)
    left0 = spans[0][0]
    records: list[list[str]] = []
    numeric_rows: list[bool] = []
    for idx, line_segs in enumerate(segs):
        cells = [""] * n
        starts: dict[int, int] = {}
        for seg in line_segs:
            c = _column_of(seg, spans)
            cells[c] = f"{cells[c]} {seg[2]}".strip()
            starts.setdefault(c, seg[0])
        first = 0 in starts and starts[0] <= left0 + 1
        all_numeric = all(_numeric(c) for c in cells if c)
        if idx == 0 or first or (all_numeric and records and idx > 1):
            records.append(cells)
            numeric_rows.append(all_numeric)
            continue
        rec = records[-1]
        for c, text in enumerate(cells):
            if text:
                wrapped = starts[c] > spans[c][0] + 1
                rec[c] = _join_cell(rec[c], text, wrapped)
    if any(_packed(r) for r in records):
        return None
    # A second header line: text over columns whose body cells are numbers.
    while len(records) >= 4 and not any(_HAS_DIGIT.search(c) for c in records[1]):
        body = records[2:]
        if not any(records[1][c] and sum(_numeric(r[c]) for r in body) >= 0.75 * len(body)
                   for c in range(n)):
            break
        records[0] = [f"{a} {b}".strip() for a, b in zip(records[0], records[1])]
        del records[1]
    if len(records) < 3 or _prose_columns(records):
        return None
    return records


# ------------------------------------------------------------------ tab rows


def _tab_cells(line: Line) -> list[str]:
    lead = [""] * (line.indent // 4) if "\t" in line.text else []
    return lead + [c.strip() for c in line.text.split("\t")]


def _tab_region(lines: list[Line], i: int) -> list[int]:
    region = [i]
    k = i + 1
    while k < len(lines) and _adjacent(lines[k - 1], lines[k]):
        text = lines[k].text
        if "\t" in text:
            region.append(k)
        elif (_section_label(text) and k + 1 < len(lines)
              and "\t" in lines[k + 1].text):
            region.append(k)  # a section row
        else:
            break
        k += 1
    return region


def _tab_table(lines: list[Line], region: list[int]) -> list[list[str]] | None:
    rows = [_tab_cells(lines[k]) for k in region]
    tabbed = [r for r in rows if len(r) >= 2]
    if len(rows) < 3 or len(tabbed) < 2 or any(_packed(r) for r in rows):
        return None
    counts = Counter(len(r) for r in tabbed)
    width, seen = counts.most_common(1)[0]
    if seen < 0.5 * len(tabbed) or width < 2:
        return None
    return [r + [""] * (width - len(r)) if len(r) <= width else r for r in rows]


# ------------------------------------------------------------------ label + numbers


def _numeric_segments(text: str) -> list[tuple[str, list[str]]] | None:
    """``Old mill 41.9 43.7 Kiln + mill 52.6 55.1`` -> [(label, numbers), ...],
    or None when the line is not label, numbers, label, numbers ..."""
    toks = text.split()
    out: list[tuple[list[str], list[str]]] = []
    for t in toks:
        if _is_number(t) and _HAS_DIGIT.search(t):
            if not out:
                return None
            out[-1][1].append(t)
        else:
            if not out or out[-1][1]:
                out.append(([], []))
            out[-1][0].append(t)
    if not out or any(not nums for _, nums in out):
        return None
    result = []
    for label, nums in out:
        if len(label) > MAX_LABEL_WORDS or not _LETTER.search(" ".join(label)):
            return None
        result.append((" ".join(label), nums))
    return result


def _header_tokens(line: Line) -> list[str] | None:
    text = line.text
    if _SENTENCE_END.search(text) or "  " in text or "\t" in text or caption_label(text):
        return None
    toks = text.split()
    if not toks or len(toks) > 24 or any(_is_number(t) and _HAS_DIGIT.search(t) for t in toks):
        return None
    if sum(1 for t in toks if t[:1].islower()) > len(toks) // 2:
        return None  # a line of prose, not column names
    return toks


def _fit_header(toks: list[str], labels: int, k: int) -> list[str]:
    """Header words over ``labels`` label columns and ``k`` value columns."""
    n = labels + k
    if len(toks) == n:
        return toks
    if len(toks) < n:  # a label header, then the value headers from the right
        head = toks[:1] + [""] * (labels - 1)
        rest = toks[1:]
        return head + [""] * (k - len(rest)) + rest
    extra = len(toks) - n  # more words than columns: the label header has several
    return [" ".join(toks[: extra + 1])] + toks[extra + 1:]


def _numeric_run(lines: list[Line], i: int) -> tuple[int, list[tuple[str, list[str]]], int] | None:
    """A run of label + numbers lines from ``i``: (end, segments per line, k)."""
    first = _numeric_segments(lines[i].text)
    if not first:
        return None
    k = len(first[0][1])
    if k < 2:
        return None
    parsed = []
    j = i
    while j < len(lines):
        segs = _numeric_segments(lines[j].text)
        if not segs or any(len(nums) != k for _, nums in segs):
            break
        if j > i and not _adjacent(lines[j - 1], lines[j]):
            break
        parsed.append(segs)
        j += 1
    if len(parsed) < MIN_RUN:
        return None
    return j, parsed, k


def _numeric_table(lines: list[Line], i: int, parsed, k: int, taken: set[int]
                   ) -> tuple[int, list[list[str]]]:
    """Rows of a label + numbers run, and the first line index of the table
    (the header lines above the run belong to it)."""
    grouped = any(len(segs) > 1 for segs in parsed)
    labels = 2 if grouped else 1
    rows: list[list[str]] = []
    for segs in parsed:
        for n, (label, nums) in enumerate(segs):
            if not grouped:
                rows.append([label, *nums])
            elif n == 0:
                group, _, rest = label.partition(" ")
                rows.append([group, rest, *nums] if rest else ["", group, *nums])
            else:
                rows.append(["", label, *nums])
    start = i
    header = [""] * (labels + k)
    above = i - 1
    if above >= 0 and above not in taken and _adjacent(lines[above], lines[i]):
        toks = _header_tokens(lines[above])
        top = None
        if toks and len(toks) == k and above - 1 >= 0 and above - 1 not in taken \
                and _adjacent(lines[above - 1], lines[above]):
            top = _header_tokens(lines[above - 1])
        if top and len(top) > labels and k % (len(top) - labels) == 0:
            # value sub-headers under a line naming groups of them
            span = k // (len(top) - labels)
            groups = top[labels:]
            header = top[:labels] + [f"{groups[c // span]} {t}" for c, t in enumerate(toks)]
            start = above - 1
        elif toks and len(toks) <= labels + k + 3:
            header = _fit_header(toks, labels, k)
            start = above
    return start, [header, *rows]


# ------------------------------------------------------------------ id-first records


def _kind(token: str) -> str | None:
    if _is_number(token) and _HAS_DIGIT.search(token):
        return "n"
    if _SYMBOL.match(token):
        return "s"
    if _CODE.match(token):
        return "c"
    return None


def _id_record(text: str) -> tuple[str, list[str], str] | None:
    """``4 K,T 22 + Rusted hinge,`` -> (signature, leading cells, text tail)."""
    toks = text.split()
    lead = []
    for t in toks:
        kind = _kind(t)
        if kind is None:
            break
        lead.append((kind, t))
    sig = "".join(k for k, _ in lead)
    if len(lead) < 3 or sig[0] != "n" or sum(k in "ns" for k in sig[1:]) < 2:
        return None
    tail = " ".join(toks[len(lead):])
    return sig, [t for _, t in lead], tail


def _id_run(lines: list[Line], i: int) -> tuple[int, list[list[str]]] | None:
    rec = _id_record(lines[i].text)
    if not rec:
        return None
    sig = rec[0]
    rows: list[list[str]] = []
    j = i
    while j < len(lines):
        r = _id_record(lines[j].text)
        if r and r[0] == sig:
            rows.append([*r[1], r[2]])
        elif (rows and _adjacent(lines[j - 1], lines[j]) and len(lines[j].text) <= 40
              and not _HAS_DIGIT.search(lines[j].text[:1]) and rows[-1][-1]):
            rows[-1][-1] = _join_cell(rows[-1][-1], lines[j].text, True)
        else:
            break
        j += 1
    if len(rows) < MIN_RUN:
        return None
    if not all(r[-1] for r in rows):
        if any(r[-1] for r in rows):
            return None
        rows = [r[:-1] for r in rows]
    return j, rows


_ATTACHED = regex.compile(r"^(?:\(.*|\p{Ll}{1,3}\.|%|\[.*)$")  # `(x10/L)`, `n.`, `%`: part of the word before


def _header_units(toks: list[str], continuation: bool) -> list[str]:
    """Column names in one header line flattened with single spaces.

    A token in brackets, a short abbreviation (``no.``) or ``%`` belongs to the
    name before it. On a first line each other token starts a name
    (``Case no. Weight (kg) Grade``: three names); on a continuation line a
    name starts at each lower-case word and capitalised words stay with it
    (``weight at Entry``: two names, ``weight`` and ``at Entry``)."""
    units: list[str] = []
    for t in toks:
        starts = t[:1].islower() if continuation else not _ATTACHED.match(t)
        if units and not starts:
            units[-1] += " " + t
        else:
            units.append(t)
    return units


def _id_header(lines: list[Line], i: int, n: int, taken: set[int]) -> tuple[int, list[str] | None, str]:
    """The header of id-first records: the line above when it holds one word
    per column, or two lines whose first holds one name per column and whose
    second continues some of them (``Case no. Weight (kg) Grade`` /
    ``at entry scored``). A continuation shorter than the row goes to the
    rightmost columns: the first column holds the record number, whose name
    is short. Otherwise the header stays a paragraph above the table."""
    above = i - 1
    if above < 0 or above in taken:
        return i, None, "not assigned"
    toks = _header_tokens(lines[above])
    if toks and len(toks) == n and (above == 0 or not _adjacent(lines[above - 1], lines[above])):
        return above, toks, "one word per column"
    top = above - 1
    if top < 0 or top in taken or not _adjacent(lines[top], lines[above]) or (
            top > 0 and _adjacent(lines[top - 1], lines[top])):
        return i, None, "not assigned"
    first = _header_tokens(lines[top])
    second = lines[above].text.split()
    if not first or not second or _SENTENCE_END.search(lines[above].text) or any(
            _HAS_DIGIT.search(t) and _is_number(t) for t in second):
        return i, None, "not assigned"
    names, more = _header_units(first, False), _header_units(second, True)
    if len(names) != n or len(more) > n or not more[0][:1].islower():
        return i, None, "not assigned"
    how = "two lines, second line " + ("one name per column" if len(more) == n
                                       else "fitted to the rightmost columns (uncertain)")
    more = [""] * (n - len(more)) + more
    header = [f"{a} {b}".strip() for a, b in zip(names, more)]
    return top, header, how


# ------------------------------------------------------------------ the cleaner


# What a table row's line holds: a tab, two spaces, or ``|`` at its start;
# each with the string the line must hold for it.
_ROW_MARKS = (("\t", regex.compile(r"\t")), ("  ", regex.compile("  ")),
              ("|", regex.compile(r"^\|", regex.MULTILINE)))
# Two adjacent tokens holding a digit (``[\s\x1c-\x1f]`` is exactly what
# ``str.split()`` splits at): a label + numbers row has two numbers in a row.
_TWO_NUMBERS = regex.compile(r"\d[^\s\x1c-\x1f]*+[\s\x1c-\x1f]++[^\s\d\x1c-\x1f]*+\d")
# A first token holding a digit: an id-first record opens with a number.
_DIGIT_FIRST = regex.compile(r"[\s\x1c-\x1f]*+[^\s\d\x1c-\x1f]*+\d")


def _starts(lines: list[Line]) -> list[int]:
    """The lines where ``_find_tables`` may find a table (or skip justified
    prose), in order; at every other line each of its branches finds none."""
    texts = [ln.text for ln in lines]
    joined, n = "\n".join(texts), len(texts)
    # Markdown, tab and layout rows: a line opening with ``|``, a tab, two spaces.
    # One scan per mark, and none when the text lacks it (``in`` costs far less).
    starts = set()
    for mark, pattern in _ROW_MARKS:
        if mark in joined:
            starts.update(lines_matching(pattern, joined, n))
    # label + numbers: MIN_RUN adjacent lines, each ending in a number and with two numbers in a row
    ends = [i for i, t in enumerate(texts) if t[-1:] in _NUMBER_END or not t[-1:].isascii()]
    in_runs = sorted({i + d for i in _run_starts(ends) for d in range(MIN_RUN)})
    starts.update(_run_starts([k for k in in_runs if _TWO_NUMBERS.search(texts[k])]))
    # id-first records: MIN_RUN lines from this one on open with a number
    first = [i for i, t in enumerate(texts) if _opens_number(t)]
    starts.update(first[:len(first) - MIN_RUN + 1])
    return sorted(starts)


def _run_starts(found: Sequence[int]) -> list[int]:
    """The lines ``i`` with ``i`` .. ``i + MIN_RUN - 1`` all in ``found``
    (ascending, no repeats: the line MIN_RUN - 1 places on is then ``i + MIN_RUN - 1``)."""
    return [i for i, j in zip(found, found[MIN_RUN - 1:]) if j - i == MIN_RUN - 1]


# The ASCII characters a number cell can end with (``_NUMBER`` with a digit), and
# white space: a text whose last character is another ASCII one does not end
# in a number, and cannot be a label + numbers row (which ends in two).
_NUMBER_END = frozenset("0123456789%)]*" + "".join(c for c in map(chr, range(128)) if c.isspace()))


def _opens_number(text: str) -> bool:
    """May the first token be a number holding a digit? (``_is_number``'s
    test of the first character, then a digit in the token.)"""
    c = text[:1]
    return (c.isdigit() or c in _NUMBER_START or c.isspace()) and bool(_DIGIT_FIRST.match(text))


def _find_tables(lines: list[Line], starts: Sequence[int] | None = None) -> list[tuple[int, int, list[list[str]], str]]:
    """(start, end, rows, how) for every table among ``lines``. Only the
    ``starts`` lines (by default ``_starts``: the tests prove it the same as
    every line) are tried as a table's first line."""
    found = []
    taken: set[int] = set()
    starts = _starts(lines) if starts is None else starts
    i = 0
    while True:
        k = bisect_left(starts, i)  # the lines skipped here start no table
        if k == len(starts):
            break
        i = starts[k]
        line = lines[i]
        hit = None
        md = _markdown_table(lines, i)
        if md:
            hit = (i, md[0], md[1], "markdown table read back")
        elif "\t" in line.text:
            region = _tab_region(lines, i)
            rows = _tab_table(lines, region)
            if rows:
                hit = (i, region[-1] + 1, rows, "tab-separated cells")
        elif _two_space_gap(line) and len(_segments(line)) >= 2:
            region = _layout_region(lines, i)
            rows = _layout_table(lines, region) if len(region) >= 3 else None
            if rows:
                hit = (i, region[-1] + 1, rows, "space-aligned columns")
            elif _word_spaced(line):
                i = region[-1] + 1  # justified prose: none of its lines starts a grid
                continue
        elif _HAS_DIGIT.search(line.text):  # label + numbers and id-first rows hold a number
            run = _numeric_run(lines, i)
            if run:
                start, rows = _numeric_table(lines, i, run[1], run[2], taken)
                how = "label and numbers; header " + ("fitted" if any(rows[0]) else "not found")
                hit = (start, run[0], rows, how)
            else:
                idr = _id_run(lines, i)
                if idr:
                    start, header, fit = _id_header(lines, i, len(idr[1][0]), taken)
                    how = "records opening with the same cell pattern; header " + fit
                    hit = (start, idr[0], [header or [""] * len(idr[1][0]), *idr[1]], how)
        if hit:
            # a header taken from above may not reach into an earlier table
            start = max(hit[0], max(taken) + 1 if taken else 0)
            found.append((start, *hit[1:]))
            taken.update(range(start, hit[1]))
            i = hit[1]
        else:
            i += 1
    return found


def _rebuild(stretch: list[Block]) -> list[Block]:
    """Cut the tables out of a stretch of paragraph blocks."""
    lines = [ln for block in stretch for ln in block.lines]
    tables = _find_tables(lines)
    if not tables:
        return stretch
    owner = [b for b, block in enumerate(stretch) for _ in block.lines]
    out: list[Block] = []
    pos = 0

    def flush(upto: int) -> None:
        k = pos
        while k < upto:
            b = owner[k]
            m = k
            while m < upto and owner[m] == b:
                m += 1
            block = stretch[b]
            piece = tuple(lines[k:m])
            if len(piece) == len(block.lines):
                out.append(block)
            else:
                out.append(replace(block, text=join_lines(list(piece)), lines=piece))
            k = m

    for start, end, rows, how in tables:
        flush(start)
        width = max(len(r) for r in rows)
        rows = tuple(tuple(r) + ("",) * (width - len(r)) for r in rows)
        text = "\n".join(" | ".join(r) for r in rows)
        # ``label`` of a table is not printed: it says how the table was read (for --explain).
        out.append(Block(TABLE, text, tuple(lines[start:end]), label=f"table: {how}", rows=rows))
        pos = end
    flush(len(lines))
    return out


def rebuild_tables(doc: Document, config) -> Document:
    """Replace the lines of row-wise tables by TABLE blocks.

    >>> from reflow.model import doc_of
    >>> from reflow.cleaners.paragraphs import build_paragraphs
    >>> text = "Site       Boxes   Broods\\nNorth      12      9\\nSouth      8       3\\n"
    >>> doc = rebuild_tables(build_paragraphs(doc_of(text), None), None)
    >>> [(b.kind, b.rows) for b in doc.blocks]
    [('table', (('Site', 'Boxes', 'Broods'), ('North', '12', '9'), ('South', '8', '3')))]
    >>> prose = "We counted 12 boxes in 2019 and 8 in 2020.\\nIn 2021 there were 9.\\n"
    >>> [b.kind for b in rebuild_tables(build_paragraphs(doc_of(prose), None), None).blocks]
    ['paragraph']

    Runs after ``build_paragraphs`` (each block keeps its lines with their
    spacing) and before ``detect_headings``, so a table row is never taken for
    a heading.
    """
    if not doc.blocks:
        return doc
    out: list[Block] = []
    stretch: list[Block] = []
    for block in (*doc.blocks, None):
        if block is not None and block.kind == PARAGRAPH and not block.label:
            stretch.append(block)
            continue
        if stretch:
            out.extend(_rebuild(stretch))
            stretch = []
        if block is not None:
            out.append(block)
    if len(out) == len(doc.blocks) and all(a is b for a, b in zip(out, doc.blocks)):
        return doc
    return replace(doc, blocks=tuple(out))
