"""Lines of a paragraph shuffled among a sidebar's, put back in the order
their sentences and split words prove.

Before (blocks, as an extractor can emit a column beside a list of notes)::

    RESULTS. Counts were made on every island of the Mediter1
    2 Department of Zoology, University of Northby, Northby, Freeland.
    ranean, 40 colonies (each of more than 100 nests), 12 small colonies (under 20
    were seen for the first time. Numbers did not seem to be affec-
    3 Institute of Ecology, Southport, Freeland.
    ing the weather or the date of the count.
    nests) and 3 new colonies (founded since the last survey)
    ted by the size of the island or by other factors, includThe survey took 9
    weeks in all.

After::

    RESULTS. Counts were made on every island of the Mediterranean, 40 colonies
    (each of more than 100 nests), 12 small colonies (under 20 nests) and 3 new
    colonies (founded since the last survey) were seen for the first time.
    Numbers did not seem to be affected by the size of the island or by other
    factors, including the weather or the date of the count. The survey took 9
    weeks in all.
    2 Department of Zoology, University of Northby, Northby, Freeland.
    3 Institute of Ecology, Southport, Freeland.

``rejoin_interrupted_paragraphs`` joins a paragraph to the first continuation
after the material that cut it. When the lines of the paragraph itself come
out of order, the first continuation is often the wrong one, and two lines of
different places can even be glued (``includThe``). The evidence is in the
text, piece by piece:

* a word split at a line end is completed by the piece that starts with its
  rest (``affec-`` + ``ted``, ``Mediter1`` + ``ranean``, ``includ`` + ``ing``),
  and a piece that starts with such a rest continues no other piece;
* a bracket left open is closed by the piece that starts with ``…)``;
* a piece that ends its sentence is followed by one that starts a sentence;
* otherwise the pieces keep their input order.

The region is an open paragraph followed by nothing but lower-case fragments
and sidebar material (notes, addresses, bare note numbers). Lines inside a
fragment are separated only where a line starts with the rest of a word split
elsewhere. The order is changed only when every piece of the region finds its
place in one chain and at least one split word or bracket proves a link;
otherwise the region is left to ``rejoin_interrupted_paragraphs``. The sidebar
material follows the mended paragraph, in its input order.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import regex

from ..lexicon import zipf
from ..model import PARAGRAPH, Block, Document, Line, plain_text
from .hyphenation import Vocabulary, decide
from .interruptions import MAX_GAP, _beside_table, _body_width, _continuation, _interrupter, _open, _read_again
from .paragraphs import _ends_sentence

# Without a hyphen, ``left`` + ``right`` is a split word when the joined word
# is this much commoner (Zipf) than ``left`` alone (and common itself).
MARGIN = 2.0
# A word cut at a line end: a hyphen, a glued note marker, or no mark at all.
# Searched from the end (``(?r)``), not from every letter of a long text: the
# same match, as every match ends where the text does.
_CUT = regex.compile(r"(?r)(?P<left>\p{L}+)(?P<mark>-|\d{1,2})?$")
_FIRST = regex.compile(r"^\p{Ll}+")
# Two lines glued by the extractor: a cut word, then a sentence start (``includThe``).
_GLUED = regex.compile(r"(?<=\s|^)(\p{Ll}{3,})(?=\p{Lu}\p{Ll}+\b)")


_LETTER = regex.compile(r"\p{L}")  # where a word of ``lexicon.vocabulary`` starts


def _vocabulary(blocks: list[Block]) -> Counter | Vocabulary:
    """``lexicon.vocabulary`` of the blocks' texts, counting only the words
    looked up. An empty Counter (falsy, as that vocabulary would be) when
    the texts hold no letter, so no word."""
    texts = [b.text for b in blocks]
    return Vocabulary.of(texts) if any(map(_LETTER.search, texts)) else Counter()


@dataclass(frozen=True)
class _Piece:
    lines: tuple[Line, ...]
    order: int  # position in the input

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


def _completes(left: str, mark: str, right: str, vocab: Counter) -> bool:
    """Is ``left`` + ``right`` one word cut in two? With a hyphen, as the
    hyphenation cleaner judges it (``affec-`` + ``ted``); after a glued note
    marker or with no mark at all (``includ`` + ``ing``), when the joined word
    is much commoner than the left part alone."""
    if mark == "-":
        action = decide(left, right, vocab)
        joined = (left + right).lower()
        return (action == "join" and (zipf(joined) > 0 or vocab[joined] > 0)) or (
            action == "keep" and vocab[f"{left}-{right}".lower()] > 0)
    joined = (left + right).lower()
    need = max(3.0, zipf(left.lower()) + MARGIN)
    # The word is known at 3.0 when the document spells it: asked only when that is enough.
    return zipf(joined) >= need or (need <= 3.0 and vocab[joined] > 0)


def _cut(text: str) -> tuple[str, str] | None:
    """The cut word at the end of ``text``: (left part, mark), or None."""
    m = _CUT.search(text)
    return (m.group("left"), m.group("mark") or "") if m else None


def _link(a: str, b: str, vocab: Counter) -> str | None:
    """'word' when ``b`` completes the word cut at the end of ``a``; 'bracket'
    when ``b`` closes a bracket ``a`` left open; None otherwise."""
    cut, first = _cut(a), _FIRST.match(b)
    if cut and first and _completes(cut[0], cut[1], first.group(), vocab):
        return "word"
    if a.count("(") > a.count(")") and b.split("(")[0].count(")") > 0:
        return "bracket"
    return None


def _cuts(heads: list[str]) -> list[tuple[str, str]]:
    """The cut words at the ends of ``heads``, found once for many ``_rest`` tests."""
    return [c for h in heads if (c := _cut(h))]


def _rest(text: str, cuts: list[tuple[str, str]], vocab: Counter) -> bool:
    """Does ``text`` start with the rest of one of the cut words ``cuts``?"""
    first = _FIRST.match(text)
    return bool(first) and any(_completes(left, mark, first.group(), vocab) for left, mark in cuts)


def _pieces(blocks: list[Block], cuts: list[tuple[str, str]], vocab: Counter, order: int) -> list[_Piece]:
    """The fragment blocks cut into pieces: between two lines where the second
    starts with the rest of a word cut elsewhere, and at a glued sentence start
    (``includThe``) whose left part is such a cut word."""
    out = []
    starts = [f.group() for b in blocks for o in b.lines if (f := _FIRST.match(o.text))]
    for block in blocks:
        if plain_text(block.lines) != block.text:
            out.append(_Piece(block.lines, order))  # the block was rewritten: keep it whole
            order += 1
            continue
        current: list[Line] = []
        for ln in block.lines:
            if current and _rest(ln.text, cuts, vocab) and not _link(current[-1].text, ln.text, vocab):
                out.append(_Piece(tuple(current), order))
                order, current = order + 1, []
            m = _GLUED.search(ln.text)
            if m and any(_completes(m.group(1), "", f, vocab) for f in starts):
                current.append(ln.with_text(ln.text[: m.end()]))
                out.append(_Piece(tuple(current), order))
                order, current = order + 1, [ln.with_text(ln.text[m.end():])]
            else:
                current.append(ln)
        out.append(_Piece(tuple(current), order))
        order += 1
    return out


def _chain(start: _Piece, pieces: list[_Piece], vocab: Counter) -> list[tuple[_Piece, str | None]] | None:
    """Every piece after ``start`` in reading order, each with the evidence of
    its link; None when some piece finds no place or nothing proves a link."""
    left = list(pieces)
    cuts = _cuts([start.text] + [p.text for p in pieces])  # where a word may have been cut
    chain: list[tuple[_Piece, str | None]] = [(start, None)]
    while left:
        text = chain[-1][0].text
        if _ends_sentence(text):
            cands = [p for p in left if p.text[:1].isupper()]
            evidence = {id(p): None for p in cands}
        else:
            cands = [p for p in left if p.text[:1].islower()]
            evidence = {id(p): _link(text, p.text, vocab) for p in cands}
            # a completed word is better evidence than a closed bracket
            proven = ([p for p in cands if evidence[id(p)] == "word"]
                      or [p for p in cands if evidence[id(p)]])
            if proven:
                cands = proven
            else:  # no proof: a piece that holds another's word rest, or closes
                # a bracket this one did not open, belongs elsewhere
                cands = [p for p in cands if not _rest(p.text, cuts, vocab)
                         and not p.text.split("(")[0].count(")")]
        if not cands:
            return None
        nxt = min(cands, key=lambda p: p.order)
        chain.append((nxt, evidence[id(nxt)]))
        left.remove(nxt)
    return chain if any(ev for _, ev in chain) else None


def _join(a: str, b: str, vocab: Counter) -> str:
    cut, first = _cut(a), _FIRST.match(b)
    if cut and first and _completes(cut[0], cut[1], first.group(), vocab):
        left, mark = cut
        if mark == "-" and decide(left, first.group(), vocab) != "join":
            return a + b
        return a[: len(a) - len(mark)] + b
    return a + " " + b


# How far after a word cut at a block end the line with its rest may be, in blocks.
REST_GAP = 4


def _rests_possible(blocks: list[Block]) -> bool:
    """Can ``_reattach_rests`` change anything? Only a paragraph ending in a
    cut word can take a rest, from a line (not the first) of a paragraph soon
    after that starts in lower case, when the joined word is in the
    vocabulary of ``blocks``: so spelled in their text, lower-cased."""
    text = "\n".join(b.text for b in blocks)
    if "\u03a3" in text:
        return True  # a capital sigma lower-cases by its neighbours: the test below would not hold
    lowered = text.lower()
    for a, block in enumerate(blocks):
        if block.kind != PARAGRAPH or not block.text.endswith("-") or not (cut := _cut(block.text)):
            continue
        if any((f := _FIRST.match(ln.text)) and (cut[0] + f.group()).lower() in lowered
               for other in blocks[a + 1:a + 1 + REST_GAP] if other.kind == PARAGRAPH
               for ln in other.lines[1:]):
            return True
    return False


def _reattach_rests(blocks: list[Block], vocab: Counter) -> bool:
    """A block ending in a split word (``Northby Road, Unit 4, Harbour-``)
    whose rest opens a line inside a block soon after, glued there to other
    text (``… were counted in the / side Lane, Northby``): that line and the
    ones after it in its block go back to the split word. Only when the
    joined word is one the document spells elsewhere, and the line before the
    rest does not end in a cut that it completes."""
    changed = False
    for a, block in enumerate(blocks):
        if block.kind != PARAGRAPH or not block.text.endswith("-"):
            continue
        cut = _cut(block.text)
        if not cut or (a + 1 < len(blocks) and _link(block.text, blocks[a + 1].text, vocab)):
            continue
        for c in range(a + 1, min(len(blocks), a + 1 + REST_GAP)):
            other = blocks[c]
            if other.kind != PARAGRAPH:
                continue
            at = next((k for k in range(1, len(other.lines))
                       if (f := _FIRST.match(other.lines[k].text))
                       and vocab[(cut[0] + f.group()).lower()] >= 1
                       and _completes(cut[0], cut[1], f.group(), vocab)
                       and not _link(other.lines[k - 1].text, other.lines[k].text, vocab)), None)
            rest = plain_text(other.lines[at:]) if at else ""
            if not rest or not other.text.endswith(" " + rest):
                continue  # the block's text no longer ends with those lines
            blocks[a] = replace(block, text=" ".join(_join(block.text, rest, vocab).split()),
                                lines=block.lines + other.lines[at:])
            blocks[c] = replace(other, text=other.text[: -len(rest)].rstrip(), lines=other.lines[:at])
            changed = True
            break
    return changed


def untangle_interleaved_lines(doc: Document, config) -> Document:
    """Put back in order the lines of a paragraph shuffled among sidebar lines.

    >>> from reflow.model import Block, Document, Line
    >>> def p(t, label=""): return Block("paragraph", t, (Line(t),), label=label)
    >>> long = "Counts were made on every island in the chain that lies off the archi-"
    >>> wrapped = (Line("the input: wrapped"), Line("lines"))  # not reflow's own output read again
    >>> doc = Document(lines=wrapped, blocks=(p(long, "RESULTS."),
    ...     p("2 Department of Zoology, University of Northby, Northby, Freeland."),
    ...     p("and the count was lower than in any year before. Numbers were affec-"),
    ...     p("pelago, where 40 colonies were found on the cliffs"),
    ...     p("ted by the weather.")))
    >>> [b.text[-60:] for b in untangle_interleaved_lines(doc, None).blocks]
    ['an in any year before. Numbers were affected by the weather.', 'rtment of Zoology, University of Northby, Northby, Freeland.']
    """
    blocks = list(doc.blocks)
    # A region holds two continuations or more; a rest goes to a paragraph ending in a hyphen.
    regions = sum(map(_continuation, blocks)) >= 2
    if not regions and not any(b.text.endswith("-") for b in blocks):
        return doc
    width = _body_width(doc.blocks)
    if _read_again(doc, width):
        return doc
    vocab = None
    changed = False
    i = 0 if regions else len(blocks)
    while i < len(blocks):
        if not _open(blocks[i], width):
            i += 1
            continue
        fragments, others, j = [], [], i + 1
        while j < len(blocks) and j - i <= MAX_GAP and not blocks[j].label:
            if _continuation(blocks[j]):
                fragments.append(blocks[j])
            elif _interrupter(blocks[j], width) or _beside_table(blocks, j):
                others.append(blocks[j])
            else:
                break
            j += 1
        if len(fragments) < 2 or not others:
            i += 1
            continue
        if vocab is None:
            vocab = _vocabulary(blocks)
        start = _Piece(blocks[i].lines, 0)
        cuts = _cuts([ln.text for b in (blocks[i], *fragments) for ln in b.lines])
        pieces = _pieces(fragments, cuts, vocab, 1)
        chain = _chain(start, pieces, vocab)
        if chain is None or [p.order for p, _ in chain] == sorted(p.order for p, _ in chain) \
                and len(pieces) == len(fragments):
            i += 1
            continue
        text = blocks[i].text
        for piece, _ in chain[1:]:
            text = _join(text, piece.text, vocab)
        lines = tuple(ln for p, _ in chain for ln in p.lines)
        blocks[i:j] = [replace(blocks[i], text=" ".join(text.split()), lines=lines), *others]
        changed = True
        i += 1 + len(others)
    # then the rests of words split at a block end (after the chains, which
    # place the rests inside their own regions); ``_rests_possible`` reads the
    # blocks as they are now, so it gates only a vocabulary still to be built of them
    if any(b.text.endswith("-") for b in blocks) and (vocab or _rests_possible(blocks)):
        vocab = vocab or _vocabulary(blocks)
        changed = _reattach_rests(blocks, vocab) or changed
    return replace(doc, blocks=tuple(blocks)) if changed else doc
