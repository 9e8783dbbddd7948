"""Finding the debates of a corpus: opposed claims and passages that signal disagreement.

Opposed claims are pairs of hypotheses on the same variables (a shared cause and a shared
effect) whose directions conflict (+ against −, or 0 against a sign), unless antonyms in their
causes or effects ("easy" / "difficult conquest") explain the flip. Contested passages are
paragraphs whose wording marks disagreement ("critics argue", "appear to contradict each other",
"largely irrelevant", "however"); each is shown with the claims it raises and those it answers.

Claims alike in all that a comparison reads are compared once, as a group, and only with the
groups that an index of their rare variables says can match, so that the search grows with the
corpus rather than with the square of its claims.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations, groupby, islice, product

from analyser.records import Corpus, Document, Hypothesis
from analyser.report.content import Claim, ContestedPassage, OpposedClaims
from analyser.report.sources import ParagraphIndex, claim_of, excerpt, sentences, source
from analyser.report.variables import (
    NO_MENTIONS,
    Mentions,
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


def _cue_pattern(strong: tuple[str, ...], weak: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of the lower-case ``strong`` and ``weak`` branches at the start
    of a word of a text put in lower case by ``_lower`` (a case-sensitive scan is about twice as
    fast); a strong cue is matched in its group ``strong``.

    A strong and a weak cue never overlap (neither holds the start of the other kind), so one
    scan finds the cues that a scan for each kind would. Each branch starts with a word or a
    group of words (``(?:a|b)``); a look-ahead on their first letters lets a scan pass over the
    other words without trying every branch.
    """
    initials = set()
    for branch in strong + weak:
        words = branch[3 : branch.index(")")].split("|") if branch.startswith("(?:") else [branch]
        initials.update(word[0] for word in words)
    assert all("a" <= letter <= "z" for letter in initials), "each branch starts with a letter"
    letters = "".join(sorted(initials))
    return re.compile(rf"\b(?=[{letters}])(?:(?P<strong>{'|'.join(strong)})|{'|'.join(weak)})")


_ODD_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def _lower(text: str) -> str:
    """``text`` in lower case, letter for letter, as ``re.IGNORECASE`` reads letters against a
    lower-case pattern: it also takes "İ" and "ı" for "i" and the long "ſ" for "s" (and only
    "İ" has a lower case longer than one letter)."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        text = text.translate(_ODD_FOLDS)
    return text.lower()


_STRONG_CUES = (
    r"contradict\w*",
    r"(?:inconsistent|incompatible|at odds)\s+with\b",
    r"critics?\b",
    r"critique\w*",
    r"critici[sz]\w*",
    r"disagree\w*",
    r"disput(?:e|es|ed|ing)\b",
    r"refut\w+",
    r"rebut\w*",
    r"reject(?:s|ed|ing)?\b",
    r"challeng(?:e|es|ed|ing)\s+(?:the|this|that|these)\b",
    r"(?:other|some|many|several|these|rival)\s+(?:scholars|authors|analysts|researchers|"
    r"theorists|writers|realists|liberals)\s+(?:argue|contend|claim|maintain|counter|insist|"
    r"hold|object)\w*",
    r"others\s+(?:argue|contend|claim|maintain|counter|insist)\w*",
    r"(?:largely|wholly|entirely|essentially|mostly)\s+irrelevant\b",
    r"overstat\w+",
    r"misguided\b",
    r"flawed\b",
)
_WEAK_CUES = (
    r"however\b",
    r"nevertheless\b",
    r"nonetheless\b",
    r"(?:in|by)\s+contrast\b",
    r"on\s+the\s+other\s+hand\b",
    r"revisionis\w+",
)
_CUES = _cue_pattern(_STRONG_CUES, _WEAK_CUES)
_RECIPROCAL = re.compile(r"\b(?:each\s+other|one\s+another)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Item:
    """A claim with the variables and lower-case words of its cause and effect, and its
    position in reading order among the corpus's claims."""

    claim: Claim
    hypothesis: Hypothesis
    variables: Variables
    cause_words: frozenset[str]
    effect_words: frozenset[str]
    position: int


