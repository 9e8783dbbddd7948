"""Finding in-text citations: author–year (parenthetical and narrative), numeric markers,
pandoc keys, and scholars named as sources without a year (``name_only``).

Pattern matching finds the author–year, numeric and pandoc forms; the spaCy parse finds
people named as sources ("Jervis argues", "According to Charles Lipson", "coined by John Hertz
in 1950"). Every offset is an index into ``Document.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress

import numpy as np
from spacy.attrs import POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from analyser.extract.linking import normalise_name, same_surname
from analyser.extract.years import YEAR_DIGITS, YEAR_IN_TEXT
from analyser.nlp import ParsedParagraph, load_pipeline
from analyser.records import Citation, Document, Paragraph

_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_CAP = f"[{_UPPER}]"
_LETTER = r"[^\W\d_]"
# No letter follows a name word in any pattern, so its letters are never given back (``++``).
_NAME_WORD = rf"(?:{_CAP}['’])?{_CAP}{_LETTER}++(?:-{_CAP}?{_LETTER}++)*"
_PARTICLE = r"(?:van|von|der|den|de|del|della|da|das|dos|du|di|la|le|ten|ter|St\.)"
_AUTHOR = (  # starts with a particle's first letter or a capital
    rf"(?=[vdltS]|{_CAP})(?<![^\W\d_]|['’\-])(?:{_PARTICLE}\s+)*{_NAME_WORD}"
    rf"(?:[ \t]+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,3}}"
)
_AUTHORS = (
    rf"{_AUTHOR}(?:(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+){_AUTHOR})*"
    r"(?:,?\s+et\s+al\b\.?)?"
)
_YEAR = (
    rf"(?<![\w\-–/.])(?:{YEAR_DIGITS})(?:[a-z](?![\w]))?(?!\w|[\-–/]\d|\s*[-–]\s*\d)"
    r"|n\.\s?d\.|in\s+press|forthcoming"
)
_YEARS = rf"(?:{_YEAR})(?:\s*[,;]\s*(?:{_YEAR}|[a-z](?=\s*[,;)\]])))*"
_PAGES = r"\d{1,5}(?:\s*[-–—]\s*\d{1,5})?(?:\s*,\s*\d{1,5}(?:\s*[-–—]\s*\d{1,5})?)*"
_LOCATOR = (
    rf"\s*[,:]\s*(?P<locator>(?:pp?\.|pages?|chap(?:ter)?\.?|ch\.|para\.|§)\s*{_PAGES}"
    r"|\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?!\d))"
)
_PARENTHETICAL = re.compile(rf"(?P<authors>{_AUTHORS}),?\s+(?P<years>{_YEARS})(?:{_LOCATOR})?")
_NARRATIVE = re.compile(
    rf"(?P<authors>{_AUTHORS})(?:['’]s)?\s*\(\s*(?P<years>{_YEARS})(?:{_LOCATOR})?\s*(?=[);])"
)
_YEAR_ALONE = re.compile(rf"{YEAR_DIGITS}|n\.\s?d\.|in\s+press|forthcoming")
"""What every match of ``_YEAR`` holds (a quick test before the author–year patterns)."""
_ONE_YEAR = re.compile(rf"{_YEAR}|(?<=[,;] )[a-z]\b|(?<=[,;])[a-z]\b")
_AUTHOR_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
_ET_AL = re.compile(r",?\s+et\s+al\b\.?$")
_NUMERIC = re.compile(r"\[(\d{1,3}(?:\s*[-–,]\s*\d{1,3})*)\]")
_NUMBER = re.compile(r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?")
_PANDOC_GROUP = re.compile(r"\[[^\[\]]*@[^\[\]]*\]")
_PANDOC_KEY = re.compile(r"(?<![\w@.])-?@([A-Za-z][\w:.#$%&+?<>~/-]*\w)")
_KEY_PARTS = re.compile(r"([A-Za-z]+)(\d{4}[a-z]?)")
_PAGE_PREFIX = re.compile(r"^(?:pp?\.|pages?)\s*", re.IGNORECASE)
_DASHES = re.compile(r"\s*[-–—]\s*")
_BRACKET = re.compile(r"[()\[\]]")

_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "da", "das", "dos", "du", "di", "la", "le"}
    | {"ten", "ter", "st", "st."}
)
_NOT_NAMES = frozenset(STOP_WORDS) | {
    "according", "following", "recently", "similarly", "notably", "conversely", "moreover",
    "furthermore", "additionally", "finally", "first", "second", "third", "initially", "indeed",
    "specifically", "importantly", "interestingly", "see", "cf", "compare", "unlike", "like",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "spring", "summer", "autumn", "fall", "winter",
    "vol", "volume", "no", "issue", "chapter", "figure", "fig", "table", "section", "appendix",
    "eq", "equation", "page", "pp", "published", "updated", "copyright", "accessed", "retrieved",
    "report", "paper", "article", "study", "book", "treaty", "act", "charter", "declaration",
    "resolution", "model", "theory", "government", "court", "council", "committee", "commission",
    "agency", "ministry", "department", "university", "institute", "school", "party", "war",
}  # fmt: skip
"""Capitalised words that start sentences or label things, not people: never a surname."""
REPORTING_VERBS = frozenset(
    {
        "argue", "claim", "contend", "suggest", "note", "observe", "write", "state", "assert",
        "maintain", "propose", "posit", "hold", "term", "call", "define", "describe", "coin",
        "articulate", "introduce", "develop", "formulate", "show", "demonstrate", "find",
        "emphasise", "emphasize", "stress", "insist", "conclude", "explain", "predict",
        "theorise", "theorize", "conceptualise", "conceptualize", "identify", "summarise",
        "summarize", "sum", "extend", "examine", "analyse", "analyze", "explore", "discuss",
        "criticise", "criticize", "challenge", "reject", "warn", "label", "dub", "point",
        "caution", "recognise", "recognize", "distinguish", "elaborate", "model", "outline",
    }
)  # fmt: skip
WORK_NOUNS = frozenset(
    {
        "model", "theory", "argument", "summation", "summary", "view", "thesis", "concept",
        "analysis", "work", "study", "book", "account", "framework", "critique", "claim",
        "definition", "formulation", "hypothesis", "law", "principle", "dictum", "paradox",
        "approach", "notion", "idea", "term", "typology", "theorem", "logic", "finding",
        "assessment", "explanation", "conception", "distinction", "observation", "phrase",
    }
)  # fmt: skip
SCHOLAR_NOUNS = frozenset(
    {
        "scholar", "theorist", "researcher", "author", "writer", "academic", "analyst",
        "thinker", "economist", "historian", "realist", "liberal", "constructivist", "critic",
        "proponent", "strategist", "expert", "commentator", "sociologist", "philosopher",
        "scientist",
    }
)  # fmt: skip
_TERM_NOUNS = frozenset({"word", "term", "phrase", "concept", "notion", "expression", "label"})
_NON_PERSON_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "EVENT", "LAW"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_NAME_TOKEN = re.compile(_NAME_WORD)
_YEAR_TOKEN = re.compile(rf"^(?:{YEAR_DIGITS})$")
_MAX_YEAR_DISTANCE = 15


@dataclass(frozen=True)
class _Name:
    """A person's name found in a parse: token range, character span and surname."""

    first: int
    last: int  # exclusive token index
    start: int
    end: int
    surname: str
    full: bool  # a PERSON entity with a given name: spelling variants of the surname count


