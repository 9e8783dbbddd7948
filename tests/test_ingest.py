"""Ingest: every format, encodings, boilerplate, metadata and bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fpdf import FPDF

from analyser.ingest import IngestError, discover, read_document
from analyser.ingest.boilerplate import remove_boilerplate

SENTENCE = "Alliances form when states face a common threat and expect help (Walt 1987)."


def _pdf(path: Path, lines: list[str]) -> Path:
    """A real one-page PDF with a text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in lines:
        pdf.multi_cell(0, 8, line)
        pdf.ln(4)
    pdf.output(str(path))
    return path


def test_sample_titles_authors_years_match_gold(corpus_dir: Path, gold: dict) -> None:
    for name, expected in gold.items():
        document = read_document(corpus_dir / name)
        assert document.title == expected["title"], name
        assert document.authors == expected["authors"], name
        assert document.year == expected["year"], name
        assert document.genre == expected["genre"], name


def test_repec_page_keeps_record_and_drops_site_chrome(corpus_dir: Path, gold: dict) -> None:
    name = "001_a4f3c64085b8dc39.txt"
    text = read_document(corpus_dir / name).text
    for kept in (
        "Yukari Iwanami",
        "Institute of Social Science",
        "Alliances are often presumed",
        "Suggested Citation",
        "vol. 61(5), pages 711-725",
        "DOI: 10.1177/00223433231158146",
    ):
        assert kept in text
    for chrome in gold[name]["boilerplate_examples"]:
        assert " ".join(chrome.split()) not in " ".join(text.split()), chrome
    for chrome in ("My bibliography", "Corrections", "IDEAS is a RePEc service"):
        assert chrome not in text


def test_web_article_drops_calls_to_action(corpus_dir: Path) -> None:
    text = read_document(corpus_dir / "003_95ca6040556f8fe2.txt").text
    assert "Kickstart Your Career" not in text and "Get Started" not in text
    assert text.rstrip().endswith("keep their decision-making processes secret.")


def test_boilerplate_keeps_ordinary_prose() -> None:
    prose = "Deterrence works when threats are credible.\n\nYou can see the logic in Schelling."
    assert remove_boilerplate(prose)[0] == prose


def test_paragraph_offsets_index_the_text(corpus_dir: Path) -> None:
    document = read_document(corpus_dir / "002_9faa3276b9245754.txt")
    assert document.paragraphs
    for paragraph in document.paragraphs:
        assert document.text[paragraph.start : paragraph.end] == paragraph.text


def test_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Balancing\n\n" + SENTENCE + "\n", encoding="utf-8")
    document = read_document(path)
    assert document.format == "md" and document.title == "Balancing"
    assert [p.kind for p in document.paragraphs] == ["heading", "body"]


def test_html_page_with_navigation(tmp_path: Path) -> None:
    body = " ".join([SENTENCE] * 4)
    page = f"""<html><head><title>Balance of threat</title>
    <meta name="author" content="Jane Scholar"></head><body>
    <nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/login">Log in</a></nav>
    <header>Site header menu</header>
    <article><h1>Balance of threat</h1><p>{body}</p><p>{body}</p></article>
    <footer>Copyright 2024 Example Site. All rights reserved. Privacy policy</footer>
    <script>var tracking = 1;</script></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    document = read_document(path)
    assert document.format == "html"
    assert document.title == "Balance of threat"
    assert "Walt 1987" in document.text
    for chrome in ("About us", "Log in", "All rights reserved", "tracking"):
        assert chrome not in document.text


def test_real_pdf_text_layer(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "paper.pdf", ["Offence and defence", SENTENCE])
    document = read_document(path)
    assert document.format == "pdf"
    assert "common threat" in document.text


def test_image_only_and_broken_pdfs_are_problems(tmp_path: Path) -> None:
    blank = FPDF()
    blank.add_page()
    blank.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(IngestError, match="no text layer"):
        read_document(tmp_path / "scan.pdf")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(_pdf(tmp_path / "ok.pdf", [SENTENCE]).read_bytes()[:300])
    with pytest.raises(IngestError):
        read_document(broken)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = "Café society and the naïve realist’s dilemma were debated at length by everyone."
    if encoding == "latin-1":
        text = text.replace("’", "'")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text == text


def test_ligatures_unfolded_and_quotes_kept(tmp_path: Path) -> None:
    path = tmp_path / "lig.txt"
    path.write_text("The ﬁrst ‘security dilemma’ was “defined” ofﬂine.", encoding="utf-8")
    assert read_document(path).text == "The first ‘security dilemma’ was “defined” offline."


def test_bad_files_raise_one_line_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n \t")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    reasons = {}
    for name in ("empty.txt", "blank.txt", "binary.txt", "dangling.txt"):
        with pytest.raises(IngestError) as error:
            read_document(tmp_path / name)
        reasons[name] = str(error.value)
    assert reasons["empty.txt"] == "empty file" == reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "cannot read" in reasons["dangling.txt"]
    assert all("\n" not in reason for reason in reasons.values())


def test_oversize_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SENTENCE * 100)
    with pytest.raises(IngestError, match="over the"):
        read_document(path, max_bytes=1000)


def test_discover_files_folders_and_globs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.md", "sub/c.pdf", "sub/ignored.docx", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    files, problems = discover([tmp_path])
    assert [p.name for p in files] == ["a.txt", "b.md", "c.pdf"]
    files, problems = discover([str(tmp_path / "**" / "*.md"), tmp_path / "nope"])
    assert [p.name for p in files] == ["b.md"]
    assert problems == [(str(tmp_path / "nope"), "no such file or folder")]