_Answers = list[tuple[float, _Item]]


@dataclass(frozen=True)
class _Group:
    """Claims alike in all that a comparison looks at, so that one comparison stands for all."""

    items: tuple[_Item, ...]  # by claim id

    @property
    def first(self) -> _Item:
        """The claim standing for the group."""
        return self.items[0]

    @cached_property
    def last_position(self) -> int:
        """The reading-order position of the group's last claim."""
        return max(item.position for item in self.items)


def _grouped(items: Iterable[_Item], signature: Callable[[_Item], Hashable]) -> list[_Group]:
    """``items`` grouped by ``signature``, in order of first appearance, each by claim id."""
    groups: dict[Hashable, list[_Item]] = defaultdict(list)
    for item in items:
        groups[signature(item)].append(item)
    return [
        _Group(tuple(sorted(members, key=lambda item: item.claim.id)))
        for members in groups.values()
    ]


@dataclass(frozen=True)
class _AnswerIndex:
    """The corpus's claims grouped by their variables, found through the rare variables they
    share with a target (any claim that can answer a target shares one of these)."""

    groups: list[_Group]
    postings: dict[str, list[int]]

    @classmethod
    def of(cls, items: Iterable[_Item], vocabulary: Vocabulary) -> _AnswerIndex:
        """The index of ``items``."""
        groups = _grouped(items, lambda item: item.variables)
        postings: dict[str, list[int]] = defaultdict(list)
        for number, group in enumerate(groups):
            for key in vocabulary.rare_keys(group.first.variables.keys, MIN_SHARED):
                postings[key].append(number)
        return cls(groups, dict(postings))

    def candidates(self, targets: list[Variables], vocabulary: Vocabulary) -> list[_Group]:
        """The groups that may share enough with one of ``targets`` to answer it."""
        numbers = {
            number
            for target in targets
            for key in vocabulary.rare_keys(target.keys, MIN_SHARED)
            for number in self.postings.get(key, ())
        }
        return [self.groups[number] for number in sorted(numbers)]


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
    mentions: dict[str, Mentions]
    answers: _AnswerIndex


@dataclass
class Debates:
    """Contested passages and opposed claims, each with how many more were left out."""

    contested: list[ContestedPassage]
    more_contested: int
    opposed: list[OpposedClaims]
    more_opposed: int


def _context(
    corpus: Corpus, index: ParagraphIndex, claims: Mapping[str, Claim] | None = None
) -> _Context:
    mentions = mentions_by_doc(corpus)
    labels = {c.id: c.label for c in corpus.concepts}
    hypotheses = sorted(
        (h for r in corpus.results for h in r.hypotheses), key=lambda h: (h.doc, h.start, h.id)
    )
    items = [
        _Item(
            claims[h.id] if claims else claim_of(h, index),
            h,
            claim_variables(h, mentions.get(h.doc, NO_MENTIONS), labels),
            lower_words(h.cause),
            lower_words(h.effect),
            position,
        )
        for position, h in enumerate(hypotheses)
    ]
    by_paragraph: dict[tuple[str, int], list[_Item]] = defaultdict(list)
    for item in items:
        by_paragraph[(item.claim.source.doc, item.claim.source.paragraph)].append(item)
    vocabulary = Vocabulary.of((item.variables for item in items), corpus)
    answers = _AnswerIndex.of(items, vocabulary)
    return _Context(items, dict(by_paragraph), vocabulary, mentions, answers)


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
    total = vocabulary.score(first) + vocabulary.score(second)
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


