"""Definitions: sentences whose main job is to say what a term means.

Recognised forms: "A security dilemma is a situation where ..." (a generic subject and a
predicate noun that names a class, or carries a defining clause), "X refers to / means /
denotes / is defined as / occurs when ...", "Y is known as X", doctrine statements ("Proponents
of defensive realism argue that ...", "structural realism ... which posits that ..."), "i.e."
glosses, labels in parentheses ("... ( the restraining effect )."), quoted terms introduced as
a class ("a 'club good'", "'private benefits' that accrue ..."), and a quoted definition with its
citation standing alone under a short heading. Ordinary copular claims ("the security dilemma
is the most important source of conflict") are not definitions: their predicate is definite,
superlative or evaluative and names no class.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from analyser.extract.years import YEAR_DIGITS
from analyser.nlp import ParsedParagraph, TokenStrings
from analyser.records import Definition, Document

CLASS_NOUNS = frozenset(
    {
        "situation", "condition", "state", "process", "relationship", "relation", "term", "concept",
        "notion", "idea", "phenomenon", "strategy", "policy", "form", "type", "kind", "category",
        "class", "set", "theory", "approach", "framework", "doctrine", "principle", "mechanism",
        "dynamic", "pattern", "practice", "arrangement", "institution", "agreement", "good", "tool",
        "instrument", "means", "method", "model", "scenario", "problem", "dilemma", "paradox",
        "spiral", "cycle", "mode", "structure", "system", "property", "tendency", "belief",
        "assumption", "logic", "interaction", "game", "act", "action", "behaviour", "behavior",
        "activity", "effort", "attempt", "pact", "treaty", "commitment", "guarantee", "threat",
        "ability", "capacity", "capability", "environment", "regime", "organisation",
        "organization", "group", "coalition", "association", "union", "partnership", "alliance",
        "procedure", "technique", "view", "perspective", "school", "label",
        "name", "word", "expression", "use", "absence", "lack", "presence", "combination", "mix",
        "balance", "distribution", "feature", "characteristic", "quality", "measure", "degree",
        "extent"
    }
)  # fmt: skip
THEORY_NOUNS = frozenset(
    {
        "theory", "approach", "school", "perspective", "paradigm", "tradition", "model",
        "framework", "thesis", "argument"
    }
)  # fmt: skip
DOCTRINE_VERBS = frozenset(
    {
        "argue", "hold", "posit", "assume", "maintain", "contend", "claim", "emphasise",
        "emphasize", "stress", "suggest", "see", "view", "predict", "believe", "insist", "propose",
        "expect"
    }
)  # fmt: skip
CLASSIFYING_VERBS = frozenset(
    {
        "be", "make", "characterise", "characterize", "describe", "call", "term", "label", "dub",
        "name", "consider", "treat", "regard", "see", "view", "define", "conceive", "classify",
        "cast", "frame", "count"
    }
)  # fmt: skip
LABEL_OPENERS = frozenset({"the", "hereafter", "henceforth", "so-called"})
ADVOCATES = frozenset(["proponent", "advocate", "adherent", "supporter", "defender", "exponent"])
OCCURRING_VERBS = frozenset(["occur", "arise", "exist", "emerge"])
NAMING_VERBS = frozenset(["know", "call", "term", "label", "dub", "name"])
MEANING_VERBS = frozenset(["mean", "denote", "designate", "signify"])
DEFINED_AS_VERBS = frozenset(["define", "describe", "understand"])
DEFINING_LEMMAS = (
    frozenset(["refer"]) | MEANING_VERBS | DEFINED_AS_VERBS | OCCURRING_VERBS | NAMING_VERBS
)
"""Every verb ``_defining_verb`` reads a definition from."""
_BE = frozenset(["be"])
RANKING_WORDS = frozenset(
    {
        "most", "least", "main", "primary", "principal", "key", "chief", "major", "central", "only",
        "first", "last", "best", "worst", "biggest", "greatest", "largest", "single", "sole",
        "leading", "foremost"
    }
)  # fmt: skip
DEMONSTRATIVES = frozenset(
    {
        "this", "that", "these", "those", "it", "they", "its", "their", "his", "her", "our", "my",
        "your"
    }
)  # fmt: skip
SO_CALLED = frozenset({"so", "-", "called", "so-called"})
QUANTIFIERS = frozenset(
    ["all", "some", "many", "most", "every", "each", "no", "few", "several", "both", "any"]
)
CONDITIONAL_MARKS = frozenset(
    ["if", "when", "unless", "because", "although", "though", "whether", "while", "as"]
)
EXCLUDED_ENTITIES = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "EVENT"})
GENERIC_HEADINGS = frozenset(
    {
        "introduction", "conclusion", "conclusions", "summary", "abstract", "references",
        "bibliography", "notes", "discussion", "background", "overview", "method", "methods",
        "results", "appendix"
    }
)  # fmt: skip
_OPENING_QUOTES = "‘“\"'"
_QUOTED = re.compile(r"[‘“\"']([^‘’“”\"']{3,80})[’”\"']")
_CITATION = re.compile(rf"\(\s*[^()]*\b({YEAR_DIGITS})[a-z]?\b[^()]*\)")
_HEADING_MARKUP = re.compile(r"[#*_>`]+")
# The same forms read from the words alone, for sentences the tagger gets wrong
# ("Buck-passing refers to ..." with "refers" tagged as a noun).
_DEFINING_LEAD = re.compile(
    r"^(?:(?:an?|the)\s+)?((?!(?:this|that|these|those|it|they|we|he|she)\b)[A-Za-z][\w\-–’' ]*?)"
    r"\s+(?:refers? to|(?:is|are) defined as|denotes?|(?:is|are) understood as"
    r"|(?:is|are) used to (?:describe|denote|refer to))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Found:
    term: str
    start: int
    end: int


@dataclass(frozen=True)
class _Sentence:
    """A sentence with what the forms read from it: its text and its tokens' lemmas in lower
    case; token objects are made only for the tokens a form looks at."""

    span: Span
    text: str
    lemmas: list[str]

    def with_lemma(self, wanted: frozenset[str]) -> Iterator[Token]:
        """The tokens whose lemma (in lower case) is in ``wanted``."""
        if wanted.isdisjoint(self.lemmas):
            return
        doc, start = self.span.doc, self.span.start
        for i in [i for i, lemma in enumerate(self.lemmas) if lemma in wanted]:
            yield doc[start + i]

    def tokens(self) -> list[Token]:
        """Every token of the sentence."""
        return list(self.span)


def _lower_lemmas(parse: Doc, strings: TokenStrings) -> list[str]:
    """Each token's lemma in lower case, read from one array."""
    return list(map(str.lower, strings.of(parse.to_array(LEMMA).tolist(), parse.vocab.strings)))


