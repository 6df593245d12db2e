"""The pipeline: one ordered list of named cleaners, and the runner that records
what each one changed.

Read ``PIPELINE`` top to bottom to know the order and why it is so. A cleaner is
a function ``(Document, Config) -> Document``; its name is used everywhere:
``--skip NAME``, ``--only NAME``, the trace of ``--explain``.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Callable, Iterable, Sequence

from .cleaners import (captions, column_tables, columns, dropcaps, duplicates, encoding, frontmatter,
                       furniture, headings, hyphenation, interleaving, interruptions, labels, ocr, paragraphs,
                       reading_order, references, symbols, tables)
from .model import Block, Document, Line

Cleaner = Callable[[Document, "Config"], Document]


@dataclass(frozen=True)
class Config:
    """Settings shared by the cleaners. ``skip`` names cleaners not to run."""

    skip: frozenset[str] = frozenset()
    # strip_page_furniture: how often a line must recur (digits masked) to be a
    # running header when nothing else marks it as page furniture.
    furniture_min_repeats: int = 3


PIPELINE: tuple[tuple[str, Cleaner], ...] = (
    # ---- line stage: each line's text is repaired, lines are removed or joined
    ("fix_encoding", encoding.fix_encoding),  # first: later cleaners match real letters
    ("restore_symbols", symbols.restore_symbols),  # on decoded text; before joins, a note mark is still its own line
    ("repair_ocr_confusions", ocr.repair_ocr_confusions),  # after symbols: ×10⁹ is no longer a digit group
    ("split_glued_labels", labels.split_glued_labels),  # while a label line is still its own line
    ("strip_page_furniture", furniture.strip_page_furniture),  # before joins: a header never sits inside a paragraph
    ("split_side_by_side_columns", columns.split_side_by_side_columns),  # layout text: left column, then right
    ("join_hyphenated_words", hyphenation.join_hyphenated_words),  # after furniture and columns: halves meet
    # ---- lines become blocks
    ("build_paragraphs", paragraphs.build_paragraphs),
    # ---- block stage
    # Markdown read again: undo joins across blank lines before anything looks at blocks.
    ("split_markdown_blocks", headings.split_markdown_blocks),
    # first on blocks: a table's cells are still the lines (and blank-line gaps) they were printed as
    ("rebuild_column_tables", column_tables.rebuild_column_tables),
    ("rebuild_tables", tables.rebuild_tables),  # blocks still hold their lines' spacing; before headings: a row is no heading
    ("detect_captions", captions.detect_captions),  # after tables: a caption goes before its table; before headings
    # Reference sections rebuilt before headings: a reference entry is then a list
    # item, not a title candidate, and the heading detector sees where articles end.
    ("mend_reference_lists", references.mend_reference_lists),
    # After the references (whose copies are merged entry by entry), before headings:
    # a removed copy can then not be taken for a heading.
    ("drop_duplicate_fragments", duplicates.drop_duplicate_fragments),
    # Before headings: a title or heading is then looked for among separate
    # items, and a split-off ``Key words:`` paragraph gets its bold label there.
    ("split_front_matter", frontmatter.split_front_matter),
    # After the splits above, which may leave a ``• item`` line as its own paragraph.
    ("mark_bullet_items", references.mark_bullet_items),
    ("detect_headings", headings.detect_headings),
    ("mend_drop_caps", dropcaps.mend_drop_caps),  # before the rejoin, which would take the word's rest
    ("restore_column_order", reading_order.restore_column_order),  # before the rejoin: whole columns first
    # before the rejoin, which takes the first continuation: here the evidence picks it
    ("untangle_interleaved_lines", interleaving.untangle_interleaved_lines),
    # after tables, captions and headings are known: a heading stops the search
    ("rejoin_interrupted_paragraphs", interruptions.rejoin_interrupted_paragraphs),
    # last: only continuations that nothing nearer explains are left
    ("restore_late_continuations", reading_order.restore_late_continuations),
)

NAMES = tuple(name for name, _ in PIPELINE)


@dataclass(frozen=True)
class Step:
    """One recorded change: which cleaner, where in the input, before and after."""

    cleaner: str
    lines: tuple[int, ...]
    page: int
    before: str
    after: str
    note: str = ""

    @property
    def moved(self) -> bool:
        """Did the text leave its place for another block (not removed)?"""
        return not self.after and _MOVED in self.note

    def __str__(self) -> str:
        where = f"p{self.page} {_span(self.lines)}"
        after = repr(self.after) if self.after else "(moved)" if self.moved else "(removed)"
        before = repr(self.before) if self.before else "(nothing)"
        text = f"{self.cleaner:<26} {where:<12} {before} -> {after}"
        return text + (f"  [{self.note}]" if self.note else "")


@dataclass
class Result:
    document: Document
    trace: list[Step] = field(default_factory=list)


def _span(origin: Sequence[int]) -> str:
    if not origin:
        return "l?"
    lo, hi = min(origin), max(origin)
    return f"l{lo}" if lo == hi else f"l{lo}-{hi}"


def select(only: Iterable[str] = (), skip: Iterable[str] = (),
           pipeline: Sequence[tuple[str, Cleaner]] = PIPELINE) -> tuple[tuple[str, Cleaner], ...]:
    """The pipeline restricted to ``only`` (if given) minus ``skip``.

    Unknown names raise ``ValueError`` so a typo on the command line is caught.
    """
    known = {name for name, _ in pipeline}
    only, skip = set(only), set(skip)
    unknown = (only | skip) - known
    if unknown:
        raise ValueError(f"unknown cleaner(s): {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(name for name, _ in pipeline)}")
    return tuple((n, f) for n, f in pipeline if (not only or n in only) and n not in skip)


def run(doc: Document, config: Config | None = None, *, explain: bool = False,
        pipeline: Sequence[tuple[str, Cleaner]] = PIPELINE,
        observe: Callable[[str, Cleaner, Document, Document], None] | None = None) -> Result:
    """Run the cleaners in order. With ``explain``, record every change.
    ``observe(name, cleaner, before, after)`` is called after each cleaner
    that changed the document (the content ledger follows the words so)."""
    config = config or Config()
    result = Result(doc)
    with cycle_collection_paused():
        for name, cleaner in pipeline:
            if name in config.skip:
                continue
            new = cleaner(doc, config)
            if not isinstance(new, Document):
                raise TypeError(f"cleaner {name} returned {type(new).__name__}, not Document")
            if (explain or observe) and new != doc:
                if explain:
                    result.trace.extend(diff(name, doc, new))
                if observe:
                    observe(name, cleaner, doc, new)
            doc = new
    result.document = doc
    return result


@contextmanager
def cycle_collection_paused():
    """Python's cyclic garbage collector paused for one run, then restored.

    The cleaners build acyclic values (lines, blocks, tuples of text), which
    reference counting frees as soon as they are dropped; the collector only
    scans them again and again. On a large document each of its full passes
    walks the whole, growing heap, so time grew faster than the text (10 MB
    took 11.3x the time of 1 MB, against 10x with the collector paused).
    It is switched back on after the run only if it was on before.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


