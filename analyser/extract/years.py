"""The years the extractors read: four digits from 1500 to 2099."""

from __future__ import annotations

import re

YEAR_DIGITS = r"1[5-9]\d\d|20\d\d"
YEAR_IN_TEXT = re.compile(YEAR_DIGITS)  # a quick test: a text without a match has no year
