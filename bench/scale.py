"""Throughput, memory and store size of ingest and every pipeline stage, on 1 and 2 cores.

    python bench/scale.py                       # 10,000 generated articles, ingest + clean + dedupe
    python bench/scale.py --articles 500 --stages all     # every stage (the slow ones need a smaller corpus)
    python bench/scale.py --profile accurate --stages all --articles 300

The corpus is generated (fictional, article-length: about 560 words, in stories
covered by several outlets, with reposts; dossier.ingest.synthetic) and written
as text files. For each core count a fresh process pinned to that many cores
(CPU affinity; the local engine then uses one worker per core) ingests the folder
and runs the stages one after another, timing each; it reports articles/s (wall
clock), CPU seconds per 1,000 articles (all processes: a figure that a busy
machine disturbs less than the wall clock), the peak resident memory of the main
process (per step: its peak, and what the process held when the step began) and of
the largest worker, and the store's size per 1,000 articles.
``--cprofile FILE`` writes a cProfile of the 1-core run, to see what bounds it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FAST_STAGES = ["clean", "dedupe"]


def main() -> int:
    args = _parse()
    if args.one is not None:
        return _measure(args)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="dossier-scale-"))
    corpus = work / f"corpus-{args.articles}"
    if not corpus.exists():
        from dossier.ingest.synthetic import write_text_folder

        write_text_folder(corpus, args.articles)
    results = [_run_pinned(args, corpus, work, cores) for cores in args.cores]
    _print_table(args, results)
    return 0


def _parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--cores", type=lambda v: [int(c) for c in v.split(",")], default=[1, 2])
    p.add_argument("--stages", default=",".join(FAST_STAGES), help="comma-separated stages, or 'all'")
    p.add_argument("--profile", default="fast", choices=["fast", "accurate"])
    p.add_argument("--engine", default="local")
    p.add_argument("--workdir", help="keep the corpus and stores here (default: a temp folder)")
    p.add_argument("--cprofile", help="write a cProfile of the 1-core run to this file")
    p.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure on this many cores
    p.add_argument("--corpus", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    return p.parse_args()


def _run_pinned(args, corpus: Path, work: Path, cores: int) -> dict:
    db = work / f"bench-{cores}core.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--one", str(cores), "--corpus", str(corpus), "--db", str(db),
           "--stages", args.stages, "--engine", args.engine, "--articles", str(args.articles)]
    if args.cprofile and cores == 1:
        cmd += ["--cprofile", args.cprofile]
    env = {**os.environ, "DOSSIER_PROFILE": args.profile, "DOSSIER_WORKERS": str(cores)}
    print(f"measuring on {cores} core(s)…", file=sys.stderr)
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"the {cores}-core run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _measure(args) -> int:
    """In the pinned child: ingest, then each stage, timed one after another."""
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[: args.one])
    from dossier import pipeline
    from dossier.ingest import ingest
    from dossier.store import Store

    store = Store.open(args.db)
    n = args.articles
    steps: list[dict] = []
    profiler = _start_profile(args)
    steps.append(_timed("ingest", n, lambda: ingest(store, [args.corpus])))
    store_after_ingest = _store_bytes(store, args.db)
    names = [c.name for c in pipeline.ordered(None if args.stages == "all" else args.stages.split(","))]
    for name in names:
        steps.append(_timed(name, n, lambda name=name: pipeline.run(store, [name], engine=args.engine)))
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.cprofile)
    result = {
        "cores": args.one, "articles": n, "steps": steps,
        "peak_main_mb": max(s["peak_mb"] for s in steps),
        "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "store_kb_per_1000_after_ingest": store_after_ingest / n * 1000 / 1024,
        "store_kb_per_1000": _store_bytes(store, args.db) / n * 1000 / 1024,
        "load": os.getloadavg()[0],
    }
    store.close()
    print(json.dumps(result))
    return 0


def _start_profile(args):
    if not args.cprofile:
        return None
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    return profiler


def cpu_seconds() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(name: str, n: int, fn) -> dict:
    reset_peak()
    start_mb = status_mb("VmRSS")
    wall, cpu = time.perf_counter(), cpu_seconds()
    fn()
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    return {"step": name, "seconds": wall, "per_s": n / wall, "cpu_s_per_1000": cpu / n * 1000,
            "peak_mb": status_mb("VmHWM"), "start_mb": start_mb}


def reset_peak() -> None:
    """Start a new high-water mark of this process's resident memory (Linux: clear_refs 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def status_mb(field: str) -> float:
    """A memory figure of this process from /proc (VmHWM: peak resident since the last reset; VmRSS:
    resident now); the peak of the whole run where /proc is missing."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split(f"{field}:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _store_bytes(store, db: str) -> int:
    from sqlalchemy import text

    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def _print_table(args, results: list[dict]) -> None:
    print(f"\n{args.articles:,} generated articles, {args.profile} profile, engine {args.engine}; "
          f"articles/s (wall) and CPU s per 1,000 articles, per core count\n")
    header = "step".ljust(20) + "".join(f"{str(r['cores']) + ' core(s)':>26}" for r in results) + "   main MB: peak (at start)"
    print(header)
    for i, step in enumerate(results[0]["steps"]):
        cells = "".join(_cell(r["steps"][i]["per_s"], r["steps"][i]["cpu_s_per_1000"]) for r in results)
        peaks = " / ".join(f"{r['steps'][i]['peak_mb']:,.0f} ({r['steps'][i]['start_mb']:,.0f})" for r in results)
        print(step["step"].ljust(20) + cells + f"   {peaks}")
    for label, names in (("ingest+clean+dedupe", ["ingest", "clean", "dedupe"]), ("end to end", None)):
        row = label.ljust(20)
        for r in results:
            steps = [s for s in r["steps"] if names is None or s["step"] in names]
            if names and len(steps) < len(names):
                row += f"{'(not run)':>26}"
                continue
            seconds = sum(s["seconds"] for s in steps)
            cpu = sum(s["cpu_s_per_1000"] for s in steps)
            row += _cell(args.articles / seconds, cpu)
        print(row)
    for r in results:
        print(f"\n{r['cores']} core(s): peak memory {r['peak_main_mb']:,.0f} MB main, {r['peak_worker_mb']:,.0f} MB "
              f"largest worker; store {r['store_kb_per_1000_after_ingest']:,.0f} KB per 1,000 articles after ingest, "
              f"{r['store_kb_per_1000']:,.0f} KB after the stages; load average {r['load']:.1f}")


def _cell(per_s: float, cpu_per_1000: float) -> str:
    return f"{per_s:>12,.1f}/s {cpu_per_1000:>8,.1f} cpu-s"


if __name__ == "__main__":
    sys.exit(main())