def _overlapping_pairs(items: list[_Item]) -> set[tuple[int, int]]:
    """Positions (earlier, later) of the claims (in reading order) whose spans overlap."""
    pairs = set()
    for number, item in enumerate(items):
        for later in range(number + 1, len(items)):
            other = items[later]
            if other.hypothesis.doc != item.hypothesis.doc:
                break
            if other.hypothesis.start >= item.hypothesis.end:
                break  # later claims start later still
            if _overlapping(item.hypothesis, other.hypothesis):
                pairs.add((item.position, other.position))
    return pairs


def _opposition_signature(item: _Item) -> Hashable:
    """All that decides whether two claims are opposed (beyond not overlapping)."""
    variables = item.variables
    return (variables.cause, variables.effect, item.claim.direction, item.cause_words,
            item.effect_words)  # fmt: skip


def _role_blocks(group: _Group, vocabulary: Vocabulary) -> Iterator[tuple[str, str]]:
    """(cause key, effect key) blocks of a group: any group whose cause and effect each overlap
    its own enough (``MIN_ROLE_OVERLAP``) shares one of its blocks."""
    variables = group.first.variables
    causes, effects = (
        vocabulary.rare_keys(role, MIN_ROLE_OVERLAP / 2 * vocabulary.score(role))
        for role in (variables.cause, variables.effect)
    )
    return product(sorted(causes), sorted(effects))


