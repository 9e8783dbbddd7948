"""Engines: the Dask engine on a real LocalCluster gives the local engine's outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser.config import Settings
from analyser.pipeline import run


@pytest.mark.slow
def test_dask_local_cluster_matches_local_engine(corpus_dir: Path, tmp_path: Path) -> None:
    local = run([corpus_dir], tmp_path / "local", Settings(jobs=1))
    dask = run([corpus_dir], tmp_path / "dask", Settings(engine="dask", jobs=2))
    assert dask.extracted == local.extracted == 4
    for output in local.outputs:
        relative = output.relative_to(local.out_dir)
        assert (dask.out_dir / relative).read_bytes() == output.read_bytes(), relative


def test_unknown_engine_is_a_clear_error(corpus_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        run([corpus_dir], tmp_path, Settings(engine="spark"))
