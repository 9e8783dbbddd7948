"""The faster pipeline components give what spaCy's own components give."""

from __future__ import annotations

from pathlib import Path

import spacy

from analyser import token_shapes
from analyser.nlp import default_model_name, load_pipeline
from analyser.pipes import speed_up

ODD_TEXT = (
    "I ain't gonna do it, y'all.  It's gon na work.\n\nShe 's here; we wanna go doin' "
    "somethin' with 'em. Did you do it? It was done by me and you, and I did."
)


def _token_attributes(docs: list) -> list[tuple[str, ...]]:
    """Tag, POS, morphology, lemma and dependency of every token."""
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for doc in docs for t in doc]


def _paragraphs(corpus_dir: Path) -> list[str]:
    """The blank-line paragraphs of the sample texts, as the extractors parse them."""
    return [
        block
        for path in sorted(corpus_dir.glob("*"))
        for block in path.read_text(encoding="utf-8").split("\n\n")
        if block.strip()
    ]


def test_lookup_rules_and_lemmas_match_spacys_own_components(corpus_dir: Path) -> None:
    texts = [*_paragraphs(corpus_dir), ODD_TEXT, " \t\n "]
    spacys = spacy.load(default_model_name(), exclude=["ner"])
    ours = load_pipeline()
    assert "attribute_ruler" not in ours.pipe_names and "lemmatizer" not in ours.pipe_names
    with ours.select_pipes(disable=["analyser_proper_noun_ner"]):
        assert _token_attributes(list(ours.pipe(texts))) == _token_attributes(
            list(spacys.pipe(texts))
        )


def test_entities_are_found_around_proper_nouns() -> None:
    doc = load_pipeline()("Robert Jervis wrote in 1978 about the dilemma. It was severe in 1978.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Robert Jervis", "PERSON"), ("1978", "DATE")]
    assert all(token.ent_iob_ in {"B", "I", "O"} for token in doc)  # every token annotated


def test_entities_agree_with_the_full_recogniser_on_the_samples(corpus_dir: Path) -> None:
    texts = _paragraphs(corpus_dir)
    full = spacy.load(default_model_name())
    people = {
        (e.start_char, e.text) for d in full.pipe(texts) for e in d.ents if e.label_ == "PERSON"
    }
    ours = {
        (e.start_char, e.text) for d in load_pipeline().pipe(texts) for e in d.ents
        if e.label_ == "PERSON"
    }  # fmt: skip
    assert len(people & ours) >= 0.9 * len(people)  # the rest: "Asymmetric", "Palgrave Macmillan"


def test_unsupported_rules_keep_spacys_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"LEMMA": "three"})
    speed_up(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    assert [t.lemma_ for t in nlp("the cat")] == ["three", "three"]


def test_stand_ins_give_the_same_after_forgetting_shapes(monkeypatch) -> None:
    texts = [ODD_TEXT, "The wolves were running while states balanced.", ODD_TEXT]
    expected = _token_attributes(list(load_pipeline().pipe(texts)))
    monkeypatch.setattr(token_shapes, "MAX_REMEMBERED_SHAPES", 3)
    fresh = speed_up(spacy.load(default_model_name()))
    assert _token_attributes(list(fresh.pipe(texts))) == expected
    remembered = fresh.get_pipe("analyser_lemmas").shapes.ids
    before = len(remembered)
    fresh("x y z " * 5)  # starts afresh: only this text's few shapes are remembered
    assert len(remembered) < min(before, 15)
