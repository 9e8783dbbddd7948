"""Finding the debates of a corpus: opposed claims and passages that signal disagreement.

Opposed claims are pairs of hypotheses on the same variables (a shared cause and a shared
effect) whose directions conflict (+ against −, or 0 against a sign), unless antonyms in their
causes or effects ("easy" / "difficult conquest") explain the flip. Contested passages are
paragraphs whose wording marks disagreement ("critics argue", "appear to contradict each other",
"largely irrelevant", "however"); each is shown with the claims it raises and those it answers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from analyser.records import ConceptMention, Corpus, Document, Hypothesis
from analyser.report.content import Claim, ContestedPassage, OpposedClaims
from analyser.report.sources import ParagraphIndex, claim_of, excerpt, sentences, source
from analyser.report.variables import (
    Variables,
    Vocabulary,
    claim_variables,
    lower_words,
    mentions_by_doc,
    text_variables,
)

MIN_SHARED = 1.0
MIN_ROLE_OVERLAP = 0.5
ANSWER_SHARE = 0.5  # answers weaker than this share of the best answer are left out
MAX_OPPOSED = 15
MAX_CONTESTED = 15
MAX_ANSWERED = 3
SENTENCE_CHARS = 320
_SIGNS = {"+": 1, "-": -1, "−": -1, "0": 0}
_DIRECTION_WORDS = {"+": "raises (+)", "-": "lowers (−)", "−": "lowers (−)", "0": "no effect (0)"}

# Pairs of opposite poles; one cause (or effect) on each pole flips the expected sign.
_ANTONYMS = (
    ({"easy", "ease", "easier"}, {"difficult", "difficulty", "hard", "harder"}),
    ({"offence", "offense", "offensive"}, {"defence", "defense", "defensive"}),
    ({"high", "higher", "more", "increase", "increased", "increasing", "rising"},
     {"low", "lower", "less", "fewer", "decrease", "decreased", "decreasing", "reduced"}),
    ({"large", "larger", "big", "bigger", "great", "greater"}, {"small", "smaller", "little"}),
    ({"strong", "stronger", "strength"}, {"weak", "weaker", "weakness"}),
    ({"democracy", "democracies", "democratic"},
     {"autocracy", "autocracies", "autocratic", "authoritarian", "nondemocratic"}),
    ({"presence"}, {"absence", "lack"}),
    ({"quo"}, {"revisionist", "revisionists", "revisionism", "expansionist", "expansionism"}),
)  # fmt: skip

_STRONG_CUES = re.compile(
    r"\bcontradict\w*|\b(?:inconsistent|incompatible|at odds)\s+with\b|\bcritics?\b|"
    r"\bcritique\w*|\bcritici[sz]\w*|\bdisagree\w*|\bdisput(?:e|es|ed|ing)\b|\brefut\w+|"
    r"\brebut\w*|\breject(?:s|ed|ing)?\b|\bchalleng(?:e|es|ed|ing)\s+(?:the|this|that|these)\b|"
    r"\b(?:other|some|many|several|these|rival)\s+(?:scholars|authors|analysts|researchers|"
    r"theorists|writers|realists|liberals)\s+(?:argue|contend|claim|maintain|counter|insist|"
    r"hold|object)\w*|\bothers\s+(?:argue|contend|claim|maintain|counter|insist)\w*|"
    r"\b(?:largely|wholly|entirely|essentially|mostly)\s+irrelevant\b|\boverstat\w+|"
    r"\bmisguided\b|\bflawed\b",
    re.IGNORECASE,
)
_WEAK_CUES = re.compile(
    r"\bhowever\b|\bnevertheless\b|\bnonetheless\b|\b(?:in|by)\s+contrast\b|"
    r"\bon\s+the\s+other\s+hand\b|\brevisionis\w+",
    re.IGNORECASE,
)
_RECIPROCAL = re.compile(r"\b(?:each\s+other|one\s+another)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Item:
    """A claim with the variables and lower-case words of its cause and effect."""

    claim: Claim
    hypothesis: Hypothesis
    variables: Variables
    cause_words: frozenset[str]
    effect_words: frozenset[str]


_Answers = list[tuple[float, _Item]]


@dataclass(frozen=True)
class _Cue:
    """A disagreement cue found in one sentence of a paragraph."""

    surface: str
    strong: bool
    reciprocal: bool
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class _Candidate:
    """A contested passage with the score that ranks it."""

    passage: ContestedPassage
    strong: bool
    score: float


@dataclass(frozen=True)
class _Context:
    """The corpus's claims with their variables, by paragraph, and the variables' weights."""

    items: list[_Item]
    by_paragraph: dict[tuple[str, int], list[_Item]]
    vocabulary: Vocabulary
    mentions: dict[str, list[ConceptMention]]


@dataclass
class Debates:
    """Contested passages and opposed claims, each with how many more were left out."""

    contested: list[ContestedPassage]
    more_contested: int
    opposed: list[OpposedClaims]
    more_opposed: int


def _context(corpus: Corpus, index: ParagraphIndex) -> _Context:
    mentions = mentions_by_doc(corpus)
    labels = {c.id: c.label for c in corpus.concepts}
    hypotheses = sorted(
        (h for r in corpus.results for h in r.hypotheses), key=lambda h: (h.doc, h.start, h.id)
    )
    items = [
        _Item(
            claim_of(h, index),
            h,
            claim_variables(h, mentions.get(h.doc, []), labels),
            lower_words(h.cause),
            lower_words(h.effect),
        )
        for h in hypotheses
    ]
    by_paragraph: dict[tuple[str, int], list[_Item]] = defaultdict(list)
    for item in items:
        by_paragraph[(item.claim.source.doc, item.claim.source.paragraph)].append(item)
    vocabulary = Vocabulary.of((item.variables for item in items), corpus)
    return _Context(items, dict(by_paragraph), vocabulary, mentions)


def _opposed_poles(first: frozenset[str], second: frozenset[str]) -> int:
    """How many antonym axes put ``first`` on one pole and ``second`` on the other."""
    flips = 0
    for pole_a, pole_b in _ANTONYMS:
        a_first, b_first = bool(first & pole_a), bool(first & pole_b)
        a_second, b_second = bool(second & pole_a), bool(second & pole_b)
        if (a_first and not b_first and b_second and not a_second) or (
            b_first and not a_first and a_second and not b_second
        ):
            flips += 1
    return flips


def direction_conflict(first: _Item, second: _Item) -> str | None:
    """Why the two directions conflict, or None when they agree or cannot be compared."""
    a, b = _SIGNS.get(first.claim.direction), _SIGNS.get(second.claim.direction)
    if a is None or b is None or a == b == 0:
        return None
    label = (
        f"{_DIRECTION_WORDS[first.claim.direction]} vs {_DIRECTION_WORDS[second.claim.direction]}"
    )
    if a == 0 or b == 0:
        return f"{label}: one denies the effect the other asserts"
    flips = _opposed_poles(first.cause_words, second.cause_words)
    flips += _opposed_poles(first.effect_words, second.effect_words)
    if a * b * (-1) ** flips < 0:
        return f"{label}: opposite signs on shared variables"
    return None


def role_overlap(first: frozenset[str], second: frozenset[str], vocabulary: Vocabulary) -> float:
    """Weighted Dice overlap of two causes (or two effects): 1 when they name the same things."""
    total = vocabulary.kept_score(first) + vocabulary.kept_score(second)
    return 2 * vocabulary.score(first & second) / total if total else 0.0


def same_variables(first: Variables, second: Variables, vocabulary: Vocabulary) -> float:
    """How far two claims share their cause and their effect (0 unless both overlap enough)."""
    if first.cause.isdisjoint(second.cause) or first.effect.isdisjoint(second.effect):
        return 0.0  # a role sharing nothing overlaps 0, below MIN_ROLE_OVERLAP
    cause = role_overlap(first.cause, second.cause, vocabulary)
    if cause < MIN_ROLE_OVERLAP:
        return 0.0
    effect = role_overlap(first.effect, second.effect, vocabulary)
    return cause + effect if effect >= MIN_ROLE_OVERLAP else 0.0


def _overlapping(first: Hypothesis, second: Hypothesis) -> bool:
    return first.doc == second.doc and first.start < second.end and second.start < first.end


def _candidate_pairs(items: list[_Item]) -> list[tuple[_Item, _Item]]:
    """Pairs of signed claims (+, −, 0) that share at least one effect variable."""
    postings: dict[str, list[int]] = defaultdict(list)
    for number, item in enumerate(items):
        if item.claim.direction in _SIGNS:
            for key in item.variables.effect:
                postings[key].append(number)
    pairs = {pair for numbers in postings.values() for pair in combinations(numbers, 2)}
    return [(items[a], items[b]) for a, b in sorted(pairs)]


def _opposed_claims(context: _Context) -> tuple[list[OpposedClaims], int]:
    """The strongest pairs of claims with conflicting directions, and how many more there are."""
    vocabulary = context.vocabulary
    found = []
    for first, second in _candidate_pairs(context.items):
        if _overlapping(first.hypothesis, second.hypothesis):
            continue
        overlap = same_variables(first.variables, second.variables, vocabulary)
        reason = direction_conflict(first, second) if overlap else None
        if reason is None:
            continue
        shared, _ = vocabulary.shared(first.variables, second.variables)
        found.append(OpposedClaims(first.claim, second.claim, tuple(shared), reason, overlap))
    found.sort(key=lambda pair: (-pair.score, pair.first.id, pair.second.id))
    return found[:MAX_OPPOSED], max(len(found) - MAX_OPPOSED, 0)


def _cues(text: str, offset: int) -> list[_Cue]:
    """Every disagreement cue of a paragraph, sentence by sentence, in reading order."""
    cues = []
    for start, end, sentence in sentences(text, offset):
        reciprocal = bool(_RECIPROCAL.search(sentence))
        for pattern, strong in ((_STRONG_CUES, True), (_WEAK_CUES, False)):
            cues.extend(
                _Cue(m.group().lower(), strong, reciprocal, start, end, sentence)
                for m in pattern.finditer(sentence)
            )
    return sorted(cues, key=lambda cue: (cue.start, not cue.strong, cue.surface))


def _best_answers(
    targets: list[Variables], pool: list[_Item], vocabulary: Vocabulary, limit: int
) -> _Answers:
    """The ``limit`` claims of ``pool`` sharing the most with any of ``targets``."""
    scored = []
    for item in pool:
        best = 0.0
        for target in targets:
            if vocabulary.qualifies(target, item.variables, MIN_SHARED):
                best = max(best, vocabulary.shared(target, item.variables)[1])
        if best > 0:
            scored.append((best, item))
    scored.sort(key=lambda pair: (-pair[0], pair[1].claim.id))
    return [pair for pair in scored[:limit] if pair[0] >= ANSWER_SHARE * scored[0][0]]


def _next_body_paragraph(document: Document, paragraph: int) -> int | None:
    later = [p.index for p in document.paragraphs if p.index > paragraph and p.kind == "body"]
    return later[0] if later else None


def _previous_body_paragraph(document: Document, paragraph: int) -> int | None:
    earlier = [p.index for p in document.paragraphs if p.index < paragraph and p.kind == "body"]
    return earlier[-1] if earlier else None


def _contested_in(document: Document, context: _Context) -> list[_Candidate]:
    candidates = []
    for paragraph in document.paragraphs:
        if paragraph.kind != "body":
            continue
        cues = _cues(paragraph.text, paragraph.start)
        if not cues:
            continue
        strong = [cue for cue in cues if cue.strong]
        lead = strong[0] if strong else cues[0]
        here = context.by_paragraph.get((document.id, paragraph.index), [])
        if any(cue.reciprocal for cue in strong):
            raised, answered = here, _reciprocal_answers(document, paragraph.index, context)
        elif strong:
            raised, answered = here, _strong_answers(document, paragraph.index, lead, context)
        else:
            raised = [item for item in here if item.hypothesis.end > lead.start]
            answered = _weak_answers(document, paragraph.index, lead, raised, context)
        if not answered or (not raised and not strong):
            continue
        surfaces = tuple(dict.fromkeys(cue.surface for cue in cues))
        passage = ContestedPassage(
            surfaces,
            excerpt(lead.sentence, SENTENCE_CHARS),
            source(document.id, paragraph.index),
            tuple(item.claim for item in raised),
            tuple(item.claim for _, item in answered),
        )
        score = sum(score for score, _ in answered)
        candidates.append(_Candidate(passage, bool(strong), score))
    return candidates


def _reciprocal_answers(document: Document, paragraph: int, context: _Context) -> _Answers:
    """Claims "set against each other": those of the paragraph's continuation."""
    following = _next_body_paragraph(document, paragraph)
    if following is None:
        return []
    return [(1.0, item) for item in context.by_paragraph.get((document.id, following), [])]


