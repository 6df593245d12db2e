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

from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from itertools import accumulate

import re
import regex

from ..lexicon import COMPOUND, vocabulary, zipf
from ..model import Document, Line, lines_matching, map_texts_at
from .paragraphs import note_head

# A line that ends in a word split by a hyphen (or a soft hyphen) or an en dash.
_LINE_END = regex.compile(r"(?P<left>[\p{L}\p{M}\p{N}]+)(?P<dash>[-\u2010\u00ad\u2013])$")
_DASHES = ("-", "\u2010", "\u00ad", "\u2013")  # a cheap test before _LINE_END
# The first token of the continuation line: its word part, then the rest of it.
_NEXT_TOKEN = regex.compile(r"(?P<word>[\p{L}\p{M}\p{N}]+)(?P<tail>\S*)")
# A hyphen inside a line between two lower-case word parts (``thrombocy-topenic``).
_IN_LINE = regex.compile(r"(?<![\p{L}\p{M}\p{N}-])(?P<left>\p{L}\p{Ll}+)-(?P<right>\p{Ll}{2,})(?![\p{L}\p{M}\p{N}-])")

# A hyphen between two parts of a word, as every compound of ``vocabulary`` holds
# (found fast, as the pattern starts at it).
_HYPHEN_IN_WORD = regex.compile(r"-(?<=[\p{L}\p{M}'’]-)(?=\p{L})")

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


# Past this many words looked up, counting every word of a text costs less than
# finding each word in it (a pass over the text each).
MAX_LOOKUPS = 100


class Vocabulary:
    """``vocabulary(texts)[word]`` for the words asked for, counted in the few
    space-separated tokens that can hold one: those where the lower-cased text
    holds the word. No match holds a space or a line end, and while no letter
    lowers to more than one (nor a capital sigma, which lowers by context), a
    match's lower case is the lower-cased text at the same place; else, or when
    many words will be looked up (``expected``), every word is counted at once.
    A word with a hyphen is counted whole only, so in the tokens ``compounds``
    reads: all of them are counted at once, the first time one is asked for.

    The lazy stand-in for ``lexicon.vocabulary`` wherever a cleaner asks about
    a few words only (interruptions, interleaving, drop caps use it too)."""

    def __init__(self, texts: list[str], text: str, expected: int):
        self._texts = texts
        self._text = text  # the texts joined with line ends
        self._low = text.lower()
        self._full: Counter | None = None
        if expected > MAX_LOOKUPS or len(self._low) != len(text) or "\u03a3" in text:
            self._full = vocabulary(texts)
        self._counts: dict[str, int] = {}
        self._hyphenated: Counter | None = None

    @classmethod
    def of(cls, texts: list[str]) -> Vocabulary:
        """The vocabulary of ``texts`` (blocks' or lines' texts), for a few look-ups."""
        return cls(texts, "\n".join(texts), expected=0)

    def lower(self, text: str) -> str:
        """``text.lower()``, made once for the text the vocabulary counts."""
        return self._low if text == self._text else text.lower()

    def compounds(self) -> list[str]:
        """The words with one hyphen, in ``vocabulary``'s order (of first
        appearance)."""
        words = self._full if self._full is not None else self._hyphenated_words()
        return [w for w in words if w.count("-") == 1]

    def _hyphenated_words(self) -> Counter:
        """``vocabulary`` of the words with a hyphen: only a token with a hyphen
        inside a word holds one, and the words of a token are the same alone."""
        if self._hyphenated is None:
            tokens, end = [], 0
            for m in _HYPHEN_IN_WORD.finditer(self._text):
                if m.start() >= end:  # not in the token before
                    start, end = _token(self._text, m.start())
                    tokens.append(self._text[start:end])
            self._hyphenated = Counter(w.lower() for w in COMPOUND.findall("\n".join(tokens)) if "-" in w)
        return self._hyphenated

    def __getitem__(self, word: str) -> int:
        if word not in self._counts:
            self._counts[word] = self._count(word)
        return self._counts[word]

    def _count(self, word: str) -> int:
        if self._full is None and len(self._counts) >= MAX_LOOKUPS:
            self._full = vocabulary(self._texts)
        if self._full is not None:
            return self._full[word]
        if "-" in word:
            return self._hyphenated_words()[word]
        spans = list(_tokens_holding(self._low, word))
        return vocabulary(self._text[a:b] for a, b in spans)[word] if spans else 0


