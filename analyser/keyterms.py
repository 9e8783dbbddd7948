"""Corpus step: rank each document's concepts and discover key terms the lexicon does not know.

Lexicon concepts come from the documents' mentions; discovered concepts are candidate terms
(``DocResult.terms``) scored by TF-IDF across the corpus. A candidate the lexicon knows is
folded into its concept. The result is three lists of records: concepts, each document's ranked
concepts, and paragraph co-occurrences.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from analyser.lexicon import Lexicon, load_discovery_words, phrase_key
from analyser.lexicon.normalise import word_key
from analyser.records import Concept, CoOccurrence, DocConcept, DocResult

TOP_DISCOVERED = 40
LEXICON_WEIGHT = 2.0
SINGLE_WORD_WEIGHT = 0.5
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")  # hyphens, like spaces, end a word


@dataclass
class ConceptTables:
    """Concepts of the corpus, each document's ranked concepts, and paragraph co-occurrences."""

    concepts: list[Concept]
    doc_concepts: list[DocConcept]
    cooccurrences: list[CoOccurrence]


_LEXICON, _DISCOVERED = 0, 1  # a concept's source as ranked: lexicon first on a full tie
# A concept's place in its document's ranking, as a tuple that sorts best first: minus its
# score, minus its number of words, the concept (a lexicon id, or a discovered term's
# normalised key), its source, then its count.
_Rank = tuple[float, int, str, int, int]


def discover_concepts(
    results: list[DocResult], lexicon: Lexicon, top: int = TOP_DISCOVERED
) -> ConceptTables:
    """Rank every document's concepts and keep its ``top`` discovered terms as concepts."""
    terms = _term_keys(results, lexicon)
    lexicon_counts = {r.document.id: _lexicon_counts(r, lexicon, terms) for r in results}
    term_counts = {r.document.id: _discovered_counts(r, terms) for r in results}
    labels = _discovered_labels(results, term_counts, terms)
    known = _Totals.of(lexicon_counts.values())
    found = _Totals.of(term_counts.values())
    known_ranks = _Ranker(known.docs, len(results), _LEXICON, lambda _: LEXICON_WEIGHT)
    found_ranks = _Ranker(found.docs, len(results), _DISCOVERED, _length_weight)
    ranked = {
        doc: _best(known_ranks(counts), found_ranks(term_counts[doc]), top)
        for doc, counts in lexicon_counts.items()
    }
    ids = _discovered_ids(ranked, lexicon)
    return ConceptTables(
        _concept_records(lexicon, known, found, labels, ids),
        _doc_concept_records(lexicon, ranked, labels, ids),
        _cooccurrences(results, lexicon_counts, ranked, ids),
    )


class _Ranker:
    """Ranks by TF-IDF with a log-damped count and smoothed inverse document frequency, with
    each concept's IDF, weight and number of words worked out once."""

    def __init__(
        self, df: Mapping[str, int], n_docs: int, source: int, weight: Callable[[str], float]
    ) -> None:
        self._source = source
        self._terms = {
            concept: (math.log((1 + n_docs) / (1 + n)) + 1.0, weight(concept), len(concept.split()))
            for concept, n in df.items()
        }

    def __call__(self, counts: Mapping[str, int]) -> list[_Rank]:
        """The rank of each concept of one document's ``counts``, unsorted."""
        ranks = []
        for concept, count in counts.items():
            idf, weight, words = self._terms[concept]
            score = round((1.0 + math.log(count)) * idf * weight, 6)
            ranks.append((-score, -words, concept, self._source, count))
        return ranks


def _best(known: list[_Rank], found: list[_Rank], top: int) -> list[_Rank]:
    """A document's lexicon concepts and its ``top`` discovered ones, best first."""
    return sorted(known + sorted(found)[:top])


def _length_weight(key: str) -> float:
    return SINGLE_WORD_WEIGHT if len(key.split()) == 1 else 1.0


@dataclass(frozen=True)
class _TermKey:
    """What the lexicon makes of one written candidate term."""

    concept: str | None  # the lexicon concept it names
    key: str  # its normalised key (spelling variants share one)
    discoverable: bool  # neither known, ignored nor boilerplate


def _term_keys(results: list[DocResult], lexicon: Lexicon) -> dict[str, _TermKey]:
    """Each distinct candidate term of the corpus, looked up in the lexicon once."""
    boilerplate = load_discovery_words().boilerplate
    keys = {}
    for term in sorted({term for result in results for term in result.terms}):
        concept = lexicon.lookup(term)
        words = term.replace("-", " ").split()
        known = concept or lexicon.is_ignored(term) or boilerplate.intersection(words)
        keys[term] = _TermKey(concept, " ".join(phrase_key(term)), not known)
    return keys


def _lexicon_counts(
    result: DocResult, lexicon: Lexicon, terms: dict[str, _TermKey]
) -> Counter[str]:
    """Mentions per lexicon concept, raised where a candidate term names it more often."""
    counts = Counter(m.concept for m in result.mentions if m.concept in lexicon.concepts)
    for term, count in result.terms.items():
        concept = terms[term].concept
        if concept is not None:
            counts[concept] = max(counts[concept], count)
    return counts


