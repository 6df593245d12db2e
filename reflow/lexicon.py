"""Which strings are words: the document's own vocabulary first, then a
word-frequency lexicon (wordfreq, English), loaded once per process.

>>> zipf("relationship") > 4 > zipf("viously")
True
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable

import regex

WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (lower-cased) in English: 0 unknown, ~3 a
    word seen once per million words, 7 the commonest words."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en", wordlist="large")


# A word, or a hyphenated compound counted whole as well as by its parts.
COMPOUND = regex.compile(r"\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*")


def vocabulary(lines: Iterable[str]) -> Counter:
    """Lower-cased word counts of a text, hyphenated compounds counted whole
    (``follow-up``) as well as their parts.

    One pattern pass over the whole text (no word crosses a line end), then
    each distinct form is lower-cased and split once, not each occurrence.

    >>> sorted(vocabulary(["A follow-up of the", "Follow-up."]).items())
    [('a', 1), ('follow', 2), ('follow-up', 2), ('of', 1), ('the', 1), ('up', 2)]
    """
    counts: Counter = Counter()
    for word, n in Counter(COMPOUND.findall("\n".join(lines))).items():
        word = word.lower()
        counts[word] += n
        if "-" in word:
            for part in word.split("-"):
                counts[part] += n
    return counts
