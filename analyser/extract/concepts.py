"""Concept mentions (lexicon matches) and key-term candidates of one document."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from analyser.lexicon import DiscoveryWords, Lexicon, concept_key, load_discovery_words
from analyser.lexicon.normalise import concept_word_key, is_acronym
from analyser.nlp import ParsedParagraph
from analyser.records import ConceptMention, Document

JOINERS = frozenset({"-", "‐", "‑", "‒", "–", "—", "/", "'s", "’s", "'", "’", "‘"})
HYPHENS = frozenset({"-", "‐", "‑"})
NAME_ENTITIES = frozenset(
    {"PERSON", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TIME", "MONEY", "PERCENT",
     "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE", "LAW", "WORK_OF_ART", "PRODUCT"}
)  # fmt: skip
LEADING_POS = frozenset(
    {"DET", "PRON", "NUM", "PUNCT", "PART", "ADP", "CCONJ", "SCONJ", "ADV", "AUX", "VERB", "SYM",
     "INTJ", "X", "SPACE"}
)  # fmt: skip
MAX_TERM_WORDS = 4
_URLISH = re.compile(r"https?://|www\.|\.(com|org|net|edu|io)\b|@")
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
_REFERENCE_ENTRY = re.compile(
    r"^\W{0,3}[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?,\s+(?:[A-Z][\w.\-]*\s*)+"
    r".*?\(?\b(1[5-9]\d\d|20\d\d)"
)
_SEGMENT_BREAKS = frozenset({",", ";", ":", "(", ")", "[", "]"})
_HEADING_MARKUP = re.compile(r"[#*_>`]|\([^()]*\d[^()]*\)")


# --------------------------------------------------------------------------- lexicon matching


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    concept: str | None = None


class ConceptMatcher:
    """A token trie over every label and variant of a lexicon (built once per lexicon).

    Matching skips hyphens, dashes, slashes and possessives inside a phrase, and a coordinated
    modifier ("weak and failing states" matches "weak states").
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.root = _Node()
        for concept in lexicon.concepts.values():
            for surface in concept.surfaces:
                node = self.root
                for key in concept_key(surface):
                    node = node.children.setdefault(key, _Node())
                if node.concept is None or concept.id < node.concept:
                    node.concept = concept.id

    def matches(self, tokens: Sequence[Token]) -> Iterator[tuple[int, int, str]]:
        """Longest non-overlapping matches as (first token, last token, concept id)."""
        keys = [_token_keys(token) for token in tokens]
        starts = self.root.children.keys()
        i = 0
        while i < len(tokens):
            opens = keys[i] and not starts.isdisjoint(keys[i])
            best = self._longest(tokens, keys, i) if opens else None
            if best is None:
                i += 1
                continue
            yield best
            i = best[1] + 1

    def _longest(
        self, tokens: Sequence[Token], keys: list[frozenset[str] | None], first: int
    ) -> tuple[int, int, str] | None:
        best: tuple[int, int, str] | None = None
        frontier = [(self.root, first)]
        while frontier:
            node, j = frontier.pop()
            if j >= len(tokens):
                continue
            if keys[j] is None:
                if node is not self.root:
                    frontier.append((node, j + 1))
                continue
            if node is not self.root and _coordinated_modifier(tokens, j):
                frontier.append((node, j + 2))
            for key in sorted(keys[j]):
                child = node.children.get(key)
                if child is None:
                    continue
                if child.concept and _better(j, child.concept, best):
                    best = (first, j, child.concept)
                frontier.append((child, j + 1))
        return best


def _better(last: int, concept: str, best: tuple[int, int, str] | None) -> bool:
    """Longer matches win; among equally long ones, the smaller concept id (determinism)."""
    return best is None or last > best[1] or (last == best[1] and concept < best[2])


def _coordinated_modifier(tokens: Sequence[Token], j: int) -> bool:
    """True at 'and/or X' where X modifies the same head ("weak [and failing] states")."""
    if j + 2 >= len(tokens) or tokens[j].lower_ not in {"and", "or"}:
        return False
    return tokens[j + 1].pos_ in {"ADJ", "VERB"} and tokens[j + 2].is_alpha


def _token_keys(token: Token) -> frozenset[str] | None:
    """The keys a token may match; None for a joiner (hyphen, dash, slash, possessive)."""
    return _word_keys(token.text, token.lower_, token.lemma_, token.is_space)


