"""The citation + concept graph of a corpus (a networkx MultiDiGraph).

Nodes: document, work, concept, hypothesis, position, model; every node has ``kind`` and
``label``. Edges carry ``kind`` (also their key) and a float ``weight``. Nodes and edges are
added in sorted order so that every export of the same corpus is byte-identical.
"""

from __future__ import annotations

import bisect
import re
import string
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

import networkx as nx
from rapidfuzz import fuzz

from analyser.heap import collector_paused
from analyser.records import ConceptMention, Corpus, Hypothesis, Work

NODE_KINDS = ("document", "work", "concept", "hypothesis", "position", "model")
EDGE_KINDS = (
    "cites",
    "mentions",
    "co_occurs",
    "states",
    "involves",
    "attributed_to",
    "in_position",
    "formalised_by",
    "implements",
)
ID_PREFIX = {
    "document": "doc",
    "work": "work",
    "concept": "concept",
    "hypothesis": "hyp",
    "position": "pos",
    "model": "model",
}
HYPOTHESIS_ROLES = ("cause", "effect", "condition")
SURNAME_MATCH_MIN = 80.0  # rapidfuzz ratio: "Hertz" ~ "Herz" (89), "Olsen" ~ "Olson" (80)
LABEL_MAX_CHARS = 90

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)([a-z])?\b")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b|\bet\s+al\b\.?)\s*", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_NOISE = {"eds", "ed", "see", "cf", "e.g", "eg"}

Attributes = dict[str, Any]
EdgeTuple = tuple[str, str, str, Mapping[str, Any]]  # the attributes may be shared: read only


def node_id(kind: str, key: str) -> str:
    """The graph id of a record: ``"<prefix>:<key>"``, e.g. ``"work:jervis1978cooperation"``.

    Ids are interned: the many edges of a node share one string.
    """
    return sys.intern(f"{ID_PREFIX[kind]}:{key}")


def fold(text: str) -> str:
    """Lower-case ``text`` without accents, for name comparison."""
    if text.isascii():  # nothing to decompose
        return text.casefold().strip()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def base_year(year: str | int | None) -> str | None:
    """The four-digit year of ``"1978"``, ``"2004a"`` or ``1978``; None when absent."""
    match = _YEAR.search(str(year)) if year is not None else None
    return match.group(1) if match else None


def work_label(work: Work) -> str:
    """Author–year label: "Jervis 1978", "Olson and Zeckhauser 1966", "Booth et al. 2008"."""
    families = [author.family for author in work.authors if author.family]
    if not families:
        names = work.title or work.key
    elif len(families) == 1:
        names = families[0]
    elif len(families) == 2:
        names = f"{families[0]} and {families[1]}"
    else:
        names = f"{families[0]} et al."
    return f"{names} {work.year}" if work.year else names


def work_reference(work: Work) -> str:
    """A full author–date reference string for display (not a bibliography style)."""
    authors = "; ".join(
        f"{author.family}, {author.given}".strip(", ") for author in work.authors if author.family
    )
    parts = [authors or "Anon."]
    parts.append(f"({work.year})." if work.year else "(n.d.).")
    if work.title:
        parts.append(f"{work.title.rstrip('.')}.")
    if work.type == "chapter" and work.container:
        parts.append(f"In {work.container}" + (f", pp. {work.pages}." if work.pages else "."))
    else:
        container = work.container or ""
        if work.volume:
            container += f" {work.volume}" + (f"({work.issue})" if work.issue else "")
        if work.pages:
            container += f": {work.pages}"
        if container.strip():
            parts.append(f"{container.strip()}.")
    imprint = ": ".join(part for part in (work.place, work.publisher) if part)
    if imprint:
        parts.append(f"{imprint}.")
    if work.doi:
        parts.append(f"doi:{work.doi}")
    elif work.url:
        parts.append(work.url)
    return " ".join(parts)


def _one_line(text: str) -> str:
    """``text`` with each run of white space one space (``text`` itself if it is so already)."""
    flat = " ".join(text.split())
    return text if flat == text else flat