# ------------------------------------------------------------------ the trace


def diff(name: str, old: Document, new: Document) -> list[Step]:
    """The changes between two Documents, as Steps."""
    if old.blocks or new.blocks:
        if not old.blocks:
            return [_built(name, b) for b in new.blocks if len(b.lines) > 1 or b.kind != "paragraph"]
        return _diff_seq(name, old.blocks, new.blocks)
    return _diff_seq(name, old.lines, new.lines)


def _built(name: str, block: Block) -> Step:
    pieces = [ln.text for ln in block.lines if ln.text]
    before = " / ".join(pieces) if len(pieces) < 4 else f"{pieces[0]} / … / {pieces[-1]}"
    note = f"{block.kind}, {len(pieces)} line(s)"
    return Step(name, block.origin, block.page, _short(before), _short(block.text), note)


def _diff_seq(name: str, old: Sequence[Line | Block], new: Sequence[Line | Block]) -> list[Step]:
    steps = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        before, after = old[i1:i2], new[j1:j2]
        origin = tuple(sorted({n for x in (*before, *after) for n in x.origin}))
        page = (before or after)[0].page
        b = " / ".join(x.text for x in before if x.text)
        a = " / ".join(x.text for x in after if x.text)
        kinds = {getattr(x, "kind", None) for x in (*before, *after)} - {None}
        note = ""
        if kinds and b == a:
            note = " -> ".join(dict.fromkeys(getattr(x, "kind") for x in (*before, *after)))
        if b == a and not note:
            continue  # only blank lines or provenance changed
        # A rebuilt table says how its columns and header were read.
        how = [x.label for x in after if getattr(x, "kind", None) == "table" and x.label]
        note = "; ".join(filter(None, [note, *how, _moved(before, after, new)]))
        b, a = _focus(b, a)
        steps.append(Step(name, origin, page, b, a, note))
    return steps


_MOVED = "moved into the block of "


def _moved(before, after, new) -> str:
    """Blocks gone from their place whose lines now sit in other blocks (a
    paragraph joined to the text it continues, lines put back in order):
    where they went, so the trace does not read as a removal."""
    if after or not before or not isinstance(before[0], Block):
        return ""
    lines = {n for x in before for n in x.origin}
    into = [b for b in new if lines.intersection(b.origin)]
    if not lines or {n for b in into for n in b.origin} < lines:
        return ""
    return _MOVED + ", ".join(_span(b.origin) for b in into)


def _focus(before: str, after: str, context: int = 18) -> tuple[str, str]:
    """Cut two long texts down to the part that differs, with some context,
    so a trace line shows ``'sea wal … ﬁrst half'`` rather than the whole line."""
    if not before or not after or (len(before) <= 70 and len(after) <= 70):
        return _short(before), _short(after)
    p = 0
    while p < min(len(before), len(after)) and before[p] == after[p]:
        p += 1
    q = 0
    while q < min(len(before), len(after)) - p and before[-1 - q] == after[-1 - q]:
        q += 1
    lo = max(0, p - context)
    def cut(s: str) -> str:
        hi = min(len(s), len(s) - q + context)
        return ("…" if lo else "") + s[lo:hi] + ("…" if hi < len(s) else "")
    return _short(cut(before)), _short(cut(after))


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 20] + " … " + text[-17:]
