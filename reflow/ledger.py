"""The content ledger: proof that a run dropped no text silently.

Every word of the input must either reach the output or have been removed on
purpose by a cleaner whose job is removing text (page furniture, a merged
duplicate). ``check`` runs the pipeline exactly as ``reflow.run`` does, keeps
each intermediate Document, and after each step (reading, every cleaner, the
Markdown writer) asks where the words of the step's input went.

>>> led = check("Soil Notes, Vol. 3\\nThe plots were dif-\\nferent in June.\\n"
...             "\\fSoil Notes, Vol. 3\\nRain came late.\\n\\fSoil Notes, Vol. 3\\nThe end.\\n")
>>> print("\\n".join(led.report()))
removed: strip_page_furniture       p1 l1        'Soil Notes, Vol. 3'
removed: strip_page_furniture       p2 l4        'Soil Notes, Vol. 3'
removed: strip_page_furniture       p3 l6        'Soil Notes, Vol. 3'
ledger: 24 words in, 11 out; 12 removed on purpose (strip_page_furniture 12); none lost

How words are compared. A word is a whitespace-separated token reduced to its
letters and decimal digits (decomposed, case-folded, accents dropped), read as
the encoding repair writes it, so what cleaners legitimately change is not a
loss: a Markdown escape (``\\*``), a hyphen dropped or kept (``dif-`` +
``ferent`` -> ``different``), a ligature (``ﬁ``), mojibake (``cafÃ©``),
punctuation moved by a join. Per step, only the words whose count went down
are looked at, grouped by provenance (the input line numbers a line or block
carries), and each group's lost words are set against the words the group
gained. A lost word that reappears joined or split (``num-`` + ``bers``) or
close to a gained word (re-spelled by an OCR fix) was repaired; any other was
dropped, unless the step as a whole has no fewer of it (it moved to a block
built without its lines' provenance).

What the ledger cannot see: a word boundary lost or added (``here`` +
``the`` glued into ``herethe`` keeps every letter) and symbols (``±``, ``%``).

A dropped word is *removed* when the cleaner that dropped it removes text on
purpose: its name is in ``REMOVERS`` or the cleaner function has an attribute
``removes_text = True``. Any other dropped word is *lost*, a bug.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process

from .cleaners.encoding import repair_line
from .model import LIST_ITEM, TABLE, Block, Document, Line
from .pipeline import PIPELINE, Cleaner, Config, Step, run, select
from .read import read_text
from .render import render_markdown

# Cleaners whose job is removing text; a cleaner elsewhere may say so itself
# with ``cleaner.removes_text = True``.
REMOVERS = frozenset({"strip_page_furniture"})
# A cleaner with ``rewrites_glyphs = True`` repairs misread glyphs; a token this
# short that it turns into a symbol is re-spelled, not lost.
GLYPH = 3


class _Keys(dict):
    """``str.translate`` table: a character's comparison form, filled lazily.
    Letters (not modifier letters such as ``ˇ``) and decimal digits are kept,
    decomposed (``ﬁ`` -> ``fi``), without accents and case-folded; everything
    else goes (punctuation, symbols, marks, ``²``, ``™``, controls)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = "".join(c for c in unicodedata.normalize("NFKD", ch).casefold() if _kept(c)) if _kept(ch) else ""
        self[code] = out
        return out


