"""reflow on a Dask LocalCluster of two worker processes gives exactly the
single-process results. Skipped when the ``dask`` extra is not installed."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

import reflow
from reflow.dask import repair_bag, repair_dataframe, repair_partition, repair_text

from conftest import fixture_cases, read_input

ROOT = Path(__file__).resolve().parent.parent


def documents() -> list[str]:
    texts = [read_input(case) for case in fixture_cases()]
    # and a few that exercise the edges: empty, blank, one word, a missing value
    return texts + ["", "\n\n", "word"]


def test_repair_text_is_pure_and_picklable():
    text = "The recog-\nnition rate was\nhigh."
    assert pickle.loads(pickle.dumps(repair_text)) is repair_text
    assert repair_text(text) == repair_text(text) == reflow.repair(text)
    assert repair_text(text, format="json").startswith("{")
    assert repair_partition([text, None]) == [reflow.repair(text), None]


@pytest.fixture(scope="module")
def client():
    pytest.importorskip("dask.bag", reason="dask is not installed: pip install 'reflow[dask]'")
    distributed = pytest.importorskip("distributed",
                                      reason="dask.distributed is not installed: pip install 'reflow[dask]'")
    # Worker processes are spawned: they must import this checkout of reflow.
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), old]))
    try:
        cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                           dashboard_address=None)
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    with cluster, distributed.Client(cluster) as c:
        yield c


def test_bag_on_two_worker_processes_equals_single_process(client):
    import dask.bag as db

    texts = documents()
    expected = [reflow.repair(t) for t in texts]
    bag = db.from_sequence(texts, npartitions=6)
    got = repair_bag(bag).compute()
    assert got == expected
    # the work really ran in both worker processes
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids


def test_bag_with_options(client):
    import dask.bag as db

    texts = documents()[:8]
    skip = (reflow.NAMES[-1],)
    expected = [reflow.render_text(reflow.document(t, skip=skip)) for t in texts]
    got = repair_bag(db.from_sequence(texts, npartitions=3), format="text", skip=skip).compute()
    assert got == expected


def test_dataframe_on_two_worker_processes(client):
    pd = pytest.importorskip("pandas", reason="dask dataframes need pandas: pip install 'dask[dataframe]'")
    dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] is not installed")

    texts = documents()
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts})
    frame.loc[3, "text"] = None  # a missing document stays missing
    df = dd.from_pandas(frame, npartitions=4)
    out = repair_dataframe(df, column="text", output="markdown").compute()
    assert list(out["id"]) == list(range(len(texts)))
    assert list(out["text"].iloc[:3]) == texts[:3]  # the input column is kept
    expected = [reflow.repair(t) for t in texts]
    got = list(out["markdown"])
    assert pd.isna(got[3])
    assert got[:3] + got[4:] == expected[:3] + expected[4:]