def _truncate(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    flat = _one_line(text)
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def _attributes(attributes: Attributes) -> Attributes:
    """``attributes`` sorted by name, without None values or empty lists (missing data stays
    missing)."""
    return {
        name: value
        for name in sorted(attributes)
        if (value := attributes[name]) is not None and value != []
    }


# --- author–year matching -------------------------------------------------------------------


def parse_author_year(text: str) -> tuple[str | None, str | None]:
    """The first author's surname and the year (with suffix) of "Olson and Zeckhauser (1966)"."""
    match = _YEAR.search(text)
    year = match.group(0) if match else None
    head = text[: match.start()] if match else text
    for segment in _AUTHOR_SEPARATOR.split(head):
        words = [w for w in _NAME_WORD.findall(segment) if fold(w).rstrip(".") not in _NAME_NOISE]
        if words:
            return words[-1], year
    return None, year


def _surname_score(surname: str, work: Work) -> float:
    """How well ``surname`` matches the first author of ``work`` (0–100)."""
    if not work.authors or not work.authors[0].family:
        return 0.0
    return float(fuzz.ratio(fold(surname), fold(work.authors[0].family)))


def match_work(text: str, works: Iterable[Work]) -> Work | None:
    """The work that an author–year string such as "Jervis 1978" names, if one fits.

    The first author's surname must match (fuzzily, for spelling variants) and so must the
    year; with a year suffix ("2004a") the exact year is preferred. Without a year the
    surname must be unambiguous among ``works``.
    """
    surname, year = parse_author_year(text)
    if surname is None:
        return None
    scored: list[tuple[float, int, str, Work]] = []
    for work in works:
        score = _surname_score(surname, work)
        if score < SURNAME_MATCH_MIN:
            continue
        if year is not None and base_year(year) != base_year(work.year):
            continue
        exact_year = int(year is not None and work.year == year)
        scored.append((score, exact_year, work.key, work))
    if not scored:
        return None
    if year is None and len({entry[2] for entry in scored}) > 1:
        return None
    scored.sort(key=lambda entry: (-entry[0], -entry[1], entry[2]))
    return scored[0][3]


class WorkIndex:
    """``match_work`` over one list of works for many strings: a string with a year is only
    compared with the works of that year, and each distinct string is matched once."""

    def __init__(self, works: Iterable[Work]) -> None:
        self.works = list(works)
        self.by_year: dict[str | None, list[Work]] = defaultdict(list)
        for work in self.works:
            self.by_year[base_year(work.year)].append(work)
        self._found: dict[str, Work | None] = {}

    def match(self, text: str) -> Work | None:
        """``match_work(text, works)``."""
        if text not in self._found:
            year = parse_author_year(text)[1]
            pool = self.works if year is None else self.by_year.get(base_year(year), [])
            self._found[text] = match_work(text, pool)
        return self._found[text]


# --- concept matching in hypothesis parts -------------------------------------------------


_SPELLING_VARIANTS = (("ence", "en[cs]e"), ("our", "ou?r"), ("ise", "i[sz]e"))


def _token_parts(token: str) -> tuple[str, str]:
    """The literal start of one word's pattern and the regex of its British/American ending."""
    for british, american in _SPELLING_VARIANTS:
        if token.endswith(british) or token.endswith(british.replace("c", "s")):
            return token[: -len(british)], american
    return token, ""


def _token_pattern(token: str) -> str:
    """A regex for one word allowing British/American spelling and a plural ending."""
    head, ending = _token_parts(token)
    return re.escape(head) + ending + r"(?:s|es)?"


def _label_tokens(label: str) -> list[str]:
    return [token for token in re.split(r"[\s\-–]+", fold(label)) if token]


def label_pattern(label: str) -> re.Pattern[str]:
    """A case-insensitive whole-word pattern for a concept label ("offence-defence balance")."""
    body = r"[\s\-–]+".join(_token_pattern(token) for token in _label_tokens(label))
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class LabelMatcher:
    """Finds a concept label in folded text; a substring test on the label's unvarying first
    letters rules out most texts before the regex runs."""

    prefix: str
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, label: str) -> LabelMatcher:
        """The matcher of one label (a label with no words matches nothing)."""
        tokens = _label_tokens(label)
        first = tokens[0] if tokens else ""
        return cls(first[: max(1, min(3, len(first) - 4))], label_pattern(label))

    def search(self, folded_text: str) -> bool:
        """Whether the label occurs in ``folded_text`` (see ``fold``)."""
        return (
            bool(self.prefix)
            and self.prefix in folded_text
            and bool(self.pattern.search(folded_text))
        )


KEY_MAX_CHARS = 6  # how many leading letters of a label index it
_NOT_AFTER_WORD = re.compile(r"(?<!\w)")  # where a label's match can start
_ASCII_START = re.compile(r"[a-z0-9]*")


