"""Document -> Markdown (and the JSON and plain-text views).

This is the only module that writes Markdown or escapes it. One function per
block kind; ``render_markdown`` picks it by ``block.kind``. The output is
CommonMark with GFM tables: one blank line between blocks, and every character
that Markdown would read as syntax escaped so the text reads back as printed.
"""
from __future__ import annotations

import json
import re

from .model import CAPTION, HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block, Document, is_one_line, one_line

# Inline escapes ------------------------------------------------------------------
# A backslash before ASCII punctuation is an escape already: text that went
# through reflow once keeps it as it is, so a second run changes nothing.
_ESCAPED = r"(?<!\\)"
# Emphasis and code delimiters: always escaped (`S+T*`, `Others**`, `a_b_`).
_EMPHASIS = re.compile(_ESCAPED + r"([*`])")
_UNDERSCORE = re.compile(_ESCAPED + r"(?:(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
_STRIKE = re.compile(_ESCAPED + r"~(?=~)")
# `<` that could open an HTML tag or autolink; `&` that could start an entity.
_ANGLE = re.compile(_ESCAPED + r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(_ESCAPED + r"&(?=#?[0-9A-Za-z]+;)")
# `[text](`, `[text][`, `[text]:` would be links: every `[` before a `]` that
# is followed by `(`, `[` or `:`. A match is the stretch from the start or a `]`
# up to such a `]`, and the `[` in it are escaped. Tried only at the start and
# right after a `]`, each character is scanned once (a lookahead from every `[`
# to the next `]` would rescan a run of unclosed `[` from each: quadratic).
_LINK = re.compile(r"(?:^|(?<=\]))[^\]]*\](?=[(\[:])")
_BRACKET = re.compile(_ESCAPED + r"\[")
_BANG = re.compile(_ESCAPED + r"!(?=\[)")
# Text without any of these characters needs no inline escape (most text).
_INLINE_SYNTAX = re.compile(r"[*`_~<&\[!]")

# Block-start escapes: what would make a paragraph a heading, list, quote, rule.
_START_HASH = re.compile(r"^(#{1,6})(?=\s|$)")
_START_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_START_BULLET = re.compile(r"^([-+*])(?=\s|$)")
_START_QUOTE = re.compile(r"^>")
_THEMATIC = re.compile(r"^(?:(?:-\s*){3,}|(?:_\s*){3,}|(?:\*\s*){3,})$")
_SETEXT = re.compile(r"^=+\s*$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
# The first characters the patterns above can match; any other start is safe.
_BLOCK_START_CHARS = frozenset("#-+*_>=`~")  # and any decimal digit, as `\d` matches
_CLOSING_HASHES = re.compile(r"(?<!#)#+$")


def escape_inline(text: str) -> str:
    """Escape what Markdown would read as inline syntax. A backslash that
    already escapes punctuation is left as it is (the text was Markdown).

    >>> escape_inline("S+T* and Others** in a_b and <b>")
    'S+T\\\\* and Others\\\\*\\\\* in a_b and \\\\<b>'
    """
    if not _INLINE_SYNTAX.search(text):
        return text
    # Each escape matches only at its own character, and escapes add only
    # backslashes: one whose character is absent would change nothing.
    if "*" in text or "`" in text:
        text = _EMPHASIS.sub(r"\\\1", text)
    if "_" in text:
        text = _UNDERSCORE.sub(r"\\_", text)
    if "~" in text:
        text = _STRIKE.sub(r"\\~", text)
    if "<" in text:
        text = _ANGLE.sub(r"\\<", text)
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    if "[" in text:  # the link escape changes only ``[``
        text = _LINK.sub(lambda m: _BRACKET.sub(r"\\[", m.group()), text)
    if "!" in text:
        text = _BANG.sub(r"\\!", text)
    return text


def escape_block_start(text: str) -> str:
    """Escape a line start that would open a block other than a paragraph.

    >>> escape_block_start("1. not a list")
    '1\\\\. not a list'
    >>> escape_block_start("# not a heading")
    '\\\\# not a heading'
    """
    first = text[:1]
    if first.isdecimal():  # as ``\d``: of the patterns, only a list number can start here
        return _START_ORDERED.sub(r"\1\\\2", text)
    if first not in _BLOCK_START_CHARS:
        return text
    if _THEMATIC.match(text) or _SETEXT.match(text):
        return "\\" + text
    # Each escape below needs its own first character and puts a backslash
    # first: only the one for this character can apply.
    if first == "#":
        return _START_HASH.sub(r"\\\1", text)
    if first in "-+*":
        return _START_BULLET.sub(r"\\\1", text)
    if first == ">":
        return _START_QUOTE.sub(r"\\>", text)
    if first in "`~":
        return _FENCE.sub(lambda m: "\\" + m.group(1), text)
    return text


def _inline(text: str) -> str:
    return escape_block_start(escape_inline(one_line(text)))


def render_paragraph(block: Block) -> str:
    if block.label:
        label = escape_inline(one_line(block.label))
        return f"**{label}** {escape_inline(one_line(block.text))}".rstrip()
    return _inline(block.text)


def render_caption(block: Block) -> str:
    return render_paragraph(block)


def render_heading(block: Block) -> str:
    level = min(max(block.level, 1), 6)
    text = escape_inline(one_line(block.text))
    if text.endswith("#"):  # a closing sequence
        text = _CLOSING_HASHES.sub(lambda m: "\\#" * len(m.group()), text)
    return f"{'#' * level} {text}"


def render_list_item(block: Block) -> str:
    text = escape_inline(one_line(block.text))
    marker = f"{block.number}." if block.number > 0 else "-"
    # A paragraph start that is a block marker must be escaped inside the item too.
    text = escape_block_start(text)
    if _THEMATIC.match(f"{marker} {text}"):  # ``- --`` would be a rule, not an item
        text = "\\" + text
    return f"{marker} {text}"


def _cell(text: str) -> str:
    return escape_inline(one_line(text)).replace("|", "\\|")


def _row(cells: list[str]) -> str:
    """``cells`` as a table row: ``| a | b |``."""
    body = " | ".join(cells)
    # Each cell is kept as it is when it is on one line, without a ``|`` or an
    # inline syntax character (most rows): the joined row shows whether all are
    # (a cell's space at either end would make a double space in it).
    if is_one_line(body) and body.count("|") == len(cells) - 1 and not _INLINE_SYNTAX.search(body):
        return "| " + body + " |"
    return "| " + " | ".join([_cell(c) for c in cells]) + " |"


def render_table(block: Block) -> str:
    if not block.rows:
        return render_paragraph(block)
    width = max(len(r) for r in block.rows)
    rows = [list(r) + [""] * (width - len(r)) for r in block.rows]
    out = [_row(rows[0]), "|" + "---|" * width]
    out += [_row(r) for r in rows[1:]]
    return "\n".join(out)


RENDERERS = {
    PARAGRAPH: render_paragraph,
    HEADING: render_heading,
    LIST_ITEM: render_list_item,
    TABLE: render_table,
    CAPTION: render_caption,
}


def blocks_of(doc: Document) -> tuple[Block, ...]:
    """The blocks to render; before ``build_paragraphs`` ran, each run of
    non-blank lines is one paragraph."""
    if doc.blocks:
        return doc.blocks
    blocks, run = [], []
    for line in (*doc.lines, None):
        if line is None or line.blank:
            if run:
                blocks.append(Block(PARAGRAPH, " ".join(ln.text for ln in run), tuple(run)))
            run = []
        else:
            run.append(line)
    return tuple(blocks)


def render_markdown(doc: Document) -> str:
    """Each block by its kind's renderer, one blank line between blocks;
    consecutive list items of one type (numbered or bullet) form one tight
    list; a blank line stands between a numbered list and a bullet list."""
    shown = [b for b in blocks_of(doc) if b.text or b.rows or b.label]
    out: list[str] = []
    for i, block in enumerate(shown):
        if i:
            prev = shown[i - 1]
            tight = (block.kind == LIST_ITEM and prev.kind == LIST_ITEM
                     and (block.number > 0) == (prev.number > 0))
            out.append("\n" if tight else "\n\n")
        out.append(RENDERERS.get(block.kind, render_paragraph)(block))
    return "".join(out) + ("\n" if out else "")


def render_text(doc: Document) -> str:
    """Plain text: one paragraph per block, a blank line between, no Markdown."""
    parts = []
    for b in blocks_of(doc):
        if b.kind == TABLE and b.rows:
            parts.append("\n".join("\t".join(one_line(c) for c in r) for r in b.rows))
        elif b.text:
            label = f"{b.label} " if b.label else ""
            number = f"{b.number}. " if b.kind == LIST_ITEM and b.number else ""
            parts.append(number + label + one_line(b.text))
    return "\n\n".join(parts) + ("\n" if parts else "")


def render_json(doc: Document) -> str:
    """The blocks with their kind, text and the input lines they came from."""
    items = []
    for b in blocks_of(doc):
        origin = b.origin
        item = {"kind": b.kind, "text": b.text, "page": b.page,
                "lines": [min(origin), max(origin)] if origin else None}
        if b.level:
            item["level"] = b.level
        if b.label:
            item["label"] = b.label
        if b.number:
            item["number"] = b.number
        if b.rows:
            item["rows"] = [list(r) for r in b.rows]
        items.append(item)
    return json.dumps({"blocks": items, "notes": list(doc.notes)}, ensure_ascii=False, indent=1) + "\n"


FORMATS = {"markdown": render_markdown, "json": render_json, "text": render_text}
