"""The run end to end: outputs, store re-use, changed and removed files, problem rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from fresh_process import ANALYSIS_STACK, modules_after

import analyser.extract.document as document_module
from analyser import analyse
from analyser.config import Settings
from analyser.pipeline import run
from analyser.store import Store


@pytest.fixture()
def corpus_copy(tmp_path: Path, corpus_dir: Path) -> Path:
    """A writable copy of the sample corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(corpus_dir, target)
    return target


@pytest.fixture()
def extraction_counter(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records the id of every document that goes through NLP extraction."""
    calls: list[str] = []
    real = document_module.extract_documents

    def counting(documents, settings, *rest):
        calls.extend(document.id for document in documents)
        return real(documents, settings, *rest)

    monkeypatch.setattr(document_module, "extract_documents", counting)
    return calls


def test_run_writes_documents_and_store(corpus_copy: Path, tmp_path: Path, gold: dict) -> None:
    out = tmp_path / "out"
    summary = run([corpus_copy], out)
    assert summary.documents == 4 and summary.problems == 0
    stages = {"ingest", "parse", "citations", "hypotheses", "corpus: positions", "outputs: report"}
    assert stages <= summary.seconds.keys() and min(summary.seconds.values()) >= 0
    documents = pd.read_csv(out / "documents.csv")
    assert list(documents.columns[:10]) == [
        "doc", "path", "sha256", "format", "title", "authors", "year", "genre",
        "n_paragraphs", "n_words",
    ]  # fmt: skip
    assert sorted(documents["title"]) == sorted(doc["title"] for doc in gold.values())
    assert (out / "problems.csv").read_text().startswith("path,problem")
    with Store(out / "analyser.sqlite") as store:
        assert len(store.results()) == 4


def test_unchanged_rerun_does_no_nlp_work(
    corpus_copy: Path, tmp_path: Path, extraction_counter: list[str]
) -> None:
    out = tmp_path / "out"
    run([corpus_copy], out)
    assert len(extraction_counter) == 4
    extraction_counter.clear()
    again = run([corpus_copy], out)
    assert extraction_counter == []
    assert (again.reused, again.extracted, again.documents) == (4, 0, 4)


def test_unchanged_rerun_leaves_outputs_as_they_are(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run([corpus_copy], out)
    written = {path: path.stat().st_mtime_ns for path in first.outputs}
    again = run([corpus_copy], out)
    assert again.up_to_date and not first.up_to_date
    assert {path: path.stat().st_mtime_ns for path in again.outputs} == written
    assert "outputs: report" not in again.seconds
    figures = ("documents", "paragraphs", "citations", "references", "concepts", "hypotheses")
    assert [getattr(again, name) for name in figures] == [getattr(first, n) for n in figures]
    for name, table in first.tables.items():  # rebuilt from the store on demand
        pd.testing.assert_frame_equal(again.tables[name], table)
    loaded = modules_after(
        f"from analyser.pipeline import run; run([{str(corpus_copy)!r}], {str(out)!r})"
    )
    assert not ANALYSIS_STACK & loaded, "a run that finds nothing changed loads no NLP or outputs"


def test_missing_output_or_new_setting_rewrites_outputs(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([corpus_copy], out)
    (out / "report.html").unlink()
    assert not run([corpus_copy], out).up_to_date
    assert (out / "report.html").is_file()
    assert not run([corpus_copy], out, Settings(vosviewer="citations")).up_to_date
    assert run([corpus_copy], out, Settings(vosviewer="citations")).up_to_date


def test_chosen_exports_are_written_and_exports_no_longer_chosen_removed(
    corpus_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = run([corpus_copy], out, Settings(formats="bibtex,graphml"))
    written = {path.name for path in first.outputs}
    assert {"references.bib", "graph.graphml", "report.html", "documents.csv"} <= written
    assert not {"graph.gexf", "map.html", "references.ris"} & written
    assert not (out / "graph.gexf").exists()
    assert run([corpus_copy], out, Settings(formats={"graphml", "bibtex"})).up_to_date
    second = run([corpus_copy], out, Settings(formats="none"))
    assert not second.up_to_date
    assert not (out / "graph.graphml").exists() and not (out / "references.bib").exists()
    assert (out / "report.html").is_file() and (out / "hypotheses.csv").is_file()
    assert second.hypotheses == first.hypotheses
    everything = run([corpus_copy], out)
    assert (out / "graph.gexf").is_file() and (out / "map.html").is_file()
    assert all(path.is_file() for path in everything.outputs)


def test_unknown_export_format_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown format\(s\): pdf"):
        Settings(formats="graphml,pdf")
    assert Settings(formats="all") == Settings()


def test_changed_file_is_redone_and_removed_file_drops_out(
    corpus_copy: Path, tmp_path: Path, extraction_counter: list[str]
) -> None:
    out = tmp_path / "out"
    run([corpus_copy], out)
    extraction_counter.clear()
    changed = corpus_copy / "000_fa9ae7463e456142.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA new closing paragraph.\n")
    (corpus_copy / "003_95ca6040556f8fe2.txt").unlink()
    summary = run([corpus_copy], out)
    assert extraction_counter == ["000_fa9ae7463e456142"]
    assert (summary.documents, summary.reused, summary.removed) == (3, 2, 1)
    docs = pd.read_csv(out / "documents.csv")["doc"].tolist()
    assert "003_95ca6040556f8fe2" not in docs


def test_bad_files_become_problem_rows_and_the_rest_is_processed(
    corpus_copy: Path, tmp_path: Path
) -> None:
    (corpus_copy / "empty.txt").write_text("")
    (corpus_copy / "binary.txt").write_bytes(bytes(range(256)) * 10)
    summary = run([corpus_copy], tmp_path / "out")
    problems = pd.read_csv(tmp_path / "out" / "problems.csv")
    assert summary.documents == 4
    assert dict(
        zip(problems["path"].map(lambda p: Path(p).name), problems["problem"], strict=True)
    ) == {
        "binary.txt": "binary file, not text",
        "empty.txt": "empty file",
    }


def test_files_with_the_same_name_get_distinct_ids(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "essay.txt").write_text(f"Essay {folder} on alliances and deterrence.")
    summary = run([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    ids = pd.read_csv(tmp_path / "out" / "documents.csv")["doc"].tolist()
    assert summary.documents == 2 and len(set(ids)) == 2


def test_python_api_returns_dataframes(corpus_dir: Path) -> None:
    result = analyse(corpus_dir)
    assert isinstance(result.documents, pd.DataFrame)
    assert len(result.documents) == 4
    assert result.problems.empty
    names = {path.name for path in result.summary.outputs}
    assert "hypotheses.csv" in names and not set(names) & {"graph.graphml", "map.html"}
    with pytest.raises(AttributeError, match="no table"):
        _ = result.nonexistent


def test_parallel_jobs_give_the_same_outputs(corpus_dir: Path, tmp_path: Path) -> None:
    one = run([corpus_dir], tmp_path / "one", Settings(jobs=1))
    two = run([corpus_dir], tmp_path / "two", Settings(jobs=2))  # corpus steps forked too
    assert [p.relative_to(one.out_dir) for p in one.outputs] == [
        p.relative_to(two.out_dir) for p in two.outputs
    ]
    for output in one.outputs:
        relative = output.relative_to(one.out_dir)
        assert (two.out_dir / relative).read_bytes() == output.read_bytes(), relative
