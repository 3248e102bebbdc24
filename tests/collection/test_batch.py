"""mapper batch on a real LocalCluster with 2 worker processes."""
from __future__ import annotations

import json

import pytest

from .helpers import ARTICLES, write_jsonl

distributed = pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_batch_partitions_resume_and_pipeline_once_per_worker(client, tmp_path):
    from mapper.batch import BatchError, read_output, run_batch
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 60)
    out = tmp_path / "out"
    first = run_batch([src, ARTICLES], out, client=client, partition_size=20)
    assert (first.partitions, first.done, first.skipped, first.articles, first.failed) == (4, 4, 0, 65, 0)
    assert first.workers == 2 and 0 < first.max_rss_mb < 600
    parts = sorted(out.glob("part-*.parquet"))
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(4)]
    meta = pq.read_schema(parts[0]).metadata
    assert json.loads(meta[b"geo"])["columns"]["geometry"]["encoding"] == "WKB"
    table = read_output(out)
    rows = table.to_pylist()
    articles = [r["article_id"] for r in rows if r["feature"] == "article"]
    assert sorted(articles[:60]) == ids and len(articles) == 65
    assert any(r["feature"] == "place" and r["geometry"] for r in rows)
    # both workers took part, and each built its pipeline once (the plugin warmed it)
    def pipeline_id():
        from mapper import batch
        return id(batch._PIPELINE) if batch._PIPELINE is not None else None
    built = client.run(pipeline_id)
    assert len(built) == 2 and all(v is not None for v in built.values())
    again = run_batch([src, ARTICLES], out, client=client, partition_size=20)
    assert (again.done, again.skipped, again.articles) == (0, 4, 0)
    assert client.run(pipeline_id) == built  # the same pipeline objects: not rebuilt
    (out / "part-00002.parquet").unlink()
    third = run_batch([src, ARTICLES], out, client=client, partition_size=20)
    assert (third.done, third.skipped, third.articles) == (1, 3, 20)
    with pytest.raises(BatchError, match="another run"):
        run_batch([src], out, client=client, partition_size=20)


def test_bad_lines_are_error_rows(client, tmp_path):
    from mapper.batch import read_output, run_batch
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "A ceremony was held in Ghent on Monday."}\nnot json\n{"id": "c"}\n',
                   encoding="utf-8")
    s = run_batch([src], tmp_path / "out", client=client, partition_size=10)
    assert (s.articles, s.failed) == (1, 2)
    rows = read_output(tmp_path / "out").to_pylist()
    assert sorted(r["feature"] for r in rows if r["feature"] in ("article", "error")) == ["article", "error", "error"]
