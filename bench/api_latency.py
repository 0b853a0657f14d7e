"""API and web UI latency (p50/p95) on stores of 10,000 and 100,000 articles.

    python bench/api_latency.py                              # 10,000 and 100,000 articles
    python bench/api_latency.py --sizes 2000 --requests 50   # a quick look
    python bench/api_latency.py --workdir /tmp/lat           # keep the base and the stores for the next run

A base of ``--base`` generated articles (fictional, article-length, in stories covered by
several outlets: dossier.ingest.synthetic) goes through the whole pipeline once. A store of
N articles is then filled synthetically, as the issue allows: the base's rows (articles, the
search index, every annotation, and the corpus objects: stories, statements, events,
entities, storylines, with their article links, and the story pages built ahead, each with
the digest of its copied story) are copied N / base times, every id
replaced by a new one of the same shape and every invented name (people, places: the words
the generator builds from syllables) respelled per copy, so each copy brings its own
entities, stories and search words while outlets and common words recur as in a real
archive (names inside the stored JSON are left as they were: only ids matter to the queries). The stores are real SQLite files of the size they claim; only the pipeline's
work is copied instead of redone.

Timed, in process, through the ASGI app that ``dossier serve`` runs (routing, store
queries, JSON or HTML rendering; no network): the story page of the UI and of the API for
``--requests`` random stories each (two different samples, so neither finds the other's
rows in the page cache), the story list, and search for random pairs of words drawn from the
titles. Each request is timed alone after a warm-up of the same kind; figures
are milliseconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from resolve_scale import generated_store, respell  # noqa: E402

from dossier.api.views import story_digest  # noqa: E402

ID = re.compile(r"\b(?:[0-9a-f]{16}|[a-z]{3,4}_[0-9a-f]{12,16})\b")
TEXT_COLUMNS = {"text", "raw_text", "title", "name"}  # columns whose invented names are respelled


def main() -> int:
    args = _parse()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="dossier-latency-"))
    work.mkdir(parents=True, exist_ok=True)
    base = _base(work / f"base-{args.base}.db", args.base)
    rows = []
    for size in args.sizes:
        db = work / f"store-{size}.db"
        started = time.perf_counter()
        _fill(base, db, size)
        print(f"filled {size:,} articles in {time.perf_counter() - started:,.0f}s "
              f"({db.stat().st_size / 1e9:.1f} GB)", file=sys.stderr)
        rows.append({"articles": size, **_measure(db, args.requests, args.seed)})
        print(json.dumps(rows[-1]), file=sys.stderr)
    _print(rows)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")], default=[10_000, 100_000])
    p.add_argument("--base", type=int, default=250, help="generated articles run through the whole pipeline")
    p.add_argument("--requests", type=int, default=200, help="requests timed per kind of page")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--workdir", help="keep the base and the stores here (default: a temp folder, removed)")
    return p.parse_args()


def _base(db: Path, n: int) -> Path:
    """A store of ``n`` generated articles through every stage (kept in the workdir)."""
    generated_store(db, n).close()
    return db


# -- filling a store with copies of the base -------------------------------------------------------

def _fill(base: Path, db: Path, size: int) -> None:
    """``db``: the base and its copies up to ``size`` articles (reused when it already holds them)."""
    if db.exists():
        with sqlite3.connect(db) as conn:
            if conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= size:
                return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(base)
    src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    shutil.copyfile(base, db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    tables = {t: _rows(conn, t) for t in ("articles", "article_sources", "annotations", "objects", "object_articles",
                                          "story_pages")}  # pages last: their digests are of the copied stories
    seq = conn.execute("SELECT max(seq) FROM articles").fetchone()[0]
    known = {r["id"] for t in ("articles", "annotations", "objects") for r in tables[t][1]}
    known |= {m.group(0) for r in tables["annotations"][1] for m in ID.finditer(r["id"])}
    copies = -(-size // n)
    for copy in range(1, copies):
        keep = min(n, size - copy * n)  # the last copy may be partial
        article_ids = {r["id"] for r in tables["articles"][1][:keep]}
        seq = _copy_rows(conn, tables, copy, article_ids, seq, known)
        conn.commit()
    conn.close()


def _rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[dict]]:
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute(f"SELECT * FROM {table}")]  # noqa: S608 (fixed table names)
    conn.row_factory = None
    columns = list(rows[0]) if rows else []
    return columns, rows


def _copy_rows(conn: sqlite3.Connection, tables: dict, copy: int, article_ids: set[str], seq: int,
               known: set[str]) -> int:
    """Insert one copy of the base rows that concern ``article_ids``; returns the last article seq."""
    new_id = _renamer(copy, known)

    def rewrite(value, column: str):
        if isinstance(value, str):
            value = ID.sub(new_id, value)
            if column in TEXT_COLUMNS:
                value = respell(value, copy)
        return value

    fts, stories = [], {}
    for table, (columns, rows) in tables.items():
        out = []
        for r in rows:
            if "article_id" in r and r["article_id"] not in article_ids:
                continue
            if table == "articles" and r["id"] not in article_ids:
                continue
            row = {c: rewrite(v, c) for c, v in r.items()}
            if table == "objects" and row["kind"] == "story":
                stories[row["id"]] = row["data"]
            if table == "story_pages":  # a page holds for the story it was built from: the copy's
                row["story_digest"] = story_digest(stories.get(row["story_id"], ""))
            if table == "articles":
                seq += 1
                row["seq"] = seq
                row["raw"] = r["raw"] + f"\ncopy {copy}".encode()
                fts.append((seq, row["id"], row["title"], row["text"]))
            out.append(tuple(row[c] for c in columns))
        if out:
            marks = ", ".join("?" * len(columns))
            names = ", ".join(f'"{c}"' for c in columns)
            conn.executemany(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", out)  # noqa: S608
    conn.executemany("INSERT INTO articles_fts (rowid, article_id, title, text) VALUES (?, ?, ?, ?)", fts)
    return seq


def _renamer(copy: int, known: set[str]):
    """An id of the same shape for each of the base's ids (``known``; a number such as 0.8500000000000001 is
    none), the same for every occurrence of one id in one copy."""
    cache: dict[str, str] = {}

    def new_id(m: re.Match) -> str:
        old = m.group(0)
        if old not in known:
            return old
        if old not in cache:
            prefix, _, tail = old.rpartition("_")
            digest = hashlib.blake2b(f"{old}/{copy}".encode(), digest_size=16).hexdigest()[: len(tail)]
            cache[old] = f"{prefix}_{digest}" if prefix else digest
        return cache[old]

    return new_id


# -- measuring ------------------------------------------------------------------------------------

def _measure(db: Path, requests: int, seed: int) -> dict:
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    rng = random.Random(seed)
    with sqlite3.connect(db) as conn:
        stories = [r[0] for r in conn.execute("SELECT id FROM objects WHERE kind = 'story'")]
        titles = [r[0] for r in conn.execute("SELECT title FROM articles WHERE title IS NOT NULL")]
    words = [w for t in titles for w in re.findall(r"[A-Za-z]{5,}", t)]
    page_ids, api_ids = rng.sample(stories, requests), rng.sample(stories, requests)  # each asked cold
    queries = [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(requests)]
    offsets = [rng.randrange(0, max(1, len(stories) - 50)) for _ in range(requests)]
    out = {"stories": len(stories)}
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        out["story page (UI)"] = _timed(client, [f"/stories/{i}" for i in page_ids])
        out["story (API)"] = _timed(client, [f"/api/stories/{i}" for i in api_ids])
        out["story list (API)"] = _timed(client, [f"/api/stories?limit=50&offset={o}" for o in offsets])
        out["search (API)"] = _timed(client, [f"/api/search?q={q}&limit=20" for q in queries])
        out["search page (UI)"] = _timed(client, [f"/search?q={q}" for q in queries])
    return out


def _timed(client, urls: list[str]) -> dict:
    """p50 and p95 milliseconds of the URLs, each requested alone, after one warm-up request."""
    client.get(urls[0])
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:200]}")
    times.sort()
    return {"p50": round(statistics.median(times), 1), "p95": round(times[int(0.95 * (len(times) - 1))], 1),
            "max": round(times[-1], 1)}


def _print(rows: list[dict]) -> None:
    print("\nAPI and web UI latency, in process (ms); target: story page p95 < 50 ms at 100,000 articles")
    kinds = [k for k in rows[0] if isinstance(rows[0][k], dict)]
    print(f"{'':22}" + "".join(f"{r['articles']:>16,} articles" for r in rows))
    print(f"{'':22}" + "".join(f"{'p50':>12}{'p95':>13}" for _ in rows))
    for kind in kinds:
        print(f"{kind:22}" + "".join(f"{r[kind]['p50']:>12.1f}{r[kind]['p95']:>13.1f}" for r in rows))
    print(f"{'stories':22}" + "".join(f"{r['stories']:>25,}" for r in rows))


if __name__ == "__main__":
    raise SystemExit(main())