@cache
def _ascii_folding() -> dict[int, str]:
    """Every character a case-insensitive regex takes for an ASCII letter or digit -> that
    lower-case character (found by asking the regex engine about all of Unicode)."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    plain = string.ascii_lowercase + string.digits
    table = {}
    for match in re.finditer("|".join(plain), everything, re.IGNORECASE):
        found = match.group()
        table[ord(found)] = next(c for c in plain if re.fullmatch(c, found, re.IGNORECASE))
    return table


def _literal_heads(label: str) -> list[str]:
    """The literal starts of a label's words, before any spelling variant."""
    return [_token_parts(token)[0] for token in _label_tokens(label)]


class MatcherIndex:
    """The label matchers of a corpus's concepts, indexed by the first letters of their labels.

    Every match of a label starts a word (after no word character) with the first letters of
    its first word and contains the literal start of each of its words; a text is only searched
    for the concepts that pass both tests (on the text with regex case-equivalents of ASCII
    letters replaced by those letters, so the tests are never stricter than the regex).
    """

    def __init__(self, labels: Mapping[str, str]) -> None:
        self.matchers = {concept: LabelMatcher.of(label) for concept, label in labels.items()}
        self.by_key: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        self.unkeyed: list[str] = []  # labels whose first word does not start with [a-z0-9]
        for concept, label in labels.items():
            if not self.matchers[concept].prefix:
                continue  # a label without words matches nothing
            heads = _literal_heads(label)
            key = _ASCII_START.match(heads[0]).group()[:KEY_MAX_CHARS]
            plain = [head for head in heads if _ASCII_START.fullmatch(head)]  # [a-z0-9]* only
            if key:
                self.by_key[key].append((concept, plain))
            else:
                self.unkeyed.append(concept)
        self.lengths = sorted({len(key) for key in self.by_key})
        self._surface_matchers: dict[str, LabelMatcher] = {}
        self._found: dict[str, frozenset[str]] = {}

    def candidates(self, folded_texts: Iterable[str]) -> set[str]:
        """Concepts whose label may occur in one of ``folded_texts`` (all others cannot)."""
        folding = _ascii_folding()
        found = set(self.unkeyed)
        for text in folded_texts:
            ascii_text = text.translate(folding)
            starts = [match.start() for match in _NOT_AFTER_WORD.finditer(text)]
            keys = {ascii_text[i : i + n] for i in starts for n in self.lengths}
            for key in keys & self.by_key.keys():
                found.update(
                    concept
                    for concept, heads in self.by_key[key]
                    if all(head in ascii_text for head in heads)
                )
        return found

    def concepts_in(self, folded_text: str) -> frozenset[str]:
        """The concepts whose label occurs in ``folded_text`` (each distinct text searched once)."""
        found = self._found.get(folded_text)
        if found is None:
            found = self._found[folded_text] = frozenset(
                concept
                for concept in self.candidates([folded_text])
                if self.matchers[concept].search(folded_text)
            )
        return found

    def surface_matcher(self, surface: str) -> LabelMatcher:
        """The matcher of a mention's surface form (built once per surface)."""
        matcher = self._surface_matchers.get(surface)
        if matcher is None:
            matcher = self._surface_matchers[surface] = LabelMatcher.of(surface)
        return matcher


# --- nodes ------------------------------------------------------------------------------------


def _document_nodes(corpus: Corpus) -> dict[str, Attributes]:
    nodes = {}
    for result in corpus.results:
        doc = result.document
        nodes[node_id("document", doc.id)] = _attributes(
            {
                "kind": "document",
                "label": doc.title or doc.id,
                "doc_id": doc.id,
                "title": doc.title,
                "year": doc.year,
                "authors": list(doc.authors),
                "path": doc.path,
                "format": doc.format,
                "genre": doc.genre,
                "n_words": doc.n_words,
                "n_citations": len(result.citations),
                "n_hypotheses": len(result.hypotheses),
            }
        )
    return nodes


