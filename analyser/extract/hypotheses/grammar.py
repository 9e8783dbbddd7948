"""Reading a spaCy dependency parse: subjects, objects, complements and modifiers."""

from __future__ import annotations

from spacy.tokens import Token

from analyser.extract.hypotheses.cues import (
    CAUSAL_VERBS,
    LESS_WORDS,
    LINK_PARTICIPLES,
    MORE_WORDS,
    NEGATIVE_WORDS,
    NULL_WORDS,
    POSITIVE_WORDS,
    STRENGTH_COMPARATIVES,
    STRENGTH_WORDS,
)

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
_FOCUS_ADVERBS = {"only", "just", "merely", "simply", "solely"}  # "not only X but Y"
OBJECT_DEPS = {"dobj", "obj", "attr", "oprd", "dative"}
PREDICATE_DEPS = {
    "dobj",
    "obj",
    "dative",
    "attr",
    "acomp",
    "oprd",
    "prep",
    "xcomp",
    "ccomp",
    "prt",
    "agent",
    "npadvmod",
    "pcomp",
}


def children(token: Token, deps: set[str]) -> list[Token]:
    """The children of ``token`` with one of the dependency labels ``deps``."""
    return [child for child in token.children if child.dep_ in deps]


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, inherited from the verb it is coordinated with if needed."""
    current: Token | None = verb
    while current is not None:
        subject = _first_child(current, SUBJECT_DEPS) or next(
            (
                s  # a subject the parser hung on an auxiliary or a modifier on the left
                for left in current.lefts
                if left.dep_ in {"aux", "auxpass", "amod", "advmod", "compound"}
                and (s := _first_child(left, SUBJECT_DEPS)) is not None
            ),
            None,
        )
        if subject is not None:
            return subject
        climbs = current.dep_ in {"conj", "xcomp", "acomp"} and current.head != current
        current = current.head if climbs else None
    return None


def _first_child(token: Token, deps: set[str]) -> Token | None:
    """The first child of ``token`` with one of the dependency labels ``deps``."""
    return next((child for child in token.children if child.dep_ in deps), None)


def tokens_of(token: Token | None, excluded: set[int]) -> list[Token] | None:
    """The subtree of ``token`` without ``excluded`` indices (None for no token)."""
    if token is None:
        return None
    return [t for t in token.subtree if t.i not in excluded]


def predicate(verb: Token, excluded: set[int]) -> list[Token]:
    """The verb (unless a copula) and its complements."""
    found: list[Token] = [] if verb.lemma_ == "be" else [verb]
    for child in verb.children:
        if child.dep_ in PREDICATE_DEPS and child.i not in excluded:
            found.extend(t for t in child.subtree if t.i not in excluded)
    return [t for t in found if not (t.head == verb and t.lower_ in MORE_WORDS | LESS_WORDS)]


def is_negated(token: Token) -> bool:
    """Whether ``token`` is negated: "not", "never", a negated auxiliary or adverb ("is not
    negatively related" parsed with "not" under "is", "no longer"; "not only" excepted) or a
    "neither ... nor" subject."""
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            return True
        carrier = child.dep_ in {"aux", "auxpass"} or (
            child.dep_ == "advmod" and child.lower_ not in _FOCUS_ADVERBS
        )
        if carrier and any(c.dep_ == "neg" or c.lower_ == "no" for c in child.children):
            return True
        if child.dep_ in SUBJECT_DEPS and any(
            c.dep_ in {"preconj", "det"} and c.lower_ == "neither" for c in child.children
        ):
            return True
    return False


def is_nullified(noun: Token) -> bool:
    """ "no effect", "an insignificant relationship"."""
    return any(child.lower_ in NULL_WORDS for child in noun.children)


def prep_object(token: Token, prepositions: set[str]) -> Token | None:
    """The object of a preposition child of ``token`` (the Y of "lead to Y")."""
    for child in token.children:
        if child.dep_ in {"prep", "prt", "agent"} and child.lower_ in prepositions:
            objects = children(child, {"pobj", "pcomp"})
            if objects:
                return objects[0]
    return None


def polarity_of(tokens: list[Token]) -> int | None:
    """+1 / -1 when a polarity word ("positively", "adverse") occurs; else the sign of a
    modifier of strength in the comparative ("a stronger effect" +1, "less closely" -1), the
    direction in which the relation is moderated; else None."""
    for token in tokens:
        if token.lower_ in POSITIVE_WORDS:
            return 1
        if token.lower_ in NEGATIVE_WORDS:
            return -1
    return strength_sign(tokens)


def strength_sign(tokens: list[Token]) -> int | None:
    """+1 for a modifier of strength in the comparative ("stronger", "more closely"), -1 for a
    weaker one ("smaller", "less strongly"); None when no modifier is one. A predicate ("the
    effect is stronger when Z") is no modifier: it states a moderation of its own."""
    for token in tokens:
        if token.dep_ not in {"amod", "advmod"}:
            continue
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        graded = _grades_strength(token.head) or (
            following is not None and _grades_strength(following)
        )
        if token.lower_ in {"more", "less"} and graded:
            return 1 if token.lower_ == "more" else -1
        if token.lower_ in STRENGTH_COMPARATIVES:
            return STRENGTH_COMPARATIVES[token.lower_]
    return None


def _grades_strength(token: Token) -> bool:
    """Whether "more" / "less" before ``token`` grades the strength of a relation: a word of
    strength ("strongly") or an unsigned link ("more affected", "less related")."""
    lemma = token.lemma_.lower()
    unsigned = CAUSAL_VERBS.get(lemma) == 0 or lemma in LINK_PARTICIPLES
    return unsigned or token.lower_ in STRENGTH_WORDS


def modifiers_of(token: Token) -> list[Token]:
    """Adverbs and adjectives modifying ``token``, with their own coordinated modifiers; for a
    verb, also an adverb right before it that the parser hung elsewhere ("X positively
    affects Y" read with "positively" under a gerund subject)."""
    found = []
    for child in token.children:
        if child.dep_ == "advmod" or (child.dep_ in {"amod", "acomp"} and child.i < token.i):
            found.extend(child.subtree)
    before = token.doc[token.i - 1] if token.i > 0 else None
    if (
        token.pos_ in {"VERB", "AUX"}
        and before is not None
        and before.pos_ == "ADV"
        and before.head != token
    ):
        found.append(before)
    return found


def comparison_sign(token: Token) -> int | None:
    """+1 for a "more"/"higher" modifier of ``token``, -1 for "less"/"lower", else None.

    The modifier itself is no part of any phrase: ``predicate`` leaves it out.
    """
    for child in token.children:
        if child.dep_ in {"amod", "advmod", "nummod", "npadvmod"}:
            if child.lower_ in MORE_WORDS:
                return 1
            if child.lower_ in LESS_WORDS:
                return -1
    return None


def object_of(verb: Token) -> Token | None:
    """The direct object (or attribute) of ``verb``, else its clausal complement."""
    found = children(verb, OBJECT_DEPS) or children(verb, {"ccomp", "xcomp"})
    return found[0] if found else None


def split_pair(head: Token, excluded: set[int]) -> tuple[list[Token], list[Token]] | None:
    """ "X and Y" under ``head`` as two phrases, split at the outermost "and"."""
    conjuncts = [t for t in head.subtree if t.dep_ == "conj" and t.i > head.i]
    if not conjuncts:
        return None
    second = min(conjuncts, key=lambda t: (_depth(t, head), t.i))
    links = [t for t in head.subtree if t.dep_ == "cc" and t.head == second.head and t.i < second.i]
    cut = links[-1].i if links else second.left_edge.i
    first = [t for t in head.subtree if t.i < cut and t.i not in excluded]
    return first, tokens_of(second, excluded) or []


def _depth(token: Token, root: Token) -> int:
    depth = 0
    while token != root and token.head != token:
        token, depth = token.head, depth + 1
    return depth
