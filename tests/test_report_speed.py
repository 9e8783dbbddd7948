"""The report's quick paths find exactly what their plain versions find: disagreement cues read
on lower-cased text, and concept mentions found by bisection."""

from __future__ import annotations

import random
import re

import pytest

from analyser.records import ConceptMention
from analyser.report.debates import _CUES, _STRONG_CUES, _WEAK_CUES, _cues, _lower
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