@lru_cache(maxsize=65536)
def _word_keys(text: str, lower: str, lemma: str, is_space: bool) -> frozenset[str] | None:
    """``_token_keys`` of a token with this text, lower case, lemma and spacing."""
    if text in JOINERS:
        return None
    if is_space:
        return frozenset()
    keys = {concept_word_key(lower), concept_word_key(lemma.lower())}
    if is_acronym(text):
        keys.add(concept_word_key(text))
    keys.discard("")
    return frozenset(keys)


@lru_cache(maxsize=8)
def concept_matcher(lexicon: Lexicon) -> ConceptMatcher:
    """The matcher of a lexicon, cached on the (immutable) lexicon object."""
    return ConceptMatcher(lexicon)


def find_mentions(
    document: Document, parsed: list[ParsedParagraph], lexicon: Lexicon
) -> list[ConceptMention]:
    """Every lexicon concept named in the parsed paragraphs (and headings), sorted by position."""
    matcher = concept_matcher(lexicon)
    mentions = []
    for item in parsed:
        offset = item.paragraph.start
        tokens = list(item.parse)
        for first, last, concept in matcher.matches(tokens):
            start = offset + tokens[first].idx
            end = offset + tokens[last].idx + len(tokens[last])
            mentions.append(
                ConceptMention(
                    document.id, item.paragraph.index, start, end, concept,
                    document.text[start:end],
                )
            )  # fmt: skip
    return sorted(mentions, key=lambda m: (m.start, m.end, m.concept))


def parse_headings(nlp: Language, document: Document) -> list[ParsedParagraph]:
    """Parses of the document's headings, offsets kept: markup and citations blanked, Title Case
    lowered so that its words parse as common nouns."""
    headings = [p for p in document.paragraphs if p.kind == "heading"]
    texts = [heading_text(p.text) for p in headings]
    parses = nlp.pipe(texts, batch_size=64)
    return [ParsedParagraph(p, parse, None) for p, parse in zip(headings, parses, strict=True)]


def heading_text(text: str) -> str:
    """A heading as ``parse_headings`` parses it: markup and citations blanked; Title Case of
    three or more words lowered (two-word Title Case is more often a name than a topic)."""
    blanked = _HEADING_MARKUP.sub(lambda match: " " * len(match.group()), text)
    words = re.findall(r"[^\W\d_]+", blanked)
    long_words = [word for word in words if len(word) > 3]
    capitalised = sum(word[0].isupper() for word in long_words)
    title_case = len(words) >= 3 and capitalised >= max(2, 0.6 * len(long_words))
    lowered = blanked.lower()
    return lowered if title_case and len(lowered) == len(blanked) else blanked


# --------------------------------------------------------------------------- key-term candidates


def is_boilerplate_paragraph(parse: Sequence[Token], words: DiscoveryWords) -> bool:
    """Web furniture: links, addresses to the reader, or dense site/bibliographic vocabulary."""
    alpha = furniture = reader = links = 0
    for token in parse:
        if token.is_alpha:
            alpha += 1
            furniture += token.lemma_.lower() in words.boilerplate
            reader += token.lower_ in _SECOND_PERSON
        else:  # a link is never all letters
            links += _URLISH.search(token.text) is not None
    if not alpha:
        return True
    return (furniture + 2 * reader + 3 * links) / alpha >= 0.12


def reads_as_reference(text: str) -> bool:
    """A reference-list entry: 'Surname, Given ... (1999) ...' at the start of the paragraph."""
    return bool(_REFERENCE_ENTRY.match(text.strip()))


def _is_joiner(token: Token) -> bool:
    return token.text in JOINERS


def _is_name(token: Token) -> bool:
    named = token.pos_ == "PROPN" and token.ent_type_ in NAME_ENTITIES and not token.is_lower
    return named or is_acronym(token.text)


def _hyphen_bound(tokens: Sequence[Token], index: int) -> bool:
    """True when the token is glued by a hyphen to the next one ("three-player")."""
    following = index + 1 < len(tokens) and tokens[index + 1].text in HYPHENS
    return following and not tokens[index].whitespace_


def _vague(token: Token, words: DiscoveryWords) -> bool:
    return (
        token.lower_ in words.generic_modifiers or token.lemma_.lower() in words.generic_modifiers
    )


def _droppable(token: Token, words: DiscoveryWords) -> bool:
    """A word a term does not start with: function words, numbers, vague modifiers."""
    return token.pos_ in LEADING_POS or token.like_num or _vague(token, words)


def _strip_leading(tokens: list[Token], words: DiscoveryWords) -> list[Token]:
    first, last = 0, len(tokens)
    while first < last:
        token = tokens[first]
        if not (
            _is_joiner(token)
            or (_droppable(token, words) and not _hyphen_bound(tokens, first))
            or (last - first > 1 and _is_name(token))
        ):
            break
        first += 1
    while last > first and (_is_joiner(tokens[last - 1]) or tokens[last - 1].is_punct):
        last -= 1
    return tokens[first:last]


