"""The variables a claim is about, and how much two claims share: concepts and content words.

A hypothesis's variables are the concepts it names (its own list and the concept mentions inside
its sentence) and the stems of the content words of its cause, effect and condition; its cause
and effect are also kept apart, so that "the same variables" can mean the same cause and the
same effect. Shared variables are weighted by inverse frequency among the corpus's claims, so a
pair sharing a rare variable counts for more than one sharing a word every claim uses.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from analyser.lexicon.normalise import word_key
from analyser.records import ConceptMention, Corpus, Hypothesis

CONCEPT = "c:"
WORD = "w:"
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_GENERIC = frozenset(
    [
        "effect", "effects", "impact", "result", "results", "outcome", "level", "levels",
        "degree", "extent", "amount", "number", "likelihood", "probability", "chance", "chances",
        "tendency", "factor", "factors", "role", "way", "ways", "rise", "fall", "increase",
        "increases", "increased", "decrease", "decreases", "reduction", "growth", "change",
        "changes",
    ]
)  # fmt: skip
_VERB_ENDINGS = re.compile(r"(?<=[a-z]{3})(?:ing|ed|e)$")
_ROUNDING = 1e-9  # slack so that sums added in another order still pass a floor


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude comparison stem: American spelling, singular, without -ing/-ed/-e endings."""
    return _VERB_ENDINGS.sub("", word_key(word))


def spelled_stems(text: str) -> dict[str, str]:
    """Stems of the content words of ``text`` (no stop words, no generic quantity words), each
    with the first lower-case word that produced it."""
    stems: dict[str, str] = {}
    for word in (w.lower() for w in _WORDS.findall(text)):
        if word not in STOP_WORDS and word not in _GENERIC and len(word) > 2:
            stems.setdefault(stem(word), word)
    return stems


@lru_cache(maxsize=1 << 14)
def _spelled(text: str) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """The content stems of ``text`` and their (stem, word) spellings in stem order."""
    spelled = spelled_stems(text)
    return frozenset(spelled), tuple(sorted(spelled.items()))


def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text``."""
    return _spelled(text)[0]


@lru_cache(maxsize=1 << 14)
def lower_words(text: str) -> frozenset[str]:
    """The lower-case words of ``text``."""
    return frozenset(w.lower() for w in _WORDS.findall(text))


@dataclass(frozen=True)
class Variables:
    """What one claim (or stretch of text) is about: concepts, word stems, cause and effect."""

    concepts: frozenset[str]
    words: frozenset[str]
    cause: frozenset[str] = frozenset()  # tagged keys (c:/w:) of the cause
    effect: frozenset[str] = frozenset()  # tagged keys (c:/w:) of the effect
    spellings: tuple[tuple[str, str], ...] = ()  # (stem, a word that produced it)

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every variable as a tagged key (``c:<concept>`` or ``w:<stem>``)."""
        return frozenset(CONCEPT + c for c in self.concepts) | frozenset(
            WORD + w for w in self.words
        )


@dataclass(frozen=True)
class Mentions:
    """A document's concept mentions in text order, found by offset."""

    mentions: list[ConceptMention]
    starts: list[int]

    @classmethod
    def of(cls, mentions: Iterable[ConceptMention]) -> Mentions:
        """The mentions, put in text order."""
        ordered = sorted(mentions, key=lambda m: (m.start, m.end))
        return cls(ordered, [m.start for m in ordered])

    def inside(self, start: int, end: int) -> frozenset[str]:
        """Concepts mentioned inside the span ``[start, end)``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_right(self.starts, end, lo=first)  # any later one ends after end
        return frozenset(m.concept for m in self.mentions[first:last] if m.end <= end)


NO_MENTIONS = Mentions([], [])


@lru_cache(maxsize=1 << 14)
def concept_stems(concept_id: str, label: str | None = None) -> frozenset[str]:
    """The content stems of a concept's label (or of its id when it has no label)."""
    return content_stems(label or concept_id.replace("-", " "))


@lru_cache(maxsize=1 << 14)
def covered_words(concept_id: str, label: str | None = None) -> frozenset[str]:
    """The tagged word keys (``w:<stem>``) a concept's label covers."""
    return frozenset(WORD + s for s in concept_stems(concept_id, label))


def _role_keys(text: str, concepts: frozenset[str], labels: Mapping[str, str]) -> frozenset[str]:
    """Tagged keys of one role (cause or effect): its stems and the concepts its words spell."""
    stems = content_stems(text)
    spelled = {
        c for c in concepts if (needed := concept_stems(c, labels.get(c))) and needed <= stems
    }
    return frozenset(WORD + s for s in stems) | frozenset(CONCEPT + c for c in spelled)


def claim_variables(
    hypothesis: Hypothesis, mentions: Mentions, labels: Mapping[str, str]
) -> Variables:
    """The variables of a hypothesis; without a cause and effect its sentence stands in."""
    parts = " ".join(p for p in (hypothesis.cause, hypothesis.effect, hypothesis.condition) if p)
    concepts = frozenset(hypothesis.concepts) | mentions.inside(hypothesis.start, hypothesis.end)
    words, spellings = _spelled(parts or hypothesis.text)
    return Variables(
        concepts,
        words,
        _role_keys(hypothesis.cause, concepts, labels),
        _role_keys(hypothesis.effect, concepts, labels),
        spellings,
    )


def text_variables(text: str, mentions: Mentions, start: int) -> Variables:
    """The variables of a stretch of text starting at offset ``start`` of its document."""
    words, spellings = _spelled(text)
    return Variables(mentions.inside(start, start + len(text)), words, spellings=spellings)


