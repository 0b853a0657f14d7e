"""The Ray engine: per-article stages as Ray Data ``map_batches`` over Parquet shards.

The driver (``dossier run --engine ray``) writes the stale articles of a stage to
Parquet shards, one per pipeline batch; Ray Data reads them and runs the stage in
a pool of actors (one stage instance, models loaded once, per actor); results
stream back to the driver, which writes them to the store exactly as the local
engine does, so both give the same results. Actors open the store too, for stages
that read other stages' outputs: on a multi-machine cluster use PostgreSQL and put
the shards (``DOSSIER_RAY_SHARDS``) on storage every node sees.
"""

from __future__ import annotations

import importlib
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from dossier import settings
from dossier.errors import DossierError, require
from dossier.model import Article
from dossier.pipeline import BatchResult, Stage, process_articles
from dossier.store import Store


class RayEngine:
    def __init__(self, store: Store, workers: int | None = None):
        self.workers = workers if workers is not None else 0  # 0: one actor per cluster CPU
        self.ray = require("ray", "ray", "The Ray engine")
        require("ray.data", "ray", "The Ray engine")
        if not self.ray.is_initialized():
            address = settings.get("ray_address") or None
            self.ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
        self.ray.data.DataContext.get_current().enable_progress_bars = False
        self.store = store

    def map_batches(self, cls: type[Stage], batches: list[list[str]]) -> Iterator[BatchResult]:
        if not batches:
            return
        shards = Path(tempfile.mkdtemp(prefix=f"dossier-{cls.name}-", dir=settings.get("ray_shards") or None))
        try:
            for number, ids in enumerate(batches):
                _write_shard(shards / f"{number:07}.parquet", self.store.iter_articles(ids))
            actors, share = self._actors()
            # One block per batch, so every actor gets work (the reader may merge small files).
            shard_data = self.ray.data.read_parquet(str(shards)).repartition(len(batches))
            results = shard_data.map_batches(
                StageActor,
                fn_constructor_args=(cls.__module__, cls.__qualname__, self.store.url),
                batch_size=len(batches[0]),
                batch_format="pyarrow",
                compute=self.ray.data.ActorPoolStrategy(size=actors),
                num_cpus=share,
            )
            for table in results.iter_batches(batch_size=None, batch_format="pyarrow"):
                for blob in table.column("result").to_pylist():
                    yield pickle.loads(blob)
        except self.ray.exceptions.RayError as exc:
            raise DossierError(f"the Ray engine failed in stage {cls.name}: {str(exc).splitlines()[0]}") from exc
        finally:
            shutil.rmtree(shards, ignore_errors=True)

    def _actors(self) -> tuple[int, float]:
        """How many actors, and the CPU share each reserves.

        Actors hold their CPUs for the whole stage, and Ray Data's file listing and
        reading tasks need one CPU to start: the actors reserve the rest between them.
        """
        wanted = self.workers
        cpus = int(self.ray.cluster_resources().get("CPU", 1)) or 1
        actors = max(1, min(wanted, cpus) if wanted > 0 else cpus)
        return actors, round(max(cpus - 1, 0) / actors, 3)

    def close(self) -> None:
        pass  # the Ray session belongs to the caller (or ends with the process)


def _write_shard(path: Path, articles: Iterator[Article]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": a.id, "article": a.model_dump_json()} for a in articles]
    pq.write_table(pa.Table.from_pylist(rows, schema=pa.schema([("id", pa.string()), ("article", pa.string())])),
                   str(path))


class StageActor:
    """One per Ray actor: a stage instance with its own store connection."""

    def __init__(self, module: str, qualname: str, url: str):
        cls = importlib.import_module(module)
        for part in qualname.split("."):
            cls = getattr(cls, part)
        self.stage = cls()
        self.stage.store = Store.open(url)

    def __call__(self, batch):
        import pyarrow as pa

        ids = batch.column("id").to_pylist()
        articles = [Article.model_validate_json(a) for a in batch.column("article").to_pylist()]
        result = process_articles(self.stage, ids, articles)
        return pa.table({"result": pa.array([pickle.dumps(result)], type=pa.binary())})
