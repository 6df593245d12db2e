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


def vocabulary(lines: Iterable[str]) -> Counter:
    """Lower-cased word counts of a text, hyphenated compounds counted whole
    (``follow-up``) as well as their parts."""
    counts: Counter = Counter()
    for text in lines:
        for m in regex.finditer(r"\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*", text):
            word = m.group().lower()
            counts[word] += 1
            if "-" in word:
                counts.update(word.split("-"))
    return counts
