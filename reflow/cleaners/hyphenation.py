"""Words split by a hyphen at a line end, and hyphens an earlier tool left
inside words.

Before::

    a median response dura-
    tion of 10.5 months, with a follow-
    up of 3 years (range 1.3-
    28.0) and thrombocy-topenic purpura

After::

    a median response duration
    of 10.5 months, with a follow-up
    of 3 years (range 1.3-28.0)
    and thrombocytopenic purpura

The first word of the next line moves up to complete the split word, so lines
keep their shape for the paragraph builder and the trace shows both input
lines. Whether the hyphen goes is decided by evidence, the document's own
vocabulary first (does it write ``follow-up`` or ``followup`` elsewhere?), then
the wordfreq lexicon. A real compound keeps its hyphen (``follow-up``,
``long-term``, ``anti-CD20``, ``AF-toxin``, ``9-methyl``), a suspended hyphen
keeps its space (``single- and double-copy``), and when the evidence is not
clear the hyphen stays: a kept hyphen loses nothing, a wrong join damages a word.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

import regex

from ..lexicon import vocabulary, zipf
from ..model import Document, Line
from .paragraphs import note_head

# A line that ends in a word split by a hyphen (or a soft hyphen) or an en dash.
_LINE_END = regex.compile(r"(?P<left>[\p{L}\p{M}\p{N}]+)(?P<dash>[-\u2010\u00ad\u2013])$")
_DASHES = ("-", "\u2010", "\u00ad", "\u2013")  # a cheap test before _LINE_END
# The first token of the continuation line: its word part, then the rest of it.
_NEXT_TOKEN = regex.compile(r"(?P<word>[\p{L}\p{M}\p{N}]+)(?P<tail>\S*)")
# A hyphen inside a line between two lower-case word parts (``thrombocy-topenic``).
_IN_LINE = regex.compile(r"(?<![\p{L}\p{M}\p{N}-])(?P<left>\p{L}\p{Ll}+)-(?P<right>\p{Ll}{2,})(?![\p{L}\p{M}\p{N}-])")

# Words after which a line-end hyphen is suspended: ``single- and double-copy``.
_SUSPENSION = {"and", "or", "nor", "to", "versus", "vs", "but", "&"}
# Prefixes that make real compounds with a word (``self-esteem``, ``co-administration``).
_PREFIXES = {
    "anti", "non", "self", "co", "multi", "post", "pre", "re", "semi", "sub", "super",
    "inter", "intra", "over", "under", "cross", "counter", "pseudo", "quasi", "ultra",
    "well", "ill", "half", "all", "ex", "mid", "neo", "pan", "bi", "tri", "extra", "micro",
    "macro", "mini", "meta", "para", "peri", "proto", "trans", "poly", "mono",
}
# Word endings that a lexicon knows as tokens (from broken text) but that are
# never the second half of a compound: ``special-ist``, ``train-ing``.
_SUFFIXES = {
    "ing", "ings", "ity", "ities", "ist", "ists", "ism", "isms", "tion", "tions", "sion",
    "sions", "ment", "ments", "ness", "ly", "ed", "er", "ers", "est", "al", "ally", "ic",
    "ics", "ical", "ous", "ive", "ives", "able", "ible", "ance", "ances", "ence", "ences",
    "ant", "ants", "ent", "ents", "ure", "ures", "ize", "ized", "ise", "ised", "ia", "ies",
    "es", "s", "ion", "ions", "ary", "ory", "ation", "ations", "ated", "ate", "ates",
}
# A half counts as a word of its own from this Zipf frequency (once per million words).
WORD_ZIPF = 3.0
# A joined form of two words must be at least this common to beat the compound:
# ``overall`` (4.9) and ``raspberry`` (3.5) join; ``followup`` (2.9) does not.
COMPOUND_JOIN_ZIPF = 3.0


def _is_word(part: str, *, left: bool) -> bool:
    if left and part in _PREFIXES:
        return True
    if not left and part in _SUFFIXES:
        return False
    return len(part) > 1 and zipf(part) >= WORD_ZIPF


def _evidence(left: str, right: str, vocab: Counter) -> str | None:
    """'join' or 'keep' (the hyphen) for two lower-case word parts, from the
    document's vocabulary and then the lexicon; None if there is none."""
    joined, compound = left + right, f"{left}-{right}"
    if vocab[joined] != vocab[compound]:
        return "join" if vocab[joined] > vocab[compound] else "keep"
    lw, rw = _is_word(left, left=True), _is_word(right, left=False)
    zj = zipf(joined)
    if lw and rw:  # both halves words: ``follow-up`` or ``over-all``?
        return "join" if zj >= COMPOUND_JOIN_ZIPF else "keep"
    if zj > 0:
        return "join"
    if not lw and not rw:  # neither half a word: a split word, not a compound
        return "join"
    return None


