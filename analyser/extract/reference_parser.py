"""Parse one reference-list entry into structured fields with a CRF sequence labeller.

The string is split into whitespace tokens, each token gets a label (author, year, title,
container, volume, pages, publisher, place, ...) from a linear-chain CRF trained by
``analyser.extract.train_reference_parser``, and the labelled runs are cleaned into a
:class:`~analyser.records.Reference`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sklearn_crfsuite import CRF

from analyser.extract.years import YEAR_DIGITS
from analyser.records import Author, Reference

MODEL_PATH = Path(__file__).parent / "data" / "reference_parser.crfsuite"

LABELS = (
    "author",
    "editor",
    "translator",
    "year",
    "title",
    "container",
    "volume",
    "issue",
    "pages",
    "publisher",
    "place",
    "doi",
    "url",
    "note",
    "other",
    "citation_number",
    "genre",
    "edition",
    "isbn",
    "institution",
)

# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
# Split points inside a whitespace token: "Smith,J." -> "Smith," "J.";
# "14:137-166" -> "14:" "137-166"; "175(7):4769-76" -> "175(7):" "4769-76";
# "(2000)024318" -> "(2000)" "024318".
_GLUED = re.compile(r"(?<=[,;])(?=[^\W\d_])|(?<=[\d)]:)(?=\d)|(?<=\))(?=\w)")


@dataclass(frozen=True)
class Token:
    """A token of a reference string with its character span."""

    text: str
    start: int
    end: int


def tokenize(raw: str) -> list[Token]:
    """Whitespace tokens of ``raw``, also split where a word or page range is glued on."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(raw):
        offset = match.start()
        text = match.group()
        link = "://" in text or text.lower().startswith(("doi", "www.", "10."))
        for piece in [text] if link else _GLUED.split(text):
            if piece:
                tokens.append(Token(piece, offset, offset + len(piece)))
            offset += len(piece)
    return tokens


# ---------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------

_EMPHASIS = "*_"
_OPEN_QUOTES = "\"'“‘«„‚"
_CLOSE_QUOTES = "\"'”’»"
_QUOTES = set(_OPEN_QUOTES + _CLOSE_QUOTES)
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
_EDGE_PUNCT = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)


def _wordset(words: str) -> frozenset[str]:
    """A set of the space-separated words of ``words``."""
    return frozenset(words.split())


_LEXICON: dict[str, frozenset[str]] = {
    "month": _wordset(
        "january february march april may june july august september october november "
        "december jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall "
        "winter"
    ),
    "pagemark": _wordset("pp p pages page pgs pg s"),
    "volmark": _wordset("vol vols volume volumes v bd jg tome"),
    "issuemark": _wordset("no nos nr issue number num n iss heft"),
    "edmark": _wordset("ed eds editor editors edited edd hrsg hg ed by coord dir"),
    "transmark": _wordset("trans transl translated translator translators tr"),
    "in": frozenset(["in"]),
    "conj": _wordset("and und et y e"),
    "etal": frozenset(["al"]),
    "publisher": _wordset(
        "press publishing publishers publisher publications books verlag inc ltd co company "
        "group wiley springer elsevier routledge sage macmillan palgrave blackwell kluwer "
        "pergamon academic norton penguin oxford cambridge harvard princeton cornell yale "
        "mit chicago rienner brill"
    ),
    "institution": _wordset(
        "university universität université universidad università college institute "
        "institut school department dept centre center laboratory council ministry office "
        "bank agency association society foundation"
    ),
    "weblink": _wordset("doi url http https www retrieved available accessed online"),
    "genre": _wordset(
        "thesis dissertation report paper manuscript phd ph.d master's masters preprint "
        "unpublished working draft memo brief technical tech"
    ),
    "edition": _wordset("edition edn ed 2nd 3rd 4th 5th revised rev reprint"),
    "journal": _wordset(
        "journal review proceedings conference quarterly annals transactions bulletin "
        "letters studies j proc symposium workshop magazine annual international affairs "
        "politics research science sciences"
    ),
    "stop": _wordset("the of a an on for to from with at by as"),
}

