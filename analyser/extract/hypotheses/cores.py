"""Reading the relation a main clause states with its own words.

Causal verbs ("X reduces Y"), phrasal causes ("X leads to Y"), dependence ("Y depends on X"),
association ("X is positively related to Y", "a negative effect on Y", "a relationship
between X and Y"), causal nouns ("X is the main source of Y"), likelihood ("X is less likely
to Y"), comparisons ("X will pay more"), frequency ("X rarely Y") and plain clauses.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from analyser.extract.hypotheses.cues import (
    AS_FRAME_VERBS,
    CAUSAL_VERBS,
    CAUSE_NOUNS,
    CHANGE_VERBS,
    DEPENDENCE_VERBS,
    EXISTENCE_VERBS,
    LESS_WORDS,
    LIGHT_VERBS,
    LIKELIHOOD_ADJECTIVES,
    LINK_NOUNS,
    LINK_PARTICIPLES,
    MAKING_VERBS,
    MORE_WORDS,
    OFTEN_WORDS,
    PHRASAL_CAUSAL,
    RARE_WORDS,
    RESULT_NOUNS,
    REVERSE_PHRASAL,
    VARIATION_VERBS,
)
from analyser.extract.hypotheses.grammar import (
    OBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    comparison_sign,
    is_negated,
    is_nullified,
    modifiers_of,
    object_of,
    polarity_of,
    predicate,
    prep_object,
    split_pair,
    subject_of,
    tokens_of,
)
from analyser.extract.hypotheses.phrases import subtree_ids

_PREVENTING = {"prevent", "deter", "dissuade", "discourage", "keep", "stop", "restrain", "bar"}
_LIKELIHOOD = {"likely", "able", "apt", "prone", "inclined", "willing", "unlikely"}
_RARE_ADJECTIVES = {"rare", "unlikely", "uncommon", "infrequent", "unusual"}


@dataclass
class Core:
    """A relation read from a main clause, before its subordinate clauses are folded in.

    ``cause`` is None when the clause names no cause of its own ("Y increases").
    ``sign`` is the polarity of the predicate: +1, -1, or 0 when it links without a sign.
    """

    cause: list[Token] | None
    effect: list[Token]
    sign: int
    cue: str
    negated: bool = False
    clause: list[Token] | None = None  # subject and predicate, when the whole clause is the effect


def noun_cores(noun: Token, subject: list[Token], excluded: set[int]) -> list[Core]:
    """Causal nouns ("the source of Y"), result nouns ("the result of X"), link nouns."""
    lemma = noun.lemma_.lower()
    negated = is_nullified(noun)
    if lemma in CAUSE_NOUNS and subject:
        target = prep_object(noun, {"of", "for", "to", "behind", "in"})
        if target is not None:
            effect = tokens_of(target, excluded) or []
            return [Core(subject, effect, CAUSE_NOUNS[lemma], "cause-noun", negated)]
    if lemma in RESULT_NOUNS and subject:
        source = prep_object(noun, {"of", "from"})
        if source is not None:
            return [Core(tokens_of(source, excluded), subject, 1, "result-noun", negated)]
    if lemma in LINK_NOUNS:
        sign = polarity_of(modifiers_of(noun)) or 0
        between = prep_object(noun, {"between"})
        pair = split_pair(between, excluded) if between is not None else None
        if between is not None and pair is None and children(noun, {"conj"}):
            other = children(noun, {"conj"})[0]  # "a link between X [...] and Y"
            pair = (tokens_of(between, excluded) or [], tokens_of(other, excluded) or [])
        if pair is not None:
            return [Core(pair[0], pair[1], sign, "link", negated)]
        target = prep_object(noun, {"on", "with", "to", "upon", "for"})
        if target is not None and subject:
            return [Core(subject, tokens_of(target, excluded) or [], sign, "link", negated)]
    return []


def _link_cores(
    link: Token, verb: Token, cause: list[Token] | None, excluded: set[int]
) -> list[Core]:
    """ "X is (positively) related to Y (and negatively to Z)", "X and Y are related"."""
    negated = is_negated(verb) or is_negated(link)
    sign = polarity_of(modifiers_of(link) + modifiers_of(verb)) or 0
    found: list[Core] = []
    for child in link.children:
        if child.dep_ == "prep" and child.lower_ in {"to", "with"}:
            for prep in [child, *children(child, {"conj"})]:
                target = children(prep, {"pobj"})
                if target:
                    prep_sign = polarity_of(modifiers_of(prep)) if prep != child else None
                    effect = tokens_of(target[0], excluded) or []
                    found.append(Core(cause, effect, prep_sign or sign, "link", negated))
    if not found and cause:
        subject = subject_of(verb)
        pair = split_pair(subject, excluded) if subject is not None else None
        if pair is not None:
            found.append(Core(pair[0], pair[1], sign, "link", negated))
    for other in children(link, {"conj"}):
        if other.lemma_.lower() in LINK_PARTICIPLES:
            found.extend(_link_cores(other, other, cause, excluded))
    return found


def _causal_verb_cores(
    verb: Token, cause: list[Token] | None, negated: bool, excluded: set[int]
) -> list[Core]:
    lemma = verb.lemma_.lower()
    sign = CAUSAL_VERBS[lemma] or polarity_of(modifiers_of(verb)) or 0  # "positively influence"
    if any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children):
        agent = prep_object(verb, {"by"})
        return [Core(tokens_of(agent, excluded), cause or [], sign, "causal-verb", negated)]
    if lemma in _PREVENTING:
        blocked = prep_object(verb, {"from"})
        if blocked is not None:
            return [Core(cause, tokens_of(blocked, excluded) or [], -1, "causal-verb", negated)]
    target = object_of(verb) or (
        None if lemma in {"help", "support"} else prep_object(verb, {"on", "to", "into"})
    )
    if target is None:
        return []
    inner_lemma = target.lemma_.lower()
    if target.dep_ in {"xcomp", "ccomp"} and inner_lemma in CAUSAL_VERBS:
        inner = object_of(target)
        if inner is not None:  # "help ease the dilemma", "allow X to reduce Y"
            inner_sign = CAUSAL_VERBS[inner_lemma] * (1 if sign >= 0 else -1)
            effect = tokens_of(inner, excluded) or []
            return [Core(cause, effect, inner_sign, "causal-verb", negated)]
    return [Core(cause, tokens_of(target, excluded) or [], sign, "causal-verb", negated)]


def _depending_on(verb: Token) -> Token | None:
    for token in verb.subtree:
        if token.lower_ in {"depending", "according", "contingent", "dependent"}:
            found = prep_object(token, {"on", "to", "upon"})
            if found is not None:
                return found
    return None


def _copula_cores(verb: Token, cause: list[Token] | None, excluded: set[int]) -> list[Core]:
    """Copular clauses: causal and link nouns, existential links, likelihood, comparatives."""
    subject = cause or []
    negated = is_negated(verb)
    for child in verb.children:
        if child.dep_ == "attr" and child.pos_ in {"NOUN", "PROPN"}:
            found = noun_cores(child, subject, excluded)
            if found:
                return [_negate(core, negated) for core in found]
        if child.dep_ == "nsubj" and child.lemma_.lower() in LINK_NOUNS:
            found = noun_cores(child, [], excluded) or _effect_of_cores(child, verb, excluded)
            if found:
                return [_negate(core, negated) for core in found]
    for child in children(verb, {"acomp"}):
        found = _adjective_cores(child, subject, negated, excluded)
        if found:
            return found
    return [_plain_core(verb, cause, negated, excluded)]


def _negate(core: Core, negated: bool) -> Core:
    core.negated = core.negated or negated
    return core


def _effect_of_cores(noun: Token, verb: Token, excluded: set[int]) -> list[Core]:
    """ "the impact of X on Y will be negative"."""
    source = prep_object(noun, {"of"})
    target = prep_object(noun, {"on", "upon", "for"})
    if source is None:
        return []
    if target is None:
        source_children = children(source, {"prep"})
        target = next(
            (
                children(p, {"pobj"})[0]
                for p in source_children
                if p.lower_ in {"on", "upon"} and children(p, {"pobj"})
            ),
            None,
        )
    if target is None:
        return []
    left_out = excluded | subtree_ids([target])
    cause = [t for t in source.subtree if t.i not in left_out]
    cause = [t for t in cause if not (t.lower_ in {"on", "upon"} and t.head == source)]
    sign = polarity_of([t for t in verb.children if t.dep_ in {"acomp", "attr", "advmod"}])
    if sign is None and any(comparison_sign(t) or t.tag_ in {"JJR", "RBR"} for t in verb.children):
        return []  # "the effect of X on Y is stronger when Z": a moderation, read elsewhere
    return [Core(cause, tokens_of(target, excluded) or [], sign or 0, "link")]


def _adjective_cores(
    adjective: Token, subject: list[Token], negated: bool, excluded: set[int]
) -> list[Core]:
    """ "X is more likely to do Y", "X is better able to Y", "Y would be rare"."""
    lemma = adjective.lemma_.lower()
    comparison = comparison_sign(adjective)
    if lemma == "unlikely":
        comparison = -(comparison or 1)
    if lemma in _LIKELIHOOD and comparison:
        action = children(adjective, {"xcomp"})
        if action:
            effect, sign = _action_effect(action[0], excluded)
            return [Core(subject, effect, comparison * sign, "likelihood", negated)]
    if lemma in _RARE_ADJECTIVES:
        return [Core(None, subject, -1, "rare", negated)]
    if lemma in LINK_PARTICIPLES:
        return _link_cores(adjective, adjective.head, subject, excluded)
    if adjective.tag_ in {"JJR", "RBR"} or comparison:
        sign = comparison or (-1 if adjective.lower_ in LESS_WORDS else 1)
        quality = [] if adjective.lower_ in MORE_WORDS | LESS_WORDS else [adjective]
        return [Core(None, [*subject, *quality], sign, "comparative", negated)]
    return []


def _action_effect(action: Token, excluded: set[int]) -> tuple[list[Token], int]:
    """What a "likely to V" clause brings about: the object of a light verb, else the clause."""
    lemma = action.lemma_.lower()
    target = object_of(action)
    if lemma in LIGHT_VERBS and target is not None:
        return tokens_of(target, excluded) or [], 1
    if lemma in CAUSAL_VERBS and target is not None:
        return tokens_of(target, excluded) or [], CAUSAL_VERBS[lemma] or 1
    return predicate(action, excluded), 1


def _plain_core(verb: Token, cause: list[Token] | None, negated: bool, excluded: set[int]) -> Core:
    """A clause with no causal word: subject and predicate, marked by what qualifies them."""
    if any(t.dep_ == "advmod" and t.lower_ in RARE_WORDS for t in verb.children):
        return Core(cause, predicate(verb, excluded), -1, "rare", negated)
    comparison = comparison_sign(verb)
    effect = predicate(verb, excluded)
    whole = [*(cause or []), *effect]
    if comparison is not None:
        return Core(cause, effect, comparison, "comparative", negated, whole)
    frequent = any(t.dep_ == "advmod" and t.lower_ in OFTEN_WORDS for t in verb.children)
    tendency = children(verb, {"xcomp"}) if verb.lemma_.lower() == "tend" else []
    if tendency:  # "weak states tend to bandwagon": a generalisation about the subject
        effect = predicate(tendency[0], excluded)
        return Core(cause, effect, 1, "frequency", negated, [*(cause or []), *effect])
    if verb.lemma_ == "be":
        effect = whole
        placeholder = cause is not None and any(
            t.lemma_.lower() in RESULT_NOUNS for t in cause[-1:]
        )
        if placeholder:  # "the result may be a security spiral": the spiral is the effect
            effect = whole = predicate(verb, excluded)
    return Core(cause, effect, 1, "frequency" if frequent else "plain", negated, whole)


def _light_verb_cores(
    verb: Token, cause: list[Token] | None, negated: bool, excluded: set[int]
) -> list[Core]:
    """ "X has a negative effect on Y", "X has higher Y", "rules preventing war"."""
    target = object_of(verb)
    if target is None or target.dep_ not in OBJECT_DEPS:
        return []
    found = noun_cores(target, cause or [], excluded)
    if found:
        return [_negate(core, negated) for core in found]
    nouns = [target, *children(target, {"conj"})]
    for modifier in [m for noun in nouns for m in children(noun, {"acl", "relcl"})]:
        if modifier.lemma_.lower() in CAUSAL_VERBS:
            left_out = subtree_ids([modifier]) | excluded
            head = [t for t in target.subtree if t.i not in left_out]
            found = _causal_verb_cores(modifier, head, False, excluded)
            if found:
                return found
    effect = tokens_of(target, excluded) or []
    compared = bool(effect) and (
        effect[0].lower_ in MORE_WORDS | LESS_WORDS or comparison_sign(target)
    )
    return [Core(cause, effect, 1, "comparative" if compared else "plain", negated)]


def _making_cores(
    verb: Token, cause: list[Token] | None, negated: bool, excluded: set[int]
) -> list[Core]:
    """ "Nuclear weapons make war less likely": the object gains or loses the property."""
    if any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children):
        return []  # "policies are made difficult": no maker named
    objects = children(verb, {"dobj"}) or [
        s for c in children(verb, {"ccomp", "oprd", "xcomp"}) for s in children(c, SUBJECT_DEPS)
    ]
    if not objects:
        return []
    candidates = [*verb.children, *objects[0].children]
    candidates += [t for c in children(verb, {"ccomp", "oprd", "xcomp"}) for t in c.subtree]
    for adjective in candidates:
        polarity = LIKELIHOOD_ADJECTIVES.get(adjective.lower_)
        if polarity is not None:
            sign = polarity * (comparison_sign(adjective) or 1)
            return [
                Core(cause, tokens_of(objects[0], excluded) or [], sign, "causal-verb", negated)
            ]
    return []


def verb_cores(verb: Token, excluded: set[int]) -> list[Core]:
    """The relations a verb states with its own arguments."""
    lemma = verb.lemma_.lower()
    subject = subject_of(verb)
    cause = tokens_of(subject, excluded)
    negated = is_negated(verb)
    objects = [] if lemma in CAUSAL_VERBS else children(verb, {"dobj"})
    holder = subject is not None and lemma in EXISTENCE_VERBS | LIGHT_VERBS
    for argument in [*objects, *([subject] if holder else [])]:
        if argument.lemma_.lower() in LINK_NOUNS and prep_object(argument, {"between"}):
            found = noun_cores(argument, [], excluded)  # "(there exists) a link between X and Y"
            if found:
                return [_negate(core, negated) for core in found]
    if lemma in PHRASAL_CAUSAL:
        preposition, sign = PHRASAL_CAUSAL[lemma]
        sign = sign or polarity_of(modifiers_of(verb)) or 0  # "impacts positively on"
        rise = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "rise"]
        target = prep_object(rise[0] if rise else verb, {preposition})
        if target is not None:
            effect = tokens_of(target, excluded) or []
            return [Core(cause, effect, sign, "causal-verb", negated)]
    if lemma in DEPENDENCE_VERBS:
        source = prep_object(verb, {"on", "upon"})
        if source is not None:
            return [Core(tokens_of(source, excluded), cause or [], 0, "variation", negated)]
    if lemma in REVERSE_PHRASAL:
        source = prep_object(verb, {REVERSE_PHRASAL[lemma]})
        if source is not None:
            return [Core(tokens_of(source, excluded), cause or [], 1, "causal-verb", negated)]
    if lemma in VARIATION_VERBS or (lemma in CHANGE_VERBS and prep_object(verb, {"with"})):
        source = prep_object(verb, {"with", "across"}) or _depending_on(verb)
        if source is not None:
            sign = CHANGE_VERBS.get(lemma, 0)
            return [Core(tokens_of(source, excluded), cause or [], sign, "variation", negated)]
    if lemma in CAUSAL_VERBS and lemma not in LIGHT_VERBS:
        found = _causal_verb_cores(verb, cause, negated, excluded)
        if found:
            return found
    if lemma in CHANGE_VERBS and not children(verb, OBJECT_DEPS) and cause:
        return [Core(None, cause, CHANGE_VERBS[lemma], "change-verb", negated)]
    if lemma in EXISTENCE_VERBS and cause:  # "war may occur": what comes about, cause elsewhere
        return [Core(None, cause, 1, "plain", negated)]
    if lemma in LINK_PARTICIPLES:
        found = _link_cores(verb, verb, cause, excluded)
        if found:
            return found
    if lemma in AS_FRAME_VERBS:
        framed = prep_object(verb, {"as"})
        if framed is not None and framed.lemma_.lower() in CAUSAL_VERBS and framed.tag_ == "VBG":
            found = _causal_verb_cores(framed, cause, negated, excluded)  # "seen as reducing Y"
            if found:
                return found
        objects = children(verb, {"dobj"})
        if framed is not None and objects:
            found = noun_cores(framed, tokens_of(objects[0], excluded) or [], excluded)
            if found:
                return found
    if lemma in MAKING_VERBS:
        found = _making_cores(verb, cause, negated, excluded)
        if found:
            return found
    if lemma in LIGHT_VERBS:
        found = _light_verb_cores(verb, cause, negated, excluded)
        if found:
            return found
    if lemma == "be" or verb.pos_ == "AUX":
        return _copula_cores(verb, cause, excluded)
    return [_plain_core(verb, cause, negated, excluded)]