def _kept(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return (cat[0] == "L" and cat != "Lm") or cat == "Nd"


_KEYS = _Keys()

# A lost word is re-spelled, not dropped, when a gained word is this similar
# (Indel ratio): ``tbe``/``the`` 67, ``donât``/``dont`` 89, ``smelter``/``fell`` 36.
RESPELLED = 60
# Above this many lost x gained pairs, words are matched by their letters only.
_MATCH_LIMIT = 1_000_000
# A word split across at most this many tokens is rejoined whole (``a-`` / ``b-`` / ``c``).
_JOIN = 4


def norm(token: str) -> str:
    """The comparison form of one token: letters and digits, case-folded,
    without accents (``Dvoˇr´ak`` and ``Dvořák`` are one word).

    >>> norm("Dif-"), norm("\\\\*Santé,"), norm("ﬁrst"), norm("(2015)"), norm("Dvoˇr´ak")
    ('dif', 'sante', 'first', '2015', 'dvorak')
    """
    return token.translate(_KEYS)


def words(text: str) -> list[tuple[str, str]]:
    """``(token, comparison form)`` for each token of ``text`` that holds a
    letter or digit. A line with non-ASCII characters is read as the encoding
    repair writes it: ``Ã©tÃ©`` is ``été``, and mojibake of a symbol or a
    space (``â€”``, ``Â\\xa0``) is no word.

    >>> words("a -- b-c 12. Ã©tÃ© â€” Â\\xa0x")
    [('a', 'a'), ('b-c', 'bc'), ('12.', '12'), ('été', 'ete'), ('x', 'x')]
    """
    out = []
    for line in text.split("\n"):
        if not line.isascii():
            line = repair_line(line)
        for token in line.split():
            key = norm(token)
            if key:
                out.append((token, key))
    return out


def substance(text: str) -> str:
    """Text without its form: the comparison forms of its words, in order. Two
    texts with the same substance differ at most in white space, punctuation,
    case, accents, Markdown escapes and where words are joined or split.

    >>> substance("A **dif-** ferent\\\\* text.") == substance("a different text")
    True
    """
    return "".join(k for _, k in words(text))


def unit_text(unit: Line | Block) -> str:
    """All the text of a line or block that the renderer writes: a list
    item's number (0 is a bullet), the label, and a table's cells (the
    renderer writes ``rows``, not ``text``)."""
    if isinstance(unit, Line):
        return unit.text
    parts = []
    if unit.kind == LIST_ITEM and unit.number > 0:
        parts.append(str(unit.number))
    if unit.label and unit.kind != TABLE:  # a table's label says how it was read; not rendered
        parts.append(unit.label)
    if unit.kind == TABLE and unit.rows:
        parts.extend(cell for row in unit.rows for cell in row)
    else:
        parts.append(unit.text)
    return " ".join(parts)


def units(doc: Document) -> tuple[Line | Block, ...]:
    return doc.blocks if doc.blocks else doc.lines


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Drop:
    """Words one step dropped: ``cleaner`` (``read`` or ``render`` for the
    reader and the writer), the input lines they came from, their page, the
    words as they were, and the text of the group they were dropped from."""

    cleaner: str
    lines: tuple[int, ...]
    page: int
    words: tuple[str, ...]
    text: str
    keys: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def __str__(self) -> str:
        lo, hi = (min(self.lines), max(self.lines)) if self.lines else (0, 0)
        where = f"p{self.page} " + ("l?" if not self.lines else f"l{lo}" if lo == hi else f"l{lo}-{hi}")
        shown = " ".join(self.words)
        if len(shown) > 70:
            shown = shown[:50] + " … " + shown[-17:]
        return f"{self.cleaner:<26} {where:<12} {shown!r}"


@dataclass
class Ledger:
    """The outcome of ``check``: the document and trace (as ``reflow.run``
    with ``explain`` gives them), what was removed on purpose, and what was
    lost. ``ok`` is true when nothing was lost."""

    document: Document
    trace: list[Step] = field(default_factory=list)
    removed: list[Drop] = field(default_factory=list)
    lost: list[Drop] = field(default_factory=list)
    words_in: int = 0
    words_out: int = 0
    markdown: str = ""

    @property
    def ok(self) -> bool:
        return not self.lost

    def summary(self) -> str:
        """One line: words in and out, removed by which cleaner, lost."""
        by: Counter = Counter()
        for d in self.removed:
            by[d.cleaner] += len(d.words)
        n_removed = sum(by.values())
        removed = (f"{n_removed} removed on purpose ("
                   + ", ".join(f"{c} {n}" for c, n in by.items()) + ")") if by else "none removed"
        n_lost = sum(len(d.words) for d in self.lost)
        lost = f"{n_lost} LOST" if n_lost else "none lost"
        return f"ledger: {self.words_in} words in, {self.words_out} out; {removed}; {lost}"

    def report(self) -> list[str]:
        """Lines for ``--explain``: each removal, each loss, then the summary."""
        out = [f"removed: {d}" for d in self.removed]
        out += [f"LOST:    {d}" for d in self.lost]
        return out + [self.summary()]


def removed(trace: Iterable[Step]) -> list[Step]:
    """The steps of a trace that removed text outright (nothing in its place,
    and not moved into another block).

    >>> from reflow import explain
    >>> text = "Soil Notes, Vol. 3\\nDry.\\n\\fSoil Notes, Vol. 3\\nWet.\\n\\fSoil Notes, Vol. 3\\nCold.\\n"
    >>> [(s.lines, s.before) for s in removed(explain(text))][:2]
    [((1,), 'Soil Notes, Vol. 3'), ((3,), 'Soil Notes, Vol. 3')]
    """
    return [s for s in trace if s.before and not s.after and not s.moved]


# ------------------------------------------------------------------ the check


def check(text: str, *, config: Config | None = None, only: Iterable[str] = (),
          skip: Iterable[str] = (), pipeline: Sequence[tuple[str, Cleaner]] = PIPELINE,
          notes: tuple[str, ...] = ()) -> Ledger:
    """Run the pipeline over ``text`` like ``reflow.run(..., explain=True)``
    and account for every word of it.

    >>> check("A short text.").lost
    []
    """
    cleaners = select(only, skip, pipeline)
    doc = read_text(text, notes)
    ledger = Ledger(doc, words_in=len(words(text)))
    _record(ledger, False, _account("read", [(text, (), 1)], _contents(doc)))

    def observe(name: str, cleaner: Cleaner, old: Document, new: Document) -> None:
        remover = name in REMOVERS or bool(getattr(cleaner, "removes_text", False))
        glyphs = bool(getattr(cleaner, "rewrites_glyphs", False))
        _compare_step(ledger, name, remover, old, new, glyphs)

    result = run(doc, config, explain=True, pipeline=cleaners, observe=observe)
    ledger.trace.extend(result.trace)
    ledger.document = doc = result.document
    ledger.markdown = render_markdown(doc)
    ledger.words_out = len(words(ledger.markdown))
    _record(ledger, False, _account("render", _contents(doc), [(ledger.markdown, (), 1)]))
    return ledger


Content = tuple[str, tuple[int, ...], int]  # text, origin, page


def _contents(doc: Document) -> list[Content]:
    return [(unit_text(u), u.origin, u.page) for u in units(doc)]


def _compare_step(ledger: Ledger, name: str, remover: bool, old: Document, new: Document,
                  glyphs: bool = False) -> None:
    """Compare the changed lines/blocks of one step, grouped by provenance.
    With ``glyphs`` (a character repair: ``3`` read for ``×``, ``ª`` for
    ``©``), a token of up to ``GLYPH`` characters may become a symbol."""
    a, b = units(old), units(new)
    if a and b and type(a[0]) is type(b[0]):
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        old_changed, new_changed = [], []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                old_changed.extend(a[i1:i2])
                new_changed.extend(b[j1:j2])
    else:  # lines became blocks (or the document emptied): compare everything
        old_changed, new_changed = list(a), list(b)
    if not old_changed:
        return
    drops = [_account(name, [(unit_text(u), u.origin, u.page) for u in olds],
                      [(unit_text(u), u.origin, u.page) for u in news])
             for olds, news in _groups(old_changed, new_changed)]
    drops = [d for d in drops if d is not None]
    if not drops:
        return
    # A word that left its group without the step losing it moved elsewhere
    # (a block built without the lines' provenance): only what the step as a
    # whole has fewer of can be dropped.
    budget = Counter(k for u in old_changed for _, k in words(unit_text(u)))
    budget.subtract(k for u in new_changed for _, k in words(unit_text(u)))
    for d in drops:
        keep = []
        for token, key in zip(d.words, d.keys):
            if glyphs and len(key) <= GLYPH:
                continue
            if budget[key] > 0:
                budget[key] -= 1
                keep.append((token, key))
        if keep:
            _record(ledger, remover, replace(d, words=tuple(t for t, _ in keep), keys=tuple(k for _, k in keep)))


def _record(ledger: Ledger, remover: bool, drop: "Drop | None") -> None:
    if drop is not None:
        (ledger.removed if remover else ledger.lost).append(drop)


def _groups(olds: list, news: list) -> list[tuple[list, list]]:
    """Old and new units tied together by shared input line numbers.
    Units without provenance form one group of their own."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u in (*olds, *news):
        origin = u.origin
        for n in origin[1:]:
            ra, rb = find(origin[0]), find(n)
            if ra != rb:
                parent[ra] = rb
    groups: dict[int, tuple[list, list]] = {}
    for side, items in ((0, olds), (1, news)):
        for u in items:
            key = find(u.origin[0]) if u.origin else -1
            groups.setdefault(key, ([], []))[side].append(u)
    return list(groups.values())


def _account(name: str, olds: list[Content], news: list[Content]) -> "Drop | None":
    """The words of ``olds`` that do not reach ``news``, if any."""
    old_words = [w for text, _, _ in olds for w in words(text)]
    new_words = [w for text, _, _ in news for w in words(text)]
    excess = Counter(k for _, k in old_words)
    excess.subtract(k for _, k in new_words)
    if all(v <= 0 for v in excess.values()):
        return None
    gained = Counter(k for _, k in new_words)
    gained.subtract(k for _, k in old_words)
    lost_words = []
    for token, key in old_words:
        if excess[key] > 0:
            excess[key] -= 1
            lost_words.append((token, key))
    gained_keys = []
    for _, key in new_words:
        if gained[key] > 0:
            gained[key] -= 1
            gained_keys.append(key)
    dropped = _dropped(lost_words, gained_keys)
    if not dropped:
        return None
    origin = tuple(sorted({n for _, o, _ in olds for n in o}))
    page = olds[0][2] if olds else 1
    context = " / ".join(t for t, _, _ in olds if t)
    if len(context) > 200:
        context = context[:180] + " … " + context[-17:]
    return Drop(name, origin, page, tuple(t for t, _ in dropped), context, tuple(k for _, k in dropped))


def _rejoin(lost: list[tuple[str, str]], gained: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Take out words joined or split whole: two lost tokens, in either
    order, or up to ``_JOIN`` consecutive ones, that make one gained word
    (``num-`` + ``bers``); and the same for a lost token that gained words make
    (``DDBJ/EMBL`` -> ``DDBJ/`` + ``EMBL``).

    >>> _rejoin([("a", "a"), ("re-", "re"), ("ply", "ply")], ["x", "reply"])
    ([('a', 'a')], ['x'])
    >>> _rejoin([("DDBJ/EMBL", "ddbjembl")], ["ddbj", "embl"])
    ([], [])
    >>> _rejoin([("3.4).", "34"), ("1.2-", "12")], ["1234"])
    ([], [])
    >>> _rejoin([("cutThe", "cutthe"), ("ting", "ting")], ["the", "cutting"])
    ([], [])
    """
    lost_free = [True] * len(lost)
    gained_free = [True] * len(gained)
    lost_keys = [k for _, k in lost]
    # Two lines glued into one token and cut apart again (``cutThe`` ->
    # ``cut`` + ``The``): the gained word takes its half, the other half is
    # looked for below like any lost piece.
    ends = {g: j for j, g in enumerate(gained) if len(g) >= 2 and g.isalpha()}
    for i, key in enumerate(lost_keys):
        if not key.isalpha():
            continue
        for k in range(2, len(key) - 1):
            j = ends.get(key[k:])
            if j is not None and gained_free[j]:
                gained_free[j] = False
                lost_keys[i] = key[:k]
                h = next((h for h, g in enumerate(gained) if gained_free[h] and g == key[:k]), None)
                if h is not None:  # both halves are gained words (``DDBJ/EMBL`` -> ``DDBJ/`` ``EMBL``)
                    gained_free[h] = lost_free[i] = False
                break
    # Two pieces, in whichever order the lost occurrences were picked.
    for pieces, pieces_free, whole, whole_free in ((lost_keys, lost_free, gained, gained_free),
                                                   (gained, gained_free, lost_keys, lost_free)):
        where: dict[str, list[int]] = {}
        for i, w in enumerate(pieces):
            where.setdefault(w, []).append(i)
        for j, w in enumerate(whole):
            if not whole_free[j]:
                continue
            for k in range(1, len(w)):
                a = next((i for i in where.get(w[:k], ()) if pieces_free[i]), None)
                b = next((i for i in where.get(w[k:], ()) if pieces_free[i] and i != a), None)
                if a is not None and b is not None:
                    pieces_free[a] = pieces_free[b] = whole_free[j] = False
                    break
    # Up to ``_JOIN`` consecutive pieces (``a-`` / ``b-`` / ``c``).
    for pieces, pieces_free, whole, whole_free in ((lost_keys, lost_free, gained, gained_free),
                                                   (gained, gained_free, lost_keys, lost_free)):
        slots: dict[str, list[int]] = {}
        for j, w in enumerate(whole):
            if whole_free[j]:
                slots.setdefault(w, []).append(j)
        for i in range(len(pieces)):
            for n in range(2, _JOIN + 1):
                if i + n > len(pieces) or not all(pieces_free[i:i + n]):
                    break
                free_slots = slots.get("".join(pieces[i:i + n]))
                if free_slots:
                    whole_free[free_slots.pop()] = False
                    pieces_free[i:i + n] = [False] * n
                    break
    return ([w for w, free in zip(lost, lost_free) if free],
            [w for w, free in zip(gained, gained_free) if free])


def _dropped(lost: list[tuple[str, str]], gained: list[str]) -> list[tuple[str, str]]:
    """The lost tokens that no gained word accounts for: not joined or split
    whole (``_rejoin``), and not re-spelled, i.e. no gained word is at least
    ``RESPELLED`` similar (Indel ratio, 0-100) to it.

    >>> _dropped([("dif-", "dif"), ("ferent", "ferent")], ["different"])
    []
    >>> _dropped([("donât", "donat"), ("tbe", "tbe"), ("0", "0"), ("0Š", "0s")], ["the", "dont", "00s"])
    []
    >>> _dropped([("the", "the"), ("Smelter,", "smelter")], ["the", "fell"])
    [('Smelter,', 'smelter')]
    >>> _dropped([("cutThe", "cutthe"), ("ting", "ting")], ["the", "cutting"])
    []
    """
    if "".join(k for _, k in lost) == "".join(gained):
        return []
    lost, gained = _rejoin(lost, gained)
    if not lost:
        return []
    if len(lost) * len(gained) > _MATCH_LIMIT:  # too many to pair: compare letters only
        pool = Counter("".join(gained))
        out = []
        for token, key in lost:
            kept = 0
            for ch in key:
                if pool[ch] > 0:
                    pool[ch] -= 1
                    kept += 1
            if 2 * kept <= len(key):
                out.append((token, key))
        return out
    free = list(gained)
    out = []
    i = 0
    while i < len(lost):
        key = lost[i][1]
        # The token alone, or joined with the next few lost ones, re-spelled.
        best, used = None, 1
        for n in range(1, min(_JOIN, len(lost) - i) + 1):
            joined = key + "".join(k for _, k in lost[i + 1:i + n])
            m = process.extractOne(joined, free, scorer=fuzz.ratio, score_cutoff=RESPELLED) if free else None
            if m is not None and (best is None or m[1] > best[1]):
                best, used = m, n
        if best is None and len(key) <= 2:  # a symbol or a letter repaired (``Î±`` -> ``α``)
            best = next(((g, 0, j) for j, g in enumerate(free) if len(g) <= 2), None)
        if best is None:
            out.append(lost[i])
        else:
            del free[best[2]]
            i += used - 1
        i += 1
    return out


def second_run(md: str) -> tuple[bool, str]:
    """Whether reflow over its own output keeps the text's substance, apart
    from lines the second run removes on purpose (the ledger lists them).
    Returns the verdict and the second run's Markdown."""
    again = check(md)
    if again.markdown == md:
        # Nothing changed. (The removals listed can be undone by a later step:
        # a duplicate merged into its twin, then split off again.)
        return True, md
    removed = {n for d in again.removed for n in d.lines}
    kept = "\n".join(ln for i, ln in enumerate(md.split("\n"), 1) if i not in removed)
    if substance(again.markdown) == substance(kept):
        return True, again.markdown
    return _only_removed(md, again), again.markdown


def _only_removed(md: str, again: Ledger) -> bool:
    """Whether the second run's substance is ``md``'s with nothing but removed
    words taken out. A merged duplicate carries the lines of both twins, so
    dropping every listed line is too much; here the two substances are
    aligned, and each letter missing must be from a listed line, and no more
    letters may be missing than the removed words hold."""
    listed = {n for d in again.removed for n in d.lines}
    budget = sum(len(k) for d in again.removed for k in d.keys)
    chars: list[str] = []
    line_of: list[int] = []
    for n, line in enumerate(md.split("\n"), 1):
        for _, key in words(line):
            chars.append(key)
            line_of.extend([n] * len(key))
    before, after = "".join(chars), substance(again.markdown)
    # The common head and tail need no alignment (and keep it cheap).
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while (tail < min(len(before), len(after)) - head
           and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]):
        tail += 1
    matcher = SequenceMatcher(None, before[head:len(before) - tail], after[head:len(after) - tail],
                              autojunk=False)
    missing = 0
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op == "equal":
            continue
        if op != "delete" or any(line_of[head + i] not in listed for i in range(i1, i2)):
            return False
        missing += i2 - i1
    return missing <= budget
