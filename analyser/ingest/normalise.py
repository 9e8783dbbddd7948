"""Unicode clean-up of decoded text: NFC, unfolded ligatures, plain line ends."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff\u200b]")


def normalise_text(text: str) -> str:
    """NFC text with ligatures unfolded, LF line ends and no control characters; quotes kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _CONTROL.sub("", text.translate(_LIGATURES))
    return unicodedata.normalize("NFC", text)
