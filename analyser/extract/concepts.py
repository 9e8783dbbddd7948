"""Concept mentions (lexicon matches) and key-term candidates of one document."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

import numpy as np
from spacy.attrs import (
    ENT_TYPE,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_STOP,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import ADJ, ADP, CCONJ, DET, NOUN, NUM, PRON, PROPN
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from analyser.extract.years import YEAR_DIGITS
from analyser.lexicon import DiscoveryWords, Lexicon, concept_key, load_discovery_words
from analyser.lexicon.normalise import concept_word_key, is_acronym
from analyser.nlp import Chosen, ParsedParagraph, TokenStrings, parse_groups
from analyser.records import ConceptMention, Document

JOINERS = frozenset({"-", "‐", "‑", "‒", "–", "—", "/", "'s", "’s", "'", "’", "‘"})
HYPHENS = frozenset({"-", "‐", "‑"})
NAME_ENTITIES = frozenset(
    map(get_string_id, ["PERSON", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TIME", "MONEY",
     "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE", "LAW", "WORK_OF_ART", "PRODUCT"])
)  # fmt: skip
"""The ids of the entity labels that mark a name."""
LEADING_POS = frozenset(
    map(get_string_id, ["DET", "PRON", "NUM", "PUNCT", "PART", "ADP", "CCONJ", "SCONJ", "ADV",
     "AUX", "VERB", "SYM", "INTJ", "X", "SPACE"])
)  # fmt: skip
"""The ids of the parts of speech a term never starts with."""
_POSSESSIVE_TAG = get_string_id("POS")
_NOUNS = frozenset({NOUN, PROPN})
_DETERMINERS = frozenset({DET, PRON})
_is_acronym = lru_cache(maxsize=65536)(is_acronym)  # asked of the same words again and again
MAX_TERM_WORDS = 4
_URLISH = re.compile(r"https?://|www\.|\.(com|org|net|edu|io)\b|@")
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
_REFERENCE_ENTRY = re.compile(
    r"^\W{0,3}[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?,\s+(?:[A-Z][\w.\-]*\s*)+"
    rf".*?\(?\b({YEAR_DIGITS})"
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

    def matches(self, parse: Doc) -> Iterator[tuple[int, int, str]]:
        """Longest non-overlapping matches as (first token, last token, concept id)."""
        reading = _KeyReading.of(parse)
        starts = self.root.children.keys()
        after = 0  # the first token a match may start at
        for i, keys in enumerate(reading.keys):
            if i < after or not keys or starts.isdisjoint(keys):
                continue
            best = self._longest(parse, reading, i)
            if best is not None:
                yield best
                after = best[1] + 1

    def _longest(self, parse: Doc, reading: _KeyReading, first: int) -> tuple[int, int, str] | None:
        keys = reading.keys
        best: tuple[int, int, str] | None = None
        frontier = [(self.root, first)]
        while frontier:
            node, j = frontier.pop()
            if j >= len(keys):
                continue
            if keys[j] is None:
                if node is not self.root:
                    frontier.append((node, j + 1))
                continue
            if node is not self.root and j in reading.coordinators and _modifies(parse, j):
                frontier.append((node, j + 2))
            for key in keys[j]:
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


def _modifies(parse: Doc, j: int) -> bool:
    """True when "and/or" ``parse[j]`` joins a modifier of the same head ("weak [and failing]
    states")."""
    if j + 2 >= len(parse):
        return False
    return parse[j + 1].pos_ in {"ADJ", "VERB"} and parse[j + 2].is_alpha


class _KeyReading(NamedTuple):
    """What the matcher reads of a parse: each token's keys, and where "and"/"or" stand."""

    keys: list[tuple[str, ...] | None]
    coordinators: set[int]

    @classmethod
    def of(cls, parse: Doc) -> _KeyReading:
        """The reading of ``parse``, from one array of hashes."""
        orths, lemmas, lowers = parse.to_array([ORTH, LEMMA, LOWER]).T.tolist()
        keys = list(map(_word_keys, orths, lemmas, repeat(parse.vocab)))
        and_or = {parse.vocab.strings[word] for word in ("and", "or")}
        return cls(keys, {i for i, lower in enumerate(lowers) if lower in and_or})


@lru_cache(maxsize=65536)
def _word_keys(orth: int, lemma: int, vocab: Vocab) -> tuple[str, ...] | None:
    """The keys (sorted) a token of this word and lemma (hashes in ``vocab``) may match; None
    for a joiner (hyphen, dash, slash, possessive)."""
    word = vocab[orth]
    if word.orth_ in JOINERS:
        return None
    if word.is_space:
        return ()
    keys = {concept_word_key(word.lower_), concept_word_key(vocab.strings[lemma].lower())}
    if is_acronym(word.orth_):
        keys.add(concept_word_key(word.orth_))
    keys.discard("")
    return tuple(sorted(keys))


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
        parse = item.parse
        for first, last, concept in matcher.matches(parse):
            start, last_token = offset + parse[first].idx, parse[last]
            end = offset + last_token.idx + len(last_token)
            mentions.append(
                ConceptMention(
                    document.id, item.paragraph.index, start, end, concept,
                    document.text[start:end],
                )
            )  # fmt: skip
    return sorted(mentions, key=lambda m: (m.start, m.end, m.concept))


def headings(document: Document) -> Chosen:
    """The document's headings, to be parsed as ``heading_text`` reads them."""
    return [(p, None) for p in document.paragraphs if p.kind == "heading"]


def parse_headings(nlp: Language, document: Document) -> list[ParsedParagraph]:
    """Parses of the document's headings, offsets kept: markup and citations blanked, Title Case
    lowered so that its words parse as common nouns."""
    return parse_groups(nlp, [headings(document)], [heading_text])[0]


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


class _Word(NamedTuple):
    """What the term finder reads of a token, taken for a whole paragraph from one array (each
    attribute read off a spaCy token is a slow call)."""

    i: int
    text: str
    lower: str
    lemma: str  # in lower case
    pos: int  # the ids of spaCy's labels (``spacy.symbols``, ``get_string_id``)
    tag: int
    ent_type: int
    spaced: int  # 1 when followed by whitespace, else 0 (so are the flags below)
    is_alpha: int
    is_lower: int
    is_punct: int
    is_stop: int
    like_num: int


_STRING_ATTRIBUTES = [ORTH, LOWER, LEMMA]
_ID_ATTRIBUTES = [POS, TAG, ENT_TYPE, SPACY, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_STOP, LIKE_NUM]


def _words_of(parse: Doc, strings: TokenStrings) -> list[_Word]:
    """Every token of ``parse`` as a ``_Word``, read from one array."""
    texts, lowers, lemmas, *ids = parse.to_array(_STRING_ATTRIBUTES + _ID_ATTRIBUTES).T.tolist()
    store = parse.vocab.strings
    texts, lowers, lemmas = (strings.of(column, store) for column in (texts, lowers, lemmas))
    lemmas = list(map(str.lower, lemmas))
    rows = zip(range(len(texts)), texts, lowers, lemmas, *ids, strict=True)
    return list(map(_Word._make, rows))


def _is_boilerplate(tokens: Sequence[_Word], words: DiscoveryWords) -> bool:
    """Web furniture: links, addresses to the reader, or dense site/bibliographic vocabulary."""
    alpha = furniture = reader = links = 0
    for token in tokens:
        if token.is_alpha:
            alpha += 1
            furniture += token.lemma in words.boilerplate
            reader += token.lower in _SECOND_PERSON
        else:  # a link is never all letters
            links += _URLISH.search(token.text) is not None
    if not alpha:
        return True
    return (furniture + 2 * reader + 3 * links) / alpha >= 0.12


def reads_as_reference(text: str) -> bool:
    """A reference-list entry: 'Surname, Given ... (1999) ...' at the start of the paragraph."""
    return bool(_REFERENCE_ENTRY.match(text.strip()))


def _is_name(token: _Word) -> bool:
    named = token.pos == PROPN and token.ent_type in NAME_ENTITIES and not token.is_lower
    return named or _is_acronym(token.text)


def _hyphen_bound(tokens: Sequence[_Word], index: int) -> bool:
    """True when the token is glued by a hyphen to the next one ("three-player")."""
    following = index + 1 < len(tokens) and tokens[index + 1].text in HYPHENS
    return following and not tokens[index].spaced


def _droppable(token: _Word, words: DiscoveryWords) -> bool:
    """A word a term does not start with: function words, numbers, vague modifiers."""
    if token.pos in LEADING_POS or token.like_num:
        return True
    return token.lower in words.generic_modifiers or token.lemma in words.generic_modifiers


def _strip_leading(tokens: list[_Word], words: DiscoveryWords) -> list[_Word]:
    first, last = 0, len(tokens)
    while first < last:
        token = tokens[first]
        if not (
            token.text in JOINERS
            or (_droppable(token, words) and not _hyphen_bound(tokens, first))
            or (last - first > 1 and _is_name(token))
        ):
            break
        first += 1
    while last > first and (tokens[last - 1].text in JOINERS or tokens[last - 1].is_punct):
        last -= 1
    return tokens[first:last]


def _noun_chunks(parse: Doc, tokens: list[_Word]) -> list[tuple[int, int]]:
    """spaCy's noun chunks of ``parse`` (whose tokens are ``tokens``) as (start, end) token
    ranges, rejoined where a hyphen split one word ("a non-signatory")."""
    merged: list[tuple[int, int]] = []
    for start, end in _noun_chunk_ranges(parse):
        chunk = tokens[start:end]
        if chunk[-1].text in HYPHENS and all(token.text in HYPHENS for token in chunk):
            continue  # hyphens read as a noun
        if merged and _hyphen_gap(tokens, merged[-1][1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _noun_chunk_ranges(parse: Doc) -> Iterator[tuple[int, int]]:
    """The token ranges of ``parse.noun_chunks``, read without making a Span of each."""
    if parse.noun_chunks_iterator is None:
        raise NotImplementedError(f"no noun chunks for language {parse.lang_!r}")
    for start, end, _ in parse.noun_chunks_iterator(parse):
        yield start, end


def _hyphen_gap(tokens: list[_Word], left_end: int, right_start: int) -> bool:
    """True when a hyphen glued to both neighbours is all that separates two chunks."""
    if right_start - left_end != 1:
        return False
    gap = tokens[left_end]
    return gap.text in HYPHENS and not tokens[left_end - 1].spaced and not gap.spaced


def _segments(chunk: list[_Word]) -> list[list[_Word]]:
    """The parts of a noun chunk split at conjunctions, commas and possessive markers ("a
    prospective ally's cost" -> ally, cost)."""
    parts: list[list[_Word]] = [[]]
    for token in chunk:
        if token.text in _SEGMENT_BREAKS or token.pos == CCONJ or token.tag == _POSSESSIVE_TAG:
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def _word_count(tokens: Sequence[_Word]) -> int:
    """Words of a term, a hyphenated compound counting as one (never more than its tokens)."""
    texts = [token.text for token in tokens]
    return sum(
        1
        for i, text in enumerate(texts)
        if text not in JOINERS and not (i > 0 and texts[i - 1] in HYPHENS)
    )


def _acceptable(tokens: list[_Word], words: DiscoveryWords) -> bool:
    content = [token for token in tokens if token.text not in JOINERS]
    if not content or content[-1].pos not in _NOUNS:
        return False
    if not content[0].is_lower and all(token.pos == PROPN for token in content):
        return False
    last = len(content) - 1
    if not all(_term_word(token, at == last, words) for at, token in enumerate(content)):
        return False
    if len(content) == 1:
        word = content[0]
        return not (word.is_stop or word.lemma in words.generic_nouns or len(word.text) < 4)
    return True


def _term_word(token: _Word, last: bool, words: DiscoveryWords) -> bool:
    """Whether a term may hold this word (a number only before its last word)."""
    if not token.is_alpha or len(token.text) < 2:
        return False
    pos = token.pos
    if pos in _DETERMINERS or (pos == NUM and last) or _is_name(token):
        return False
    return token.lemma not in words.boilerplate and token.lower not in words.boilerplate


def _head_form(token: _Word) -> str:
    lower = token.lower
    return lower if lower.endswith("ics") or _is_acronym(token.text) else token.lemma


def _glued(word: _Word, hyphen: _Word) -> bool:
    return hyphen.text in HYPHENS and not word.spaced and not hyphen.spaced


def _term_text(tokens: list[_Word]) -> str:
    """A term in lower case, heads lemmatised ("weapon of mass destruction"), hyphens kept."""
    parts: list[str] = []
    for index, token in enumerate(tokens):
        if token.text in JOINERS:
            continue
        is_head = index == len(tokens) - 1 or tokens[index + 1].pos == ADP
        form = _head_form(token) if is_head else token.lower
        if parts and index > 1 and _glued(tokens[index - 2], tokens[index - 1]):
            parts[-1] = f"{parts[-1]}-{form}"
        else:
            parts.append(form)
    return " ".join(parts)


def _clean(tokens: list[_Word], words: DiscoveryWords) -> list[_Word] | None:
    tokens = _strip_leading(tokens, words)
    while len(tokens) > MAX_TERM_WORDS and _word_count(tokens) > MAX_TERM_WORDS:
        tokens = _strip_leading(tokens[1:], words)
    return tokens if _acceptable(tokens, words) else None


def _chunk_terms(chunk: list[_Word], words: DiscoveryWords) -> Iterator[str]:
    """Terms of a noun chunk, plus the term without its first adjective ("parameter space")."""
    for segment in _segments(chunk):
        cleaned = _clean(segment, words)
        if not cleaned:
            continue
        yield _term_text(cleaned)
        if cleaned[0].pos == ADJ and not _hyphen_bound(cleaned, 0) and _word_count(cleaned) > 1:
            shorter = _clean(cleaned[1:], words)
            if shorter and len(shorter) > 1 and _word_count(shorter) > 1:
                yield _term_text(shorter)


def _of_terms(
    parse: Doc, tokens: list[_Word], chunks: list[tuple[int, int]], words: DiscoveryWords
) -> Iterator[str]:
    """'X of Y' terms ("balance of power", "weapons of mass destruction") with a bare Y, from
    the noun chunks ``chunks`` of ``parse`` (whose tokens are ``tokens``)."""
    starts = [start for start, _ in chunks]
    for prep in (parse[token.i] for token in tokens if token.lower == "of"):
        if prep.dep_ != "prep":
            continue
        root = prep.head.i
        owner = _chunk_rooted_at(parse, chunks, starts, root)
        objects = [child for child in prep.children if child.dep_ == "pobj"]
        if owner is None or not objects:
            continue
        owned = _chunk_rooted_at(parse, chunks, starts, objects[0].i)
        if owned is None:
            continue
        chunk, obj_chunk = tokens[slice(*owner)], tokens[slice(*owned)]
        if any(token.pos in _DETERMINERS or token.tag == _POSSESSIVE_TAG for token in obj_chunk):
            continue
        head = _clean(chunk, words)
        tail = _clean(obj_chunk, words)
        if not head or not tail or len(tail) != len(obj_chunk) or head[-1].i != root:
            continue
        if _word_count(head) + _word_count(tail) <= MAX_TERM_WORDS:
            yield f"{_term_text(head)} of {_term_text(tail)}"


def _chunk_rooted_at(
    parse: Doc, chunks: list[tuple[int, int]], starts: list[int], index: int
) -> tuple[int, int] | None:
    """The chunk of ``chunks`` (which start at ``starts``) whose root is token ``index``."""
    position = bisect_right(starts, index) - 1
    if position < 0:
        return None
    start, end = chunks[position]
    return chunks[position] if index < end and Span(parse, start, end).root.i == index else None


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
    strings = TokenStrings()
    found: dict[str, str] = {}
    for item in parsed:
        parse = item.parse
        tokens: list[_Word] = []  # read at the paragraph's first "(ABBR)"
        for i in _opening_brackets(parse):
            if not 1 <= i < len(parse) - 2:
                continue
            short = parse[i + 1]
            if parse[i + 2].text != ")" or not is_acronym(short.text):
                continue
            tokens = tokens or _words_of(parse, strings)
            window = [t for t in tokens[max(short.sent.start, i - 12) : i] if t.text not in JOINERS]
            n_words = _long_form(short.text, [t.text for t in window])
            cleaned = _clean(window[-n_words:], words) if n_words else None
            if cleaned and _word_count(cleaned) >= 2:
                found.setdefault(short.text.rstrip("s"), _term_text(cleaned))
    return dict(sorted(found.items()))


def _opening_brackets(parse: Doc) -> list[int]:
    """The indices of the tokens "(" of ``parse``."""
    orth = parse.to_array(ORTH)
    return np.flatnonzero(orth == parse.vocab.strings["("]).tolist()


def _abbreviation_uses(tokens: list[_Word], abbreviations: dict[str, str]) -> Iterator[str]:
    """The long form of every abbreviation used outside its own defining parentheses."""
    if not abbreviations:
        return
    for token in tokens:
        long_form = abbreviations.get(token.text.rstrip("s"))
        if not long_form or not is_acronym(token.text):
            continue
        i = token.i
        inside = 0 < i < len(tokens) - 1 and tokens[i - 1].text == "("
        if not (inside and tokens[i + 1].text == ")"):
            yield long_form


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
    strings = TokenStrings()
    for item in parsed:
        if item.paragraph.kind == "meta" or reads_as_reference(item.paragraph.text):
            continue
        tokens = _words_of(item.parse, strings)
        if _is_boilerplate(tokens, words):
            continue
        chunks = _noun_chunks(item.parse, tokens)
        counts.update(
            term for start, end in chunks for term in _chunk_terms(tokens[start:end], words)
        )
        counts.update(_of_terms(item.parse, tokens, chunks, words))
        counts.update(_abbreviation_uses(tokens, abbreviations))
    for long_form in abbreviations.values():
        counts[long_form] = max(counts[long_form], 1)
    return dict(sorted(counts.items()))