def find_citations(
    document: Document,
    skip: set[int],
    reference_authors: Sequence[Sequence[str]] = (),
    nlp: Language | None = None,
    parsed: Sequence[ParsedParagraph] = (),
) -> list[Citation]:
    """The in-text citations of ``document``'s paragraphs, minus the ``skip`` paragraph indices.

    ``reference_authors`` holds the author surnames of each entry of the document's reference
    list: they let bare "Surname, 2004" and scholars named without a year be recognised.
    Paragraphs already in ``parsed`` are not parsed again.
    """
    paragraphs = [p for p in document.paragraphs if p.index not in skip]
    groups = tuple(tuple(group) for group in reference_authors if group)
    own = tuple(surname_of(name) for name in document.authors if name.strip())
    listed = _Known(groups, own)
    patterned = {p.index: _pattern_citations(document.id, p, listed) for p in paragraphs}
    cited = sorted({c.authors[0] for cs in patterned.values() for c in cs if c.authors})
    known = _Known((*groups, *((name,) for name in cited)), own)
    parses = _parses(paragraphs, parsed, nlp)
    found: list[Citation] = []
    for paragraph in paragraphs:
        citations = patterned[paragraph.index]
        found.extend(citations)
        found.extend(
            _parsed_citations(document.id, paragraph, parses[paragraph.index], known, citations)
        )
    return sorted(found, key=lambda c: (c.start, c.end, c.year or "", c.kind))


