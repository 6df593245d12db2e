"""How often do the character repairs change correct text?

Runs the character-level cleaners (``fix_encoding``, ``restore_symbols``,
``repair_ocr_confusions``, ``split_glued_labels``) over a large body of text
that is already correct and reports the share of words they changed, with
every change listed. The promise: fewer than 1 word in 10,000.

The corpus, all offline:

* every ``expected.md`` of the project's fixtures (repaired, hence correct);
* ``tests/data/clean_prose.txt``: hand-written clean text full of near misses
  (``stage II``, ``HI titres``, ``Al2O3``, ``a globulin``, ``JavaScript``);
* generated clean scientific prose (fixed seed, so the same every run);
* the Python documentation shipped with the interpreter (``pydoc_data``) and
  the package descriptions of the installed distributions (but ftfy's, which
  quotes mojibake on purpose to show it being fixed);
* when present, the bench's ``gold.md`` files (../shared/bench).

Usage::

    python benchmarks/false_corrections.py [--list]
"""
from __future__ import annotations

import random
import sys
from difflib import SequenceMatcher
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1e-4  # fewer than 1 changed word in 10,000

CLEANERS = ("fix_encoding", "restore_symbols", "repair_ocr_confusions", "split_glued_labels")


# ------------------------------------------------------------------ corpus

_SUBJECTS = ["Patients", "Children", "Adults", "Volunteers", "Participants", "Recipients",
             "Mice", "Donors", "Smokers", "Athletes"]
_VERBS = ["received", "were given", "tolerated", "discontinued", "completed"]
_DRUGS = ["rituximab", "cisplatin", "metformin", "warfarin", "tacrolimus", "imatinib",
          "prednisolone", "azacitidine", "ibuprofen", "ondansetron"]
_UNITS = ["mg/day", "mg/kg", "mg/m²", "µg/kg", "mL/h", "g/L", "mmol/L", "IU/mL"]
_STAGES = ["stage I", "stage II", "stage III", "stage IV", "grade 2", "grade 3", "phase II",
           "class III", "type 1", "type 2", "stage IIIB", "grade I"]
_COUNTS = ["× 10⁹/L", "×10⁹/L", "× 10¹²/L", "x 10⁹/L", "× 10⁶/kg", "/µL"]
_LINKS = ["however", "moreover", "in addition", "by contrast", "as expected", "notably"]
_NOUNS = ["response", "toxicity", "survival", "relapse", "remission", "engraftment",
          "adherence", "recovery", "infection", "fatigue"]


def generated_prose(sentences: int = 4000, seed: int = 5) -> str:
    """Clean scientific prose from templates, the same for a given seed."""
    rnd = random.Random(seed)
    out = []
    for i in range(sentences):
        kind = i % 8
        n = rnd.randint(2, 400)
        m = rnd.randint(1, n)
        if kind == 0:
            out.append(f"{rnd.choice(_SUBJECTS)} {rnd.choice(_VERBS)} {rnd.choice(_DRUGS)} at "
                       f"{rnd.choice([1, 2, 5, 10, 25, 40, 100, 200, 400])} {rnd.choice(_UNITS)} "
                       f"for {rnd.randint(2, 52)} weeks.")
        elif kind == 1:
            out.append(f"Of {n} patients ({m}M/{n - m}F), {m} had {rnd.choice(_STAGES)} disease "
                       f"and {n - m} were in {rnd.choice(_STAGES)}.")
        elif kind == 2:
            out.append(f"The median platelet count was {rnd.randint(5, 450)} {rnd.choice(_COUNTS)} "
                       f"(range {rnd.randint(1, 20)}–{rnd.randint(300, 900)}).")
        elif kind == 3:
            out.append(f"{rnd.choice(_LINKS).capitalize()}, {rnd.choice(_NOUNS)} was "
                       f"{rnd.choice(['higher', 'lower', 'similar'])} in the {rnd.choice(_DRUGS)} arm "
                       f"(P = 0.{rnd.randint(1, 999):03d}; χ² = {rnd.randint(1, 40)}.{rnd.randint(0, 9)}).")
        elif kind == 4:
            out.append(f"Serum β2-microglobulin was {rnd.randint(1, 12)}.{rnd.randint(0, 99)} mg/L and "
                       f"κ/λ ratio {rnd.randint(1, 90)}; body surface area {rnd.randint(1, 2)}."
                       f"{rnd.randint(10, 99)} m².")
        elif kind == 5:
            out.append(f"© {rnd.randint(1990, 2024)} The Authors. Supported by grant "
                       f"AI{rnd.randint(10000, 999999):06d} and by the {rnd.choice(['HI', 'UK', 'EU'])} "
                       f"programme; {n} of {n + m} samples were evaluable.")
        elif kind == 6:
            out.append(f"Table {rnd.randint(1, 9)}. {rnd.choice(_NOUNS).capitalize()} by "
                       f"{rnd.choice(['age', 'sex', 'dose', 'arm'])}; † after {rnd.randint(2, 30)} "
                       f"cycles, ‡ dose reduced, § at {rnd.randint(2, 90)} years.")
        else:
            out.append(f"A dose of {rnd.randint(1, 9)}00 mg was {rnd.choice(['safe', 'well tolerated'])} "
                       f"in {n} of {n + m} subjects aged {rnd.randint(18, 90)} years, "
                       f"with {rnd.randint(1, 9)} × 10{rnd.choice('²³⁴')} copies as the limit.")
    paragraphs = [" ".join(out[i:i + 6]) for i in range(0, len(out), 6)]
    return "\n\n".join(paragraphs) + "\n"


