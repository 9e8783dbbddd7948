"""The cited works as a bibliography: BibTeX, CSL-JSON and RIS, one entry per work."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from analyser.atomic import write_text
from analyser.graph import base_year
from analyser.records import Author, Work

BIBTEX_TYPE = {"article": "article", "book": "book", "chapter": "incollection", "other": "misc"}
CSL_TYPE = {"article": "article-journal", "book": "book", "chapter": "chapter", "other": "document"}
RIS_TYPE = {"article": "JOUR", "book": "BOOK", "chapter": "CHAP", "other": "GEN"}
RIS_NEWLINE = "\r\n"

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_ACRONYM = re.compile(r"(?<![\\\w])([A-Z][\w'-]*[A-Z][\w'-]*)")
_PAGE_RANGE = re.compile(r"^\s*(\w+)\s*[-–—]+\s*(\w+)\s*$")
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.\-]")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def bibtex_escape(text: str) -> str:
    """``text`` safe inside a braced BibTeX field: LaTeX specials escaped, braces balanced."""
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in _one_line(text))


def bibtex_verbatim(text: str) -> str:
    """A DOI or URL for a verbatim field: kept as is, but braces and backslashes percent-encoded."""
    return "".join(text.split()).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _protect_acronyms(escaped: str) -> str:
    """Brace words with two capitals ("NATO", "McNamara") so styles keep their case."""
    return _ACRONYM.sub(r"{\1}", escaped)


def _bibtex_name(author: Author) -> str:
    """A BibTeX name "Family, Given"; a family name BibTeX would split is braced."""
    family = bibtex_escape(author.family)
    if not author.given or "," in family or re.search(r"\band\b", family, re.IGNORECASE):
        family = f"{{{family}}}"
    return f"{family}, {bibtex_escape(author.given)}" if author.given else family


def _page_range(pages: str, dash: str) -> str:
    match = _PAGE_RANGE.match(pages)
    return f"{match.group(1)}{dash}{match.group(2)}" if match else _one_line(pages)


def bibtex_keys(works: Sequence[Work]) -> list[str]:
    """A BibTeX-safe, unique key per work (the work key, cleaned; repeats get "-2", "-3")."""
    keys: list[str] = []
    used: set[str] = set()
    for work in works:
        key = _KEY_UNSAFE.sub("", work.key) or "work"
        candidate, n = key, 1
        while candidate in used:
            n += 1
            candidate = f"{key}-{n}"
        used.add(candidate)
        keys.append(candidate)
    return keys


def _bibtex_fields(work: Work) -> list[tuple[str, str]]:
    container_field = {"article": "journal", "chapter": "booktitle"}.get(work.type, "howpublished")
    fields = [
        ("author", " and ".join(_bibtex_name(a) for a in work.authors if a.family)),
        ("editor", " and ".join(_bibtex_name(e) for e in work.editors if e.family)),
        ("title", _protect_acronyms(bibtex_escape(work.title or ""))),
        (container_field, bibtex_escape(work.container or "")),
        ("year", base_year(work.year) or ""),
        ("volume", bibtex_escape(work.volume or "")),
        ("number", bibtex_escape(work.issue or "")),
        ("pages", bibtex_escape(_page_range(work.pages, "--")) if work.pages else ""),
        ("publisher", bibtex_escape(work.publisher or "")),
        ("address", bibtex_escape(work.place or "")),
        ("doi", bibtex_verbatim(work.doi or "")),
        ("url", bibtex_verbatim(work.url or "")),
    ]
    return [(name, value) for name, value in fields if value]


def bibtex_entry(work: Work, key: str) -> str:
    """One BibTeX entry (@article, @book, @incollection or @misc by the work's type)."""
    entry_type = BIBTEX_TYPE.get(work.type, "misc")
    lines = [f"@{entry_type}{{{key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in _bibtex_fields(work)]
    lines.append("}")
    return "\n".join(lines)


def bibtex_text(works: Iterable[Work]) -> str:
    """``references.bib``: one entry per work, in key order."""
    ordered = sorted(works, key=lambda work: work.key)
    entries = [bibtex_entry(w, k) for w, k in zip(ordered, bibtex_keys(ordered), strict=True)]
    return "\n\n".join(entries) + "\n" if entries else ""


def _csl_name(author: Author) -> dict[str, str]:
    name = {"family": _one_line(author.family)}
    if author.given:
        name["given"] = _one_line(author.given)
    return name


def csl_item(work: Work, key: str) -> dict[str, Any]:
    """One CSL-JSON item (article-journal, book, chapter or document)."""
    item: dict[str, Any] = {"id": key, "type": CSL_TYPE.get(work.type, "document")}
    for role, people in (("author", work.authors), ("editor", work.editors)):
        names = [_csl_name(person) for person in people if person.family]
        if names:
            item[role] = names
    year = base_year(work.year)
    if year:
        item["issued"] = {"date-parts": [[int(year)]]}
    for variable, value in (
        ("title", work.title),
        ("container-title", work.container),
        ("volume", work.volume),
        ("issue", work.issue),
        ("page", _page_range(work.pages, "-") if work.pages else None),
        ("publisher", work.publisher),
        ("publisher-place", work.place),
        ("DOI", work.doi),
        ("URL", work.url),
    ):
        if value:
            item[variable] = _one_line(value)
    return item


def csl_items(works: Iterable[Work]) -> list[dict[str, Any]]:
    """The CSL-JSON array of the works, in key order."""
    ordered = sorted(works, key=lambda work: work.key)
    return [csl_item(w, k) for w, k in zip(ordered, bibtex_keys(ordered), strict=True)]


def csl_json_text(works: Iterable[Work]) -> str:
    """``references.csl.json`` as indented UTF-8 text."""
    return json.dumps(csl_items(works), ensure_ascii=False, indent=1) + "\n"


def ris_record(work: Work, key: str) -> str:
    """One RIS record (TY … ER) with CRLF line ends."""
    tags: list[tuple[str, str]] = [("TY", RIS_TYPE.get(work.type, "GEN")), ("ID", key)]
    tags += [("AU", f"{a.family}, {a.given}".strip(", ")) for a in work.authors if a.family]
    tags += [("ED", f"{e.family}, {e.given}".strip(", ")) for e in work.editors if e.family]
    year = base_year(work.year)
    for tag, value in (("PY", year), ("TI", work.title), ("T2", work.container)):
        if value:
            tags.append((tag, value))
    for tag, value in (("VL", work.volume), ("IS", work.issue)):
        if value:
            tags.append((tag, value))
    if work.pages:
        first, _, last = _page_range(work.pages, "-").partition("-")
        tags.append(("SP", first))
        if last:
            tags.append(("EP", last))
    for tag, value in (
        ("PB", work.publisher),
        ("CY", work.place),
        ("DO", work.doi),
        ("UR", work.url),
    ):
        if value:
            tags.append((tag, value))
    lines = [f"{tag}  - {_one_line(value)}" for tag, value in tags]
    lines.append("ER  - ")
    return RIS_NEWLINE.join(lines) + RIS_NEWLINE


def ris_text(works: Iterable[Work]) -> str:
    """``references.ris``: one record per work, in key order."""
    ordered = sorted(works, key=lambda work: work.key)
    return RIS_NEWLINE.join(
        ris_record(w, k) for w, k in zip(ordered, bibtex_keys(ordered), strict=True)
    )


def write_bibtex(works: Iterable[Work], path: Path) -> Path:
    """Write ``references.bib`` atomically."""
    return write_text(path, bibtex_text(works))


def write_csl_json(works: Iterable[Work], path: Path) -> Path:
    """Write ``references.csl.json`` atomically."""
    return write_text(path, csl_json_text(works))


def write_ris(works: Iterable[Work], path: Path) -> Path:
    """Write ``references.ris`` atomically."""
    return write_text(path, ris_text(works))