def find_definitions(document: Document, parsed: list[ParsedParagraph]) -> list[Definition]:
    """Every definition in the parsed body paragraphs, sorted by position (one per sentence)."""
    found: dict[int, _Found] = {}
    strings = TokenStrings()
    previous_heading: str | None = None
    for position, item in enumerate(parsed):
        first_under_heading = position == 0 or item.heading != previous_heading
        previous_heading = item.heading
        offset = item.paragraph.start
        if first_under_heading and item.heading:
            quoted = _quoted_under_heading(item)
            if quoted:
                found.setdefault(offset, quoted)
                continue
        lemmas = _lower_lemmas(item.parse, strings)
        for sentence in item.parse.sents:
            text = item.paragraph.text[sentence.start_char : sentence.end_char]
            words = lemmas[sentence.start : sentence.end]
            term = _sentence_term(_Sentence(sentence, text, words))
            if term:
                start = offset + sentence.start_char
                end = offset + sentence.end_char
                found.setdefault(start, _Found(term, start, end))
    return [
        Definition(document.id, f.term, f.start, f.end, document.text[f.start : f.end])
        for f in sorted(found.values(), key=lambda f: (f.start, f.end))
    ]


def _sentence_term(sentence: _Sentence) -> str | None:
    """The term a sentence defines, trying each recognised form in turn."""
    for finder in (
        _doctrine,
        _copular,
        _defining_verb,
        _parenthetical_label,
        _quoted_class,
        _gloss,
    ):
        term = finder(sentence)
        if term:
            return term
    return None


