"""Measure how well a word-frequency lexicon knows the words that line-end
hyphenation splits in real extractions.

For every ``left-`` / ``right`` split at a line end in the given inputs (the
project's fixtures and, when present, ../shared/bench/*/*/input.txt), and for
each candidate lexicon, report the share of joined forms it knows (Zipf > 0)
and the time to load it. Usage:

    python benchmarks/lexicon_coverage.py [FILES...]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
SPLIT = regex.compile(r"(\p{Ll}{2,})-\n\s*(\p{Ll}{2,})")


def splits(paths):
    for p in paths:
        text = Path(p).read_text(encoding="utf-8", errors="replace")
        for m in SPLIT.finditer(text):
            yield m.group(1) + m.group(2)


def main(argv: list[str]) -> int:
    paths = argv or [*ROOT.glob("fixtures/*/*/input.txt"), *ROOT.glob("../shared/bench/*/*/input.txt")]
    words = sorted(set(splits(paths)))
    print(f"{len(words)} distinct joined forms from line-end splits in {len(paths)} files")
    from wordfreq import zipf_frequency

    for wordlist in ("small", "large"):
        t0 = time.perf_counter()
        known = [w for w in words if zipf_frequency(w, "en", wordlist=wordlist) > 0]
        dt = time.perf_counter() - t0
        print(f"wordfreq {wordlist:<6} knows {len(known)}/{len(words)} = {100 * len(known) / max(1, len(words)):.1f}%"
              f"  (load + lookups {dt:.2f}s)")
        missing = sorted(set(words) - set(known))
        print("   unknown:", " ".join(missing[:40]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
