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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analyser.lexicon import Lexicon, load_discovery_words, phrase_key
from analyser.lexicon.normalise import word_key
from analyser.records import Concept, CoOccurrence, DocConcept, DocResult

TOP_DISCOVERED = 40
LEXICON_WEIGHT = 2.0
SINGLE_WORD_WEIGHT = 0.5
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass
class ConceptTables:
    """Concepts of the corpus, each document's ranked concepts, and paragraph co-occurrences."""

    concepts: list[Concept]
    doc_concepts: list[DocConcept]
    cooccurrences: list[CoOccurrence]


@dataclass(frozen=True)
class _Scored:
    concept: str  # a lexicon id, or a discovered term's normalised key
    source: str  # lexicon | discovered
    count: int
    score: float


def discover_concepts(
    results: list[DocResult], lexicon: Lexicon, top: int = TOP_DISCOVERED
) -> ConceptTables:
    """Rank every document's concepts and keep its ``top`` discovered terms as concepts."""
    terms = _term_keys(results, lexicon)
    lexicon_counts = {r.document.id: _lexicon_counts(r, lexicon, terms) for r in results}
    term_counts = {r.document.id: _discovered_counts(r, terms) for r in results}
    labels = _discovered_labels(results, term_counts, terms)
    n_docs = len(results)
    frequency = Counter(("lexicon", c) for counts in lexicon_counts.values() for c in counts)
    frequency.update(("discovered", k) for counts in term_counts.values() for k in counts)
    ranked: dict[str, list[_Scored]] = {}
    for doc, counts in lexicon_counts.items():
        known = [
            _score(c, "lexicon", n, frequency["lexicon", c], n_docs, LEXICON_WEIGHT)
            for c, n in counts.items()
        ]
        found = [
            _score(key, "discovered", n, frequency["discovered", key], n_docs, _length_weight(key))
            for key, n in term_counts[doc].items()
        ]
        ranked[doc] = sorted(known, key=_rank) + sorted(found, key=_rank)[:top]
    ids = _discovered_ids(ranked, lexicon)
    return ConceptTables(
        _concept_records(lexicon, lexicon_counts, term_counts, labels, ids),
        _doc_concept_records(lexicon, ranked, labels, ids),
        _cooccurrences(results, lexicon_counts, ranked, ids),
    )


def _rank(scored: _Scored) -> tuple[float, int, str]:
    return (-scored.score, -len(scored.concept.split()), scored.concept)


def _score(concept: str, source: str, count: int, df: int, n_docs: int, weight: float) -> _Scored:
    """TF-IDF with a log-damped count and smoothed inverse document frequency."""
    idf = math.log((1 + n_docs) / (1 + df)) + 1.0
    return _Scored(concept, source, count, round((1.0 + math.log(count)) * idf * weight, 6))


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


def _discovered_ids(ranked: dict[str, list[_Scored]], lexicon: Lexicon) -> dict[str, str]:
    """Concept ids (slugs) of the discovered keys kept in some document's ranking."""
    kept = sorted({s.concept for items in ranked.values() for s in items if s.source != "lexicon"})
    return {key: discovered_id(key, lexicon) for key in kept}


def discovered_id(key: str, lexicon: Lexicon) -> str:
    """The concept id of a discovered term: its slug, kept apart from the lexicon's ids."""
    slug = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_") or "term"
    return f"{slug}_term" if slug in lexicon.concepts else slug


def _totals(counts_by_doc: Iterable[Mapping[str, int]]) -> tuple[Counter[str], Counter[str]]:
    """Occurrences of each concept over the corpus, and the number of documents it occurs in."""
    total = Counter[str]()
    docs = Counter[str]()
    for counts in counts_by_doc:
        total.update(counts)
        docs.update(counts.keys())
    return total, docs


def _concept_records(
    lexicon: Lexicon,
    lexicon_counts: dict[str, Counter[str]],
    term_counts: dict[str, dict[str, int]],
    labels: dict[str, str],
    ids: dict[str, str],
) -> list[Concept]:
    records = []
    known, known_docs = _totals(lexicon_counts.values())
    for concept_id in sorted(known):
        concept = lexicon.concepts[concept_id]
        records.append(
            Concept(concept_id, concept.label, "lexicon", list(concept.positions),
                    known_docs[concept_id], known[concept_id])
        )  # fmt: skip
    found, found_docs = _totals(term_counts.values())
    for key, concept_id in sorted(ids.items(), key=lambda item: item[1]):
        records.append(
            Concept(concept_id, labels[key], "discovered", [], found_docs[key], found[key])
        )
    return records


def _doc_concept_records(
    lexicon: Lexicon, ranked: dict[str, list[_Scored]], labels: dict[str, str], ids: dict[str, str]
) -> list[DocConcept]:
    records = []
    for doc in sorted(ranked):
        for scored in sorted(ranked[doc], key=_rank):
            if scored.source == "lexicon":
                concept_id, label = scored.concept, lexicon.concepts[scored.concept].label
            else:
                concept_id, label = ids[scored.concept], labels[scored.concept]
            records.append(DocConcept(doc, concept_id, label, scored.count, scored.score))
    return records


def _cooccurrences(
    results: list[DocResult],
    lexicon_counts: dict[str, Counter[str]],
    ranked: dict[str, list[_Scored]],
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
        discovered = [s.concept for s in ranked[doc] if s.source == "discovered"]
        for paragraph, keys in _locate(result, discovered).items():
            by_paragraph[paragraph].update(ids[key] for key in keys)
        for concepts in by_paragraph.values():
            ordered = sorted(concepts)
            weights.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return [CoOccurrence(a, b, weight) for (a, b), weight in sorted(weights.items())]


def _locate(result: DocResult, keys: Iterable[str]) -> dict[int, set[str]]:
    """The paragraphs whose words contain each normalised key."""
    wanted = {tuple(key.split()): key for key in keys}
    if not wanted:
        return {}
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in wanted:
        by_first[words[0]].append(words)
    found: dict[int, set[str]] = defaultdict(set)
    for paragraph in result.document.paragraphs:
        words = [word_key(w) for w in _WORDS.findall(paragraph.text.replace("-", " "))]
        for i, word in enumerate(words):
            for key in by_first.get(word, ()):
                if tuple(words[i : i + len(key)]) == key:
                    found[paragraph.index].add(wanted[key])
    return found