def _split_owner(tokens: list[Token]) -> list[list[Token]]:
    """A chunk split at possessive markers ("a prospective ally's cost" -> ally, cost)."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.tag_ == "POS":
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def noun_chunks(parse: Doc) -> list[Span]:
    """spaCy's noun chunks, rejoined where a hyphen split one word ("a non-signatory")."""
    merged: list[Span] = []
    for chunk in parse.noun_chunks:
        if all(token.text in HYPHENS for token in chunk):
            continue
        if merged and _hyphen_gap(parse, merged[-1], chunk):
            merged[-1] = parse[merged[-1].start : chunk.end]
        else:
            merged.append(chunk)
    return merged


def _hyphen_gap(parse: Doc, left: Span, right: Span) -> bool:
    if right.start - left.end != 1:
        return False
    gap = parse[left.end]
    if gap.text not in HYPHENS:
        return False
    return not parse[left.end - 1].whitespace_ and not gap.whitespace_


def _segments(chunk: Span) -> Iterator[list[Token]]:
    """The parts of a noun chunk split at conjunctions, commas and possessives."""
    segment: list[Token] = []
    for token in chunk:
        if token.text in _SEGMENT_BREAKS or token.pos_ == "CCONJ":
            yield from _split_owner(segment)
            segment = []
        else:
            segment.append(token)
    yield from _split_owner(segment)


def _word_count(tokens: Sequence[Token]) -> int:
    """Words of a term, a hyphenated compound counting as one."""
    texts = [token.text for token in tokens]
    return sum(
        1
        for i, text in enumerate(texts)
        if text not in JOINERS and not (i > 0 and texts[i - 1] in HYPHENS)
    )


def _acceptable(tokens: list[Token], words: DiscoveryWords) -> bool:
    content = [token for token in tokens if not _is_joiner(token)]
    if not content or content[-1].pos_ not in {"NOUN", "PROPN"}:
        return False
    if all(token.pos_ == "PROPN" for token in content) and not content[0].is_lower:
        return False
    last = len(content) - 1
    if not all(_term_word(token, at == last, words) for at, token in enumerate(content)):
        return False
    if len(content) == 1:
        word = content[0]
        return not (word.is_stop or word.lemma_.lower() in words.generic_nouns or len(word) < 4)
    return True


def _term_word(token: Token, last: bool, words: DiscoveryWords) -> bool:
    """Whether a term may hold this word (a number only before its last word)."""
    if not token.is_alpha or len(token.text) < 2:
        return False
    pos = token.pos_
    if pos in {"PRON", "DET"} or (pos == "NUM" and last) or _is_name(token):
        return False
    return token.lemma_.lower() not in words.boilerplate and token.lower_ not in words.boilerplate


def _head_form(token: Token) -> str:
    lower = token.lower_
    return lower if lower.endswith("ics") or is_acronym(token.text) else token.lemma_.lower()


def _glued(word: Token, hyphen: Token) -> bool:
    return hyphen.text in HYPHENS and not word.whitespace_ and not hyphen.whitespace_


def term_text(tokens: list[Token]) -> str:
    """A term in lower case, heads lemmatised ("weapon of mass destruction"), hyphens kept."""
    parts: list[str] = []
    for index, token in enumerate(tokens):
        if _is_joiner(token):
            continue
        is_head = index == len(tokens) - 1 or tokens[index + 1].pos_ == "ADP"
        form = _head_form(token) if is_head else token.lower_
        if parts and index > 1 and _glued(tokens[index - 2], tokens[index - 1]):
            parts[-1] = f"{parts[-1]}-{form}"
        else:
            parts.append(form)
    return " ".join(parts)


def _clean(tokens: list[Token], words: DiscoveryWords) -> list[Token] | None:
    tokens = _strip_leading(tokens, words)
    while _word_count(tokens) > MAX_TERM_WORDS:
        tokens = _strip_leading(tokens[1:], words)
    return tokens if _acceptable(tokens, words) else None


def _chunk_terms(chunk: Span, words: DiscoveryWords) -> Iterator[str]:
    """Terms of a noun chunk, plus the term without its first adjective ("parameter space")."""
    for segment in _segments(chunk):
        cleaned = _clean(segment, words)
        if not cleaned:
            continue
        yield term_text(cleaned)
        if cleaned[0].pos_ == "ADJ" and not _hyphen_bound(cleaned, 0) and _word_count(cleaned) > 1:
            shorter = _clean(cleaned[1:], words)
            if shorter and _word_count(shorter) > 1:
                yield term_text(shorter)