def _candidate_groups(groups: list[_Group], vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """Numbers of the pairs of groups sharing a block of rare cause and effect variables."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, group in enumerate(groups):
        for block in _role_blocks(group, vocabulary):
            blocks[block].append(number)
    pairs = {pair for numbers in blocks.values() for pair in combinations(numbers, 2)}
    return sorted(pairs)


@dataclass(frozen=True)
class _Conflict:
    """Two groups of claims whose every pair (but overlapping claims) is opposed."""

    first: _Group
    second: _Group
    score: float
    n_pairs: int


def _conflicts(
    signed: list[_Item], overlapping: set[tuple[int, int]], vocabulary: Vocabulary
) -> list[_Conflict]:
    """Groups of signed claims on the same variables with conflicting directions.

    Claims of one group never conflict: they share their direction and their words.
    """
    groups = _grouped(signed, _opposition_signature)
    group_of = {
        item.position: number for number, group in enumerate(groups) for item in group.items
    }
    overlaps = Counter(frozenset((group_of[a], group_of[b])) for a, b in overlapping)
    conflicts = []
    for a, b in _candidate_groups(groups, vocabulary):
        first, second = groups[a], groups[b]
        overlap = same_variables(first.first.variables, second.first.variables, vocabulary)
        if not overlap or direction_conflict(first.first, second.first) is None:
            continue
        n_pairs = len(first.items) * len(second.items) - overlaps[frozenset((a, b))]
        if n_pairs:
            conflicts.append(_Conflict(first, second, overlap, n_pairs))
    return conflicts


def _first_pairs(
    conflict: _Conflict, limit: int, overlapping: set[tuple[int, int]]
) -> list[tuple[_Item, _Item]]:
    """The ``limit`` pairs (earlier claim, later claim) of a conflict that sort first by their
    claims' ids, overlapping claims left out."""
    members = [(item, conflict.second) for item in conflict.first.items]
    members += [(item, conflict.first) for item in conflict.second.items]
    members.sort(key=lambda member: member[0].claim.id)
    found: list[tuple[_Item, _Item]] = []
    for earlier, others in members:  # by the id of the pair's earlier claim
        if len(found) >= limit:
            break
        if earlier.position > others.last_position:
            continue  # no claim of the other group comes after it
        later = (
            other
            for other in others.items
            if other.position > earlier.position
            and (earlier.position, other.position) not in overlapping
        )
        found.extend((earlier, other) for other in islice(later, limit))
    return found[:limit]


def _opposed(first: _Item, second: _Item, score: float, vocabulary: Vocabulary) -> OpposedClaims:
    """The opposed pair of two claims, the earlier one first."""
    reason = direction_conflict(first, second)
    assert reason is not None, "claims of conflicting groups conflict"
    shared, _ = vocabulary.shared(first.variables, second.variables)
    return OpposedClaims(first.claim, second.claim, tuple(shared), reason, score)


def _opposed_claims(context: _Context) -> tuple[list[OpposedClaims], int]:
    """The strongest pairs of claims with conflicting directions, and how many more there are.

    Pairs are counted group by group; only the groups with the highest scores are opened up
    into pairs of claims, as far as the shown pairs need.
    """
    signed = [item for item in context.items if item.claim.direction in _SIGNS]
    overlapping = _overlapping_pairs(signed)
    conflicts = sorted(_conflicts(signed, overlapping, context.vocabulary), key=lambda c: -c.score)
    found: list[OpposedClaims] = []
    for score, level in groupby(conflicts, key=lambda conflict: conflict.score):
        if len(found) >= MAX_OPPOSED:
            break  # every later pair scores lower than those found
        found.extend(
            _opposed(first, second, score, context.vocabulary)
            for conflict in level
            for first, second in _first_pairs(conflict, MAX_OPPOSED, overlapping)
        )
    found.sort(key=lambda pair: (-pair.score, pair.first.id, pair.second.id))
    total = sum(conflict.n_pairs for conflict in conflicts)
    return found[:MAX_OPPOSED], max(total - MAX_OPPOSED, 0)


def _cues(text: str, offset: int) -> list[_Cue]:
    """Every disagreement cue of a paragraph, sentence by sentence, in reading order."""
    lowered = _lower(text)
    found = [(match.span(), match["strong"] is not None) for match in _CUES.finditer(lowered)]
    if not found:
        return []
    spans = sentences(text, offset)
    starts = [start - offset for start, _, _ in spans]
    cues = []
    for (first, last), strong in found:  # a cue never runs over a sentence's end: no stop in it
        start, end, sentence = spans[bisect.bisect_right(starts, first) - 1]
        reciprocal = bool(_RECIPROCAL.search(sentence))
        cues.append(_Cue(text[first:last].lower(), strong, reciprocal, start, end, sentence))
    return sorted(cues, key=lambda cue: (cue.start, not cue.strong, cue.surface))


def _answer_score(targets: list[Variables], variables: Variables, vocabulary: Vocabulary) -> float:
    """How much a claim with ``variables`` shares with the target it answers best (0: none)."""
    best = 0.0
    for target in targets:
        score = vocabulary.qualified_score(target, variables, MIN_SHARED)
        if score is not None:
            best = max(best, score)
    return best


def _best_answers(
    targets: list[Variables],
    pool: Iterable[_Group],
    vocabulary: Vocabulary,
    limit: int,
    taken: frozenset[str] = frozenset(),
) -> _Answers:
    """The ``limit`` claims of ``pool`` (but ``taken`` ids) sharing the most with ``targets``."""
    scored = []
    for group in pool:
        best = _answer_score(targets, group.first.variables, vocabulary)
        if best > 0:
            free = (item for item in group.items if item.claim.id not in taken)
            scored.extend((best, item) for item in islice(free, limit))
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
    mentions = context.mentions.get(document.id, NO_MENTIONS)
    targets.append(text_variables(cue.sentence, mentions, cue.start))
    taken = frozenset(item.claim.id for item in here)
    pool = context.answers.candidates(targets, context.vocabulary)
    return _best_answers(targets, pool, context.vocabulary, MAX_ANSWERED, taken)


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
    pool = _grouped(differing, lambda item: item.variables)
    return _best_answers(targets, pool, context.vocabulary, MAX_ANSWERED)


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


def find_debates(
    corpus: Corpus, index: ParagraphIndex, claims: Mapping[str, Claim] | None = None
) -> Debates:
    """The corpus's contested passages and opposed claims; ``claims`` gives the corpus's claims
    by hypothesis id when they are already made."""
    context = _context(corpus, index, claims)
    contested, more_contested = _contested_passages(corpus, context)
    opposed, more_opposed = _opposed_claims(context)
    return Debates(contested, more_contested, opposed, more_opposed)