def _parses(
    paragraphs: list[Paragraph], parsed: Sequence[ParsedParagraph], nlp: Language | None
) -> dict[int, Doc]:
    """The parse of each paragraph: reused from ``parsed`` where given, else made here."""
    parses = {p.paragraph.index: p.parse for p in parsed}
    missing = [p for p in paragraphs if p.index not in parses]
    if missing:
        made = (nlp or load_pipeline()).pipe(p.text for p in missing)
        parses.update(zip((p.index for p in missing), made, strict=True))
    return parses


@dataclass(frozen=True)
class _Known:
    """Names the document itself vouches for: authors of its references and of author–year
    citations (``groups``, one tuple of surnames per work) and its own authors (``own``)."""

    groups: tuple[tuple[str, ...], ...]
    own: tuple[str, ...]

    def is_cited(self, surname: str, exact: bool = False) -> bool:
        """Whether ``surname`` names an author of one of the cited works (spelling variants
        allowed unless ``exact``)."""
        if exact:
            folded = normalise_name(surname)
            return any(folded == normalise_name(name) for group in self.groups for name in group)
        return any(same_surname(surname, name) for group in self.groups for name in group)

    def is_own(self, surname: str) -> bool:
        """Whether ``surname`` names one of the document's own authors."""
        return any(same_surname(surname, name) for name in self.own)

    def coauthors(self, first: str, second: str) -> bool:
        """Whether two surnames are co-authors of one cited work."""
        return any(
            any(same_surname(first, n) for n in group)
            and any(same_surname(second, n) for n in group)
            for group in self.groups
        )


def _pattern_citations(doc: str, paragraph: Paragraph, known: _Known) -> list[Citation]:
    """The citations of a paragraph that patterns find: pandoc, numeric and author–year."""
    text = paragraph.text
    depth = _bracket_depth(text)
    found: list[Citation] = []

    def taken() -> list[tuple[int, int]]:
        return [(c.start - paragraph.start, c.end - paragraph.start) for c in found]

    found.extend(_pandoc_citations(doc, paragraph))
    found.extend(_numeric_citations(doc, paragraph, taken()))
    if not _YEAR_ALONE.search(text):
        return found  # every author–year citation has a year
    for match in _NARRATIVE.finditer(text):
        if not _overlaps(match.span(), taken()):
            found.extend(_author_year(doc, paragraph, match, "narrative"))
    for match in _PARENTHETICAL.finditer(text):
        if _overlaps(match.span(), taken()):
            continue
        if depth(match.start()) > 0:
            found.extend(_author_year(doc, paragraph, match, "parenthetical"))
        elif _is_bare_citation(match, known):
            found.extend(_author_year(doc, paragraph, match, "narrative"))
    return found


def _parsed_citations(
    doc: str, paragraph: Paragraph, parse: Doc, known: _Known, found: list[Citation]
) -> list[Citation]:
    """The citations that need the parse: scholars named with a later year, or without one."""
    taken = [(c.start - paragraph.start, c.end - paragraph.start) for c in found]
    names = _person_names(parse, paragraph.text, known)
    names = [n for n in names if not _overlaps((n.start, n.end), taken)]
    with_years = _names_with_years(doc, paragraph, parse, names, known)
    taken += [(c.start - paragraph.start, c.end - paragraph.start) for c in with_years]
    names = [n for n in names if not _overlaps((n.start, n.end), taken)]
    return with_years + _names_only(doc, paragraph, parse, names, known)


def _bracket_depth(text: str) -> Callable[[int], int]:
    """For each character offset, how many brackets ( or [ are open before that character (a
    closing bracket counts as closed at its own offset)."""
    offsets: list[int] = []
    levels: list[int] = []  # the depth after each bracket
    level = 0
    for match in _BRACKET.finditer(text):
        level = max(0, level - 1) if match.group() in ")]" else level + 1
        offsets.append(match.start())
        levels.append(level)

    def depth(offset: int) -> int:
        before = bisect_left(offsets, offset)
        level = levels[before - 1] if before else 0
        if before < len(offsets) and offsets[before] == offset and text[offset] in ")]":
            return max(0, level - 1)
        return level

    return depth


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _is_bare_citation(match: re.Match[str], known: _Known) -> bool:
    """An author–year pair outside brackets counts with "et al." or a surname of the list."""
    authors = _surnames(_trim_leading_words(match.group("authors")))
    if not authors or not any(c.isdigit() for c in match.group("years")):
        return False
    return bool(_ET_AL.search(match.group("authors"))) or known.is_cited(authors[0], exact=True)