def decide(left: str, right: str, vocab: Counter | None = None) -> str | None:
    """What to do with ``left-`` at a line end followed by ``right``:
    'join' (drop the hyphen), 'keep' (keep it, no space) or None (leave the
    line break, as in a suspended hyphen).

    >>> decide("dif", "ferent"), decide("follow", "up"), decide("anti", "CD20")
    ('join', 'keep', 'keep')
    >>> decide("single", "and"), decide("AF", "toxin"), decide("1.3", "28.0")
    (None, 'keep', 'keep')
    """
    vocab = vocab if vocab is not None else Counter()
    if not right[:1].isalpha() or not right[0].islower():
        return "keep" if right[:1].isalnum() else None
    if right.lower() in _SUSPENSION:
        return None
    # Digits, an inner capital (AF-, CyA-, mRNA-) or one letter (β-, T-):
    # the left part is a symbol or an acronym, and those hyphens are compounds.
    if len(left) == 1 or not left.isalpha() or not left[1:].islower():
        return "keep"
    return _evidence(left.lower(), right.lower(), vocab) or "keep"


def _join_line_ends(lines: list[Line], vocab: Counter) -> list[Line]:
    # ``src[k:]`` is what is left to read; a join overwrites the entries it
    # consumed, so nothing is ever deleted from the middle of a list.
    src = list(lines)
    out: list[Line] = []
    k = 0
    while k < len(src):
        line = src[k]
        m = _LINE_END.search(line.text) if line.text.endswith(_DASHES) else None
        if not m or line.text.endswith(("--", "\u2010\u2010")):
            out.append(line)
            k += 1
            continue
        # The continuation: the next non-blank line, across at most two blank lines
        # (a page or column break the furniture cleaner left behind).
        j = k + 1
        while j < len(src) and src[j].blank and j - k <= 2:
            j += 1
        if j >= len(src) or src[j].blank:
            out.append(line)
            k += 1
            continue
        nxt = _NEXT_TOKEN.match(src[j].text)
        if not nxt:
            out.append(line)
            k += 1
            continue
        left, dash, word = m.group("left"), m.group("dash"), nxt.group("word")
        if (j > k + 1 and not word[0].islower()) or note_head(src[j].text):
            out.append(line)  # across a break only a lower-case word continues; never a note (``8Data``)
            k += 1
            continue
        if dash == "\u00ad":
            action = "join"  # a soft hyphen marks a hyphenation point by definition
        elif dash == "\u2013":
            action = "keep" if left[-1].isdigit() and word[0].isdigit() else None
        else:
            action = decide(left, word, vocab)
        if action is None:
            out.append(line)
            k += 1
            continue
        token = nxt.group()
        head = line.text[: m.end("left")] + ("" if action == "join" else dash)
        rest = src[j].text[nxt.end():].lstrip()
        joined = replace(line, text=head + token, origin=line.origin + src[j].origin)
        # Blank lines between the halves were a break inside the paragraph: drop them.
        if rest:
            src[j] = src[j].with_text(rest)
            k = j - 1
        else:
            k = j
        src[k] = joined
        # The completed line may end in a new split word (``a-`` / ``b-`` / ``c``).
    return out