def _work_nodes(corpus: Corpus) -> dict[str, Attributes]:
    nodes = {}
    for work in corpus.works:
        nodes[node_id("work", work.key)] = _attributes(
            {
                "kind": "work",
                "label": work_label(work),
                "key": work.key,
                "authors": [f"{a.family}, {a.given}".strip(", ") for a in work.authors],
                "year": work.year,
                "title": work.title,
                "container": work.container,
                "volume": work.volume,
                "issue": work.issue,
                "pages": work.pages,
                "publisher": work.publisher,
                "place": work.place,
                "doi": work.doi,
                "url": work.url,
                "type": work.type,
                "reference": work_reference(work),
                "n_citations": work.n_citations,
                "n_docs": len(set(work.docs)),
            }
        )
    return nodes


def _definitions_by_term(corpus: Corpus) -> dict[str, list[tuple[str, str]]]:
    """Folded term -> sorted (doc, sentence) pairs of every definition in the corpus."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for result in corpus.results:
        for definition in result.definitions:
            found[fold(definition.term)].append((definition.doc, _one_line(definition.text)))
    return {term: sorted(pairs) for term, pairs in found.items()}


def _concept_nodes(corpus: Corpus) -> dict[str, Attributes]:
    definitions = _definitions_by_term(corpus)
    nodes = {}
    for concept in corpus.concepts:
        defined = definitions.get(fold(concept.label)) or definitions.get(fold(concept.id)) or []
        nodes[node_id("concept", concept.id)] = _attributes(
            {
                "kind": "concept",
                "label": concept.label,
                "concept_id": concept.id,
                "source": concept.source,
                "n_docs": concept.n_docs,
                "count": concept.count,
                "signals": list(concept.positions),
                "definition": defined[0][1] if defined else None,
                "definition_doc": defined[0][0] if defined else None,
            }
        )
    return nodes


def _hypothesis_nodes(corpus: Corpus) -> dict[str, Attributes]:
    nodes = {}
    for result in corpus.results:
        for hyp in result.hypotheses:
            label = f"{hyp.cause} → {hyp.effect}" if hyp.cause and hyp.effect else hyp.text
            nodes[node_id("hypothesis", hyp.id)] = _attributes(
                {
                    "kind": "hypothesis",
                    "label": _truncate(label),
                    "text": _one_line(hyp.text),
                    "cause": hyp.cause,
                    "effect": hyp.effect,
                    "direction": hyp.direction,
                    "condition": hyp.condition,
                    "hedged": hyp.hedged,
                    "doc": hyp.doc,
                    "start": hyp.start,
                    "end": hyp.end,
                    "theory": hyp.theory,
                    "attributed": list(hyp.attributed),
                }
            )
    return nodes


def _position_nodes(corpus: Corpus) -> dict[str, Attributes]:
    nodes = {}
    for position in corpus.positions:
        nodes[node_id("position", position.id)] = _attributes(
            {
                "kind": "position",
                "label": position.label,
                "top_terms": list(position.top_terms),
                "known_position": position.known_position,
                "confidence": float(position.confidence),
                "n_passages": position.n_passages,
                "n_docs": len(position.docs),
            }
        )
    return nodes


def _model_nodes(corpus: Corpus, models: Sequence[Mapping[str, Any]]) -> dict[str, Attributes]:
    nodes: dict[str, Attributes] = {}
    for model in models:
        name = str(model["name"])
        nodes[node_id("model", name)] = _attributes(
            {
                "kind": "model",
                "label": str(model.get("label") or name),
                "model_id": name,
                "theory": model.get("theory"),
                "works": [str(work) for work in model.get("works", [])],
            }
        )
    for link in corpus.links:
        if (node := node_id("model", link.model)) not in nodes:
            nodes[node] = _attributes(
                {"kind": "model", "label": link.model, "model_id": link.model}
            )
    return nodes


# --- edges ------------------------------------------------------------------------------------


def _node_ids(kind: str, keys: Iterable[str]) -> dict[str, str]:
    """Key -> graph id of each record of one kind that ``keys`` name, made once per key."""
    return {key: node_id(kind, key) for key in set(keys)}


def _edge(source: str, target: str, kind: str, weight: float = 1.0, **extra: Any) -> EdgeTuple:
    """One edge; its key is the kind (plus the role for ``involves``) so keys are readable."""
    key = sys.intern(f"{kind}:{extra['role']}") if "role" in extra else kind
    extra["kind"], extra["weight"] = kind, float(weight)
    return source, target, key, _attributes(extra)


@cache
def _plain_edge(kind: str, role: str | None = None) -> tuple[str, Mapping[str, Any]]:
    """The key and attributes, shared and read-only, of every edge of weight 1 of a kind (and
    role) that carries nothing else."""
    _, _, key, data = _edge("", "", kind, **({"role": role} if role else {}))
    return key, MappingProxyType(data)


def _cites_edges(corpus: Corpus) -> list[EdgeTuple]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for result in corpus.results:
        doc = result.document.id
        for citation in result.citations:
            if citation.work:
                counts[(doc, citation.work)] += 1
        for reference in result.references:
            if reference.work:
                counts.setdefault((doc, reference.work), 0)
    for work in corpus.works:
        for doc in work.docs:
            counts.setdefault((doc, work.key), 0)
    return [
        _edge(
            node_id("document", doc), node_id("work", work), "cites", max(count, 1), n_in_text=count
        )
        for (doc, work), count in counts.items()
    ]


def _mentions_edges(corpus: Corpus) -> list[EdgeTuple]:
    counts: dict[tuple[str, str], float] = defaultdict(float)
    for result in corpus.results:
        for mention in result.mentions:
            counts[(mention.doc, mention.concept)] += 1
    scores: dict[tuple[str, str], float] = {}
    for doc_concept in corpus.doc_concepts:
        counts[(doc_concept.doc, doc_concept.concept)] = float(doc_concept.count)
        scores[(doc_concept.doc, doc_concept.concept)] = float(doc_concept.score)
    docs = _node_ids("document", (doc for doc, _ in counts))
    concepts = _node_ids("concept", (concept for _, concept in counts))
    return [
        _edge(docs[doc], concepts[concept], "mentions", count, score=scores.get((doc, concept)))
        for (doc, concept), count in counts.items()
    ]


def _co_occurs_edges(corpus: Corpus) -> list[EdgeTuple]:
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for pair in corpus.cooccurrences:
        if pair.a != pair.b:
            a, b = sorted((pair.a, pair.b))
            weights[(a, b)] += pair.weight
    return [
        _edge(node_id("concept", a), node_id("concept", b), "co_occurs", weight)
        for (a, b), weight in weights.items()
    ]


def _hypothesis_edges(
    corpus: Corpus, matchers: MatcherIndex, work_index: WorkIndex
) -> list[EdgeTuple]:
    """states, involves and attributed_to edges of every hypothesis."""
    works_by_key = {work.key: work for work in corpus.works}
    works_by_doc: dict[str, set[str]] = defaultdict(set)
    for work in corpus.works:
        for doc in work.docs:
            works_by_doc[doc].add(work.key)
    concepts = _node_ids("concept", matchers.matchers)
    edges: list[EdgeTuple] = []
    for result in corpus.results:
        doc = result.document.id
        doc_works = (
            works_by_doc[doc]
            | {c.work for c in result.citations if c.work}
            | {r.work for r in result.references if r.work}
        )
        local_works = [works_by_key[key] for key in sorted(doc_works) if key in works_by_key]
        mentions = _MentionSpans(result.mentions)
        for hyp in result.hypotheses:
            hyp_node = node_id("hypothesis", hyp.id)
            edges.append((node_id("document", doc), hyp_node, *_plain_edge("states")))
            inside = mentions.inside(hyp.start, hyp.end)
            edges.extend(_involves_edges(hyp_node, hyp, inside, matchers, concepts))
            for attributed in hyp.attributed:
                work = works_by_key.get(attributed) or match_work(attributed, local_works)
                work = work or work_index.match(attributed)
                if work is not None:
                    edges.append(
                        _edge(hyp_node, node_id("work", work.key), "attributed_to", text=attributed)
                    )
    return edges


class _MentionSpans:
    """The concept mentions of one document in span order, to find those inside a span."""

    def __init__(self, mentions: Iterable[ConceptMention]) -> None:
        self.mentions = sorted(mentions, key=lambda mention: mention.start)
        self.starts = [mention.start for mention in self.mentions]

    def inside(self, start: int, end: int) -> list[ConceptMention]:
        """The mentions that lie within ``start``–``end``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_right(self.starts, end)
        return [mention for mention in self.mentions[first:last] if mention.end <= end]


