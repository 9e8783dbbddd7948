"""The report's quick paths find exactly what their plain versions find: disagreement cues read
on lower-cased text in one scan, concept mentions and a position's claims found by bisection,
text left alone when already on one line, model links grouped by their parameters, and the
Markdown tidied piece by piece."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.models.linking import params_key
from analyser.records import ConceptMention, ModelLink, PassageAssignment
from analyser.report.content import Claim
from analyser.report.debates import _CUES, _STRONG_CUES, _WEAK_CUES, _cues, _lower
from analyser.report.markdown import _BLANK_RUNS, _tidied
from analyser.report.model_runs import _by_params
from analyser.report.sections import DocClaims
from analyser.report.sources import one_line, source
from analyser.report.variables import Mentions

_TEXTS = [
    "Critics argue that alliances fail. However, OTHER SCHOLARS CONTEND the opposite.",
    "İnconsistent with the record, crıtics say; ſome ſcholars argue it. REVISIONIſTS object.",
    "LARGELY IRRELEVANT to the \u212aelvin case.\nOn the\nother  hand, by contrast.",
    "Nevertheless,nonetheless — they rebut it and set the two against each other.",
    "No cue at all here: the İstanbul talks went well.",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_lower_case_scan_matches_a_case_insensitive_scan(text: str):
    """Scanning ``_lower(text)`` finds the spans the same pattern finds with IGNORECASE."""
    ignoring_case = re.compile(_CUES.pattern, re.IGNORECASE)
    assert len(_lower(text)) == len(text)
    assert [(m.span(), m.span("strong")) for m in _CUES.finditer(_lower(text))] == [
        (m.span(), m.span("strong")) for m in ignoring_case.finditer(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        *_TEXTS,
        "on the other hand other scholars argue; these scholars hold, however, in contrast to "
        "critics, that revisionists at odds with others contend it is largely irrelevant",
        "by contrast, the rival realists object; nonetheless the critique is misguided",
    ],
)
def test_one_scan_finds_the_strong_and_the_weak_cues_two_scans_find(text: str):
    lowered = _lower(text)
    separate = sorted(
        (match.span(), strong)
        for branches, strong in ((_STRONG_CUES, True), (_WEAK_CUES, False))
        for match in re.finditer(rf"\b(?:{'|'.join(branches)})", lowered)
    )
    assert sorted((m.span(), m["strong"] is not None) for m in _CUES.finditer(lowered)) == separate


def test_cues_keep_the_original_surface_and_sentence():
    cues = _cues(_TEXTS[1], 100)
    assert [cue.surface for cue in cues] == [
        "crıtics", "i̇nconsistent with", "ſome ſcholars argue", "revisioniſts"
    ]  # fmt: skip
    assert all(_TEXTS[1][cue.start - 100 : cue.end - 100] == cue.sentence for cue in cues)
    assert [cue.reciprocal for cue in _cues(_TEXTS[3], 0)] == [True] * 3


def test_mentions_inside_a_span_are_those_a_full_scan_finds():
    rng = random.Random(7)
    mentions = []
    for number in range(300):
        start = rng.randrange(0, 500)
        end = start + rng.randrange(0, 12)
        mentions.append(ConceptMention("d", 0, start, end, f"c{number % 40}", "x"))
    found = Mentions.of(mentions)
    for _ in range(300):
        start = rng.randrange(0, 520)
        end = start + rng.randrange(0, 60)
        expected = {m.concept for m in mentions if start <= m.start and m.end <= end}
        assert found.inside(start, end) == expected


def test_one_line_keeps_flat_text_and_collapses_any_white_space():
    rng = random.Random(3)
    pieces = ["a", "Bé", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u2028", "\x1c", "\u200b", "x"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8)))
        assert one_line(text) == " ".join(text.split())
    flat = "already one line, with single spaces"
    assert one_line(flat) is flat


def _claim(number: int, start: int, end: int) -> Claim:
    return Claim(f"h{number}", "t", "c", "e", "+", None, False, (), None,
                 source("d", 0), (start, end))  # fmt: skip


def test_claims_inside_passages_are_those_a_full_scan_finds():
    rng = random.Random(11)
    for _ in range(200):
        claims = []
        for number in range(rng.randrange(0, 25)):
            start = rng.randrange(0, 300)
            claims.append(_claim(number, start, start + rng.randrange(0, 40)))
        passages = []
        for _ in range(rng.randrange(0, 4)):
            start = rng.randrange(0, 320)
            end = start + rng.randrange(0, 80)
            passages.append(PassageAssignment("d", 0, start, end, "", "p", 1.0))
        expected = [
            c for c in claims if any(c.span[0] < p.end and p.start < c.span[1] for p in passages)
        ]
        assert DocClaims.of(claims).inside(passages) == expected


def test_links_are_grouped_as_their_parameter_keys_group_them():
    values = [0.0, -0.0, 1, 1.0, True, float("nan"), float("inf"), "1", None, [1.0], (1.0,)]
    links = [
        ModelLink(f"h{number}", "m", "p", 0.5, "supported", params)
        for number, params in enumerate(
            [{"a": value} for value in values * 2]
            + [{"a": 1.0, "b": [2.0, 3]}, {"b": [2.0, 3], "a": 1.0}, {1: 2.0}, {"1": 2.0}]
        )
    ]
    expected: dict[str, list[ModelLink]] = {}
    for link in links:
        expected.setdefault(params_key(link.params), []).append(link)
    assert _by_params(links) == expected


_LINE_PIECES = ["", " ", "\t", "text", "# Heading", "- item", "\n", "\n\n", "\n\n\n", " \n "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.lists(st.sampled_from(_LINE_PIECES), max_size=3), max_size=5)))
def test_markdown_in_pieces_is_the_text_made_whole(parts: list[list[list[str]]]):
    """Blank runs cut and ends stripped piece by piece give what one pass over the text gives."""
    sections = [["".join(line) for line in part] for part in parts]
    whole = "\n".join(line for lines in sections for line in lines)
    assert "".join(_tidied(sections)) == _BLANK_RUNS.sub("\n\n", whole).strip() + "\n"