def _token(text: str, i: int) -> tuple[int, int]:
    """The span of the token (separated by spaces and line ends) around ``text[i]``."""
    start = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i)) + 1
    return start, _TOKEN_REST.match(text, i).end()


_TOKEN_REST = re.compile(r"[^ \n]*")  # up to a space or a line end


def _tokens_holding(text: str, word: str):
    """The spans of the tokens of ``text`` that hold ``word`` (which holds
    neither a space nor a line end)."""
    i = text.find(word)
    while i >= 0:
        start, end = _token(text, i)
        yield start, end
        i = text.find(word, max(end, i + 1))


def _lines_holding(text: str, ends: list[int], word: str) -> set[int]:
    """The indices of the lines of ``text`` (ending at ``ends``) that hold ``word``,
    which has no line end."""
    found, i = set(), text.find(word)
    while i >= 0:
        found.add(k := bisect_right(ends, i))
        i = text.find(word, ends[k])
    return found


def _join_line_ends(lines: list[Line], starts: list[int], vocab: Vocabulary) -> list[Line]:
    """``starts`` are the lines a join can start from (they end in a dash). A
    join rewrites only the entry it goes on from (read next) and the rest of the
    continuation, which keeps its end; so the lines between two starts are
    passed over whole."""
    # ``src[k:]`` is what is left to read; a join overwrites the entries it
    # consumed, so nothing is ever deleted from the middle of a list.
    src = list(lines)
    out: list[Line] = []
    k = 0
    while k < len(src):
        line = src[k]
        # (from the last space on: the match holds none)
        m = _LINE_END.search(line.text, line.text.rfind(" ") + 1) if line.text.endswith(_DASHES) else None
        if not m or line.text.endswith(("--", "\u2010\u2010")):
            k = _skip_to_next(src, out, k, starts)
            continue
        # The continuation: the next non-blank line, across at most two blank lines
        # (a page or column break the furniture cleaner left behind).
        j = k + 1
        while j < len(src) and src[j].blank and j - k <= 2:
            j += 1
        if j >= len(src) or src[j].blank:
            k = _skip_to_next(src, out, k, starts)
            continue
        nxt = _NEXT_TOKEN.match(src[j].text)
        if not nxt:
            k = _skip_to_next(src, out, k, starts)
            continue
        left, dash, word = m.group("left"), m.group("dash"), nxt.group("word")
        if (j > k + 1 and not word[0].islower()) or note_head(src[j].text):
            k = _skip_to_next(src, out, k, starts)  # across a break only a lower-case word continues; never a note (``8Data``)
            continue
        if dash == "\u00ad":
            action = "join"  # a soft hyphen marks a hyphenation point by definition
        elif dash == "\u2013":
            action = "keep" if left[-1].isdigit() and word[0].isdigit() else None
        else:
            action = decide(left, word, vocab)
        if action is None:
            k = _skip_to_next(src, out, k, starts)
            continue
        token = nxt.group()
        head = line.text[: m.end("left")] + ("" if action == "join" else dash)
        rest = src[j].text[nxt.end():].lstrip()
        joined = Line(head + token, line.page, line.origin + src[j].origin, line.indent)
        # Blank lines between the halves were a break inside the paragraph: drop them.
        if rest:
            src[j] = src[j].with_text(rest)
            k = j - 1
        else:
            k = j
        src[k] = joined
        # The completed line may end in a new split word (``a-`` / ``b-`` / ``c``).
    return out


def _skip_to_next(src: list[Line], out: list[Line], k: int, starts: list[int]) -> int:
    """Keep ``src[k]`` and the lines up to the next one a join can start from;
    return that line's index."""
    nxt = starts[i] if (i := bisect_right(starts, k)) < len(starts) else len(src)
    out.extend(src[k:nxt])
    return nxt


def _join_in_line(text: str, vocab: Vocabulary) -> str:
    def fix(m: regex.Match) -> str:
        left, right = m.group("left").lower(), m.group("right").lower()
        joined = left + right
        # Only with clear evidence: the document writes the joined word more
        # often than the hyphenated one, or the lexicon knows the joined word
        # and neither half is a word or a prefix (so it cannot be a compound).
        if vocab[joined] and vocab[joined] > vocab[f"{left}-{right}"]:  # (the first test is cheaper)
            return m.group("left") + m.group("right")
        if (zipf(joined) > 0 and not _is_word(left, left=True)
                and not _is_word(right, left=False) and left not in _PREFIXES):
            return m.group("left") + m.group("right")
        return m.group()

    return _IN_LINE.sub(fix, text) if "-" in text else text