def _author_year(doc: str, paragraph: Paragraph, match: re.Match[str], kind: str) -> list[Citation]:
    """One citation per year of an author–year match ("Smith 2001, 2003" gives two)."""
    authors_text = match.group("authors")
    trimmed = _trim_leading_words(authors_text)
    authors = _surnames(trimmed)
    if not authors or _ends_in_sentence_word(trimmed):
        return []
    base = paragraph.start
    start = match.start("authors") + len(authors_text) - len(trimmed)
    locator = _clean_locator(match.group("locator"))
    years = list(_ONE_YEAR.finditer(match.group("years")))
    citations = []
    previous = ""
    for position, year_match in enumerate(years):
        year = year_match.group(0)
        if len(year) == 1:  # a bare suffix: "2014a, b"
            year = previous[:4] + year
        previous = year
        year_start = match.start("years") + year_match.start()
        year_end = match.start("years") + year_match.end()
        first, last = position == 0, position == len(years) - 1
        span_start = start if first else year_start
        span_end = match.end() if last else year_end
        if first and last:
            span_start, span_end = _widen_to_brackets(paragraph.text, span_start, span_end, kind)
        citations.append(
            Citation(
                doc=doc,
                paragraph=paragraph.index,
                start=base + span_start,
                end=base + span_end,
                surface=paragraph.text[span_start:span_end],
                authors=authors,
                year=_clean_year(year),
                locator=locator if last else None,
                kind=kind,
            )
        )
    return citations