_YEAR = re.compile(rf"^({YEAR_DIGITS})[a-z]?$")
_RANGE = re.compile(r"^[A-Za-z]?\d+[A-Za-z]?-+[A-Za-z]?\d+[A-Za-z]?$")
_VOL_ISSUE = re.compile(r"^\d+\s*\(\d+(?:[-/]\d+)?\)")
_VOL_COLON = re.compile(r"^\d+:\d+")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|e|er|ème)$", re.I)
_ISBN = re.compile(r"^(?:97[89]-?)?\d{1,5}-\d+-\d+-[\dXx]$|^\d{9}[\dXx]$|^97[89]\d{10}$")


def _shape(text: str) -> str:
    """Character classes of ``text`` with repeats collapsed: "Smith," -> "Aa,"."""
    out: list[str] = []
    for ch in text:
        if ch.isupper():
            code = "A"
        elif ch.isalpha():
            code = "a"
        elif ch.isdigit():
            code = "9"
        elif ch in _QUOTES:
            code = "q"
        else:
            code = ch
        if not out or out[-1] != code:
            out.append(code)
    return "".join(out)[:8]


def _strip_emphasis(text: str) -> tuple[str, bool, bool]:
    """Token text without Markdown emphasis markers, and whether it opens/closes emphasis."""
    lead, core, trail = _EDGE_PUNCT.match(text).groups()
    opens = any(ch in _EMPHASIS for ch in lead)
    closes = any(ch in _EMPHASIS for ch in trail)
    if core.startswith("_"):
        core, opens = core.lstrip("_"), True
    if core.endswith("_"):
        core, closes = core.rstrip("_"), True
    lead = "".join(ch for ch in lead if ch not in _EMPHASIS)
    trail = "".join(ch for ch in trail if ch not in _EMPHASIS)
    if not core:  # a bare "*" (list bullet) or punctuation: no emphasis boundary
        return lead + trail, False, False
    return lead + core + trail, opens, closes


@lru_cache(maxsize=65536)
def _token_features(text: str) -> tuple[tuple[str, ...], tuple[str, str, str, str, str]]:
    """Features of one token on its own, plus the values its neighbours refer to.

    The second tuple is (lower-case word, shape, trailing punctuation, lexicon classes,
    is-year).
    """
    text = text.translate(_DASHES)
    lead, word, trail = _EDGE_PUNCT.match(text).groups()
    lower = word.lower()
    lead = "".join("q" if ch in _QUOTES else ch for ch in lead)[-3:]
    trail = "".join("q" if ch in _QUOTES else ch for ch in trail)[:3]
    shape = _shape(text)
    feats = [
        "w=" + lower,
        "shape=" + shape,
        "wshape=" + _shape(word),
        "lead=" + lead,
        "trail=" + trail,
        "suf=" + lower[-3:],
        "pre=" + lower[:3],
        "len=" + str(min(len(word), 8)),
    ]
    classes = [name for name, words in _LEXICON.items() if lower.rstrip(".") in words]
    feats.extend("lex=" + name for name in classes)
    flags = {
        "year": bool(_YEAR.match(word)),
        "digits": word.isdigit(),
        "range": bool(_RANGE.match(word)),
        "volissue": bool(_VOL_ISSUE.match(word)) or bool(_VOL_COLON.match(word)),
        "initial": bool(_INITIALS.match(word)) and (len(word) <= 2 or "." in text),
        "ordinal": bool(_ORDINAL.match(word)),
        "isbn": bool(_ISBN.match(word)),
        "url": "://" in text or lower.startswith("www."),
        "doi": "10." in word and "/" in word,
        "cap": word[:1].isupper(),
        "upper": word.isupper() and len(word) > 1,
        "lower": word.islower(),
        "hyphen": "-" in word,
        "abbrev": trail.startswith(".") and len(word) <= 4 and word[:1].isupper(),
        "punct": not word,
    }
    feats.extend(name for name, on in flags.items() if on)
    if word.isdigit():
        feats.append("ndigits=" + str(min(len(word), 5)))
    return tuple(feats), (lower, shape, trail, "|".join(classes), str(flags["year"]))


