"""The quick paths of positions agree with the full rules: the chrome test of passage selection
with the boilerplate removal, the chunked term tokeniser with one pass over the whole text."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyser.ingest.boilerplate import may_hold_boilerplate, remove_boilerplate
from analyser.ingest.paragraphs import document_from_text
from analyser.positions.terms import _light_word, _phrase_terms, light_terms

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# Prose, site chrome and the spacing, bullets and punctuation that the chrome rules look at.
PIECES = [
    "The",
    " balance of power",
    " states",
    " deter",
    " war",
    ". ",
    "? ",
    ", ",
    " (see ",
    " See ",
    " Please",
    " you",
    " Your",
    " this item",
    " this  site",
    " on this\u00a0site",
    " web site",
    " log in",
    " login",
    " course",
    " library",
    " RePEc",
    " download",
    " e-mail",
    " privacy policy",
    "Download",
    "Share this",
    "Copyright",
    "Home",
    "Read more",
    "Subscribe",
    "©",
    "https://example.org/a",
    " www.example.org",
    " doi:10.1000/182",
    "\n",
    "\n\n",
    "\n \n",
    "\n\u00a0\n",
    "\t",
    "\u00a0",
    "• ",
    "* ",
    " – ",
    "-",
    "·",
    "...",
    "!",
    ")",
    "(",
    "_",
    "”",
    "\n\u2003\n",
    "\n•\n",
    "HTTP://x.org",
    "WWW.x",
    " this\nitem",
    " pleaſe ſee",  # letters that case-insensitive matching takes for "s" and "i"
    " thıs İtem",
]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_texts_without_chrome_cues_lose_no_word(pieces: list[str]) -> None:
    text = "".join(pieces)
    if not may_hold_boilerplate(text):
        assert remove_boilerplate(text)[0].split() == text.split()


def test_sample_paragraphs_lose_no_word_unless_flagged() -> None:
    flagged = 0
    for path in sorted(CORPUS.glob("*.txt")):
        document = document_from_text(path.read_text(encoding="utf-8"), path.stem, str(path))
        for paragraph in document.paragraphs:
            if may_hold_boilerplate(paragraph.text):
                flagged += 1
            else:
                assert remove_boilerplate(paragraph.text)[0].split() == paragraph.text.split()
    assert flagged > 0  # the web-page sample holds links and site notes


def test_chrome_is_flagged() -> None:
    for text in [
        "Download full text from publisher",
        "If you have authored this item and are not yet registered with RePEc, please do so.",
        "See https://example.org/page",
        "Copyright 2020 the authors",
        "— — —",
        "A first block.\n\nA second block.",
    ]:
        assert may_hold_boilerplate(text)
    assert not may_hold_boilerplate("States balance against the strongest power in the system.")


# The term tokens found in one pass over the whole text, whitespace breaks included.
_ONE_PASS_TOKEN = re.compile(
    r"[A-Za-z][A-Za-z\-]*(?:(?<=[A-Za-z])['’][A-Za-z][A-Za-z\-]*)*(?<=[A-Za-z])"
    r"|[.,;:!?()\[\]{}\"“”–—/|•*#]|['‘’](?:(?<!\w['‘’])|(?!\w))|\s-\s|\n\s*\n"
)
SPACED = ["a", "B", "'", "’", "‘", "-", " - ", "x-", "-'", "_", "1", "é", ".", "|", "—", "state"]
SPACED += ["the", "power", "regime", "types", "don't", "’s", " ", "\n", "\t", "\r", "\u00a0"]
SPACED += ["\x1c", "\n\n", "\n \n", " -\n"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SPACED), max_size=25))
def test_chunked_terms_equal_one_pass_terms(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert light_terms(text) == _phrase_terms(map(_light_word, _ONE_PASS_TOKEN.findall(text)))