# The hyphen of every ``_IN_LINE`` match: found fast, as the pattern starts at it.
_IN_LINE_HYPHEN = regex.compile(r"(?<=\p{Ll})-(?=\p{Ll})")


def _join_in_lines(lines: list[Line], text: str, vocab: Vocabulary) -> list[Line]:
    """``_join_in_line`` on the lines that can hold a match: those with a hyphen
    between lower-case letters in ``text`` (the lines joined). ``lines`` itself
    when no line changes."""
    out = lines
    for k in lines_matching(_IN_LINE_HYPHEN, text, len(lines)):
        new = _join_in_line(lines[k].text, vocab)
        if new != lines[k].text:
            out = list(lines) if out is lines else out
            out[k] = lines[k].with_text(new)
    return out


_WORD = regex.compile(r"(?<![\p{L}\p{M}-])\p{L}[\p{L}\p{M}]+(?![\p{L}\p{M}-])")


def _restore_lost_hyphens(lines: list[Line], text: str, vocab: Vocabulary) -> list[Line]:
    """``Bcell`` where the document writes ``B-cell`` more often: an
    extractor lost the hyphen. Only for words the lexicon does not know.
    ``text`` is the lines joined with line ends."""
    lost = {c.replace("-", ""): c for c in vocab.compounds()}
    # (the lexicon first: it is cached and rules out most words)
    # (``c`` is in the text: when ``k`` is not, ``c`` is the commoner one)
    lost = {k: c for k, c in lost.items() if not zipf(k) and (not vocab[k] or vocab[c] > vocab[k])}
    if not lost:
        return lines

    # The words that get a hyphen back, found in one pass over the whole text
    # (no word crosses a line end): only the lines holding one are rewritten.
    # Cheaper still, a word can only be there if its lower case is in the lower-cased
    # text (a capital sigma lowers by context, so not with one), and while no
    # letter lowers to more than one, at the same place: only the tokens there
    # (a word holds no space) are read, unless finding them all costs more.
    lowered = vocab.lower(text)
    if "\u03a3" not in text and not any(k in lowered for k in lost):
        return lines
    if "\u03a3" not in text and len(lowered) == len(text) and len(lost) <= MAX_LOOKUPS:
        words = "\n".join(text[a:b] for k in lost for a, b in _tokens_holding(lowered, k))
    else:
        words = text
    hits = {w for w in set(_WORD.findall(words)) if w.lower() in lost}
    if not hits:
        return lines

    def fix(m: regex.Match) -> str:
        word = m.group()
        compound = lost.get(word.lower())
        if compound is None:
            return word
        k = compound.index("-")
        return word[:k] + "-" + word[k:]

    ends = list(accumulate(len(ln.text) + 1 for ln in lines))
    lines = list(lines)
    for k in set().union(*(_lines_holding(text, ends, w) for w in hits)):
        lines[k] = lines[k].with_text(_WORD.sub(fix, lines[k].text))
    return lines


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
    texts = [ln.text for ln in doc.lines]
    text = "\n".join(texts)
    if "-" not in text and "\u2013" not in text and "\u00ad" not in text:
        return doc
    starts = [i for i, t in enumerate(texts) if t.endswith(_DASHES)]
    vocab = Vocabulary(texts, text, expected=2 * len(starts))  # two words for each
    lines = list(doc.lines)
    if starts:  # (else no line end to join: the lines and their text stay)
        lines = _join_line_ends(lines, starts, vocab)
        text = "\n".join([ln.text for ln in lines])
    # ``_join_in_line`` on the lines with a hyphen between lower-case letters
    joined = map_texts_at(lines, lines_matching(_IN_LINE_HYPHEN, text, len(lines)),
                          lambda t: _join_in_line(t, vocab))
    if joined is not None:
        lines, text = joined, "\n".join([ln.text for ln in joined])
    lines = _restore_lost_hyphens(lines, text, vocab)
    new = tuple(lines)
    return doc if new == doc.lines else replace(doc, lines=new)