def _involves_edges(
    hyp_node: str,
    hyp: Hypothesis,
    mentions: Iterable[ConceptMention],
    matchers: MatcherIndex,
    concept_nodes: Mapping[str, str],
) -> list[EdgeTuple]:
    """involves edges from a hypothesis to its concepts, one per role the concept plays.

    The concepts are those the hypothesis lists, those mentioned inside its sentence
    (``mentions``), and those whose label appears in its cause, effect or condition. A listed
    or mentioned concept found in none of the three parts gets role "other".
    ``concept_nodes`` maps each concept of ``matchers`` to its graph id.
    """
    known = matchers.matchers
    surfaces: dict[str, set[str]] = {concept: set() for concept in hyp.concepts if concept in known}
    for mention in mentions:
        if mention.concept in known:
            surfaces.setdefault(mention.concept, set()).add(mention.surface)
    parts = [(role, part) for role in HYPOTHESIS_ROLES if (part := fold(getattr(hyp, role) or ""))]
    labelled = [(role, part, matchers.concepts_in(part)) for role, part in parts]
    edges = []
    for concept in sorted(set(surfaces).union(*(found for *_, found in labelled))):
        named = surfaces.get(concept, ())
        roles = [
            role
            for role, part, found in labelled
            if concept in found or any(matchers.surface_matcher(s).search(part) for s in named)
        ]
        if not roles and concept in surfaces:
            roles = ["other"]
        target = concept_nodes[concept]
        edges += [(hyp_node, target, *_plain_edge("involves", role)) for role in roles]
    return edges


