"""`mapper batch`: geoparse a large corpus on Dask (dask.distributed) into partitioned GeoParquet.

Nothing in the app imports this module but the command line: Dask is an optional extra
(`pip install 'mapper[batch]'`).

* The inputs (JSON Lines, CSV, RSS/Atom files, article folders: mapper.core.importers) are cut
  into partitions of `partition_size` items; a JSON Lines partition is a byte range, so a
  worker reads only its own lines. The plan is written to OUT/_manifest.json; a rerun with the
  same inputs and size reuses it (other inputs into the same folder are refused).
* Each partition becomes OUT/part-NNNNN.parquet, written atomically (a temp file in OUT,
  then os.replace): a partition file is whole or absent. A rerun skips the partitions whose
  file exists, so a killed run resumes and every article ends up exactly once.
* Each item is one row with feature "article" (or "error", with the message, when it could not
  be read or geoparsed), followed by its places, events and facts (GeoParquet 1.0: a WKB
  `geometry` column and the `geo` metadata key; the columns of collection_export.ROW_COLUMNS).
* The pipeline (and so the gazetteer) is built once per worker process: PipelinePlugin warms
  it when a worker starts, and every task takes the same cached one (`worker_pipeline`).
* By default a LocalCluster with one single-threaded worker process per core (the pipeline is
  pure Python: threads would share one GIL); with `scheduler="tcp://HOST:PORT"` it runs on that
  cluster unchanged. See docs/batch.md for the 10-million-article plan.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .core.errors import MapperError

MANIFEST = "_manifest.json"
PART = "part-{:05d}.parquet"


class BatchError(MapperError, RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class PartitionSpec:
    index: int
    input: str  # absolute path
    kind: str  # jsonl, csv, feed, folder, file
    start: int  # first item (index in the input)
    stop: int  # one past the last item
    byte_start: int = -1  # jsonl: the byte range of its lines
    byte_stop: int = -1


@dataclass(frozen=True, slots=True)
class PartitionStats:
    index: int
    articles: int
    failed: int
    rows: int
    cpu_seconds: float  # this worker process's CPU time spent on the partition
    wall_seconds: float
    rss_mb: float  # the worker's peak resident memory so far
    skipped: bool = False
    worker: str = ""


@dataclass(slots=True)
class BatchSummary:
    partitions: int
    done: int  # written by this run
    skipped: int  # already there
    articles: int
    failed: int
    seconds: float
    cpu_seconds: float
    workers: int
    max_rss_mb: float
    out: str

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        cpu = self.cpu_seconds / self.articles * 1000 if self.articles else 0.0
        return (f"{self.articles} articles ({self.failed} failed) in {self.done} partitions, {self.skipped} already "
                f"done, {self.seconds:.1f} s on {self.workers} workers ({rate:.0f} articles/s, {cpu:.1f} ms CPU per "
                f"article, worker memory up to {self.max_rss_mb:.0f} MB) -> {self.out}")


# ---------------------------------------------------------------- planning

def plan_partitions(inputs: list[str | os.PathLike[str]], partition_size: int) -> list[PartitionSpec]:
    """Cut the inputs into partitions of at most partition_size items (in order)."""
    from .core.importers import ARTICLE_SUFFIXES, ImportError_, iter_source, kind_of
    if partition_size < 1:
        raise BatchError("--partition-size must be at least 1")
    specs: list[PartitionSpec] = []
    for raw in inputs:
        path = Path(raw).expanduser().resolve()
        try:
            kind = kind_of(path)
        except ImportError_ as err:
            raise BatchError(str(err)) from None
        if kind == "jsonl":
            offsets, n, pos = [0], 0, 0
            with open(path, "rb") as f:
                for line in f:
                    pos += len(line)
                    if line.strip():
                        n += 1
                        if n % partition_size == 0:
                            offsets.append(pos)
            if offsets[-1] != pos:
                offsets.append(pos)
            for i, (a, b) in enumerate(itertools.pairwise(offsets)):
                specs.append(PartitionSpec(len(specs), str(path), kind, i * partition_size,
                                           min((i + 1) * partition_size, n), a, b))
            continue
        if kind == "folder":
            n = sum(1 for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
        else:
            n = sum(1 for _ in iter_source(path))
        for start in range(0, n, partition_size):
            specs.append(PartitionSpec(len(specs), str(path), kind, start, min(start + partition_size, n)))
    return specs


def _manifest(specs: list[PartitionSpec], partition_size: int) -> dict[str, Any]:
    inputs = sorted({s.input for s in specs})
    sig = hashlib.sha256(json.dumps([asdict(s) for s in specs]).encode()).hexdigest()[:16]
    return {"version": 1, "partition_size": partition_size, "inputs": inputs, "partitions": len(specs),
            "signature": sig, "specs": [asdict(s) for s in specs]}


def _check_manifest(out: Path, specs: list[PartitionSpec], partition_size: int) -> None:
    """The plan goes to OUT/_manifest.json (atomically); a rerun must find the same plan."""
    wanted = _manifest(specs, partition_size)
    path = out / MANIFEST
    if path.exists():
        try:
            have = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise BatchError(f"{path} cannot be read ({err}); remove it to start again") from None
        if have.get("signature") != wanted["signature"]:
            raise BatchError(f"{out} holds the partitions of another run (other inputs or --partition-size); "
                             "give another --out, or empty this folder")
        return
    tmp = out / (MANIFEST + ".part")
    tmp.write_text(json.dumps(wanted, indent=1), encoding="utf-8")
    os.replace(tmp, path)


# ---------------------------------------------------------------- on the workers

_PIPELINE = None


def worker_pipeline():
    """This process's pipeline: built (with the gazetteer) on first use, then reused by every
    task the process runs."""
    global _PIPELINE
    if _PIPELINE is None:
        from .core.pipeline import Pipeline
        _PIPELINE = Pipeline()
    return _PIPELINE


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - only without the batch extra
    _WorkerPlugin = object  # type: ignore[misc,assignment]


class PipelinePlugin(_WorkerPlugin):
    """Loads the pipeline and gazetteer when a worker starts (before its first task)."""
    name = "mapper-pipeline"

    def setup(self, worker) -> None:
        worker_pipeline()


def _items(spec: PartitionSpec) -> Iterator[Any]:
    from .core.importers import ImportItem, item_from_record, iter_source
    if spec.kind == "jsonl":
        with open(spec.input, "rb") as f:
            f.seek(spec.byte_start)
            data = f.read(spec.byte_stop - spec.byte_start)
        n = spec.start
        for raw in data.split(b"\n"):
            if not raw.strip():
                continue
            n += 1
            origin = f"{spec.input}:{n}"
            try:
                record = json.loads(raw.decode("utf-8", "replace"))
            except (ValueError, RecursionError):
                yield ImportItem(origin, error=f"{origin}: not a JSON object")
                continue
            yield item_from_record(record, origin)
        return
    yield from itertools.islice(iter_source(spec.input), spec.start, spec.stop)


def run_partition(spec: PartitionSpec, out: str) -> PartitionStats:
    """Geoparse one partition and write it atomically; a partition already written is skipped."""
    from .core.errors import MapperError as _MapperError
    from .render.collection_export import ROW_COLUMNS, geoparquet_table, result_rows, write_parquet_table
    target = Path(out) / PART.format(spec.index)
    started, cpu0 = time.perf_counter(), time.process_time()
    if target.exists():
        return PartitionStats(spec.index, 0, 0, 0, 0.0, 0.0, _rss_mb(), skipped=True, worker=_worker_name())
    pipeline = worker_pipeline()
    rows: list[dict[str, Any]] = []
    articles = failed = 0
    for n, item in enumerate(_items(spec), spec.start):
        doc_id = item.id or f"{Path(spec.input).name}:{n}"
        if item.article is None:
            rows.append({**dict.fromkeys(ROW_COLUMNS), "feature": "error", "article_id": doc_id, "text": item.error})
            failed += 1
            continue
        try:
            result = pipeline.run(item.article)
        except _MapperError as err:
            rows.append({**dict.fromkeys(ROW_COLUMNS), "feature": "error", "article_id": doc_id,
                         "text": f"{item.origin}: {err}"})
            failed += 1
            continue
        rows.extend(result_rows(result, doc_id, source=item.source))
        articles += 1
    table = geoparquet_table(rows, {"mapper": json.dumps({"partition": asdict(spec)})})
    write_parquet_table(table, target)
    return PartitionStats(spec.index, articles, failed, len(rows), time.process_time() - cpu0,
                          time.perf_counter() - started, _rss_mb(), worker=_worker_name())


def _rss_mb() -> float:
    """Peak resident memory of this process, MB (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_name() -> str:
    try:
        from distributed import get_worker
        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


# ---------------------------------------------------------------- the driver

def _dask():
    try:
        import distributed
    except ImportError:
        raise BatchError("mapper batch needs Dask: pip install 'mapper[batch]'") from None
    return distributed


def run_batch(inputs: list[str | os.PathLike[str]], out: str | os.PathLike[str], *, scheduler: str | None = None,
              workers: int | None = None, partition_size: int = 1000, client: Any = None,
              progress: Callable[[int, int, str], None] | None = None) -> BatchSummary:
    """Geoparse the inputs into OUT/part-NNNNN.parquet. client: an existing
    distributed.Client (tests); scheduler: the address of an existing cluster; else a
    LocalCluster of `workers` processes (default: all cores), closed at the end."""
    distributed = _dask()
    out_dir = Path(out).expanduser()
    out_dir.mkdir(parents=True, exist_ok=True)
    specs = plan_partitions(list(inputs), partition_size)
    _check_manifest(out_dir, specs, partition_size)
    for leftover in out_dir.glob(".part-*.part"):  # temp files of a killed run
        leftover.unlink(missing_ok=True)
    todo = [s for s in specs if not (out_dir / PART.format(s.index)).exists()]
    started = time.perf_counter()
    own_cluster = own_client = None
    try:
        if client is None:
            if scheduler:
                client = own_client = distributed.Client(scheduler)
            else:
                n = workers or os.cpu_count() or 1
                own_cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                       dashboard_address=":0")
                client = own_client = distributed.Client(own_cluster)
        client.register_plugin(PipelinePlugin())
        n_workers = len(client.scheduler_info(n_workers=-1)["workers"]) if _takes_n_workers(client) \
            else len(client.scheduler_info()["workers"])
        futures = client.map(run_partition, todo, out=str(out_dir), pure=False)
        stats: list[PartitionStats] = []
        for fut in distributed.as_completed(futures):
            st = fut.result()
            stats.append(st)
            if progress:
                progress(len(stats), len(todo), f"part {st.index}")
        if progress and not todo:
            progress(0, 0, "nothing to do")
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
    written = [s for s in stats if not s.skipped]
    return BatchSummary(partitions=len(specs), done=len(written), skipped=len(specs) - len(written),
                        articles=sum(s.articles for s in written), failed=sum(s.failed for s in written),
                        seconds=time.perf_counter() - started, cpu_seconds=sum(s.cpu_seconds for s in written),
                        workers=n_workers, max_rss_mb=max((s.rss_mb for s in stats), default=0.0),
                        out=str(out_dir))


def _takes_n_workers(client: Any) -> bool:
    import inspect
    try:
        return "n_workers" in inspect.signature(client.scheduler_info).parameters
    except (TypeError, ValueError):
        return False


def read_output(out: str | os.PathLike[str]):
    """Every partition of a batch output as one pyarrow Table (for checks and benchmarks)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    parts = sorted(Path(out).glob("part-*.parquet"))
    return pa.concat_tables([pq.read_table(p) for p in parts]) if parts else None
