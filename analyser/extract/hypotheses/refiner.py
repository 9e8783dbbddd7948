"""A learned correction of the rule-read effect phrases.

A linear-chain CRF labels each token of a sentence as cause (C), effect (E) or neither (O),
from the token's words, its place in the parse, and the phrases the rules read (so it
learns where annotators draw phrase edges differently from the rules); its effect run
replaces the rules' effect. It is trained by ``analyser.extract.train_hypothesis_spans`` on
the development half of the HypothesisReader sentences (MIT, © 2021 CausalityExtraction
authors); the trained model ships in ``data/``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from sklearn_crfsuite import CRF
from spacy.tokens import Span, Token

from analyser.extract.hypotheses.phrases import clean_phrase
from analyser.extract.hypotheses.structure import Relation

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "hypothesis_spans.crfsuite"
LABELS = ("C", "E", "O")
_WINDOW = (-2, -1, 1, 2)


def _rule_label(token: Token, relation: Relation) -> str:
    if token.i in relation.cause_ids:
        return "C"
    return "E" if token.i in relation.effect_ids else "O"


def _branch(token: Token, root: Token) -> str:
    """The dependency label of the root's child that ``token`` hangs under."""
    while token.head != root and token.head != token:
        token = token.head
    return "ROOT" if token == root else token.dep_


def _depth(token: Token, root: Token) -> int:
    depth = 0
    while token != root and token.head != token and depth < 6:
        token, depth = token.head, depth + 1
    return depth


def token_features(sentence: Span, relation: Relation) -> list[dict[str, str | bool | int]]:
    """One feature dict per token of ``sentence``, given the rules' reading ``relation``."""
    tokens = list(sentence)
    root = sentence.root
    rules = [_rule_label(t, relation) for t in tokens]
    found: list[dict[str, str | bool | int]] = []
    for position, token in enumerate(tokens):
        features: dict[str, str | bool | int] = {
            "bias": True,
            "lower": token.lower_,
            "lemma": token.lemma_.lower(),
            "pos": token.pos_,
            "tag": token.tag_,
            "dep": token.dep_,
            "head_dep": token.head.dep_,
            "head_pos": token.head.pos_,
            "rule": rules[position],
            "rule_start": position == 0 or rules[position - 1] != rules[position],
            "side": "L" if token.i < root.i else "R" if token.i > root.i else "V",
            "branch": _branch(token, root),
            "depth": _depth(token, root),
            "suffix": token.lower_[-3:],
            "stop": token.is_stop,
            "punct": token.is_punct,
        }
        for offset in _WINDOW:
            other = position + offset
            if 0 <= other < len(tokens):
                features[f"{offset}:lower"] = tokens[other].lower_
                features[f"{offset}:pos"] = tokens[other].pos_
                features[f"{offset}:dep"] = tokens[other].dep_
                features[f"{offset}:rule"] = rules[other]
            else:
                features[f"{offset}:edge"] = True
        found.append(features)
    return found


@lru_cache(maxsize=2)
def load_tagger(path: Path = MODEL_PATH) -> CRF | None:
    """The shipped span tagger (None when the model file is absent)."""
    if not path.exists():
        return None
    return CRF(model_filename=str(path))


def _anchored_run(
    tokens: list[Token], labels: list[str], label: str, anchor: tuple[int, ...]
) -> list[Token]:
    """The run of ``label`` that overlaps the rules' phrase most (empty when none does)."""
    runs = _runs(tokens, labels, label)
    overlaps = [(len({t.i for t in run} & set(anchor)), run) for run in runs]
    best = max(overlaps, key=lambda pair: pair[0], default=(0, []))
    return best[1] if best[0] else []


def _runs(tokens: list[Token], labels: list[str], label: str) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token, tag in zip(tokens, labels, strict=True):
        if tag == label:
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _inside(ids: tuple[int, ...], sentence: Span) -> bool:
    return bool(ids) and all(sentence.start <= i < sentence.end for i in ids)


def refine(sentence: Span, relation: Relation, tagger: CRF | None) -> Relation:
    """``relation`` with the tagger's effect phrase where it finds one.

    The cause keeps the rules' reading: measured on papers it was not trained on, the
    tagger's causes are no better than the rules'. Phrases the rules took from outside the
    sentence (an antecedent of "this") are kept.
    """
    if tagger is None or not (
        _inside(relation.cause_ids, sentence) and _inside(relation.effect_ids, sentence)
    ):
        return relation
    labels = tagger.predict_single(token_features(sentence, relation))
    effect = clean_phrase(_anchored_run(list(sentence), labels, "E", relation.effect_ids))
    if effect.text:
        relation = replace(relation, effect=effect.text, effect_ids=effect.ids)
    return relation