def _in_position_edges(corpus: Corpus) -> list[EdgeTuple]:
    edges = []
    for position in corpus.positions:
        for doc, weight in position.docs.items():
            edges.append(
                _edge(
                    node_id("document", doc),
                    node_id("position", position.id),
                    "in_position",
                    weight,
                )
            )
    passages_by_doc = defaultdict(list)
    for passage in corpus.passages:
        passages_by_doc[passage.doc].append(passage)
    for result in corpus.results:
        for hyp in result.hypotheses:
            weights: dict[str, float] = {}
            for passage in passages_by_doc[hyp.doc]:
                if passage.start < hyp.end and hyp.start < passage.end:
                    weights[passage.position] = max(
                        weights.get(passage.position, 0.0), passage.weight
                    )
            edges.extend(
                _edge(
                    node_id("hypothesis", hyp.id), node_id("position", pos), "in_position", weight
                )
                for pos, weight in weights.items()
            )
    return edges


def _model_edges(
    corpus: Corpus, models: Sequence[Mapping[str, Any]], work_index: WorkIndex
) -> list[EdgeTuple]:
    """formalised_by (hypothesis→model) and implements (model→work) edges."""
    edges = [
        _edge(
            node_id("hypothesis", link.hypothesis),
            node_id("model", link.model),
            "formalised_by",
            link.score,
            score=float(link.score),
            verdict=link.verdict,
            prediction=link.prediction,
            params=dict(link.params) or None,
        )
        for link in corpus.links
    ]
    for model in models:
        for cited in model.get("works", []):
            work = work_index.match(str(cited))
            if work is not None:
                edges.append(
                    _edge(
                        node_id("model", str(model["name"])),
                        node_id("work", work.key),
                        "implements",
                        text=str(cited),
                    )
                )
    return edges


# --- dominant positions ---------------------------------------------------------------------


def _spread(scores: Iterable[tuple[str, float]], factor: float, into: dict[str, float]) -> None:
    """Add ``factor`` times each (position, score) of ``scores`` to ``into``."""
    for position, score in scores:
        into[position] = into.get(position, 0.0) + factor * score


def _dominant_positions(
    nodes: Mapping[str, Attributes], edges: Sequence[EdgeTuple]
) -> dict[str, tuple[str, float]]:
    """Node -> (position node, share of its position mass) for every node with a position.

    ``edges`` are in sorted order. Positions score themselves; documents and hypotheses score
    their in_position weights; hypotheses without one take those of the documents stating
    them; cited works, mentioned concepts and formalising models take those of their sources.
    """
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    for node, data in nodes.items():
        if data["kind"] == "position":
            scores[node][node] = 1.0
    stating: list[EdgeTuple] = []
    spreading: list[EdgeTuple] = []
    for edge in edges:
        kind = edge[3]["kind"]
        if kind == "in_position":
            mix = scores[edge[0]]
            mix[edge[1]] = mix.get(edge[1], 0.0) + edge[3]["weight"]
        elif kind == "states":
            stating.append(edge)
        elif kind in {"cites", "mentions", "formalised_by"}:
            spreading.append(edge)
    for source, target, _, _ in stating:
        if not scores.get(target) and (mix := scores.get(source)):
            _spread(sorted(mix.items()), 1.0, scores[target])
    ordered: dict[str, list[tuple[str, float]]] = {}  # a node's sorted scores while unchanged
    for source, target, _, data in spreading:
        if source not in ordered:
            ordered[source] = sorted(scores.get(source, {}).items())
        if ordered[source]:
            weight = 1.0 if data["kind"] == "formalised_by" else data["weight"]
            _spread(ordered[source], weight, scores[target])
            ordered.pop(target, None)
    dominant = {}
    for node, mix in scores.items():
        total = sum(mix.values())
        if total > 0:
            best = min(mix, key=lambda position: (-mix[position], position))
            dominant[node] = (best, round(mix[best] / total, 4))
    return dominant