# --------------------------------------------------------------------------- helpers


def _phrase(token: Token) -> list[Token]:
    """The noun phrase headed by ``token`` without clauses, appositions or determiners."""
    left = [t for t in token.lefts if t.dep_ not in {"det", "poss", "predet", "punct", "cc"}]
    words = [t for child in left for t in child.subtree] + [token]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            words.extend(child.subtree)
    words = sorted(set(words), key=lambda t: t.i)
    while words and (words[0].pos_ in {"DET", "PUNCT", "PRON"} or words[0].lower_ in SO_CALLED):
        words = words[1:]
    return words


def _term(tokens: list[Token]) -> str | None:
    """The text from the first to the last token, as written, in lower case."""
    if not tokens:
        return None
    doc = tokens[0].doc
    text = doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1].text
    text = re.sub(r"\s+", " ", text).strip(" -–'’‘\"“”").lower()
    return text or None


def _generic_subject(subject: Token) -> bool:
    """A subject that can name a term: a noun, not a pronoun, name, demonstrative or quantified
    phrase ("this focus", "all states")."""
    if subject.pos_ not in {"NOUN", "PROPN"} or subject.ent_type_ in EXCLUDED_ENTITIES:
        return False
    return not any(
        child.dep_ in {"poss", "acl", "relcl", "ccomp"}
        or (
            child.dep_ in {"det", "predet", "amod"} and child.lower_ in DEMONSTRATIVES | QUANTIFIERS
        )
        for child in subject.children
    )


def _asserted(verb: Token) -> bool:
    """Not inside a conditional, temporal or causal subordinate clause."""
    for token in (verb, *verb.ancestors):
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children
        ):
            return False
    return True


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _plain_present(verb: Token) -> bool:
    """Present tense, not negated, no modal ('is', 'refers', 'are defined')."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"}]
    if any(c.dep_ == "neg" or c.tag_ == "MD" for c in auxiliaries):
        return False
    tensed = [verb, *auxiliaries]
    return any(t.tag_ in {"VBZ", "VBP"} for t in tensed)


def _ranked(noun: Token) -> bool:
    return any(
        child.tag_ in {"JJS", "RBS"} or child.lower_ in RANKING_WORDS
        for child in noun.subtree
        if child.i < noun.i
    )


# --------------------------------------------------------------------------- forms


def _copular(sentence: _Sentence) -> str | None:
    """'X is a situation where ...' with a generic subject and a class-naming predicate."""
    for verb in sentence.with_lemma(_BE):
        attribute = next((c for c in verb.children if c.dep_ == "attr"), None)
        if attribute is None or verb.lemma_ != "be":
            continue  # no predicate (an auxiliary), or a name lemmatised as written
        if not _plain_present(verb) or not _asserted(verb):
            continue
        subject = _subject(verb)
        if subject is None or not _generic_subject(subject):
            continue
        if attribute.pos_ not in {"NOUN", "PROPN"} or _ranked(attribute):
            continue
        article = next((c.lower_ for c in attribute.children if c.dep_ in {"det", "poss"}), "")
        defining_clause = any(c.dep_ in {"relcl", "acl"} for c in attribute.children)
        complement = defining_clause or any(c.dep_ == "prep" for c in attribute.children)
        class_noun = attribute.lemma_.lower() in CLASS_NOUNS
        if article in {"a", "an", ""} and (class_noun or defining_clause):
            return _term(_phrase(subject))
        if article == "the" and class_noun and complement:
            return _term(_phrase(subject))
    return None


def _defining_verb(sentence: _Sentence) -> str | None:
    """'X refers to / means / is defined as / occurs when ...'; 'Y is known as X'."""
    lead = _DEFINING_LEAD.match(sentence.text)
    if lead and len(lead.group(1).split()) <= 6:
        return lead.group(1).lower()
    for verb in sentence.with_lemma(DEFINING_LEMMAS):
        lemma = verb.lemma_.lower()
        subject = _subject(verb)
        if subject is None or not _generic_subject(subject) or not _plain_present(verb):
            continue
        children = {c.dep_: c for c in verb.children}
        preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
        if lemma == "refer" and "to" in preps:
            return _term(_phrase(subject))
        if lemma in MEANING_VERBS and "dobj" in children:
            return _term(_phrase(subject))
        if lemma in DEFINED_AS_VERBS and "auxpass" in children and "as" in preps:
            return _term(_phrase(subject))
        if lemma in OCCURRING_VERBS and _when_clause(verb):
            return _term(_phrase(subject))
        if lemma in NAMING_VERBS and "auxpass" in children:
            named = _named(verb)
            if named:
                return named
    return None


def _when_clause(verb: Token) -> bool:
    return any(
        c.dep_ == "advcl" and any(m.lower_ in {"when", "where", "whenever"} for m in c.children)
        for c in verb.children
    )


def _named(verb: Token) -> str | None:
    """The name given in 'is known as X' / 'is called X'."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _term(_phrase(objects[0]))
        if child.dep_ in {"oprd", "attr", "xcomp"} and child.pos_ in {"NOUN", "PROPN"}:
            return _term(_phrase(child))
    return None


