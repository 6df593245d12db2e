"""Front matter: author lines, affiliations, correspondence, keywords, dates,
DOI and copyright lines each as their own paragraph (block stage).

Extractors run these short first-page items together: the paragraph builder
sees lines without sentence ends and joins them. Before::

    Dept. of Soil Science, Lakeland University, Lakeland, Canada
    *Corresponding author. Field Station 4, Lakeland, Canada.
    E-mail: r.osei@lakeland.example
    Received 3 March 2019

After: three paragraphs, the affiliation, the correspondence with its e-mail
line, and the date.

What this cleaner does, each on general evidence only:

* a line that opens with a front-matter label (``Correspondence``, ``Address
  for reprints``, ``Key words``, ``Received``/``Accepted`` with a date, ``©``)
  starts a paragraph when the item before it is of another kind and does not
  stop mid-phrase (an ``E-mail:`` line stays with its correspondence, a
  ``doi:`` line with the citation it follows); the same label after a sentence
  end inside a line (``… drainage. Correspondence: …``) is split off too;
* an author list glued to its affiliations on one line (``… Tova Ode*
  *Department of …``) is cut before the marked affiliation, and an author
  line is cut from an affiliation line that follows it;
* a line opening with a run-in label (``Methods: We …``) after a sentence end
  starts the next part of a structured abstract;
* a footnote marker left alone on its line (``†``) is put back before the
  affiliation it marks, at the start of the next paragraph;
* a run of short ``Label: value`` lines (a scraped metadata table, whose
  glued labels ``split_glued_labels`` has separated) becomes one paragraph
  per line, so the heading detector writes each label in bold.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import regex as re

from ..model import PARAGRAPH, Block, Document, Line, plain_text
from .paragraphs import join_lines
from .headings import _MONTH, _looks_like_byline
from .tables import _SENTENCE_END

_MARK = r"\\?[*†‡§¶#]?"  # a marker, perhaps escaped (reflow's own output read again)
# The kind of front-matter item a line opens, by its label.
_KINDS = (
    ("corr", re.compile(
        rf"^{_MARK}\s?(?:Correspondence|Corresponding\s+author|Address\s+for\s+(?:reprints|correspondence)|"
        r"Reprint\s+requests|Send\s+(?:reprint\s+)?requests)\b", re.I)),
    ("contact", re.compile(r"^(?:E-?mail|Tel\.?|Telephone|Phone|Fax)\s*[:.]", re.I)),
    ("dates", re.compile(
        rf"^(?:Received|Accepted|Revised|Published(?:\s+online)?|Available\s+online|Submitted)\b"
        rf"(?:\s+(?:for\s+publication|in\s+revised\s+form|on))?[:\s]+(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d|\d{{4}}|\d{{1,2}}[./-]\d)",
        re.I)),
    ("doi", re.compile(r"^(?:doi\s*:?\s*10\.|DOI\b|https?://(?:dx\.)?doi\.org/)", re.I)),
    ("keywords", re.compile(r"^(?:Key\s?words?|Index\s+terms)\s*[:.—–-]", re.I)),
    ("copyright", re.compile(r"^(?:©|Copyright\b|\(c\)\s*(?:19|20)\d\d)", re.I)),
    ("citation", re.compile(r"^(?:Cite\s+this\s+article|To\s+cite\s+this|How\s+to\s+cite|Citation)\s*:", re.I)),
)
# An affiliation line: a marker or number perhaps, then an institution word.
_INSTITUTION = (r"(?:Department|Dept\.|Institute|University|Division|School|Faculty|Laboratory|Laboratories|"
                r"Hospital|Center|Centre|College|Unit|Clinic|Section|Service)\b")
_AFFILIATION_LINE = re.compile(rf"^\\?[*†‡§¶#°]?\d{{0,2}}\s?{_INSTITUTION}")
# A run-in label opening a line of an abstract (``Methods: We compared …``).
_RUN_IN = re.compile(r"^\p{Lu}\p{Ll}+(?:\s+\p{Ll}+){0,4}:\s+[\p{Lu}\d]")
# Either of the two above (one call per line where two would be asked).
_AFFILIATION_OR_RUN_IN = re.compile(f"{_AFFILIATION_LINE.pattern}|{_RUN_IN.pattern}")

# Labels split off inside a line, after a sentence end: only with their colon.
_INLINE = re.compile(
    r"(?<=[.;])\s+(?=(?:Correspondence|Corresponding\s+author|Address\s+for\s+reprints|Key\s?words|"
    r"Received|Accepted|Abbreviations)\s*:)",
    re.I,
)
# An affiliation glued after the author names: a marker, then an institution word.
_AFFILIATION = re.compile(rf"\s+(?=[*†‡§¶#]{{1,3}}\s?{_INSTITUTION})")
# A footnote marker alone on its line.
_LONE_MARK = re.compile(r"^[*†‡§¶#]{1,3}$")
# Markers around author names (``Ode,*°``, ``Roe^a``, ``Li1,2``), ignored when
# deciding whether a text is a list of names.
_NAME_MARKS = re.compile(r"[*†‡§¶#°]+|\^\S?|(?<=\p{L})\d+(?:,\d+)*")
_OPEN_END = re.compile(r"(?:[,;(\-–/&]|\b(?:and|of|the|for|in|at|to|with))$")

# A short scraped ``Label: value`` line: ``Page count: 14``.
_LABEL_LINE = re.compile(r"^\p{Lu}[\p{L} ]{1,40}: \S")
LABEL_LINE = 80


# The kinds as one pattern, tried in the same order: the first that matches
# names the kind (one match per line instead of one per kind).
_ANY_KIND = re.compile("|".join(f"(?P<{kind}>{pattern.pattern})" for kind, pattern in _KINDS), re.I)


# The first two characters of every label above that opens with a letter, lower-cased.
# A line whose first two characters are ASCII, the first a letter or digit, and
# none of these pairs matches no kind (IGNORECASE gives an ASCII letter of a label
# only its own two cases; ``test_frontmatter`` checks every ASCII pair).
_KIND_OPENINGS = frozenset(("ac", "ad", "av", "ci", "co", "do", "e-", "em", "fa", "ho", "ht", "in", "ke",
                            "ph", "pu", "re", "se", "su", "te", "to"))


def _may_open_kind(text: str) -> bool:
    """A necessary condition of ``_ANY_KIND.match(text)``, cheaper than the match."""
    head = text[:2]
    return len(head) < 2 or not (head.isascii() and head[0].isalnum()) or head.lower() in _KIND_OPENINGS


def _kind(text: str) -> str | None:
    m = _ANY_KIND.match(text)
    return m.lastgroup if m else None


def _same_item(prev: str | None, kind: str | None) -> bool:
    """Does a line of ``kind`` go on the item of ``prev``? Contact lines go with
    the correspondence (or another contact line)."""
    if kind is None:
        return prev is None
    if kind == "contact":
        return prev in ("corr", "contact")
    return kind == "doi"  # a DOI line goes with the citation or item it follows


def _split_lines(block: Block) -> list[Block]:
    """Split a paragraph before each line that opens another kind of item."""
    if block.kind != PARAGRAPH or len(block.lines) < 2 or block.label:
        return [block]
    rest = [ln.text for ln in block.lines[1:]]
    if not (any(map(_AFFILIATION_OR_RUN_IN.match, rest))
            or any(map(_ANY_KIND.match, filter(_may_open_kind, rest)))):
        return [block]  # no later line can open an item: the loop below would split nothing
    groups: list[list[Line]] = [[block.lines[0]]]
    current = _kind(block.lines[0].text)
    for line in block.lines[1:]:
        kind = _kind(line.text)
        prev = groups[-1][-1].text
        if kind == "dates" and len(line.text) > 60 and ":" not in line.text[:30]:
            kind = None  # a long line opening with ``Received 2010 …`` is a sentence
        if kind and not _same_item(current, kind) and not _OPEN_END.search(prev):
            groups.append([line])
            current = kind
        elif (kind is None and current is None and _AFFILIATION_LINE.match(line.text)
              and _looks_like_byline(_NAME_MARKS.sub("", prev))):
            groups.append([line])  # the author line, then the affiliation (not a correspondence address)
            current = None
        elif kind is None and _RUN_IN.match(line.text) and _SENTENCE_END.search(prev):
            groups.append([line])  # the next labelled part of a structured abstract
            current = None
        else:
            groups[-1].append(line)
            if kind == "contact":
                current = current or kind
    if len(groups) == 1:
        return [block]
    return [_para(g, block) for g in groups]


def _para(lines: Sequence[Line], like: Block) -> Block:
    return replace(like, kind=PARAGRAPH, text=join_lines(list(lines)),
                   lines=tuple(lines), level=0, label="")


def _split_inline(block: Block) -> list[Block]:
    """``Key words: a, b. Correspondence: …`` as two paragraphs."""
    if block.kind != PARAGRAPH or block.label or ":" not in block.text:
        return [block]  # (every label split off has its colon)
    parts = _INLINE.split(block.text)
    if len(parts) < 2:
        return [block]
    return [replace(block, text=p.strip(), lines=tuple(ln for ln in block.lines if _shares(ln.text, p)) or block.lines)
            for p in parts if p.strip()]


def _shares(line: str, part: str) -> bool:
    words = line.split()
    return bool(words) and (words[0] in part or words[-1] in part)


def _split_affiliation(block: Block) -> list[Block]:
    """``Ana Ode,* Ben Roe† *Department of …`` as authors, then affiliations."""
    text = block.text
    if block.kind != PARAGRAPH or block.label or not (
            "*" in text or "#" in text or "†" in text or "‡" in text or "§" in text or "¶" in text):
        return [block]  # (the affiliation opens with one of these markers)
    m = _AFFILIATION.search(block.text)
    if not m or m.start() < 10:
        return [block]
    names, rest = block.text[:m.start()], block.text[m.end():]
    if not _looks_like_byline(_NAME_MARKS.sub("", names.lstrip("> "))):
        return [block]
    first = tuple(ln for ln in block.lines if _shares(ln.text, names)) or block.lines
    second = tuple(ln for ln in block.lines if _shares(ln.text, rest)) or block.lines
    return [replace(block, text=names.strip(), lines=first), replace(block, text=rest.strip(), lines=second)]


def _move_lone_marks(blocks: list[Block]) -> list[Block]:
    """A footnote marker alone as the last line of a block (or as a block)
    goes to the start of the next block, the affiliation or note it marks."""
    out = list(blocks)
    for i in range(len(out) - 1):
        block, nxt = out[i], out[i + 1]
        if block.kind != PARAGRAPH or nxt.kind != PARAGRAPH or not block.lines or not nxt.text[:1].isupper():
            continue
        last = block.lines[-1]
        if not _LONE_MARK.match(last.text):
            continue
        if len(block.lines) > 1:
            rest = block.lines[:-1]
            out[i] = replace(block, text=plain_text(rest), lines=rest)
        else:
            out[i] = replace(block, text="", lines=())
        out[i + 1] = replace(nxt, text=last.text + nxt.text, lines=(last, *nxt.lines))
    return [b for b in out if b.text or b.rows or b.kind != PARAGRAPH]


def _split_label_lines(block: Block) -> list[Block]:
    """A block of short ``Label: value`` lines (a scraped metadata table, its
    labels already separated by ``split_glued_labels``): one paragraph each."""
    if block.kind != PARAGRAPH or block.label or len(block.lines) < 2:
        return [block]
    texts = [ln.text for ln in block.lines]
    # Each label line holds ``: `` (the newlines make none): fewer than two, no need to match.
    if (max(map(len, texts)) > LABEL_LINE or "\n".join(texts).count(": ") < 2
            or sum(bool(_LABEL_LINE.match(t)) for t in texts) < 2):
        return [block]
    return [replace(block, text=ln.text, lines=(ln,)) for ln in block.lines]


def split_front_matter(doc: Document, config) -> Document:
    """Give front-matter items their own paragraphs.

    >>> from reflow.model import Block, Line, PARAGRAPH
    >>> lines = ("Dept. of Soil Science, Lakeland University, Lakeland, Canada",
    ...          "*Corresponding author. Field Station 4, Lakeland, Canada.",
    ...          "E-mail: r.osei@lakeland.example", "Received 3 March 2019")
    >>> doc = Document(blocks=(Block(PARAGRAPH, " ".join(lines), tuple(Line(t) for t in lines)),))
    >>> for b in split_front_matter(doc, None).blocks:
    ...     print(b.text)
    Dept. of Soil Science, Lakeland University, Lakeland, Canada
    *Corresponding author. Field Station 4, Lakeland, Canada. E-mail: r.osei@lakeland.example
    Received 3 March 2019
    """
    if not doc.blocks:
        return doc
    out: list[Block] = []
    for block in doc.blocks:
        if block.kind != PARAGRAPH:
            out.append(block)
            continue
        for a in _split_lines(block):
            for b in _split_inline(a):
                for c in _split_affiliation(b):
                    out.extend(_split_label_lines(c))
    out = _move_lone_marks(out)
    new = tuple(out)
    return doc if new == doc.blocks else replace(doc, blocks=new)