# --- assembly ---------------------------------------------------------------------------------


def registered_models() -> list[dict[str, Any]]:
    """Name, label, theory and works of every runnable model in the model registry."""
    from analyser.models.registry import all_models  # imported late: it loads the model stack

    return [
        {"name": m.name, "label": m.title, "theory": m.theory, "works": list(m.works)}
        for m in all_models()
    ]


def build_graph(
    corpus: Corpus, models: Sequence[Mapping[str, Any]] | None = None
) -> nx.MultiDiGraph:
    """The citation + concept graph of ``corpus``.

    ``models`` describes the runnable models (dicts with name, label, theory, works); None
    means the model registry, ``[]`` none. Models named only by ``corpus.links`` get a bare
    node. Edges whose ends are not nodes are dropped.
    """
    models = registered_models() if models is None else models
    models = sorted(models, key=lambda model: str(model["name"]))
    with collector_paused():
        nodes: dict[str, Attributes] = {}
        for part in (
            _document_nodes(corpus),
            _work_nodes(corpus),
            _concept_nodes(corpus),
            _hypothesis_nodes(corpus),
            _position_nodes(corpus),
            _model_nodes(corpus, models),
        ):
            nodes.update(part)
        matchers = MatcherIndex({concept.id: concept.label for concept in corpus.concepts})
        work_index = WorkIndex(corpus.works)
        edges = _unique_edges(
            nodes,
            _cites_edges(corpus),
            _mentions_edges(corpus),
            _co_occurs_edges(corpus),
            _hypothesis_edges(corpus, matchers, work_index),
            _in_position_edges(corpus),
            _model_edges(corpus, models, work_index),
        )
        return _assembled(nodes, edges)


def _assembled(nodes: dict[str, Attributes], edges: list[EdgeTuple]) -> nx.MultiDiGraph:
    """The graph of ``nodes`` (emptied) and sorted ``edges``, each node with its dominant
    position."""
    dominant = _dominant_positions(nodes, edges)
    graph = nx.MultiDiGraph(name="analyser citation and concept graph")
    for node in sorted(nodes):
        attributes = nodes.pop(node)
        if node in dominant:
            attributes["position"], attributes["position_share"] = dominant[node]
        graph.add_node(node, **attributes)
    for source, target, key, data in _consumed(edges):
        graph.add_edge(source, target, key, **data)
    return graph


def _consumed(edges: list[EdgeTuple]) -> Iterator[EdgeTuple]:
    """The edges in order, each dropped from ``edges`` once yielded (so the graph can take the
    memory they held)."""
    edges.reverse()
    while edges:
        yield edges.pop()


def _unique_edges(nodes: Mapping[str, Attributes], *parts: list[EdgeTuple]) -> list[EdgeTuple]:
    """The edges between ``nodes``, the first of each (source, target, key), sorted."""
    unique: dict[tuple[str, str, str], EdgeTuple] = {}
    for part in parts:
        for edge in part:
            if edge[0] in nodes and edge[1] in nodes:
                unique.setdefault(edge[:3], edge)
    return [unique[ends] for ends in sorted(unique)]


def nodes_of_kind(graph: nx.MultiDiGraph, kind: str) -> list[str]:
    """The sorted ids of the nodes of one kind."""
    return sorted(node for node, data in graph.nodes(data=True) if data["kind"] == kind)


def edges_of_kind(graph: nx.MultiDiGraph, kind: str) -> list[tuple[str, str, Attributes]]:
    """The (source, target, data) triples of the edges of one kind, sorted."""
    return sorted(
        ((u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == kind),
        key=lambda edge: (edge[0], edge[1], edge[2].get("role", "")),
    )
