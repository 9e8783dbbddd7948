"""The security-studies concept thesaurus, the positions it knows, and spelling-insensitive keys."""

from analyser.lexicon.loader import (
    Concept,
    DiscoveryWords,
    Lexicon,
    Position,
    load_discovery_words,
    load_lexicon,
)
from analyser.lexicon.normalise import concept_key, normalise_term, phrase_key

OTHER_POSITION = "other/none"

__all__ = [
    "OTHER_POSITION",
    "Concept",
    "DiscoveryWords",
    "Lexicon",
    "Position",
    "concept_key",
    "load_discovery_words",
    "load_lexicon",
    "normalise_term",
    "phrase_key",
]
