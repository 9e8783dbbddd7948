"""What a fresh Python process loads: startup stays quick when the analysis stack is left out."""

from __future__ import annotations

import json
import subprocess
import sys

# Packages only extraction, the corpus steps and the outputs need.
ANALYSIS_STACK = frozenset(
    {"spacy", "sklearn", "scipy", "matplotlib", "networkx", "analyser.rebuild"}
)


def modules_after(code: str) -> set[str]:
    """The modules a fresh Python process has loaded after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))