def _strong_answers(document: Document, paragraph: int, cue: _Cue, context: _Context) -> _Answers:
    """The claims elsewhere in the corpus closest to what the passage disputes."""
    here = context.by_paragraph.get((document.id, paragraph), [])
    targets = [item.variables for item in here]
    targets.append(text_variables(cue.sentence, context.mentions.get(document.id, []), cue.start))
    taken = {item.claim.id for item in here}
    pool = [item for item in context.items if item.claim.id not in taken]
    return _best_answers(targets, pool, context.vocabulary, MAX_ANSWERED)


def _weak_answers(
    document: Document, paragraph: int, cue: _Cue, raised: list[_Item], context: _Context
) -> _Answers:
    """Claims just before a contrast marker that share variables with the claims after it and
    differ from them in direction."""
    here = context.by_paragraph.get((document.id, paragraph), [])
    before = [item for item in here if item.hypothesis.end <= cue.start]
    previous = _previous_body_paragraph(document, paragraph)
    if previous is not None:
        before = context.by_paragraph.get((document.id, previous), []) + before
    directions = {item.claim.direction for item in raised}
    differing = [item for item in before if directions - {item.claim.direction}]
    targets = [item.variables for item in raised]
    return _best_answers(targets, differing, context.vocabulary, MAX_ANSWERED)


def _contested_passages(corpus: Corpus, context: _Context) -> tuple[list[ContestedPassage], int]:
    """Passages signalling disagreement, strongest first, and how many more there are."""
    candidates = [
        candidate
        for result in sorted(corpus.results, key=lambda r: r.document.id)
        for candidate in _contested_in(result.document, context)
    ]
    candidates.sort(key=lambda c: (not c.strong, -c.score, c.passage.source))
    chosen = sorted(candidates[:MAX_CONTESTED], key=lambda c: (not c.strong, c.passage.source))
    return [c.passage for c in chosen], max(len(candidates) - MAX_CONTESTED, 0)


def find_debates(corpus: Corpus, index: ParagraphIndex) -> Debates:
    """The corpus's contested passages and opposed claims."""
    context = _context(corpus, index)
    contested, more_contested = _contested_passages(corpus, context)
    opposed, more_opposed = _opposed_claims(context)
    return Debates(contested, more_contested, opposed, more_opposed)
