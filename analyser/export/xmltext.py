"""Escaping of XML character data and attribute values for the streamed XML exports.

The GEXF file keeps the escapes of Python's ElementTree and the GraphML file those of libxml2
(the writer networkx uses), so both files stay what those libraries would write.
"""

from __future__ import annotations

import re

_MARKUP = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_QUOTES_AND_BREAKS = (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"))
_ELEMENTTREE_TEXT = _MARKUP
_ELEMENTTREE_ATTRIBUTE = (*_MARKUP, *_QUOTES_AND_BREAKS, ("\t", "&#09;"))
_LIBXML_TEXT = (*_MARKUP, ("\r", "&#13;"))
_LIBXML_ATTRIBUTE = (*_MARKUP, *_QUOTES_AND_BREAKS, ("\t", "&#9;"))
_SPECIAL = re.compile('[&<>"\r\n\t]')  # every character escaped below


def _replace_all(text: str, replacements: tuple[tuple[str, str], ...]) -> str:
    for char, escaped in replacements:
        text = text.replace(char, escaped)
    return text


# Most values contain nothing to escape: one regex search settles that.


def text_escape(text: str) -> str:
    """Character data as ElementTree writes it (``&``, ``<``, ``>`` escaped)."""
    return text if _SPECIAL.search(text) is None else _replace_all(text, _ELEMENTTREE_TEXT)


def attribute_escape(text: str) -> str:
    """An attribute value as ElementTree writes it (markup, quotes and line breaks escaped)."""
    return text if _SPECIAL.search(text) is None else _replace_all(text, _ELEMENTTREE_ATTRIBUTE)


def libxml_text_escape(text: str) -> str:
    """Character data as libxml2 writes it (markup and carriage returns escaped)."""
    return text if _SPECIAL.search(text) is None else _replace_all(text, _LIBXML_TEXT)


def libxml_attribute_escape(text: str) -> str:
    """An attribute value as libxml2 writes it (markup, quotes and line breaks escaped)."""
    return text if _SPECIAL.search(text) is None else _replace_all(text, _LIBXML_ATTRIBUTE)