def _of_terms(chunks: list[Span], words: DiscoveryWords) -> Iterator[str]:
    """'X of Y' terms ("balance of power", "weapons of mass destruction") with a bare Y."""
    roots = [chunk.root for chunk in chunks]
    chunk_of = {root.i: chunk for root, chunk in zip(roots, chunks, strict=True)}
    for chunk, root in zip(chunks, roots, strict=True):
        for prep in root.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            objects = [child for child in prep.children if child.dep_ == "pobj"]
            if not objects or objects[0].i not in chunk_of:
                continue
            obj_chunk = chunk_of[objects[0].i]
            if any(token.pos_ in {"DET", "PRON"} or token.tag_ == "POS" for token in obj_chunk):
                continue
            head = _clean(list(chunk), words)
            tail = _clean(list(obj_chunk), words)
            if not head or not tail or len(tail) != len(obj_chunk) or head[-1] != root:
                continue
            if _word_count(head) + _word_count(tail) <= MAX_TERM_WORDS:
                yield f"{term_text(head)} of {term_text(tail)}"


def _long_form(short: str, words: list[str]) -> int | None:
    """How many trailing ``words`` spell out ``short`` (Schwartz–Hearst matching), if any."""
    letters = [char.lower() for char in short.rstrip("s") if char.isalnum()]
    text = " ".join(words)
    position = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        char = letters[index]
        while position >= 0 and (
            text[position].lower() != char
            or (index == 0 and position > 0 and text[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return None
        position -= 1
    used = text[position + 1 :].split()
    return len(used) if len(used) >= 2 else None


def find_abbreviations(parsed: list[ParsedParagraph]) -> dict[str, str]:
    """Abbreviations defined as 'long form (ABBR)', mapped to their long-form term."""
    words = load_discovery_words()
    found: dict[str, str] = {}
    for item in parsed:
        parse = item.parse
        for i in _opening_brackets(parse):
            if not 1 <= i < len(parse) - 2:
                continue
            short = parse[i + 1]
            if parse[i + 2].text != ")" or not is_acronym(short.text):
                continue
            window = [t for t in parse[max(short.sent.start, i - 12) : i] if not _is_joiner(t)]
            n_words = _long_form(short.text, [t.text for t in window])
            cleaned = _clean(window[-n_words:], words) if n_words else None
            if cleaned and _word_count(cleaned) >= 2:
                found.setdefault(short.text.rstrip("s"), term_text(cleaned))
    return dict(sorted(found.items()))


def _opening_brackets(parse: Doc) -> list[int]:
    """The indices of the tokens "(" of ``parse``."""
    orth = parse.to_array(ORTH)
    return np.flatnonzero(orth == parse.vocab.strings["("]).tolist()


def _abbreviation_uses(parse: Doc, abbreviations: dict[str, str]) -> Iterator[str]:
    """The long form of every abbreviation used outside its own defining parentheses."""
    if not abbreviations:
        return
    for token in parse:
        long_form = abbreviations.get(token.text.rstrip("s"))
        if not long_form or not is_acronym(token.text):
            continue
        inside = 0 < token.i < len(parse) - 1 and parse[token.i - 1].text == "("
        if not (inside and parse[token.i + 1].text == ")"):
            yield long_form


def _is_prose(item: ParsedParagraph, words: DiscoveryWords) -> bool:
    if item.paragraph.kind == "meta" or reads_as_reference(item.paragraph.text):
        return False
    return not is_boilerplate_paragraph(item.parse, words)


def candidate_terms(parsed: list[ParsedParagraph]) -> dict[str, int]:
    """Key-term candidates of one document with their counts (lemmatised, lower case).

    Noun chunks stripped of determiners, pronouns, numbers, names and vague modifiers, 1-4
    words, boilerplate- and stopword-filtered; 'X of Y' terms; abbreviations counted under their
    long forms. Web furniture, metadata and reference-list entries are skipped. Pass heading
    parses (``parse_headings``) along with the body to count title terms too.
    """
    words = load_discovery_words()
    counts: Counter[str] = Counter()
    abbreviations = find_abbreviations(parsed)
    for item in parsed:
        if not _is_prose(item, words):
            continue
        chunks = noun_chunks(item.parse)
        counts.update(term for chunk in chunks for term in _chunk_terms(chunk, words))
        counts.update(_of_terms(chunks, words))
        counts.update(_abbreviation_uses(item.parse, abbreviations))
    for long_form in abbreviations.values():
        counts[long_form] = max(counts[long_form], 1)
    return dict(sorted(counts.items()))