def _discovered_counts(result: DocResult, terms: dict[str, _TermKey]) -> dict[str, int]:
    """Candidate terms the lexicon does not know, by normalised key (spelling variants merged)."""
    counts: Counter[str] = Counter()
    for term, count in result.terms.items():
        if terms[term].discoverable:
            counts[terms[term].key] += count
    counts.pop("", None)
    return dict(counts)


def _discovered_labels(
    results: list[DocResult], term_counts: dict[str, dict[str, int]], terms: dict[str, _TermKey]
) -> dict[str, str]:
    """The most frequent written form of each discovered key."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        for term, count in result.terms.items():
            key = terms[term].key
            if key in term_counts[result.document.id]:
                forms[key][term] += count
    return {key: min(c, key=lambda form: (-c[form], form)) for key, c in forms.items()}


def _discovered_ids(ranked: dict[str, list[_Rank]], lexicon: Lexicon) -> dict[str, str]:
    """Concept ids (slugs) of the discovered keys kept in some document's ranking."""
    kept = {
        concept
        for ranks in ranked.values()
        for _, _, concept, source, _ in ranks
        if source == _DISCOVERED
    }
    return {key: discovered_id(key, lexicon) for key in sorted(kept)}


def discovered_id(key: str, lexicon: Lexicon) -> str:
    """The concept id of a discovered term: its slug, kept apart from the lexicon's ids."""
    slug = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_") or "term"
    return f"{slug}_term" if slug in lexicon.concepts else slug


@dataclass(frozen=True)
class _Totals:
    """Occurrences of each concept over the corpus, and the number of documents it occurs in."""

    total: Counter[str]
    docs: Counter[str]

    @classmethod
    def of(cls, counts_by_doc: Iterable[Mapping[str, int]]) -> _Totals:
        """The totals of per-document counts."""
        totals = cls(Counter(), Counter())
        for counts in counts_by_doc:
            totals.total.update(counts)
            totals.docs.update(counts.keys())
        return totals


def _concept_records(
    lexicon: Lexicon, known: _Totals, found: _Totals, labels: dict[str, str], ids: dict[str, str]
) -> list[Concept]:
    records = []
    for concept_id in sorted(known.total):
        concept = lexicon.concepts[concept_id]
        records.append(
            Concept(concept_id, concept.label, "lexicon", list(concept.positions),
                    known.docs[concept_id], known.total[concept_id])
        )  # fmt: skip
    for key, concept_id in sorted(ids.items(), key=lambda item: item[1]):
        records.append(
            Concept(concept_id, labels[key], "discovered", [], found.docs[key], found.total[key])
        )
    return records


def _doc_concept_records(
    lexicon: Lexicon, ranked: dict[str, list[_Rank]], labels: dict[str, str], ids: dict[str, str]
) -> list[DocConcept]:
    records = []
    for doc in sorted(ranked):
        for minus_score, _, concept, source, count in ranked[doc]:
            if source == _LEXICON:
                concept_id, label = concept, lexicon.concepts[concept].label
            else:
                concept_id, label = ids[concept], labels[concept]
            records.append(DocConcept(doc, concept_id, label, count, -minus_score))
    return records


def _cooccurrences(
    results: list[DocResult],
    lexicon_counts: dict[str, Counter[str]],
    ranked: dict[str, list[_Rank]],
    ids: dict[str, str],
) -> list[CoOccurrence]:
    """How many paragraphs of the corpus name both concepts of each pair."""
    weights: Counter[tuple[str, str]] = Counter()
    for result in results:
        doc = result.document.id
        by_paragraph: dict[int, set[str]] = defaultdict(set)
        for mention in result.mentions:
            if mention.concept in lexicon_counts[doc]:
                by_paragraph[mention.paragraph].add(mention.concept)
        discovered = [concept for _, _, concept, source, _ in ranked[doc] if source == _DISCOVERED]
        for paragraph, keys in _locate(result, discovered).items():
            by_paragraph[paragraph].update(ids[key] for key in keys)
        for concepts in by_paragraph.values():
            weights.update(combinations(sorted(concepts), 2))
    return [CoOccurrence(a, b, weight) for (a, b), weight in sorted(weights.items())]


def _locate(result: DocResult, keys: Iterable[str]) -> dict[int, set[str]]:
    """The paragraphs whose words contain each normalised key."""
    single: dict[str, str] = {}
    longer: dict[str, list[tuple[str, str]]] = defaultdict(list)  # by first word
    for words, key in {tuple(key.split()): key for key in keys}.items():
        if len(words) == 1:
            single[words[0]] = key
        else:
            longer[words[0]].append((f" {' '.join(words)} ", key))
    found: dict[int, set[str]] = {}
    for paragraph in result.document.paragraphs:
        words = list(map(word_key, _WORDS.findall(paragraph.text)))
        present = set(words)
        named = {single[word] for word in present.intersection(single)}
        firsts = present.intersection(longer)
        if firsts:
            line = f" {' '.join(words)} "  # words hold no spaces: a phrase is a padded substring
            named.update(key for word in firsts for padded, key in longer[word] if padded in line)
        if named:
            found[paragraph.index] = named
    return found
