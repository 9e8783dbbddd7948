"""Faster stand-ins for two components of the English pipeline.

``LookupAttributeRules`` applies the attribute ruler's rules by lookup (same rules, same
precedence, same result) instead of running every pattern over every token; ``ProperNounNer``
runs the entity recogniser only around proper nouns, the only tokens whose entity labels the
extractors read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, EntityRecognizer
from spacy.tokens import Doc, Span, Token
from spacy.tokens._retokenize import set_token_attrs
from spacy.util import minibatch

TokenTest = Callable[[Token], bool]
MAX_REMEMBERED_SHAPES = 200_000  # distinct (tag, text, ...) shapes kept before starting afresh

# What a one-token rule may test; ``LookupAttributeRules._rules_of`` remembers matches by
# exactly these attributes (LOWER and IS_SPACE follow from ORTH).
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

    Later rules take precedence, as in the ruler; rules spanning several tokens still go
    through a ``Matcher`` (there are few of them).
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.index: dict[tuple[str | None, str | None], list[tuple[int, TokenTest | None]]] = (
            defaultdict(list)
        )
        self.known: dict[tuple[int, int, int, int], tuple[int, ...]] = {}
        self.matcher = Matcher(ruler.vocab, validate=False)
        for rule in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(rule))[1]:
                self._add(rule, pattern)

    def _add(self, rule: int, pattern: list[dict[str, Any]]) -> None:
        """Index a one-token pattern by the tags and lower cases it needs; a longer one goes
        to the matcher."""
        if len(pattern) > 1:
            self.matcher.add(str(rule), [pattern])
            return
        rest = dict(pattern[0])
        tags, lowers = _take_choices(rest, "TAG"), _take_choices(rest, "LOWER")
        test = _token_test(rest) if rest else None
        for tag in tags:
            for lower in lowers:
                self.index[tag, lower].append((rule, test))

    def _rules_of(self, token: Token) -> list[int]:
        """The one-token rules ``token`` matches, remembered per token shape: the rules read
        nothing but the shape's attributes, as they stand before any rule is applied."""
        shape = (token.tag, token.orth, token.pos, token.dep)
        rules = self.known.get(shape)
        if rules is None:
            if len(self.known) >= MAX_REMEMBERED_SHAPES:
                self.known.clear()
            rules = self.known[shape] = self._match_rules(token)
        return list(rules)

    def _match_rules(self, token: Token) -> tuple[int, ...]:
        """The one-token rules ``token`` matches, by index look-up and the rules' own tests."""
        tag, lower, index = token.tag_, token.lower_, self.index
        candidates = (
            index.get((tag, lower), [])
            + index.get((tag, None), [])
            + index.get((None, lower), [])
            + index.get((None, None), [])
        )
        return tuple(rule for rule, test in candidates if test is None or test(token))

    def __call__(self, doc: Doc) -> Doc:
        """Set each token's attributes from the rules it matches, later rules last."""
        rules = [self._rules_of(token) for token in doc]
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            rule = int(self.matcher.vocab.strings[match_id])
            rules[doc[start:end][self.indices[rule]].i].append(rule)
        for token, matched in zip(doc, rules, strict=True):
            for rule in sorted(matched):
                set_token_attrs(token, self.attrs[rule])
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


@Language.factory("analyser_attribute_rules")
def make_attribute_rules(nlp: Language, name: str) -> LookupAttributeRules:
    """The pipeline's own attribute ruler, applied by lookup."""
    return LookupAttributeRules(nlp.get_pipe("attribute_ruler"))


@Language.factory("analyser_proper_noun_ner")
def make_proper_noun_ner(nlp: Language, name: str) -> ProperNounNer:
    """The pipeline's own entity recogniser, run around proper nouns."""
    return ProperNounNer(nlp.get_pipe("ner"))


def speed_up(nlp: Language) -> Language:
    """Swap in the faster components where the pipeline has the ones they stand in for."""
    if "attribute_ruler" in nlp.pipe_names:
        try:
            nlp.add_pipe("analyser_attribute_rules", after="attribute_ruler")
        except UnsupportedRule:
            pass  # keep spaCy's own ruler for rules the lookup cannot evaluate
        else:
            nlp.remove_pipe("attribute_ruler")
    if "ner" in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("analyser_proper_noun_ner", after="ner")
        nlp.remove_pipe("ner")
    return nlp
