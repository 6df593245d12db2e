"""reflow on Dask: repair a bag or a dataframe of documents in many processes,
on one machine or a cluster (the engine corpus tools such as NeMo Curator
build on). Needs the extra: ``pip install 'reflow[dask]'``.

A bag of document texts::

    import dask.bag as db
    from dask.distributed import Client
    from reflow.dask import repair_bag

    client = Client(n_workers=4)                  # or the address of a cluster
    texts = db.from_sequence(list_of_texts, npartitions=64)
    markdown = repair_bag(texts).compute()        # same order as the texts

A dataframe with a text column (one row per document)::

    import dask.dataframe as dd
    from reflow.dask import repair_dataframe

    df = dd.read_parquet("docs/")                 # a "text" column
    df = repair_dataframe(df, column="text", output="markdown")
    df.to_parquet("repaired/")

``repair_text`` is the function that runs on the workers: pure (text in, text
out, nothing global changes but caches) and picklable (a module-level
function of plain arguments), so any scheduler can ship it. Each worker
process loads the word lexicon once, on its first document. A document's
output is exactly what ``reflow.repair`` (or ``reflow --format ...``) gives in
one process.

This module imports nothing from Dask until a helper is called, so
``import reflow.dask`` works without the extra.

>>> repair_text("The recog-\\nnition rate was\\nhigh.")
'The recognition rate was high.\\n'
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from .batch import Options, convert
from .decode import decode

__all__ = ["repair_text", "repair_bytes", "repair_partition", "repair_bag", "repair_dataframe"]


def repair_text(text: str, format: str = "markdown", only: Sequence[str] = (),
                skip: Sequence[str] = ()) -> str:
    """One document's text repaired and rendered (Markdown by default)."""
    return convert(text, Options(format, tuple(only), tuple(skip))).output


def repair_bytes(data: bytes, format: str = "markdown", only: Sequence[str] = (),
                 skip: Sequence[str] = ()) -> str:
    """Like ``repair_text`` for a file's raw bytes, decoded as the command line
    does (BOMs, UTF-16, cp1252 fallback). A binary input raises
    ``reflow.errors.BinaryInputError``.

    >>> repair_bytes(b"caf\\xe9 au lait")
    'café au lait\\n'
    """
    decoded = decode(data)
    return convert(decoded.text, Options(format, tuple(only), tuple(skip)), decoded.notes).output


def repair_partition(texts: Iterable[str | None], format: str = "markdown",
                     only: Sequence[str] = (), skip: Sequence[str] = ()) -> list[str | None]:
    """A partition's documents repaired in order; a missing text (None or
    NaN) stays missing.

    >>> repair_partition(["One line.", None])
    ['One line.\\n', None]
    """
    return [repair_text(t, format, only, skip) if isinstance(t, str) else t for t in texts]


def repair_bag(bag: Any, *, format: str = "markdown", only: Sequence[str] = (),
               skip: Sequence[str] = ()) -> Any:
    """A ``dask.bag.Bag`` of document texts -> a Bag of their repaired texts
    (lazy: call ``.compute()`` or write it out). Partitions are repaired
    whole, so the per-task overhead is paid per partition, not per document."""
    return bag.map_partitions(repair_partition, format=format, only=tuple(only), skip=tuple(skip))


def _repair_frame(frame: Any, column: str, output: str, format: str,
                  only: tuple[str, ...], skip: tuple[str, ...]) -> Any:
    import pandas as pd

    values = repair_partition(frame[column].tolist(), format, only, skip)
    frame = frame.copy()
    frame[output] = pd.Series(values, index=frame.index, dtype=frame[column].dtype)
    return frame


def repair_dataframe(df: Any, column: str = "text", output: str | None = None, *,
                     format: str = "markdown", only: Sequence[str] = (),
                     skip: Sequence[str] = ()) -> Any:
    """A ``dask.dataframe.DataFrame`` with the repaired text of ``column`` in
    the column ``output`` (default: ``column`` itself, replaced). Other
    columns (ids, urls, metadata) are kept as they are."""
    output = output or column
    meta = df._meta.assign(**{output: df._meta[column]})
    return df.map_partitions(_repair_frame, column, output, format, tuple(only), tuple(skip),
                             meta=meta)
