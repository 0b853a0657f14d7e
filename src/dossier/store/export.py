"""Exports: JSON Lines, CSV and Parquet from rows of plain values."""

from __future__ import annotations

import csv

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from dossier.errors import DossierError

FORMATS = ("jsonl", "csv", "parquet", "gdelt")  # gdelt: tab-separated, for events


def _flat(value: Any) -> Any:
    """CSV and Parquet cells: nested values become JSON strings."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, output: str | Path | None) -> int:
    """Write rows in the format to the output path (stdout when None); return the count."""
    if fmt not in FORMATS:
        raise DossierError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if output is None:
            raise DossierError("Parquet is binary: give a file with --output")
        return _write_parquet(rows, Path(output))
    if output is None:
        return _write_text(rows, fmt, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as fh:
        return _write_text(rows, fmt, fh)


def _write_text(rows: Iterable[dict[str, Any]], fmt: str, fh: TextIO) -> int:
    n = 0
    writer = None
    for row in rows:
        if fmt == "jsonl":
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(fh, fieldnames=list(row), extrasaction="ignore",
                                        delimiter="\t" if fmt == "gdelt" else ",")
                writer.writeheader()
            writer.writerow({k: _flat(v) for k, v in row.items()})
        n += 1
    return n


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path, chunk: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    n = 0
    for batch in _batches(rows, chunk):
        table = pa.Table.from_pylist([{k: _flat(v) for k, v in r.items()} for r in batch])
        if writer is None:
            writer = pq.ParquetWriter(str(path), table.schema)
        writer.write_table(table.cast(writer.schema))
        n += len(batch)
    if writer is None:
        pq.write_table(pa.table({}), str(path))
    else:
        writer.close()
    return n


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


