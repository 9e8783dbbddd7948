"""The hypothesis extractor's shortcuts give the answers of the full readings they skip."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analyser.extract.hypotheses.clauses import propositions
from analyser.extract.hypotheses.detection import _dated, is_boilerplate
from analyser.nlp import load_pipeline

_TEXT = (
    "Democracies rarely fight each other. You should read the appendix before you go on. "
    "In 1949 the alliance was founded by twelve states. "
    "Trade grows when tariffs fall (Smith 2001), and states that trade more fight less. "
    "Yours truly. Short one here. Since 2008, budgets have shrunk across the region. "
    "Scholars argue that alliances deter attacks, whereas rivalries provoke them."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _full_boilerplate(sentence) -> bool:
    """The token-by-token reading ``is_boilerplate`` shortcuts."""
    text = sentence.text.strip()
    if text.endswith("?") or "http" in text or "www." in text:
        return True
    if any(t.tag_ in {"PRP", "PRP$"} and t.lower_ in {"you", "your", "yours"} for t in sentence):
        return True
    return sum(t.is_alpha for t in sentence) < 5


def test_boilerplate_shortcut_agrees_with_full_reading(nlp: Language) -> None:
    sentences = list(nlp(_TEXT).sents)
    assert [is_boilerplate(s) for s in sentences] == [_full_boilerplate(s) for s in sentences]
    assert any(is_boilerplate(s) for s in sentences)
    assert not all(is_boilerplate(s) for s in sentences)


def test_dated_needs_a_year_in_the_text(nlp: Language) -> None:
    doc = nlp(_TEXT)
    dated = {s.text.split()[0]: _dated(s, []) for s in doc.sents}
    assert dated["In"] and dated["Since"]
    assert not dated["Democracies"]
    cited = next(s for s in doc.sents if "Smith" in s.text)
    citation = doc.text.index("(Smith 2001)")
    assert not _dated(cited, [(citation, citation + len("(Smith 2001)"))])


def test_proposition_sentence_is_its_heads(nlp: Language) -> None:
    doc = nlp(_TEXT)
    found = [p for sentence in doc.sents for p in propositions(sentence)]
    assert len(found) > len(list(doc.sents))
    for proposition in found:
        expected = proposition.head.sent
        assert (proposition.sentence.start, proposition.sentence.end) == (
            expected.start,
            expected.end,
        )
    whole = propositions(doc[:])  # several sentences read as one span
    assert all(p.sentence.start <= p.head.i < p.sentence.end for p in whole)
    assert all(p.sentence == p.head.sent for p in whole)
