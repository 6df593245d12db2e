import dataclasses

import pytest

import reflow
from reflow.model import Document
from reflow.pipeline import NAMES, PIPELINE, Config, run, select
from reflow.read import read_text

GARBLED = "The ﬁrst recog-\nnition was made.\n\nA second paragraph\nfollows here."


def test_pipeline_names_are_unique_and_cleaners_documented():
    assert len(set(NAMES)) == len(NAMES)
    for name, fn in PIPELINE:
        assert fn.__doc__ and ">>>" in fn.__doc__, f"{name} lacks a before/after example"


def test_trace_labels_are_pipeline_names_and_carry_input_lines():
    steps = reflow.explain(GARBLED)
    assert steps and {s.cleaner for s in steps} <= set(NAMES)
    hyph = [s for s in steps if s.cleaner == "join_hyphenated_words"]
    assert hyph and hyph[0].lines == (1, 2) and "recognition" in hyph[0].after
    enc = [s for s in steps if s.cleaner == "fix_encoding"]
    assert enc[0].before.startswith("The ﬁrst") and enc[0].after.startswith("The first")
    assert "join_hyphenated_words" in str(hyph[0]) and "l1-2" in str(hyph[0])


def test_rerun_over_clean_output_gives_empty_line_stage_trace():
    once = reflow.repair(GARBLED)
    steps = reflow.explain(once)
    assert [s for s in steps if s.cleaner != "build_paragraphs"] == []
    assert reflow.repair(once) == once


def test_skip_and_only():
    assert "ﬁrst" in reflow.repair(GARBLED, skip=["fix_encoding"])
    out = reflow.repair(GARBLED, only=["fix_encoding"])
    assert "first" in out and "recog-" in out


def test_unknown_cleaner_name_is_an_error():
    with pytest.raises(ValueError, match="unknown cleaner"):
        select(skip=["no_such_cleaner"])


def test_config_skip_switches_a_cleaner_off():
    doc = run(read_text(GARBLED), Config(skip=frozenset({"join_hyphenated_words"}))).document
    assert "recog-" in doc.text


def test_a_cleaner_of_ones_own_can_be_added():
    def shout(doc, config):
        """Upper-cases paragraphs. >>> 1"""
        return dataclasses.replace(doc, blocks=tuple(dataclasses.replace(b, text=b.text.upper()) for b in doc.blocks))

    md = reflow.repair(GARBLED, pipeline=(*PIPELINE, ("shout", shout)))
    assert "THE FIRST RECOGNITION WAS MADE." in md
    trace = reflow.explain(GARBLED, pipeline=(*PIPELINE, ("shout", shout)))
    assert any(s.cleaner == "shout" for s in trace)


def test_a_cleaner_that_returns_garbage_is_reported():
    with pytest.raises(TypeError, match="bad"):
        reflow.repair("x", pipeline=(("bad", lambda d, c: None),))


def test_document_model_keeps_source_lines():
    doc = reflow.document(GARBLED)
    assert isinstance(doc, Document)
    assert [b.origin for b in doc.blocks] == [(1, 2), (4, 5)]


def test_empty_and_blank_input():
    assert reflow.repair("") == ""
    assert reflow.repair("\n\n   \n") == ""


def test_a_block_joined_elsewhere_is_traced_as_moved_not_removed():
    from reflow import explain
    from reflow.ledger import removed

    text = ("The samples were weighed again after a week in the drying room and then sent\n"
            "on to the staff of the regional laboratory, where each of them was\n\n"
            "Table 3. Weights of the samples.\n\n"
            "weighed twice on the same balance before the results were written down.\n")
    trace = explain(text)
    moved = [s for s in trace if s.moved]
    assert any(s.cleaner == "rejoin_interrupted_paragraphs" and s.lines == (6,) for s in moved)
    assert "(moved)" in str(moved[0]) and "moved into the block of l1-6" in str(moved[0])
    assert not [s for s in removed(trace) if s.cleaner == "rejoin_interrupted_paragraphs"]


def test_cycle_collection_is_paused_during_a_run_and_restored_after():
    import gc

    seen = []

    def probe(doc, config):
        seen.append(gc.isenabled())
        return doc

    assert gc.isenabled()
    reflow.run("text", pipeline=[("probe", probe)])
    assert seen == [False] and gc.isenabled()

    def broken(doc, config):
        raise RuntimeError("cleaner failed")

    with pytest.raises(RuntimeError):
        reflow.run("text", pipeline=[("broken", broken)])
    assert gc.isenabled()  # restored on an error too

    gc.disable()
    try:
        reflow.run("text", pipeline=[("probe", probe)])
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()
