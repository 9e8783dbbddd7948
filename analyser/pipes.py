"""Faster stand-ins for three components of the English pipeline.

``LookupAttributeRules`` applies the attribute ruler's rules by lookup (same rules, same
precedence, same result) instead of running every pattern over every token;
``RememberedLemmas`` asks the lemmatizer once per distinct word, part of speech and morphology
(same lemmas); ``ProperNounNer`` runs the entity recogniser only around proper nouns, the only
tokens whose entity labels the extractors read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, EntityRecognizer, Lemmatizer
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from analyser.token_shapes import ShapeTable

TokenTest = Callable[[Token], bool]
ASSIGNABLE = {TAG, POS, MORPH, LEMMA, DEP}  # what the lookup sets through Doc.from_array

# What a rule may test of a token; ``LookupAttributeRules`` remembers what the rules do per
# shape of exactly these attributes (LOWER and IS_SPACE follow from ORTH).
_TOKEN_VALUES: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda token: token.tag_,
    "LOWER": lambda token: token.lower_,
    "ORTH": lambda token: token.text,
    "DEP": lambda token: token.dep_,
    "POS": lambda token: token.pos_,
    "IS_SPACE": lambda token: token.is_space,
}


class UnsupportedRule(ValueError):
    """A rule uses a pattern feature the lookup cannot evaluate."""


def _value_test(spec: Any) -> Callable[[Any], bool]:
    """A test of one attribute value: equality, IN, NOT_IN or REGEX."""
    if not isinstance(spec, dict):
        return lambda value: value == spec
    if set(spec) == {"IN"}:
        allowed = frozenset(spec["IN"])
        return lambda value: value in allowed
    if set(spec) == {"NOT_IN"}:
        barred = frozenset(spec["NOT_IN"])
        return lambda value: value not in barred
    if set(spec) == {"REGEX"}:
        pattern = re.compile(spec["REGEX"])
        return lambda value: pattern.search(value) is not None
    raise UnsupportedRule(f"unsupported value test {spec!r}")


def _token_test(pattern: dict[str, Any]) -> TokenTest:
    """A test of one token against a one-token Matcher pattern."""
    if not set(pattern) <= set(_TOKEN_VALUES):
        raise UnsupportedRule(f"unsupported token pattern {pattern!r}")
    tests = [(_TOKEN_VALUES[key], _value_test(spec)) for key, spec in sorted(pattern.items())]
    return lambda token: all(test(value(token)) for value, test in tests)


def _take_choices(pattern: dict[str, Any], key: str) -> list[str | None]:
    """The values ``key`` may take under ``pattern`` (removed from it) when a plain value or an
    IN list; else ``[None]`` (any value, left in the pattern for the token test)."""
    spec = pattern.get(key)
    if isinstance(spec, str):
        del pattern[key]
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        del pattern[key]
        return list(spec["IN"])
    return [None]


class LookupAttributeRules:
    """The rules of a spaCy ``AttributeRuler``, looked up by each token's tag and lower case.

    What the one-token rules set is worked out once per token shape; later rules take
    precedence, as in the ruler. Rules spanning several tokens (there are few) are tried only
    where a token passes their first token's test.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.columns = sorted({attr for attrs in ruler.attrs for attr in attrs})
        if not set(self.columns) <= ASSIGNABLE:
            raise UnsupportedRule(f"unsupported attributes among {self.columns!r}")
        self.index: dict[tuple[str | None, str | None], list[tuple[int, TokenTest | None]]] = (
            defaultdict(list)
        )
        self.long_rules: list[tuple[int, list[TokenTest], int]] = []  # rule, tests, index
        for rule in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(rule))[1]:
                self._add(rule, pattern, ruler.indices[rule])
        # a row per token shape: the values set, which columns are set, starts a long rule
        width = 2 * len(self.columns) + 1
        self.shapes = ShapeTable([TAG, ORTH, POS, DEP], width, self._shape_row)

    def _add(self, rule: int, pattern: list[dict[str, Any]], index: int) -> None:
        """Index a one-token pattern by the tags and lower cases it needs; a longer one becomes
        a list of token tests."""
        if len(pattern) > 1:
            tests = [_token_test(token_pattern) for token_pattern in pattern]
            self.long_rules.append((rule, tests, index % len(pattern)))
            return
        rest = dict(pattern[0])
        tags, lowers = _take_choices(rest, "TAG"), _take_choices(rest, "LOWER")
        test = _token_test(rest) if rest else None
        for tag in tags:
            for lower in lowers:
                self.index[tag, lower].append((rule, test))

    def _one_token_rules(self, token: Token) -> list[int]:
        """The one-token rules ``token`` matches, by index look-up and the rules' own tests."""
        tag, lower, index = token.tag_, token.lower_, self.index
        candidates = (
            index.get((tag, lower), [])
            + index.get((tag, None), [])
            + index.get((None, lower), [])
            + index.get((None, None), [])
        )
        return [rule for rule, test in candidates if test is None or test(token)]

    def _effect(self, rules: list[int]) -> tuple[list[int], list[int]]:
        """The value of each column after applying ``rules`` in order (0 where none sets it),
        and whether any sets it."""
        merged: dict[int, int] = {}
        for rule in sorted(rules):
            merged.update(self.attrs[rule])
        values = [merged.get(column, 0) for column in self.columns]
        return values, [int(column in merged) for column in self.columns]

    def _shape_row(self, token: Token) -> list[int]:
        """What the one-token rules set on tokens shaped like ``token``, and whether such a
        token may start a rule spanning several tokens."""
        values, is_set = self._effect(self._one_token_rules(token))
        starts = any(tests[0](token) for _, tests, _ in self.long_rules)
        return [*values, *is_set, int(starts)]

    def _long_matches(self, doc: Doc, start: int) -> Iterator[tuple[int, int]]:
        """(rule, token it applies to) for each long rule matching ``doc`` from ``start``."""
        for rule, tests, index in self.long_rules:
            end = start + len(tests)
            if end <= len(doc) and all(test(doc[start + i]) for i, test in enumerate(tests)):
                yield rule, start + index

    def __call__(self, doc: Doc) -> Doc:
        """Set each token's attributes from the rules it matches, later rules last."""
        if not len(doc):
            return doc
        rows, width = self.shapes.rows(doc), len(self.columns)
        values = doc.to_array(self.columns).reshape(len(doc), width)
        is_set = rows[:, width : 2 * width].astype(bool)
        values[is_set] = rows[:, :width][is_set]
        longer: dict[int, list[int]] = defaultdict(list)
        for start in np.flatnonzero(rows[:, -1]).tolist():
            for rule, token in self._long_matches(doc, start):
                longer[token].append(rule)
        for token, rules in longer.items():
            merged, merged_set = self._effect(self._one_token_rules(doc[token]) + rules)
            for column, value in enumerate(merged):
                if merged_set[column]:
                    values[token, column] = value
        doc.from_array(self.columns, values)
        return doc