def _widen_to_brackets(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """Include the brackets around a citation that fills them: "(Sandler 1993)"."""
    if kind == "narrative":
        close = text.find(")", end)
        return (start, close + 1) if close >= 0 and not text[end:close].strip() else (start, end)
    before = text[:start].rstrip()
    after_end = len(text[end:]) - len(text[end:].lstrip())
    if before.endswith(("(", "[")) and text[end + after_end : end + after_end + 1] in (")", "]"):
        return len(before) - 1, end + after_end + 1
    return start, end


def _trim_leading_words(authors_text: str) -> str:
    """Drop sentence words and acronyms that the name pattern swept in ("However, Smith" ->
    "Smith", "AIC, Akaike" -> "Akaike"); a lone name before "et al." stays ("He et al.")."""
    names = _ET_AL.sub("", authors_text)
    pieces = list(re.finditer(r"[^\s,&]+", names))
    for position, piece in enumerate(pieces):
        word = piece.group(0).rstrip(".")
        is_last = position == len(pieces) - 1
        if is_last and len(names) < len(authors_text):
            return authors_text[piece.start() :]
        sentence_word = word.casefold() in _NOT_NAMES and word.casefold() not in _PARTICLES
        acronym = not is_last and word.isupper() and names[piece.end() :].startswith(",")
        if not (sentence_word or acronym):
            return authors_text[piece.start() :]
    return ""


def _surnames(authors_text: str) -> list[str]:
    """The surnames of an author list ("Mancur Olsen and Diehl et al." -> ["Olsen", "Diehl"])."""
    names = _AUTHOR_SPLIT.split(_ET_AL.sub("", authors_text.strip()))
    return [surname_of(name) for name in names if name]


def _ends_in_sentence_word(authors_text: str) -> bool:
    """Whether the word before the year is no name: "Copyright 2005", "Smith, Summer 2001",
    "North Atlantic Treaty (1949)" (but "He et al." and "Horne and Page" are names)."""
    if _ET_AL.search(authors_text) or re.search(r"\s(?:and|&)\s+\S+$", authors_text):
        return False
    return authors_text.split()[-1].casefold() in _NOT_NAMES


def surname_of(name: str) -> str:
    """A full name's surname: last word and particles ("Stephen Van Evera" -> "Van Evera")."""
    words = name.replace("’s", "").replace("'s", "").split()
    if not words:
        return ""
    position = len(words) - 1
    while position > 0 and words[position - 1].casefold() in _PARTICLES:
        position -= 1
    return " ".join(words[position:])


def _clean_year(year: str) -> str:
    return re.sub(r"\s+", " ", year).strip()


def _clean_locator(locator: str | None) -> str | None:
    """Pages as "a-b" without "p."/"pp."; other locators ("chap. 3") as written."""
    if not locator:
        return None
    text = _PAGE_PREFIX.sub("", locator.strip())
    return _DASHES.sub("-", text) if text[:1].isdigit() else text


def _numeric_citations(
    doc: str, paragraph: Paragraph, taken: list[tuple[int, int]]
) -> Iterator[Citation]:
    """One citation per number of a numeric marker: "[12]", "[3, 5-7]". The surface is the
    number in brackets ("[6]" for the 6 of "[5-7]"); the span is the marker's text."""
    for match in _NUMERIC.finditer(paragraph.text):
        if _overlaps(match.span(), taken):
            continue
        numbers = list(_NUMBER.finditer(match.group(1)))
        for number in numbers:
            low, _, high = _DASHES.sub("-", number.group(0)).partition("-")
            values = range(int(low), min(int(high or low), int(low) + 99) + 1)
            if len(numbers) == 1 and len(values) == 1:
                span = match.span()
            else:
                span = (match.start(1) + number.start(), match.start(1) + number.end())
            for value in values:
                yield Citation(
                    doc=doc,
                    paragraph=paragraph.index,
                    start=paragraph.start + span[0],
                    end=paragraph.start + span[1],
                    surface=f"[{value}]",
                    authors=[],
                    kind="numeric",
                )


def _pandoc_citations(doc: str, paragraph: Paragraph) -> Iterator[Citation]:
    """Pandoc citation keys: "[see @levy1988, p. 33; @smith2000]" and bare "@levy1988 argues"."""
    text = paragraph.text
    if "@" not in text:
        return  # every key starts with "@"
    groups = [match.span() for match in _PANDOC_GROUP.finditer(text)]
    for match in _PANDOC_KEY.finditer(text):
        key = match.group(1)
        parts = _KEY_PARTS.match(key)
        inside = any(start < match.start() < end for start, end in groups)
        if not (inside or parts):  # a bare @handle is a citation only when it reads as a key
            continue
        authors = [parts.group(1).capitalize()] if parts else [key]
        locator = re.match(r"\s*,\s*([^;\]]+)", text[match.end() :]) if inside else None
        yield Citation(
            doc=doc,
            paragraph=paragraph.index,
            start=paragraph.start + match.start(),
            end=paragraph.start + match.end(),
            surface=match.group(0),
            authors=authors,
            year=parts.group(2) if parts else None,
            locator=_clean_locator(locator.group(1)) if locator else None,
            kind="parenthetical" if inside else "narrative",
        )


def _person_names(parse: Doc, text: str, known: _Known) -> list[_Name]:
    """People's names in a parse of ``text``: PERSON entities and proper nouns that are
    reference surnames."""
    names: dict[int, _Name] = {}
    for entity in parse.ents:
        if entity.label_ == "PERSON":
            name = _name_from_tokens(entity, text, person=True)
            if name:
                names[name.first] = name
    name_like = _name_tokens(parse)
    # a run starts at a name token or at the particle just before one
    name_positions = compress(range(len(name_like)), name_like)
    starts = sorted({start for i in name_positions for start in (i - 1, i) if start >= 0})
    index = 0  # the first token not yet in a run
    for start in starts:
        end = _proper_noun_run_end(parse, name_like, start) if start >= index else None
        if end is None:
            continue
        index = end
        if any(n.first <= start < n.last for n in names.values()):
            continue  # within a name found already
        run = parse[start:end]
        name = _name_from_tokens(run, text, person=False)
        if name and _plausible_person(run, name, known):
            names[name.first] = name
    return [names[key] for key in sorted(names)]


def _name_tokens(parse: Doc) -> list[bool]:
    """For each token of ``parse``, whether it is a name token (only proper nouns can be)."""
    name_like = [False] * len(parse)
    for index in np.flatnonzero(parse.to_array(POS) == PROPN).tolist():
        name_like[index] = _is_name_token(parse[index])
    return name_like


def _proper_noun_run_end(parse: Doc, name_like: list[bool], index: int) -> int | None:
    """The end of the run of title-case proper nouns (with name particles) starting at
    ``index``; ``name_like`` tells the name tokens."""
    end = index
    while end < len(name_like) and end - index < 4:
        particle = end + 1 < len(name_like) and name_like[end + 1]
        if not (name_like[end] or (particle and parse[end].lower_ in _PARTICLES)):
            break
        end += 1
    return end if end > index and name_like[end - 1] else None


def _is_name_token(token: Token) -> bool:
    """A title-case proper noun that is not a place, nationality, date or the like."""
    return (
        token.pos_ == "PROPN"
        and not token.text.isupper()
        and _NAME_TOKEN.fullmatch(token.text) is not None
        and token.ent_type_ not in _NON_PERSON_LABELS
    )


def _plausible_person(run: Span, name: _Name, known: _Known) -> bool:
    """A proper noun outside PERSON entities counts when it is a reference surname, or when
    spaCy left it unlabelled (ORG and other labels need the reference list's support)."""
    if known.is_cited(name.surname, exact=True):
        return True
    return all(token.ent_type_ == "" for token in run) and run[-1].lower_ not in _NOT_NAMES


def _name_from_tokens(span: Span, text: str, person: bool) -> _Name | None:
    """The name of a span of a parse of ``text``, unless its last word is no surname or it
    names a method or thing after a person ("Kruskal-Wallis test", "Wright–Fisher process")."""
    tokens = [t for t in span if t.text not in _POSSESSIVE]
    if not tokens or tokens[-1].text.casefold() in _NOT_NAMES:
        return None
    first, last = tokens[0], tokens[-1]
    if not _NAME_TOKEN.fullmatch(last.text) or _is_eponym(last):
        return None
    if first.i > 0 and span.doc[first.i - 1].lower_ in ("the", "a", "an"):
        return None  # "the Case of ...": people's names take no article
    start, end = first.idx, last.idx + len(last.text)
    if text[end : end + 1] in ("-", "–") and text[end + 1 : end + 2].isupper():
        return None
    if start > 0 and text[start - 1] in ("-", "–"):
        return None
    words = [t.text for t in tokens]
    full = person and len(words) > 1 and tokens[-2].whitespace_ != ""
    return _Name(first.i, last.i + 1, start, end, surname_of(" ".join(words)), full)


def _is_eponym(token: Token) -> bool:
    """A name that modifies a common noun other than a piece of work: "Rossmann fold"."""
    head = token.head
    return (
        token.dep_ == "compound"
        and head.i > token.i
        and head.pos_ == "NOUN"
        and head.lemma_.casefold() not in WORK_NOUNS
    )


def _names_with_years(
    doc: str, paragraph: Paragraph, parse: Doc, names: list[_Name], known: _Known
) -> list[Citation]:
    """Narrative citations that name a scholar and a year later in the sentence:
    "coined by John Hertz in 1950", "Herbert Butterfield originally articulated ... in 1949"."""
    citations: list[Citation] = []
    if not YEAR_IN_TEXT.search(paragraph.text):
        return citations  # no token can be a year
    for name in names:
        if known.is_own(name.surname):
            continue
        year = _following_year(parse, name, names)
        if year is None:
            continue
        sentence = parse[name.first].sent
        verbs = [t for t in parse[sentence.start : year.i] if _is_reporting(t)]
        if not (verbs or known.is_cited(name.surname, exact=not name.full)):
            continue
        citations.append(
            Citation(
                doc=doc,
                paragraph=paragraph.index,
                start=paragraph.start + name.start,
                end=paragraph.start + year.idx + len(year.text),
                surface=paragraph.text[name.start : year.idx + len(year.text)],
                authors=[name.surname],
                year=year.text,
                kind="narrative",
            )
        )
    return citations


def _following_year(parse: Doc, name: _Name, names: list[_Name]) -> Token | None:
    """The first "in YEAR" after ``name`` in its sentence, before any other name."""
    sentence_end = parse[name.first].sent.end
    stop = min([n.first for n in names if n.first >= name.last] + [sentence_end])
    stop = min(stop, name.last + _MAX_YEAR_DISTANCE)
    for token in parse[name.last : stop]:
        if _YEAR_TOKEN.match(token.text) and parse[token.i - 1].lower_ == "in":
            return token
    return None


def _is_reporting(token: Token) -> bool:
    """A verb of saying, arguing, terming (or "used the word/term")."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBN", "VBD"):
        return False
    if token.lemma_.casefold() in REPORTING_VERBS:
        return True
    return token.lemma_ == "use" and any(child.lemma_ in _TERM_NOUNS for child in token.children)


def _names_only(
    doc: str, paragraph: Paragraph, parse: Doc, names: list[_Name], known: _Known
) -> list[Citation]:
    """Scholars named as a source without a year: "Jervis argues", "what Olsen termed",
    "Sandler’s Joint Product Model", "According to Charles Lipson", and reference authors."""
    candidates = [n for n in names if not known.is_own(n.surname)]
    accepted = {n.first for n in candidates if _is_named_source(parse, n, known)}
    changed = True
    while changed:  # names listed alongside a source are sources too: "Jervis, Posen and Glaser"
        changed = False
        for name in candidates:
            if name.first not in accepted and any(
                other.first in accepted and _listed_together(parse, name, other)
                for other in candidates
            ):
                accepted.add(name.first)
                changed = True
    chosen = [n for n in candidates if n.first in accepted]
    return [
        _name_citation(doc, paragraph, group) for group in _coauthor_groups(parse, chosen, known)
    ]


def _is_named_source(parse: Doc, name: _Name, known: _Known) -> bool:
    if known.is_cited(name.surname, exact=not name.full):
        return True
    head = parse[name.last - 1]
    after = [t for t in parse[name.last : name.last + 4] if not (t.is_punct and t.text == ",")]
    after = [t for t in after if t.pos_ != "ADV"]
    if after and _is_reporting(after[0]) and after[0].tag_ != "VBN":
        return True
    if head.dep_ == "nsubj" and _is_reporting(head.head):
        return True
    before = [t.lower_ for t in parse[max(0, name.first - 2) : name.first]]
    if before == ["according", "to"]:
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "by" and _is_reporting(head.head.head):
        return True
    return _possessive_of_work(parse, name) or _introduced_as_scholar(parse, name)


def _introduced_as_scholar(parse: Doc, name: _Name) -> bool:
    """ "scholars such as X", "the most prominent scholars are X, Y and Z", "among others X"."""
    token = parse[name.last - 1]
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    if token.dep_ not in ("attr", "appos", "pobj"):
        return False
    window = parse[max(token.sent.start, token.i - 8) : token.i]
    if "among others" in window.text.casefold():
        return True
    return any(t.lemma_.casefold() in SCHOLAR_NOUNS and t.pos_ == "NOUN" for t in window)


def _possessive_of_work(parse: Doc, name: _Name) -> bool:
    """ "Sandler’s Joint Product Model", "Lipson's summation": a name owning a piece of work."""
    if name.last >= len(parse) or parse[name.last].text not in _POSSESSIVE:
        return False
    following = parse[name.last + 1 : name.last + 5]
    return any(t.lemma_.casefold() in WORK_NOUNS and t.pos_ in ("NOUN", "PROPN") for t in following)


def _listed_together(parse: Doc, first: _Name, second: _Name) -> bool:
    """Two names separated only by commas and "and"/"&" (a list of scholars)."""
    left, right = (first, second) if first.first < second.first else (second, first)
    between = parse[left.last : right.first]
    return 0 < len(between) <= 3 and all(t.text in (",", "and", "&") for t in between)


def _coauthor_groups(parse: Doc, names: list[_Name], known: _Known) -> list[list[_Name]]:
    """Names joined by "and" that co-author one reference form one citation."""
    groups: list[list[_Name]] = []
    for name in names:
        if groups:
            last = groups[-1][-1]
            between = [t.text for t in parse[last.last : name.first]]
            if between in (["and"], ["&"]) and known.coauthors(last.surname, name.surname):
                groups[-1].append(name)
                continue
        groups.append([name])
    return groups


def _name_citation(doc: str, paragraph: Paragraph, group: list[_Name]) -> Citation:
    start, end = group[0].start, group[-1].end
    return Citation(
        doc=doc,
        paragraph=paragraph.index,
        start=paragraph.start + start,
        end=paragraph.start + end,
        surface=paragraph.text[start:end],
        authors=[name.surname for name in group],
        kind="name_only",
    )
