"""``marsad spark run``: the pipeline of ``marsad run`` as a PySpark job, writing Parquet tables.

Stages (what reaches the driver: the ids to rename, and — when they are few — the near-duplicate map
and the merge graph's edges):

1. **read** — ``binaryFiles`` of every input (whole files, any file system Spark reads), or a Parquet table
   of documents; the bytes go through the single-machine readers (:mod:`marsad.spark.read`).
2. **ids** — documents sharing a ``doc_id`` are renamed (``id~2``) exactly as ``marsad run`` renames them.
3. **process** — ``mapPartitions`` of :func:`marsad.pipeline.process`, the KB loaded once per worker.
4. **near duplicates** — ``near_duplicate_of`` by MinHash/LSH (:mod:`marsad.spark.neardup`).
5. **merge** — canonical events across documents (:mod:`marsad.spark.merge`).
6. **write** — Parquet tables ``documents``, ``entities``, ``events``, ``figures`` partitioned by
   ``pub_date`` (``unknown`` when a document has none), and ``canonical_events``; the columns are those
   of :mod:`marsad.export.schema` (nested fields as JSON strings).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.export.schema import PARTITION, TABLES, columns, flatten, partition_value
from marsad.ingest import iter_documents
from marsad.spark.read import (
    FILES_PER_SLICE,
    TILDE_ID,
    InputRoot,
    OrderKey,
    list_local_files,
    read_file,
    read_local,
    read_record,
)
from marsad.spark.worker import process_partition, rename_plan

log = logging.getLogger("marsad.spark")


@dataclass
class SparkSummary:
    documents: int = 0
    failed: int = 0
    entities: int = 0
    events: int = 0
    figures: int = 0
    canonical_events: int = 0
    renamed: int = 0
    near_duplicates: int = 0
    seconds: float = 0.0
    tables: dict[str, str] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)  # seconds per stage (a stage ends with a Spark action)

    @property
    def all_failed(self) -> bool:
        return self.documents > 0 and self.failed == self.documents


def spark_session(master: str | None = "local[*]", app_name: str = "marsad",
                  shuffle_partitions: int | None = None, conf: dict[str, str] | None = None) -> Any:
    """A SparkSession set up for marsad: this Python on the workers, no UI, quiet logs."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise RuntimeError("the Spark job needs pyspark: pip install 'marsad[spark]' (and Java 17+)") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.python.worker.reuse": "true",
        "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    }
    if shuffle_partitions:
        settings["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
    settings.update(conf or {})
    for k, v in settings.items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def resolve_inputs(spark: Any, inputs: Iterable[str | Path], input_format: str = "auto") -> tuple[
        list[tuple[InputRoot, str]], list[tuple[tuple, Any]]]:
    """Inputs as (root, kind) with kind ``files`` or ``parquet``; missing inputs as failed documents."""
    sc = spark.sparkContext
    jvm = sc._jvm
    hconf = sc._jsc.hadoopConfiguration()
    roots: list[tuple[InputRoot, str]] = []
    missing: list[tuple[tuple, Any]] = []
    for i, inp in enumerate(inputs):
        given = str(inp)
        if given == "-":
            raise ValueError("the Spark job reads files, not stdin: write the JSONL to a file first")
        path = jvm.org.apache.hadoop.fs.Path(given)
        fs = path.getFileSystem(hconf)
        if not fs.exists(path):
            # the failed document marsad run records for a missing input
            missing.extend(((i, (), n), raw) for n, raw in enumerate(iter_documents([given])))
            continue
        uri = fs.makeQualified(path).toString()
        is_dir = fs.getFileStatus(path).isDirectory()
        kind = input_format
        if kind == "auto":
            kind = "parquet" if given.rstrip("/").endswith(".parquet") else "files"
        roots.append((InputRoot(i, given, uri, is_dir, uri.startswith("file:")), kind))
    return roots, missing


def read_documents(spark: Any, inputs: Iterable[str | Path], input_format: str = "auto",
                   partitions: int | None = None, list_local: bool = True) -> Any:
    """RDD of (order key, RawDocument) for every input document.

    A local folder (``file:``) is listed on the driver with the walk of ``marsad run``
    (:func:`marsad.ingest.readers.iter_paths`) and its paths spread over ``partitions`` slices (default:
    about 500 files a slice, at least two per core), each executor reading its files with
    :func:`~marsad.ingest.readers.read_path`: Hadoop's local listing costs milliseconds a file, and
    ``binaryFiles`` packs small files into as few splits as it can (one for a thousand pages), which
    would leave every core but one idle.  Other file systems go through ``binaryFiles`` (then
    ``repartition`` when it gives fewer splits than cores).  On a cluster a local path must be visible to
    every executor (a shared mount), as it must for ``binaryFiles``.
    """
    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    roots, missing = resolve_inputs(spark, inputs, input_format)
    cores = sc.defaultParallelism
    parts = []
    local_files: list[tuple[OrderKey, str]] = []
    for root, kind in roots:
        if kind == "parquet":
            rows = spark.read.parquet(root.uri).rdd
            parts.append(rows.mapPartitionsWithIndex(
                lambda p, it, root=root: (read_record(root, p, i, r.asDict()) for i, r in enumerate(it))))
        elif root.local and list_local:
            local_files.extend(list_local_files(root))
        else:
            files = sc.binaryFiles(root.uri, minPartitions=partitions or cores)
            rdd = files.flatMap(lambda kv, root=root: read_file(root, kv[0], kv[1]))
            if not partitions and files.getNumPartitions() < cores:
                rdd = rdd.repartition(cores)
            parts.append(rdd)
    if local_files:
        slices = partitions or max(2 * cores, -(-len(local_files) // FILES_PER_SLICE))
        parts.append(sc.parallelize(local_files, min(slices, len(local_files))).flatMap(read_local))
    if missing:
        parts.append(sc.parallelize(missing, 1))
    if not parts:
        return sc.emptyRDD()
    rdd = sc.union(parts) if len(parts) > 1 else parts[0]
    if partitions and rdd.getNumPartitions() != partitions:
        rdd = rdd.repartition(partitions)
    return rdd


def _involved(rdd: Any) -> list[tuple[tuple, str]]:
    """(order key, doc_id) of every document whose id repeats or looks renamed (a small list)."""
    grouped = (rdd.map(lambda kv: (kv[1].doc_id, [kv[0]]))
               .reduceByKey(lambda a, b: a + b)
               .filter(lambda kv: len(kv[1]) > 1 or TILDE_ID.search(kv[0]) is not None))
    return [(key, doc_id) for doc_id, keys in grouped.collect() for key in keys]


def run_spark(inputs: Iterable[str | Path], out: str | Path, master: str | None = "local[*]", spark: Any = None,
              input_format: str = "auto", partitions: int | None = None, list_local: bool = True) -> SparkSummary:
    """Run the whole pipeline over ``inputs`` on Spark and write the Parquet tables into ``out``.

    ``partitions``: Spark partitions of the documents (default: about 500 files each, at least two per core);
    ``list_local=False`` reads local folders with ``binaryFiles`` like any other file system.
    """
    from pyspark import StorageLevel

    from marsad.spark.merge import merge_events
    from marsad.spark.neardup import find_near_duplicates, mark_by_join, with_origin

    t0 = time.perf_counter()
    spark = spark or spark_session(master)
    sc = spark.sparkContext
    cached_before = set(sc._jsc.getPersistentRDDs().keys())
    summary = SparkSummary()
    keep = StorageLevel.MEMORY_AND_DISK
    with _phase(summary, "read"):
        raw = read_documents(spark, list(inputs), input_format, partitions, list_local).persist(keep)
        renames = rename_plan(_involved(raw))
    summary.renamed = len(renames)
    plan = sc.broadcast(renames)
    with _phase(summary, "process"):
        processed = raw.mapPartitions(lambda it: process_partition(it, plan.value)).persist(keep)
        counts = processed.map(lambda p: (1, int(p.failed), len(p.entities), len(p.events), len(p.figures))).fold(
            (0, 0, 0, 0, 0), lambda a, b: tuple(x + y for x, y in zip(a, b, strict=True)))
    summary.documents, summary.failed, summary.entities, summary.events, summary.figures = counts
    raw.unpersist()
    with _phase(summary, "near_duplicates"):
        dups = find_near_duplicates(processed)
        if dups.on_driver:
            summary.near_duplicates = len(dups.origins)
            origin = sc.broadcast(dups.origins)
            documents = processed.map(lambda p: (p.pub_date, with_origin(p.document, origin.value.get(p.doc_id))))
        else:
            marked = mark_by_join(processed, dups.found).persist(keep)
            summary.near_duplicates = marked.filter(lambda p: p.document.get("near_duplicate_of")).count()
            processed.unpersist()
            processed = marked
            documents = processed.map(lambda p: (p.pub_date, p.document))
    with _phase(summary, "merge"):
        events, canonical = merge_events(processed, dups.origins, dups.owns)
    out = str(out).rstrip("/")
    tables = {
        "documents": documents,
        "entities": processed.flatMap(lambda p: ((p.pub_date, r) for r in p.entities)),
        "figures": processed.flatMap(lambda p: ((p.pub_date, r) for r in p.figures)),
        "events": events,
    }
    for name, records in tables.items():
        with _phase(summary, f"write {name}"):
            rows = records.map(lambda pr, name=name: _row(name, pr[1], pr[0]))
            df = spark.createDataFrame(rows, _spark_schema(name, partitioned=True))
            # one task per date writes that date's file: not one small file per (task, date)
            df = df.repartition(rows.getNumPartitions(), PARTITION)
            df.write.mode("overwrite").partitionBy(PARTITION).parquet(f"{out}/{name}")
            summary.tables[name] = f"{out}/{name}"
    with _phase(summary, "write canonical_events"):
        rows = canonical.map(lambda r: _row("canonical_events", r, None))
        spark.createDataFrame(rows, _spark_schema("canonical_events", partitioned=False)).write.mode(
            "overwrite").parquet(f"{out}/canonical_events")
        summary.tables["canonical_events"] = f"{out}/canonical_events"
        summary.canonical_events = canonical.count()
    for rdd_id, jrdd in sc._jsc.getPersistentRDDs().items():  # everything this job cached
        if rdd_id not in cached_before:
            jrdd.unpersist(False)
    summary.seconds = time.perf_counter() - t0
    log.info("marsad spark run: %s", ", ".join(f"{k} {v:.1f}s" for k, v in summary.phases.items()))
    return summary


@contextmanager
def _phase(summary: SparkSummary, name: str) -> Iterator[None]:
    t = time.perf_counter()
    yield
    summary.phases[name] = time.perf_counter() - t


def _row(table: str, rec: dict[str, Any], pub_date: str | None) -> tuple:
    flat = flatten(table, rec)
    row = [flat[c] for c in columns(table)]
    if table == "documents":
        row[columns(table).index(PARTITION)] = partition_value(pub_date)
    elif table != "canonical_events":
        row.append(partition_value(pub_date))
    return tuple(row)


def _spark_schema(table: str, partitioned: bool) -> Any:
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    types = {"str": StringType(), "int": LongType(), "float": DoubleType(), "bool": BooleanType(),
             "json": StringType()}
    fields = [StructField(c.name, types[c.kind], True) for c in TABLES[table]]
    fields.append(StructField("extra", StringType(), True))
    if partitioned and table != "documents":
        fields.append(StructField(PARTITION, StringType(), False))
    return StructType(fields)