def _join_in_line(text: str, vocab: Counter) -> str:
    def fix(m: regex.Match) -> str:
        left, right = m.group("left").lower(), m.group("right").lower()
        joined = left + right
        # Only with clear evidence: the document writes the joined word more
        # often than the hyphenated one, or the lexicon knows the joined word
        # and neither half is a word or a prefix (so it cannot be a compound).
        if vocab[joined] > vocab[f"{left}-{right}"]:
            return m.group("left") + m.group("right")
        if (zipf(joined) > 0 and not _is_word(left, left=True)
                and not _is_word(right, left=False) and left not in _PREFIXES):
            return m.group("left") + m.group("right")
        return m.group()

    return _IN_LINE.sub(fix, text) if "-" in text else text


def _line_with_text(line: Line, text: str) -> Line:
    return line if text == line.text else line.with_text(text)


_WORD = regex.compile(r"(?<![\p{L}\p{M}-])\p{L}[\p{L}\p{M}]+(?![\p{L}\p{M}-])")


def _restore_lost_hyphens(lines: list[Line], vocab: Counter) -> list[Line]:
    """``Bcell`` where the document writes ``B-cell`` more often: an
    extractor lost the hyphen. Only for words the lexicon does not know."""
    lost = {c.replace("-", ""): c for c in vocab if c.count("-") == 1}
    lost = {k: c for k, c in lost.items() if vocab[c] > vocab[k] and not zipf(k)}
    if not lost:
        return lines

    # The words that get a hyphen back, found in one pass over the whole text
    # (no word crosses a line end): only the lines holding one are rewritten.
    # Cheaper still, a word can only be there if its lower case is in the lower-cased
    # text (a capital sigma lowers by context, so not with one).
    text = "\n".join(ln.text for ln in lines)
    lowered = text.lower()
    if "\u03a3" not in text and not any(k in lowered for k in lost):
        return lines
    hits = {w for w in set(_WORD.findall(text)) if w.lower() in lost}
    if not hits:
        return lines

    def fix(m: regex.Match) -> str:
        word = m.group()
        compound = lost.get(word.lower())
        if compound is None:
            return word
        k = compound.index("-")
        return word[:k] + "-" + word[k:]

    return [ln.with_text(_WORD.sub(fix, ln.text)) if any(w in ln.text for w in hits) else ln
            for ln in lines]


def join_hyphenated_words(doc: Document, config) -> Document:
    """Rejoin words split at a line end, keep real compounds, and remove
    hyphens left inside words.

    >>> from reflow.model import doc_of, texts
    >>> texts(join_hyphenated_words(doc_of("a dif-\\nferent long-\\nterm and thrombocy-topenic"), None))
    ['a different', 'long-term', 'and thrombocytopenic']
    >>> texts(join_hyphenated_words(doc_of("the Q-factor rose\\nas the Q-factor and Qfactor fell"), None))
    ['the Q-factor rose', 'as the Q-factor and Q-factor fell']

    Runs after strip_page_furniture, so a running header never sits between
    the two halves, and before build_paragraphs, which then sees whole words.
    """
    if not any("-" in ln.text or "\u2013" in ln.text or "\u00ad" in ln.text for ln in doc.lines):
        return doc
    vocab = vocabulary(ln.text for ln in doc.lines)
    lines = _join_line_ends(list(doc.lines), vocab)
    lines = [_line_with_text(ln, _join_in_line(ln.text, vocab)) if "-" in ln.text else ln for ln in lines]
    lines = _restore_lost_hyphens(lines, vocab)
    new = tuple(lines)
    return doc if new == doc.lines else replace(doc, lines=new)
