"""reflow: repair the broken plain text that PDF extractors, OCR engines and
scrapers leave behind, and write clean Markdown.

>>> print(repair("The recog-\\nnition rate was\\nhigh."), end="")
The recognition rate was high.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from .model import Block, Document, Line
from .pipeline import NAMES, PIPELINE, Cleaner, Config, Result, Step, select
from .pipeline import cycle_collection_paused
from .pipeline import run as _run
from .read import read_text
from .render import FORMATS, render_json, render_markdown, render_text

__version__ = "0.1.0"
__all__ = [
    "repair", "document", "explain", "run", "Config", "Document", "Line", "Block",
    "Step", "Result", "PIPELINE", "NAMES", "select", "read_text", "render_markdown",
    "render_json", "render_text", "__version__",
]


def run(text: str, *, config: Config | None = None, only: Iterable[str] = (),
        skip: Iterable[str] = (), pipeline: Sequence[tuple[str, Cleaner]] = PIPELINE,
        explain: bool = False, notes: tuple[str, ...] = ()) -> Result:
    """Run the pipeline over ``text``; the Result holds the Document and, with
    ``explain``, the trace. ``pipeline`` may be any list of ``(name, cleaner)``
    pairs, e.g. ``PIPELINE`` with a cleaner of your own added."""
    cleaners = select(only, skip, pipeline)
    with cycle_collection_paused():  # reading builds a Line per input line: no cycles either
        return _run(read_text(text, notes), config, explain=explain, pipeline=cleaners)


def document(text: str, **kwargs) -> Document:
    """The repaired document model: lines, then blocks with kinds and sources."""
    return run(text, **kwargs).document


def repair(text: str, **kwargs) -> str:
    """Repair ``text`` and return Markdown."""
    return render_markdown(document(text, **kwargs))


def explain(text: str, **kwargs) -> list[Step]:
    """What each cleaner changed, with input line numbers."""
    return run(text, explain=True, **kwargs).trace
