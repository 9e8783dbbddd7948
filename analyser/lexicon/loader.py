"""Loading the concept thesaurus (packaged TOML plus an optional user file) into a Lexicon."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from analyser.lexicon.normalise import concept_key, normalise_term

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_CONCEPT_FIELDS = {"label", "variants", "positions", "related", "models"}
_POSITION_FIELDS = {"label", "description", "signature"}
_TOP_LEVEL = {"concepts", "positions", "ignore"}
SIGNATURE_WEIGHT = 2.0


@dataclass(frozen=True)
class Concept:
    """A thesaurus entry: canonical label, its variants, positions, related concepts, models."""

    id: str
    label: str
    variants: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    models: tuple[str, ...] = ()

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The label followed by every variant."""
        return (self.label, *self.variants)


@dataclass(frozen=True)
class Position:
    """A known theoretical position and the concepts that signal it most strongly."""

    id: str
    label: str
    description: str = ""
    signature: tuple[str, ...] = ()


@dataclass(frozen=True)
class DiscoveryWords:
    """Word lists that keep web furniture and vague words out of discovered key terms."""

    boilerplate: frozenset[str]
    generic_nouns: frozenset[str]
    generic_modifiers: frozenset[str]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Concepts and positions (read-only); hashed by identity so matchers can be cached on it."""

    concepts: Mapping[str, Concept]
    positions: Mapping[str, Position]
    ignored: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def _index(self) -> dict[tuple[str, ...], str]:
        return {
            concept_key(surface): concept.id
            for concept in self.concepts.values()
            for surface in concept.surfaces
        }

    def lookup(self, term: str) -> str | None:
        """The id of the concept whose label or a variant equals ``term`` after normalisation."""
        return self._index.get(concept_key(term))

    def is_ignored(self, term: str) -> bool:
        """True when a user lexicon asked for ``term`` never to be reported."""
        return normalise_term(term) in self.ignored

    def models_for(self, concept_id: str) -> list[str]:
        """The runnable models that formalise a concept (empty for unknown ids)."""
        concept = self.concepts.get(concept_id)
        return list(concept.models) if concept else []

    def positions_for(self, concept_ids: Iterable[str]) -> list[tuple[str, float]]:
        """The position mix that the concepts signal, as (position id, weight) summing to 1.

        Repeated ids count repeatedly; a concept splits one vote among its positions and counts
        double where it is a signature concept. Empty when nothing signals a known position
        (callers report that as "other/none").
        """
        scores: Counter[str] = Counter()
        for concept_id in concept_ids:
            concept = self.concepts.get(concept_id)
            if concept is None or not concept.positions:
                continue
            share = 1.0 / len(concept.positions)
            for position_id in concept.positions:
                signature = concept_id in self.positions[position_id].signature
                scores[position_id] += share * (SIGNATURE_WEIGHT if signature else 1.0)
        total = sum(scores.values())
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [(position_id, score / total) for position_id, score in ranked]


def _strings(value: Any, where: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: '{name}' must be a list of strings")
    return tuple(item.strip() for item in value if item.strip())


def _table(data: dict[str, Any], key: str, source: str) -> dict[str, dict[str, Any]]:
    table = data.get(key, {})
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise ValueError(f"{source}: [{key}] must hold one table per id")
    for entry_id in table:
        if not _SLUG.match(entry_id):
            raise ValueError(f"{source}: {key[:-1]} id {entry_id!r} is not a lower-case slug")
    return table


def _read_toml(text: str, source: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: invalid TOML: {error}") from None
    unknown = sorted(set(data) - _TOP_LEVEL)
    if unknown:
        raise ValueError(f"{source}: unknown top-level key {unknown[0]!r}")
    return data


def _checked_label(
    entry: dict[str, Any], base_label: str | None, allowed: set[str], where: str
) -> str:
    """The entry's label (or the base's), after refusing fields the format does not know."""
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown field {unknown[0]!r}")
    label = entry.get("label", base_label)
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"{where}: needs a non-empty 'label'")
    return label


def _merge_concept(
    base: Concept | None, entry: dict[str, Any], concept_id: str, source: str
) -> Concept:
    where = f"{source}: concept {concept_id!r}"
    label = _checked_label(entry, base.label if base else None, _CONCEPT_FIELDS, where)
    lists = {
        name: _strings(entry.get(name, []), where, name)
        for name in ("variants", "positions", "related", "models")
    }
    if base is None:
        return Concept(concept_id, label.strip(), **lists)
    merged = {
        name: tuple(dict.fromkeys(getattr(base, name) + lists[name]))
        for name in ("variants", "positions", "related", "models")
    }
    return Concept(concept_id, label.strip(), **merged)


def _merge_position(
    base: Position | None, entry: dict[str, Any], position_id: str, source: str
) -> Position:
    where = f"{source}: position {position_id!r}"
    label = _checked_label(entry, base.label if base else None, _POSITION_FIELDS, where)
    description = entry.get("description", base.description if base else "")
    if not isinstance(description, str):
        raise ValueError(f"{where}: 'description' must be a string")
    signature = _strings(entry.get("signature", []), where, "signature")
    if base is not None:
        signature = tuple(dict.fromkeys(base.signature + signature))
    return Position(position_id, label.strip(), description.strip(), signature)


def _release_claimed_variants(
    concepts: dict[str, Concept], claimed: dict[str, Concept]
) -> dict[str, Concept]:
    """Drop from other concepts the variants that a user file gives to a concept of its own."""
    keys = {concept_key(surface): cid for cid, c in claimed.items() for surface in c.surfaces}
    released = {}
    for concept_id, concept in concepts.items():
        variants = tuple(
            v for v in concept.variants if keys.get(concept_key(v), concept_id) == concept_id
        )
        released[concept_id] = Concept(
            concept_id, concept.label, variants, concept.positions, concept.related, concept.models
        )
    return released


def _check(concepts: dict[str, Concept], positions: dict[str, Position], source: str) -> None:
    owner: dict[tuple[str, ...], str] = {}
    for concept in concepts.values():
        for name, known in (("positions", positions), ("related", concepts)):
            for ref in getattr(concept, name):
                if ref not in known:
                    raise ValueError(f"{source}: concept {concept.id!r}: unknown {name} {ref!r}")
        for surface in concept.surfaces:
            key = concept_key(surface)
            if not key:
                raise ValueError(f"{source}: concept {concept.id!r}: empty variant {surface!r}")
            if owner.setdefault(key, concept.id) != concept.id:
                raise ValueError(
                    f"{source}: {surface!r} of concept {concept.id!r} "
                    f"already names concept {owner[key]!r}"
                )
    for position in positions.values():
        for ref in position.signature:
            if ref not in concepts:
                raise ValueError(f"{source}: position {position.id!r}: unknown concept {ref!r}")


def _merge(lexicon: Lexicon | None, data: dict[str, Any], source: str) -> Lexicon:
    concepts = dict(lexicon.concepts) if lexicon else {}
    positions = dict(lexicon.positions) if lexicon else {}
    for position_id, entry in _table(data, "positions", source).items():
        positions[position_id] = _merge_position(
            positions.get(position_id), entry, position_id, source
        )
    claimed = {
        concept_id: _merge_concept(concepts.get(concept_id), entry, concept_id, source)
        for concept_id, entry in _table(data, "concepts", source).items()
    }
    concepts = _release_claimed_variants(concepts, claimed) | claimed
    _check(concepts, positions, source)
    ignored = frozenset(
        normalise_term(term) for term in _strings(data.get("ignore", []), source, "ignore")
    )
    return Lexicon(
        MappingProxyType(dict(sorted(concepts.items()))),
        MappingProxyType(dict(sorted(positions.items()))),
        (lexicon.ignored if lexicon else frozenset()) | ignored,
    )


@lru_cache(maxsize=1)
def _packaged_lexicon() -> Lexicon:
    text = resources.files("analyser.lexicon").joinpath("concepts.toml").read_text("utf-8")
    return _merge(None, _read_toml(text, "concepts.toml"), "concepts.toml")


def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The packaged thesaurus, merged with a user file of the same format when given.

    A user entry with a known id adds variants, positions, related concepts and models (and may
    relabel it); a variant the user gives to one concept is taken from any other; ``ignore``
    lists terms discovery must never report. Malformed files raise a one-line ValueError.
    """
    base = _packaged_lexicon()
    if extra is None:
        return base
    path = Path(extra)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot read lexicon file: {error}") from None
    return _merge(base, _read_toml(text, str(path)), str(path))


@lru_cache(maxsize=1)
def load_discovery_words() -> DiscoveryWords:
    """The packaged boilerplate, generic-noun and generic-modifier word lists."""
    text = resources.files("analyser.lexicon").joinpath("discovery.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return DiscoveryWords(
        *(frozenset(data[name]) for name in ("boilerplate", "generic_nouns", "generic_modifiers"))
    )