class ProperNounNer:
    """The entity recogniser run only around proper nouns: on stretches of a sentence reaching
    ``margin`` tokens either side of each capitalised proper noun.

    Every other token is marked outside any entity. With a margin of 8 the entities that
    include a proper noun are the same as the sentence-wide recogniser's on the sample texts.
    """

    def __init__(self, ner: EntityRecognizer, batch_size: int = 256, margin: int = 8) -> None:
        self.ner = ner
        self.batch_size = batch_size
        self.margin = margin

    def __call__(self, doc: Doc) -> Doc:
        """Recognise the entities of one document."""
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """Recognise the entities of a stream of documents, stretches batched together."""
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            stretches = [
                stretch
                for doc in batch
                for sentence in doc.sents
                for stretch in _around_proper_nouns(sentence, self.margin)
            ]
            found: dict[int, list[Span]] = defaultdict(list)
            parses = self.ner.pipe((stretch.as_doc() for stretch in stretches), batch_size=64)
            for stretch, parse in zip(stretches, parses, strict=True):
                found[id(stretch.doc)] += [
                    Span(stretch.doc, stretch.start + e.start, stretch.start + e.end, e.label)
                    for e in parse.ents
                ]
            for doc in batch:
                doc.set_ents(found[id(doc)], default="outside")
                yield doc


def _around_proper_nouns(sentence: Span, margin: int) -> list[Span]:
    """The stretches of ``sentence`` within ``margin`` tokens of a capitalised proper noun,
    overlapping stretches merged."""
    bounds: list[list[int]] = []
    for token in sentence:
        if token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        start, end = max(sentence.start, token.i - margin), min(sentence.end, token.i + margin + 1)
        if bounds and start <= bounds[-1][1]:
            bounds[-1][1] = end
        else:
            bounds.append([start, end])
    return [sentence.doc[start:end] for start, end in bounds]


class RememberedLemmas:
    """A rule or lookup lemmatizer whose answer is worked out once per (word, part of speech,
    morphology): the answer depends on nothing else, and most tokens repeat one seen before."""

    MODES = ("rule", "lookup")

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode not in self.MODES:
            raise UnsupportedRule(f"lemmatizer mode {lemmatizer.mode!r}")
        required, _ = lemmatizer.get_lookups_config(lemmatizer.mode)
        if not all(lemmatizer.lookups.has_table(table) for table in required):
            raise UnsupportedRule("the lemmatizer's tables are not loaded")
        self.overwrite = lemmatizer.overwrite
        strings = lemmatizer.vocab.strings
        self.shapes = ShapeTable(
            [ORTH, POS, MORPH], 1, lambda token: [strings.add(lemmatizer.lemmatize(token)[0])]
        )

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none (of every token, when overwriting)."""
        if not len(doc):
            return doc
        lemmas = doc.to_array(LEMMA)
        unset = slice(None) if self.overwrite else lemmas == 0
        lemmas[unset] = self.shapes.rows(doc)[unset, 0]
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("analyser_attribute_rules")
def make_attribute_rules(nlp: Language, name: str) -> LookupAttributeRules:
    """The pipeline's own attribute ruler, applied by lookup."""
    return LookupAttributeRules(nlp.get_pipe("attribute_ruler"))


@Language.factory("analyser_lemmas")
def make_lemmas(nlp: Language, name: str) -> RememberedLemmas:
    """The pipeline's own lemmatizer, each answer remembered."""
    return RememberedLemmas(nlp.get_pipe("lemmatizer"))


@Language.factory("analyser_proper_noun_ner")
def make_proper_noun_ner(nlp: Language, name: str) -> ProperNounNer:
    """The pipeline's own entity recogniser, run around proper nouns."""
    return ProperNounNer(nlp.get_pipe("ner"))


def speed_up(nlp: Language) -> Language:
    """Swap in the faster components where the pipeline has the ones they stand in for."""
    for original, faster in (
        ("attribute_ruler", "analyser_attribute_rules"),
        ("lemmatizer", "analyser_lemmas"),
    ):
        if original in nlp.pipe_names:
            try:
                nlp.add_pipe(faster, after=original)
            except UnsupportedRule:
                continue  # keep spaCy's own component where the stand-in cannot follow it
            nlp.remove_pipe(original)
    if "ner" in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("analyser_proper_noun_ner", after="ner")
        nlp.remove_pipe("ner")
    return nlp