def _theory_name(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return lemma.endswith("ism") or lemma in THEORY_NOUNS


def _doctrine(sentence: _Sentence) -> str | None:
    """What a school holds: 'Proponents of X argue that', 'realists argue', '..., which posits'."""
    for verb in sentence.with_lemma(DOCTRINE_VERBS):
        if not any(_is_clause(c) for c in verb.children):
            continue
        if verb.dep_ == "relcl" and _theory_name(verb.head):
            return _term(_phrase(verb.head))
        subject = _subject(verb)
        if subject is None:
            continue
        lemma = subject.lemma_.lower()
        if lemma in ADVOCATES:
            school = _of_object(subject)
            if school is not None and _theory_name(school):
                return _term(_phrase(school))
        if subject.lower_.endswith("ists") and subject.pos_ == "NOUN":
            return _school_of(subject)
        if _theory_name(subject) and _generic_subject_or_possessed(subject):
            return _term(_phrase(subject))
    return None


def _school_of(followers: Token) -> str | None:
    """The school its followers belong to: 'defensive realists' -> 'defensive realism'."""
    words = [t.lower_ for t in _phrase(followers)[:-1]]
    return _term_words([*words, followers.lower_[: -len("ists")] + "ism"])


def _term_words(words: list[str]) -> str | None:
    return " ".join(words) or None


def _is_clause(token: Token) -> bool:
    """A complement clause with its own subject ("argue that states seek ...")."""
    return token.dep_ == "ccomp" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)


def _generic_subject_or_possessed(subject: Token) -> bool:
    """Theory names may carry their author ("Sandler's Joint Product Model")."""
    return subject.pos_ in {"NOUN", "PROPN"} and not any(
        c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in subject.children
    )


