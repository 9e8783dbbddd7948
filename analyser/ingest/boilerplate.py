"""Removing web-site chrome from plain text: navigation, calls to action, site maintenance notes.

Saved web pages arrive as text with no tags left, so the cues are textual: lines that are
only links or labels of links, short calls to action, and sentences that address the
reader about the site rather than the subject ("If you have authored this item …").
"""

from __future__ import annotations

import re
from functools import lru_cache

_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_DOI = re.compile(r"\b(doi|10\.\d{4,9}/)", re.IGNORECASE)
_ONLY_PUNCTUATION = re.compile(r"^[\W_]+$")
_FIELD_LINE = re.compile(
    r"^(printed from|handle|file url|download restriction|updated on|last updated|"
    r"last modified|posted on|published on|copyright|©|all rights reserved|tags?|share( this)?|"
    r"follow us|related( articles| posts)?|advertisement|sponsored|cookie)\b",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"^(download|save|get|subscribe|sign (in|up)|log ?in|register|share|follow|click|kickstart|"
    r"print|email|buy|order|read more|learn more|see more|start|join|explore|contact us|"
    r"back to top|skip to|view (all|more)|my bibliography|home|menu|search|next|previous|"
    r"go to|continue reading|add to)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(you|your|yours)\b", re.IGNORECASE)
_SITE_TERMS = re.compile(
    r"\b(this (item|site|page|article's page|service|website)|web ?site|on this site|"
    r"registered|profile|subscription|log ?in|sign up|newsletter|cookies?|privacy policy|"
    r"download|click|the form|this form|e-?mail|course|career|certified|author service|"
    r"library|repec|handle|bibliographic data)\b",
    re.IGNORECASE,
)
_SELF_REFERENCE = re.compile(
    r"\b(this (item|site|page|service|website|form)|on this site)\b|^(please|see)\b", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_BLOCK_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
# The quick test of may_hold_boilerplate runs case-sensitive copies of the lower-case patterns on
# lower-cased text, after ruling out the letters that IGNORECASE equates with "i" or "s" but
# lower() does not turn into them.
_UNFOLDED_LETTERS = "\u0130\u0131\u017f"
_LINK_STARTS = ("://", "www.")  # in every match of _URL
_LOWER_SITE_TERMS = re.compile(_SITE_TERMS.pattern)
# Every word by which _SECOND_PERSON or _SELF_REFERENCE finds a sentence about the site, anywhere
# (also inside words: without word boundaries the search is quicker).
_LOWER_READER_CUE = re.compile(r"you|please|see|this (item|site|page|service|website|form)")
_SENTENCE_END = re.compile(r"[.!?:)”’\"']\s*$")


def _is_link_line(line: str) -> bool:
    """A line that is mostly a link: a URL with at most a few words of label, no DOI."""
    if not _URL.search(line) or _DOI.search(line.split("://", 1)[0]):
        return False
    words = _URL.sub(" ", line).split()
    return len(words) <= 6 and "doi.org" not in line.lower()


def _is_site_prose(text: str) -> bool:
    """Sentences that speak to the reader about the site, not about the subject."""
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    if not sentences:
        return False
    site = sum(
        1
        for sentence in sentences
        if (_SECOND_PERSON.search(sentence) or _SELF_REFERENCE.search(sentence.strip()))
        and _SITE_TERMS.search(sentence)  # the slowest pattern last
    )
    return site * 2 >= len(sentences)


def _bare(line: str) -> str:
    """``line`` with its spacing normalised and bullets and dashes trimmed from both ends."""
    return " ".join(line.split()).strip("•*-–· ")


@lru_cache(maxsize=4096)
def is_boilerplate_line(line: str) -> bool:
    """True when one line of text is site chrome rather than content (lines recur: cached)."""
    stripped = _bare(line)
    if not stripped:
        return False
    if _ONLY_PUNCTUATION.match(stripped) or _FIELD_LINE.match(stripped):
        return True
    if _is_link_line(stripped):
        return True
    words = stripped.split()
    short = len(words) <= 8 and not _SENTENCE_END.search(stripped)
    if short and _CALL_TO_ACTION.match(stripped):
        return True
    return _is_site_prose(stripped)


def _opens_like_chrome(stripped: str) -> bool:
    """A line (``_bare``) whose start could make it chrome: only punctuation, a field label or
    a call to action (whatever its length)."""
    return bool(stripped) and bool(
        _ONLY_PUNCTUATION.match(stripped)
        or _FIELD_LINE.match(stripped)
        or _CALL_TO_ACTION.match(stripped)
    )


def may_hold_boilerplate(text: str) -> bool:
    """False only when ``remove_boilerplate`` would keep every word of ``text``: one block, no
    link, no line that opens like chrome, and no cue of a sentence that speaks to the reader
    about the site (a quick test, far cheaper than the removal itself)."""
    if _BLOCK_BREAK.search(text) or any(letter in text for letter in _UNFOLDED_LETTERS):
        return True
    lines = [_bare(line) for line in text.split("\n")]
    if any(map(_opens_like_chrome, lines)):
        return True
    # Every pattern match in a line or in the lines of the block lies inside the bare lines.
    flat = " ".join(filter(None, lines)).lower()
    if any(start in flat for start in _LINK_STARTS):
        return True
    return bool(_LOWER_READER_CUE.search(flat) and _LOWER_SITE_TERMS.search(flat))


def _block_is_boilerplate(lines: list[str]) -> bool:
    """A block is chrome when its text reads as site prose or every line is chrome."""
    content = [line for line in lines if line.strip()]
    if not content:
        return True
    if all(is_boilerplate_line(line) for line in content):
        return True
    return _is_site_prose(" ".join(line.strip() for line in content))


def _split_blocks(text: str) -> list[list[str]]:
    """Blank-line blocks of ``text`` as lists of lines."""
    return [block.split("\n") for block in _BLOCK_BREAK.split(text)]


def _is_orphan_heading(lines: list[str]) -> bool:
    """A one-line block that could head a section (short, no final stop)."""
    content = [line.strip() for line in lines if line.strip()]
    return (
        len(content) == 1 and len(content[0].split()) <= 4 and not _SENTENCE_END.search(content[0])
    )


def remove_boilerplate(text: str) -> tuple[str, list[str]]:
    """``text`` without site chrome, and the removed lines (for inspection and tests).

    Whole blocks of chrome go; inside mixed blocks only chrome lines go. A short heading
    whose whole section was chrome ("Corrections") goes with it.
    """
    blocks = _split_blocks(text)
    chrome = [_block_is_boilerplate(lines) for lines in blocks]
    for index in range(1, len(blocks)):
        between_chrome = chrome[index - 1] and (index + 1 == len(blocks) or chrome[index + 1])
        if between_chrome and _SITE_TERMS.search(" ".join(blocks[index])):
            chrome[index] = True
    for index in range(len(blocks) - 1, -1, -1):
        if chrome[index] or not _is_orphan_heading(blocks[index]):
            continue
        following = chrome[index + 1 :]
        section = following[: next((i for i, c in enumerate(following) if not c), len(following))]
        if section and len(section) == len(following):
            chrome[index] = True
    kept: list[str] = []
    removed: list[str] = []
    for lines, is_chrome in zip(blocks, chrome, strict=True):
        if is_chrome:
            removed.extend(line.strip() for line in lines if line.strip())
            continue
        survivors = []
        for line in lines:
            (removed if is_boilerplate_line(line) else survivors).append(line)
        if any(line.strip() for line in survivors):
            kept.append("\n".join(survivors))
    return "\n\n".join(kept), [line.strip() for line in removed if line.strip()]