def corpus(include_external: bool = True) -> list[tuple[str, str]]:
    """(name, text) pairs of correct text."""
    texts = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
             for p in sorted(ROOT.glob("fixtures/*/*/expected.md"))
             if p.parent.parent.name != "known-failures"]
    prose = ROOT / "tests" / "data" / "clean_prose.txt"
    if prose.exists():
        texts.append(("tests/data/clean_prose.txt", prose.read_text(encoding="utf-8")))
    texts.append(("generated prose (seed 5)", generated_prose()))
    if not include_external:
        return texts
    try:
        from pydoc_data.topics import topics
        texts.append(("pydoc_data.topics", "\n\n".join(topics[k] for k in sorted(topics))))
    except ImportError:  # pragma: no cover - stripped interpreters
        pass
    descriptions = []
    for dist in sorted(metadata.distributions(), key=lambda d: d.metadata["Name"] or ""):
        if (dist.metadata["Name"] or "").lower() == "ftfy":
            continue  # its description quotes mojibake on purpose, to show ftfy fixing it
        body = dist.metadata.get_payload() or dist.metadata.get("Description") or ""
        if body:
            descriptions.append(body)
    texts.append(("installed package descriptions", "\n\n".join(descriptions)))
    for p in sorted((ROOT.parent / "shared" / "bench").glob("*/*/gold.md")):
        texts.append((f"bench {p.parent.name}/gold.md", p.read_text(encoding="utf-8")))
    return texts


# ------------------------------------------------------------- measurement


def changes(text: str, cleaners=CLEANERS) -> tuple[int, list[tuple[str, str, str]]]:
    """Words in ``text``, and (cleaner, before, after) for every changed stretch."""
    from reflow.model import doc_of
    from reflow.pipeline import PIPELINE

    steps = dict(PIPELINE)
    doc = doc_of(text)
    words = sum(len(ln.text.split()) for ln in doc.lines)
    found = []
    for name in cleaners:
        new = steps[name](doc, None)
        for old_line, new_line in zip(doc.lines, new.lines):
            if old_line.text == new_line.text:
                continue
            a, b = old_line.text.split(), new_line.text.split()
            for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if op != "equal":
                    found.append((name, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
        doc = new
    return words, found


def changed_words(found) -> int:
    return sum(max(len(before.split()), len(after.split()), 1) for _, before, after in found)


def main(argv: list[str]) -> int:
    show = "--list" in argv
    total_words = total_changed = 0
    for name, text in corpus():
        words, found = changes(text)
        n = changed_words(found)
        total_words += words
        total_changed += n
        if n or show:
            print(f"{name}: {n} of {words} words changed")
        for cleaner, before, after in found:
            print(f"    {cleaner:<22} {before!r} -> {after!r}")
    rate = total_changed / max(1, total_words)
    verdict = "under" if rate < TARGET else "OVER"
    print(f"\n{total_changed} of {total_words} words changed = {rate * 10000:.2f} per 10,000 "
          f"({verdict} the target of 1 per 10,000)")
    return 0 if rate < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
