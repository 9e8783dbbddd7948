"""Documents extracted in one batch give what each gives alone; a bad file spoils nothing."""

from __future__ import annotations

from pathlib import Path

from analyser.config import Settings
from analyser.extract.concepts import heading_text, headings
from analyser.extract.document import extract_document, extract_documents, process_batch
from analyser.ingest import read_document
from analyser.nlp import body_paragraphs, load_pipeline, parse_groups, parse_paragraphs
from analyser.tasks import Task


def _documents(corpus_dir: Path) -> list:
    """The sample texts as documents."""
    return [read_document(str(path), 10**8, path.stem) for path in sorted(corpus_dir.glob("*"))]


def test_a_paragraph_parses_alike_whatever_its_batch(corpus_dir: Path) -> None:
    nlp = load_pipeline()
    documents = _documents(corpus_dir)
    together = parse_groups(nlp, [body_paragraphs(document) for document in documents])
    alone = [parse_paragraphs(nlp, document) for document in documents]
    assert [[p.parse.to_json() for p in group] for group in together] == [
        [p.parse.to_json() for p in group] for group in alone
    ]
    assert [[p.heading for p in group] for group in together] == [
        [p.heading for p in group] for group in alone
    ]


def test_headings_parse_as_read_in_the_batch_stream(corpus_dir: Path) -> None:
    nlp = load_pipeline()
    documents = _documents(corpus_dir)
    groups = [group for d in documents for group in (body_paragraphs(d), headings(d))]
    parsed = parse_groups(nlp, groups, [None, heading_text] * len(documents))
    titles = [title for group in parsed[1::2] for title in group]
    assert titles, "the sample texts have headings"
    for title in titles:
        assert title.parse.text == heading_text(title.paragraph.text)
        alone = nlp(heading_text(title.paragraph.text))
        assert title.parse.to_json() == alone.to_json()
    assert any(t.parse.text != t.paragraph.text for t in titles), "some heading is read anew"


def test_batch_extraction_equals_one_document_at_a_time(corpus_dir: Path) -> None:
    documents = _documents(corpus_dir)
    settings = Settings()
    assert extract_documents(documents, settings) == [
        extract_document(document, settings) for document in documents
    ]


def test_a_bad_file_in_a_batch_is_a_problem_and_the_others_are_analysed(
    corpus_dir: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    paths = [*sorted(corpus_dir.glob("*"))[:2], empty, binary]
    tasks = [Task(str(path), path.stem, "key") for path in paths]
    outcomes = process_batch(tasks, Settings())
    assert [outcome.task for outcome in outcomes] == tasks
    assert [outcome.result is not None for outcome in outcomes] == [True, True, False, False]
    assert all(outcome.problem for outcome in outcomes[2:])
    assert all(outcome.seconds["parse"] > 0 for outcome in outcomes[:2])