def _ends_segment(text: str) -> bool:
    """Whether a token ends a sentence-like segment (full stop after a real word)."""
    _, word, trail = _EDGE_PUNCT.match(text).groups()
    return (trail.startswith(".") or trail.startswith(":")) and len(word) > 2 and word[-1].islower()


def featurize(texts: list[str]) -> list[list[str]]:
    """CRF features of each token of one reference string (tokens as strings)."""
    n = len(texts)
    cleaned: list[str] = []
    emphasis: list[bool] = []
    in_emphasis = False
    for text in texts:
        core, opens, closes = _strip_emphasis(text)
        cleaned.append(core)
        emphasis.append(in_emphasis or opens)
        in_emphasis = (in_emphasis or opens) and not closes
    own = [_token_features(text) for text in cleaned]
    sequence: list[list[str]] = []
    in_quote = False
    depth = 0
    segments = 0
    seen_year = False
    for i, text in enumerate(cleaned):
        feats, info = own[i]
        feats = list(feats)
        opens_quote = text[:1] in _OPEN_QUOTES or (text[1:2] in _OPEN_QUOTES and text[0] == "(")
        body = text.rstrip(".,;:)]")
        closes_quote = body[-1:] in _CLOSE_QUOTES and len(body) > 1
        quoted = in_quote or opens_quote
        feats.append("pos=" + str(10 * i // n))
        feats.append("seg=" + str(min(segments, 5)))
        feats.append("afteryear=" + str(seen_year))
        if quoted:
            feats.append("inquote")
        if opens_quote:
            feats.append("openquote")
        if closes_quote:
            feats.append("closequote")
        if emphasis[i]:
            feats.append("emph")
        if depth > 0 or text.startswith(("(", "[")):
            feats.append("paren")
        if i == 0:
            feats.append("BOS")
        if i == n - 1:
            feats.append("EOS")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                word, shape, trail, lex, year = own[j][1]
                feats.append(f"{offset}w={word}")
                feats.append(f"{offset}shape={shape}")
                if abs(offset) == 1:
                    feats.append(f"{offset}trail={trail}")
                    feats.append(f"{offset}lex={lex}")
                    feats.append(f"{offset}year={year}")
                    feats.append(f"{offset}emph={emphasis[j]}")
        if i > 0:
            feats.append(f"bi={own[i - 1][1][0]}|{info[0]}")
        sequence.append(feats)
        in_quote = quoted and not closes_quote
        depth = max(
            0, depth + text.count("(") + text.count("[") - text.count(")") - text.count("]")
        )
        segments += _ends_segment(text)
        seen_year = seen_year or info[4] == "True"
    return sequence


# ---------------------------------------------------------------------------
# Tagging
# ---------------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> CRF:
    """The trained reference CRF (loaded once per process and path)."""
    if not Path(path).exists():
        raise FileNotFoundError(
            f"reference parser model missing: {path}; "
            "build it with `python -m analyser.extract.train_reference_parser`"
        )
    return CRF(model_filename=path)


def _tag_tokens(tokens: list[Token], model: CRF) -> list[str]:
    """CRF labels of the tokens of one reference string."""
    if not tokens:
        return []
    return model.tagger_.tag(featurize([token.text for token in tokens]))


def tag_reference(raw: str, model_path: str = str(MODEL_PATH)) -> list[tuple[str, str]]:
    """Label each token of a reference string (author, year, title, container, ...)."""
    tokens = tokenize(raw)
    labels = _tag_tokens(tokens, load_model(model_path))
    return [(token.text, label) for token, label in zip(tokens, labels, strict=True)]


# ---------------------------------------------------------------------------
# Field clean-up
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A maximal run of consecutive tokens with the same label."""

    label: str
    text: str


def label_runs(raw: str, tokens: list[Token], labels: list[str]) -> list[Run]:
    """Group labelled tokens into runs; a run's text is the raw slice it covers."""
    runs: list[Run] = []
    i = 0
    while i < len(tokens):
        j = i
        while j + 1 < len(tokens) and labels[j + 1] == labels[i]:
            j += 1
        text = " ".join(raw[tokens[i].start : tokens[j].end].split())
        runs.append(Run(labels[i], text))
        i = j + 1
    return runs


_EMPHASIS_MARK = re.compile(r"(?<![\w*])[*_]+|[*_]+(?![\w*])")
_EDGE_JUNK = ".,;:" + "".join(_QUOTES) + " "


def _balanced_strip(text: str) -> str:
    """Drop an unmatched leading '(' / '[' or trailing ')' / ']'."""
    for opener, closer in ("()", "[]"):
        if text.startswith(opener) and text.count(opener) > text.count(closer):
            text = text[1:]
        if text.endswith(closer) and text.count(closer) > text.count(opener):
            text = text[:-1]
        if text.startswith(opener) and text.endswith(closer) and text.count(opener) == 1:
            text = text[1:-1]
    return text


def clean_field(text: str) -> str:
    """Field text without Markdown emphasis, surrounding quotes/brackets and edge punctuation."""
    text = _EMPHASIS_MARK.sub("", text)
    previous = None
    while text != previous:
        previous = text
        text = _balanced_strip(text.strip(_EDGE_JUNK))
    return " ".join(text.split())


_YEAR_IN_TEXT = re.compile(rf"(?<!\d)({YEAR_DIGITS})([a-z]?)(?![\da-z])")
_PAGE_RANGE = re.compile(
    r"([A-Za-z]?\d+[A-Za-z]?)\s*(?:-|–|—|‐|‑|−|to)+\s*([A-Za-z]?\d+[A-Za-z]?)(?!\d)"
)
_PAGE_SINGLE = re.compile(r"[A-Za-z]?\d+[A-Za-z]?")
_VOLUME_PREFIX = re.compile(r"^(?:vol(?:ume)?s?\.?|v\.|bd\.?|jg\.?|tome|t\.)\s*", re.I)
_ISSUE_PREFIX = re.compile(r"^(?:no|nos|nr|issue|iss|number|num|n°|#|heft)\.?\s*", re.I)
_VOLUME = re.compile(
    r"(?P<vol>\d+[A-Za-z]?|[IVXLCDM]+\b)\s*"
    r"(?:\(\s*(?P<paren>[\w/–-]+)\s*\)|[:.]\s*(?P<colon>\d+(?:/\d+)?)(?![\d\s]*[-–—])"
    r"|,?\s*(?:no|nr|issue|number|n°|#)\.?\s*(?P<named>[\w/–-]+))?",
    re.I,
)


def parse_year(text: str) -> str | None:
    """First year (with a letter suffix such as 2004a) in a year field."""
    match = _YEAR_IN_TEXT.search(text)
    return match.group(1) + match.group(2) if match else None


def parse_pages(text: str) -> str | None:
    """Pages as "first-last" (abbreviated ends expanded: 2389-91 -> 2389-2391) or one page."""
    match = _PAGE_RANGE.search(text)
    if match:
        first, last = match.groups()
        if first.isdigit() and last.isdigit() and len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        return f"{first}-{last}"
    match = _PAGE_SINGLE.search(text)
    return match.group() if match else None


_PAGES_AFTER_VOLUME = re.compile(r"\)\s*:\s*(\S+)|\d\s*:\s*(\d+\s*[-–—]\s*\d+)")


def pages_in_volume(text: str) -> str | None:
    """Pages glued to a volume, as in "175(7):4769-76" or "14:137-166"."""
    match = _PAGES_AFTER_VOLUME.search(text)
    return parse_pages(match.group(1) or match.group(2)) if match else None


def parse_volume(text: str) -> tuple[str | None, str | None]:
    """Split a volume field such as "50(1)", "47:2", "vol. 61(5)", "Vol. 9, No. 3"."""
    text = clean_field(text)
    if _ISSUE_PREFIX.match(text) and not _VOLUME_PREFIX.match(text):
        match = re.search(r"\d+(?:[/–-]\d+)?", text)
        return None, match.group() if match else None
    match = _VOLUME.search(_VOLUME_PREFIX.sub("", text))
    if not match:
        return (text or None), None
    issue = match.group("paren") or match.group("colon") or match.group("named")
    return match.group("vol"), issue


_ROLE_WORDS = re.compile(
    r"\(\s*(?:eds?|editors?|hrsg|hg|edd|coord|dir|trans|transl)\.?\s*\)"
    r"|\b(?:edited|translated|ed|trans)\.?\s+by\b"
    r"|\b(?:eds?|editors?|hrsg|hg|edd|trans|transl|translators?)\b\.?"
    r"|^\s*in\s*:?\s+",
    re.I,
)
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?|\band\s+others\b|\[\s*…?\.\.\.?\s*\]|…", re.I)
_NAME_SEPARATOR = re.compile(r"\s*(?:;|&|\band\b|\bund\b|\bet\b(?!\s*al)|\by\b)\s*", re.I)
_PARTICLES = _wordset(
    "van von de der den del della di da dos du la le ten ter bin al el st st. mac"
)
_SUFFIXES = _wordset("jr jr. sr sr. ii iii iv")
_INITIALS_ONLY = re.compile(r"^(?:[A-Z][a-z]?\.?\s*-?\s*){1,4}$")
_INITIALS_WORD = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")


_KEEP_DOT = re.compile(r"(?:^|\s|-)(?:[A-Z][a-z]?|Jr|Sr|St)\.$|(?:[A-Z]\.-?){2,}$")


def _clean_name(part: str) -> str:
    """A name part without edge punctuation, keeping the full stop of a final initial."""
    cleaned = clean_field(part)
    if part.strip().rstrip(",;:").endswith(".") and _KEEP_DOT.search(cleaned + "."):
        return cleaned + "."
    return cleaned


def _is_initials(part: str) -> bool:
    """Whether a name part is only initials: "B.", "L. L.", "JJ", "J.-P."."""
    return bool(_INITIALS_ONLY.match(part)) and not re.fullmatch(r"[A-Z][a-z]+", part)


def _is_family_like(part: str) -> bool:
    """One surname, possibly after particles: "Wivel", "Van Evera", "de la Macorra"."""
    words = part.split()
    return all(word.lower() in _PARTICLES for word in words[:-1]) and not _is_initials(part)


def _given_first(part: str) -> Author:
    """A name written given-first ("Jack S. Levy") or family-then-initials ("Arias A")."""
    words = part.split()
    if len(words) == 1:
        return Author(family=words[0])
    if _INITIALS_WORD.match(words[-1]) and not _INITIALS_WORD.match(words[0]):
        return Author(family=" ".join(words[:-1]), given=words[-1])
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return Author(family=" ".join(words[cut:]), given=" ".join(words[:cut]))


def parse_names(text: str) -> list[Author]:
    """Split an author or editor field into Author(family, given) records."""
    text = _ET_AL.sub(" ", _ROLE_WORDS.sub(" ", _EMPHASIS_MARK.sub("", text)))
    text = re.sub(r"\(\s*\)", " ", text)
    parts: list[str] = []
    for chunk in _NAME_SEPARATOR.split(text):
        parts.extend(_clean_name(part) for part in chunk.split(","))
        parts.append("")  # chunk boundary: a name never spans "and"
    authors: list[Author] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        following = parts[i + 1] if i + 1 < len(parts) else ""
        if not part or not any(ch.isalpha() for ch in part):
            i += 1
        elif part.lower() in _SUFFIXES and authors:
            authors[-1] = Author(authors[-1].family, f"{authors[-1].given} {part}".strip())
            i += 1
        elif following and (
            _is_initials(following)
            or (_is_family_like(part) and len(following.split()) <= 3)
            or (len(following.split()) == 1 and len(part.split()) <= 3)
        ):
            authors.append(Author(family=part, given=following))
            i += 2
        elif _is_initials(part) and authors and not authors[-1].given:
            authors[-1] = Author(authors[-1].family, part)
            i += 1
        else:
            authors.append(_given_first(part))
            i += 1
    return authors


_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.I)
_IN_PREFIX = re.compile(r"^in\s*:?\s+(?=\S)", re.I)


def _trim_link(text: str) -> str:
    """A DOI or URL without trailing sentence punctuation or an unmatched bracket."""
    text = text.rstrip(".,;:>")
    for opener, closer in ("()", "[]"):
        while text.endswith(closer) and text.count(closer) > text.count(opener):
            text = text[:-1].rstrip(".,;:")
    return text


_PUBLISHER_WORDS = _LEXICON["institution"] | _wordset(
    "press publishing publishers publisher publications verlag"
)


def split_container_publisher(container: str) -> tuple[str, str | None]:
    """Split "Journal of Peace Research, Peace Research Institute Oslo" (RePEc style)."""
    head, _, tail = container.rpartition(",")
    words = {word.strip(".").lower() for word in tail.split()}
    if head.strip() and words & _PUBLISHER_WORDS:
        return clean_field(head), clean_field(tail) or None
    return container, None


def _reference_type(ref: Reference, container_after_in: bool) -> str:
    """article | book | chapter | other, from which fields are present."""
    if ref.container and (ref.editors or container_after_in):
        return "chapter"
    if ref.container and (ref.volume or ref.issue or (ref.pages and not ref.publisher)):
        return "article"
    if ref.container and ref.publisher:
        return "chapter"
    if ref.title and not ref.container and (ref.publisher or ref.place):
        return "book"
    return "other"


def build_reference(raw: str, runs: list[Run], doc: str = "", index: int = 0) -> Reference:
    """Turn labelled runs into a Reference with cleaned, normalised fields."""
    first: dict[str, Run] = {}
    editors: list[Author] = []
    for run in runs:
        first.setdefault(run.label, run)
        if run.label == "editor":
            editors.extend(parse_names(run.text))

    def field(label: str) -> str | None:
        run = first.get(label)
        value = clean_field(run.text) if run else ""
        return value or None

    ref = Reference(doc=doc, index=index, raw=raw)
    if "author" in first:
        ref.authors = parse_names(first["author"].text)
    ref.editors = editors
    ref.year = parse_year(first["year"].text) if "year" in first else None
    ref.title = field("title")
    container = field("container")
    container_after_in = bool(container and _IN_PREFIX.match(container))
    ref.container = clean_field(_IN_PREFIX.sub("", container)) if container else None
    if "volume" in first:
        ref.volume, ref.issue = parse_volume(first["volume"].text)
    ref.pages = parse_pages(first["pages"].text) if "pages" in first else None
    if ref.pages is None and "volume" in first:
        ref.pages = pages_in_volume(first["volume"].text)
    ref.publisher = field("publisher")
    if ref.container and not ref.publisher:
        ref.container, ref.publisher = split_container_publisher(ref.container)
    ref.place = field("place")
    url_match = _URL.search(first["url"].text if "url" in first else raw)
    ref.url = _trim_link(url_match.group()) if url_match else None
    doi_match = _DOI.search(first["doi"].text if "doi" in first else raw) or _DOI.search(raw)
    ref.doi = _trim_link(doi_match.group(1)) if doi_match else None
    ref.type = _reference_type(ref, container_after_in)
    return ref


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def _parse(raw: str, doc: str, index: int, model: CRF) -> Reference:
    """Tokenise, tag and clean up one reference string."""
    tokens = tokenize(raw)
    return build_reference(raw, label_runs(raw, tokens, _tag_tokens(tokens, model)), doc, index)


def parse_references(
    raws: list[str], doc: str = "", model_path: str = str(MODEL_PATH)
) -> list[Reference]:
    """Parse a batch of reference strings (one model load); the i-th Reference gets index i."""
    model = load_model(model_path)
    return [_parse(raw, doc, index, model) for index, raw in enumerate(raws)]


def parse_reference(raw: str, doc: str = "", index: int = 0) -> Reference:
    """Parse one reference string into a Reference record."""
    return _parse(raw, doc, index, load_model())