@dataclass(frozen=True)
class Vocabulary:
    """Inverse-frequency weights of the variables of a corpus's claims, and their labels.

    Scores and shared variables are remembered per set of keys, so that claims compared many
    times (or sharing the same variables) are scored once.
    """

    weights: Mapping[str, float]
    default_weight: float
    labels: Mapping[str, str]
    spellings: Mapping[str, str]
    _uncovered_sets: dict[frozenset[str], frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )  # keys without the words their concepts cover, by the keys
    _scores: dict[frozenset[str], float] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )  # summed weight of a set of uncovered keys
    _shared: dict[frozenset[str], tuple[tuple[str, ...], float]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )  # labels and score of the variables two claims share, by the shared keys
    _orders: dict[str, tuple[bool, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )  # sort key of a tagged variable: concepts first, then by label

    @classmethod
    def of(cls, variables: Iterable[Variables], corpus: Corpus) -> Vocabulary:
        """Weights ln((N + 1) / df) over the given claims' variables."""
        frequency: Counter[str] = Counter()
        spellings: dict[str, str] = {}
        n_claims = 0
        for item in variables:
            n_claims += 1
            frequency.update(item.keys)
            for word_stem, word in item.spellings:
                if word_stem not in spellings or word < spellings[word_stem]:
                    spellings[word_stem] = word
        weights = {key: math.log((n_claims + 1) / df) for key, df in frequency.items()}
        labels = {c.id: c.label for c in corpus.concepts}
        return cls(weights, math.log(n_claims + 2), labels, spellings)

    def weight(self, key: str) -> float:
        """The weight of one tagged variable (unseen variables weigh the most)."""
        return self.weights.get(key, self.default_weight)

    def label(self, key: str) -> str:
        """A readable label of a tagged variable: the concept's label or a word."""
        if key.startswith(CONCEPT):
            concept = key.removeprefix(CONCEPT)
            return self.labels.get(concept, concept)
        word_stem = key.removeprefix(WORD)
        return self.spellings.get(word_stem, word_stem)

    def _uncovered(self, keys: Iterable[str]) -> frozenset[str]:
        """``keys`` without the words that a concept among them already covers."""
        keys = keys if isinstance(keys, frozenset) else frozenset(keys)
        known = self._uncovered_sets.get(keys)
        if known is None:
            covered: set[str] = set()
            for key in keys:
                if key.startswith(CONCEPT):
                    concept = key.removeprefix(CONCEPT)
                    covered |= covered_words(concept, self.labels.get(concept))
            known = self._uncovered_sets[keys] = keys - covered
        return known

    def score(self, keys: Iterable[str]) -> float:
        """The summed weight of tagged variables, leaving out words a concept among them covers.

        The sum is exact (``math.fsum``), so equal sets of keys always score the same.
        """
        uncovered = self._uncovered(keys)
        known = self._scores.get(uncovered)
        if known is None:
            known = self._scores[uncovered] = math.fsum(self.weight(key) for key in uncovered)
        return known

    def shared(self, first: Variables, second: Variables) -> tuple[list[str], float]:
        """Labels of the variables both share (words a shared concept covers left out), score."""
        labels, score = self._shared_of(first.keys & second.keys)
        return list(labels), score

    def _shared_of(self, keys: frozenset[str]) -> tuple[tuple[str, ...], float]:
        """Labels of ``keys`` (concepts first; covered words left out) and their score."""
        known = self._shared.get(keys)
        if known is None:
            uncovered = self._uncovered(keys)
            kept = sorted(uncovered, key=self._order)
            known = self._shared[keys] = (
                tuple(self._order(key)[1] for key in kept),
                self.score(uncovered),
            )
        return known

    def _order(self, key: str) -> tuple[bool, str]:
        """Where a tagged variable sorts among shared ones: concepts first, then by label."""
        order = self._orders.get(key)
        if order is None:
            order = self._orders[key] = (not key.startswith(CONCEPT), self.label(key))
        return order

    def qualifies(self, first: Variables, second: Variables, minimum: float) -> bool:
        """True when the two share a concept or two words, weighing at least ``minimum``."""
        return self.qualified_score(first, second, minimum) is not None

    def qualified_score(self, first: Variables, second: Variables, minimum: float) -> float | None:
        """The score of what the two share when it ``qualifies``, else None."""
        labels, score = self._shared_of(first.keys & second.keys)
        if score >= minimum and (
            len(labels) >= 2 or not first.concepts.isdisjoint(second.concepts)
        ):
            return score
        return None

    def rare_keys(self, keys: frozenset[str], floor: float) -> frozenset[str]:
        """``keys`` without the commonest ones whose weights add up to less than ``floor``.

        Any set sharing keys that weigh ``floor`` or more with ``keys`` shares its rarest
        shared key with both sets' rare keys, so indexing these finds every such pair.
        """
        ordered = sorted(keys, key=lambda key: (self.weight(key), key))
        total = 0.0
        for number, key in enumerate(ordered):
            total += self.weight(key)
            if total >= floor - _ROUNDING:
                return frozenset(ordered[number:])
        return frozenset()


def mentions_by_doc(corpus: Corpus) -> dict[str, Mentions]:
    """Each document's concept mentions."""
    grouped: dict[str, list[ConceptMention]] = defaultdict(list)
    for result in corpus.results:
        grouped[result.document.id].extend(result.mentions)
    return {doc: Mentions.of(items) for doc, items in grouped.items()}
