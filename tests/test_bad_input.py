"""A corpus of broken and hostile files: each is processed or becomes a problem row."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pandas as pd
import pypdf
import pytest
from fpdf import FPDF
from typer.testing import CliRunner

from analyser.cli import app

PROSE = "If conquest is easy, states face an intense security dilemma (Jervis 1978). "


def _pdf_bytes(text: str) -> bytes:
    """A real one-page PDF with a text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def _encrypted_pdf(text: str) -> bytes:
    """A PDF that needs a password."""
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(_pdf_bytes(text))))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _long_paragraph(size: int) -> str:
    """One paragraph of ``size`` characters: long tokens with sparse spaces, no blank lines."""
    rng = random.Random(0)
    letters = "abcdefghijklmnopqrstuvwxyz"
    chunks, total = [], 0
    while total < size:
        chunk = "".join(rng.choice(letters) for _ in range(199)) + " "
        chunks.append(chunk)
        total += len(chunk)
    return "".join(chunks)[:size]


def build_bad_corpus(folder: Path) -> dict[str, str]:
    """Write the bad-input corpus; returns file name -> expected outcome (doc, problem, either)."""
    folder.mkdir()
    files = {
        "empty.txt": (b"", "problem"),
        "whitespace.txt": (b"   \n\n\t \n", "problem"),
        "binary.txt": (bytes(range(256)) * 64, "problem"),
        "truncated.pdf": (_pdf_bytes(PROSE * 20)[:400], "problem"),
        "encrypted.pdf": (_encrypted_pdf(PROSE), "problem"),
        "huge.txt": (b"word " * (10 * 1024 * 1024), "problem"),  # 50 MB: over the default limit
        "one paragraph.txt": (_long_paragraph(5 * 1024 * 1024).encode(), "doc"),
        "nested.html": (("<div>" * 5000 + PROSE + "</div>" * 5000).encode(), "either"),
        "scripts.html": (
            (
                "<html><head><title>Offence</title><script>alert(1)</script></head>"
                f"<body onload='alert(2)'><p onclick='alert(3)'>{PROSE * 4}</p></body></html>"
            ).encode(),
            "doc",
        ),
        "invalid-utf8.txt": (
            PROSE.encode() + b"\xff\xfe\xfa broken bytes " + PROSE.encode(),
            "doc",
        ),
        "utf16.txt": ((PROSE * 3).encode("utf-16"), "doc"),
        "naïve réalisme.md": (("# Réalisme\n\n" + PROSE * 3).encode(), "doc"),
        "new\nline.txt": ((PROSE * 3).encode(), "doc"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    unreadable = folder / "unreadable.txt"
    unreadable.write_text(PROSE * 3)
    unreadable.chmod(0)
    os.mkfifo(folder / "pipe.txt")
    (folder / os.fsdecode(b"caf\xe9 latin-1 name.txt")).write_bytes((PROSE * 3).encode())
    expected = {name: outcome for name, (_, outcome) in files.items()}
    expected |= {"loop-a.txt": "problem", "loop-b.txt": "problem", "unreadable.txt": "either"}
    expected["caf\\xe9 latin-1 name.txt"] = "doc"  # a name that is not UTF-8, shown escaped
    return expected


@pytest.mark.slow
def test_bad_corpus_is_processed_or_reported(tmp_path: Path) -> None:
    expected = build_bad_corpus(tmp_path / "bad")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(tmp_path / "bad"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    documents = pd.read_csv(out / "documents.csv", keep_default_na=False)
    problems = pd.read_csv(out / "problems.csv", keep_default_na=False)
    seen_docs = {Path(p).name for p in documents["path"]}
    reasons = {Path(p).name: r for p, r in zip(problems["path"], problems["problem"], strict=True)}
    for name, outcome in expected.items():
        assert name in seen_docs or name in reasons, f"{name!r} neither processed nor reported"
        if outcome == "doc":
            assert name in seen_docs, (name, reasons.get(name))
        if outcome == "problem":
            assert name in reasons, name
    assert "pipe.txt" not in seen_docs  # a pipe in a folder is skipped, never read
    for reason in reasons.values():
        assert reason and "\n" not in reason and "Traceback" not in reason
    assert reasons["huge.txt"].startswith("file is 52.4 MB, over the")
    assert reasons["encrypted.pdf"].startswith("encrypted PDF")
    scripts = documents[documents["path"].str.endswith("scripts.html")].iloc[0]
    assert scripts["title"] == "Offence"


def test_debug_shows_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import analyser.cli as cli

    def broken(*_args, **_kwargs):
        raise RuntimeError("store exploded")

    monkeypatch.setattr(cli, "run", broken)
    plain = CliRunner().invoke(app, ["run", str(tmp_path), "-o", str(tmp_path / "o")])
    assert plain.exit_code == 1
    assert "RuntimeError: store exploded" in plain.output and "Traceback" not in plain.output
    debug = CliRunner().invoke(app, ["run", str(tmp_path), "-o", str(tmp_path / "o"), "--debug"])
    assert isinstance(debug.exception, RuntimeError)
