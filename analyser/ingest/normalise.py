"""Unicode clean-up of decoded text: NFC, unfolded ligatures, plain line ends."""

from __future__ import annotations

import re
import unicodedata

_UNFOLDED = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURES = str.maketrans(_UNFOLDED)
_LIGATURE = re.compile(f"[{''.join(_UNFOLDED)}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff\u200b]")


def normalise_text(text: str) -> str:
    """NFC text with ligatures unfolded, LF line ends and no control characters; quotes kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    if _LIGATURE.search(text):  # translating is slow: only when there is something to unfold
        text = text.translate(_LIGATURES)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)
