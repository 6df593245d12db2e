import pytest

from reflow.cleaners.encoding import fix_encoding, repair_line
from reflow.model import doc_of
from reflow.pipeline import Config

CORRECT = ["“curly” ‘quotes’", "Santé, Michèle, São Paulo", "β2, κ, γ-globulins, χ2",
           "±3, 2 × 10⁹/L, ≤5, ≥ 7", "m², CD3⁺, 10⁻⁵", "— en – dash", "café &amp; bar",
           "ＡＢＣ fullwidth", "plain ASCII line", "the 5′-UTR, A′ and f′(x)", "3′ end",
           "façade, Ça va"]


@pytest.mark.parametrize("text", CORRECT)
def test_fix_encoding_leaves_correct_text_alone(text):
    assert repair_line(text) == text


@pytest.mark.parametrize("before,after", [
    ("signiﬁcant ﬂow", "significant flow"),
    ("SantÃ© Tura", "Santé Tura"),
    ("Â© 2007", "© 2007"),
    ("tab\there\x07bell", "tab\therebell"),
    ("Baudiˇs and ˇSediv`y", "Baudiš and Šedivỳ"),
    ("Socie′te′ Ge′ne′rale", "Société Générale"),
    ("Franc¸ois and Franc¸aise", "François and Française"),
])
def test_fix_encoding_repairs(before, after):
    assert repair_line(before) == after


def test_fix_encoding_returns_same_document_when_nothing_changes():
    doc = doc_of("all clean\ntext")
    assert fix_encoding(doc, Config()) is doc


def test_fix_encoding_keeps_line_provenance():
    doc = fix_encoding(doc_of("ok\nﬁne"), Config())
    assert [(ln.text, ln.origin) for ln in doc.lines] == [("ok", (1,)), ("fine", (2,))]
