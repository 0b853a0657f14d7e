"""What adding articles to a store costs, per stage, at several store sizes: the corpus stages must not
redo the world.

    python bench/incremental.py                          # stores of 1,000 and 3,000 articles, 100 added to each
    python bench/incremental.py --sizes 500,1500 --add 50  # a quick look
    python bench/incremental.py --workdir /tmp/inc       # keep the corpora and stores

For each size N, a store takes N generated articles (fictional, article-length, in stories covered by
several outlets: dossier.ingest.synthetic) through every stage; then ``--add`` more articles (the next
ones in date order, so they continue its latest stories and open new ones) are ingested and every
stage runs again, one after another, timed. The added articles are the newest, as a stream brings
them. The per-article stages work on the new articles alone, so
their time is flat in N; a corpus stage whose time grows with N reads or redoes more than the new
articles reach. One process (``DOSSIER_WORKERS=1``), so the figures are CPU-bound wall seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES_PER_DAY = 10
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    args = _parse()
    os.environ["DOSSIER_WORKERS"] = "1"
    work = Path(args.workdir or tempfile.mkdtemp(prefix="dossier-incremental-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = {size: _measure(work, size, args.add) for size in args.sizes}
    _print(rows, args.add)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")], default=[1_000, 3_000])
    p.add_argument("--add", type=int, default=100)
    p.add_argument("--workdir", help="keep the corpora and stores here (default: a temp folder, removed)")
    return p.parse_args()


def _corpus(work: Path, size: int, add: int) -> tuple[Path, Path]:
    """The ``size`` earliest of ``size + add`` generated articles in one folder, the ``add`` newest in another:
    a stream of news at a steady rate (about ten articles a day, so a bigger store covers more days, not
    more articles a day), arriving in date order."""
    from dossier.ingest.synthetic import as_text_file, generate

    base, more = work / f"corpus-{size}", work / f"added-{size}-{add}"
    if not base.exists() or not more.exists():
        for folder in (base, more):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        stream = sorted(generate(size + add, span_days=max(1, (size + add) // ARTICLES_PER_DAY)),
                        key=lambda a: a.published)
        for i, a in enumerate(stream):
            (base if i < size else more).joinpath(f"{i:07}.txt").write_text(as_text_file(a), encoding="utf-8")
    return base, more


def _measure(work: Path, size: int, add: int) -> dict[str, float]:
    from dossier import pipeline
    from dossier.core import Dossier

    base, more = _corpus(work, size, add)
    db = work / f"store-{size}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with Dossier(db) as d:
        started = time.perf_counter()
        d.ingest([base])
        d.run()
        print(f"{size:,} articles through every stage in {time.perf_counter() - started:,.0f}s", file=sys.stderr)
        timings = {"ingest": _seconds(lambda: d.ingest([more]))}
        for cls in pipeline.ordered():
            timings[cls.name] = _seconds(lambda name=cls.name: d.run([name]))
        print(f"  {add} added: {sum(timings.values()):,.1f}s", file=sys.stderr)
    return timings


def _seconds(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _print(rows: dict[int, dict[str, float]], add: int) -> None:
    sizes = list(rows)
    print(f"\nSeconds to take {add} new articles through each stage, by store size (one process)")
    print(f"{'stage':<16}" + "".join(f"{f'{s:,} articles':>18}" for s in sizes))
    for step in rows[sizes[0]]:
        print(f"{step:<16}" + "".join(f"{rows[s][step]:>18.2f}" for s in sizes))
    print(f"{'all':<16}" + "".join(f"{sum(rows[s].values()):>18.2f}" for s in sizes))


if __name__ == "__main__":
    raise SystemExit(main())