def _of_object(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _parenthetical_label(sentence: _Sentence) -> str | None:
    """A label in parentheses closing a clause: '... the status quo ( the restraining effect ).'"""
    if "(" not in sentence.text:
        return None
    tokens = sentence.tokens()
    for i, token in enumerate(tokens):
        if token.text != "(":
            continue
        close = next(
            (j for j in range(i + 1, min(i + 8, len(tokens))) if tokens[j].text == ")"), None
        )
        if close is None or close == i + 1:
            continue
        inner = tokens[i + 1 : close]
        after = tokens[close + 1] if close + 1 < len(tokens) else None
        if after is not None and after.text not in {".", ";", ":", "!", "?"}:
            continue
        if any(t.like_num or t.pos_ in {"VERB", "AUX", "PRON"} or not t.is_lower for t in inner):
            continue
        if inner[0].lower_ not in LABEL_OPENERS or inner[-1].pos_ not in {"NOUN", "PROPN"}:
            continue
        words = [t for t in inner if t.lower_ not in LABEL_OPENERS]
        if not 1 <= len(words) <= 5:
            continue
        return _term(words)
    return None


def _quoted_class(reading: _Sentence) -> str | None:
    """A quoted term introduced as a class ('a "club good"') or by a defining relative clause."""
    sentence, text = reading.span, reading.text
    for match in _QUOTED.finditer(text):
        inner = match.group(1).strip()
        words = inner.split()
        if not 2 <= len(words) <= 6:
            continue
        span = sentence.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if span is None or not any(t.pos_ in {"NOUN", "PROPN"} for t in span):
            continue
        if any(t.pos_ in {"VERB", "AUX", "PRON"} for t in span):
            continue
        before = text[: match.start()].split()[-1:] or [""]
        after = sentence.doc[span.end + 1] if span.end + 1 < len(sentence.doc) else None
        relative = after is not None and after.lower_ in {"that", "which", "whereby"}
        classed = before[0].lower() in {"a", "an"} and _classifying_verb(span.root)
        if classed or relative:
            return inner.lower()
    return None


def _classifying_verb(token: Token) -> bool:
    """True when the phrase is what a verb classes something as ("making this a 'club good'",
    "characterised defence as a 'public good'"), not an ordinary object."""
    if token.dep_ == "pobj" and token.head.lower_ == "as":
        token = token.head
    elif token.dep_ not in {"attr", "oprd", "dobj", "ccomp", "xcomp"}:
        return False
    verb = token.head
    existential = any(c.dep_ == "expl" for c in verb.children)
    return verb.lemma_.lower() in CLASSIFYING_VERBS and not existential


def _gloss(sentence: _Sentence) -> str | None:
    """An 'i.e.' gloss: the noun phrase just before it is explained by what follows."""
    if "i.e" not in sentence.text.lower().replace(" ", ""):
        return None  # no token can read "i.e."
    for token in sentence.tokens():
        if token.lower_.replace(" ", "") not in {"i.e.", "i.e"}:
            continue
        chain = _preceding_noun_phrase(sentence.span, token.i)
        return _term(chain) if chain else None
    return None


def _preceding_noun_phrase(sentence: Span, end: int) -> list[Token]:
    """The noun chunks right before token ``end``, chained through prepositions and cut after
    the first 'of' complement ("the problem of burden sharing [within an alliance]")."""
    doc = sentence.doc  # a parse tree stays within its sentence: chunk the sentence alone
    chunks = [
        doc[first:last] for first, last, _ in doc.noun_chunks_iterator(sentence) if last <= end
    ]
    if not chunks or any(not t.is_punct for t in doc[chunks[-1].end : end]):
        return []
    chain = [chunks.pop()]
    while chunks and chain[0].start - chunks[-1].end == 1:
        if doc[chunks[-1].end].pos_ != "ADP":
            break
        chain.insert(0, chunks.pop())
    words = list(chain[0])
    if len(chain) > 1 and doc[chain[0].end].lower_ == "of":
        words += [doc[chain[0].end], *chain[1]]
    return [t for t in words if t.pos_ not in {"DET", "PRON"} and t.lower_ not in QUANTIFIERS]


def _quoted_under_heading(item: ParsedParagraph) -> _Found | None:
    """A paragraph that is a quoted noun phrase and its citation, alone under a short heading."""
    text = item.paragraph.text.strip()
    heading = _HEADING_MARKUP.sub(" ", item.heading or "").strip(" :.").lower()
    if not text or text[0] not in _OPENING_QUOTES or not _CITATION.search(text):
        return None
    if not heading or len(heading.split()) > 4 or heading in GENERIC_HEADINGS:
        return None
    first = next(iter(item.parse.sents))
    if first.root.pos_ not in {"NOUN", "PROPN"}:
        return None
    start = item.paragraph.start
    return _Found(heading, start, start + len(item.paragraph.text))
