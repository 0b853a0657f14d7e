"""Clean the five seed articles and check them against the hand-made gold.

Prints, per seed: junk lines removed, body lines kept (from the gold's first
to last body line, plus title, dek and subheadings), title, outlet, author,
date and language; then the totals. Data: ../shared/seeds and
../shared/gold/seed_gold.json (override the folder with DOSSIER_SHARED).

    python bench/seeds_clean.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.clean.junk import clear_caches
from dossier.clean.stage import clean_article
from dossier.ingest.base import make_article
from dossier.model import Article

SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seed_gold.json"


@dataclass
class SeedResult:
    name: str
    junk_removed: int = 0
    junk_total: int = 0
    body_kept: int = 0
    body_total: int = 0
    title_ok: bool = False
    outlet_ok: bool = False
    author_ok: bool = False
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    missing: list[str] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)


def available() -> bool:
    return SEEDS.is_dir() and GOLD.is_file()


def load_gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def seed_article(name: str) -> Article:
    raw = (SEEDS / name).read_text(encoding="utf-8")
    return make_article(raw, str(SEEDS / name), "text")


def check_seed(name: str, gold: dict) -> SeedResult:
    """Clean one seed and compare with its gold entry."""
    article = clean_article(seed_article(name))
    raw_lines = article.raw_text.split("\n")
    offsets = _line_offsets(raw_lines)
    removed = {j.start for j in article.junk}
    res = SeedResult(
        name,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        published=article.published,
        language=article.language,
    )
    junk_lines = [(d["line"], d["text"]) for d in gold.get("junk_detail", [])]
    for number, text in junk_lines:
        line = raw_lines[number - 1]
        res.junk_total += 1
        if offsets[number - 1] + len(line) - len(line.lstrip()) in removed:
            res.junk_removed += 1
        else:
            res.leftover.append(text)
    _check_body(res, gold, raw_lines, article.text, {n for n, _ in junk_lines})
    res.title_ok = _same(article.title, gold.get("title"))
    res.outlet_ok = _same(article.outlet, (gold.get("outlet") or {}).get("name"))
    res.author_ok = _same(article.author, _gold_author(gold))
    return res


def _check_body(res: SeedResult, gold: dict, raw_lines: list[str], text: str, junk_numbers: set[int]) -> None:
    """Every body line (and title, dek, subheadings) must be in the clean text, whole."""
    keep = gold["body_keep"]
    numbers = set(range(keep["first_line_no"], keep["last_line_no"] + 1)) - junk_numbers
    extra = keep.get("keep_also", {})
    numbers |= {v for k, v in extra.items() if isinstance(v, int)}
    numbers |= {n for k, v in extra.items() if isinstance(v, list) for n in v}
    kept_lines = {line.strip() for line in text.split("\n")}
    for n in sorted(numbers):
        line = raw_lines[n - 1].strip()
        if not line:
            continue
        res.body_total += 1
        if line in kept_lines:
            res.body_kept += 1
        else:
            res.missing.append(line)


def _gold_author(gold: dict) -> str | None:
    author = gold.get("author")
    if isinstance(author, dict):
        return author.get("likely_correct") or author.get("as_written")
    return author


def _same(a: str | None, b: str | None) -> bool:
    norm = lambda s: " ".join((s or "").casefold().split())
    return norm(a) == norm(b)


def _line_offsets(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line) + 1
    return out


def run() -> list[SeedResult]:
    gold = load_gold()
    names = [n for n in gold if n.endswith(".txt")]
    return [check_seed(n, gold[n]) for n in names]


def print_report(results: list[SeedResult], seconds: float) -> None:
    print(
        f"{'seed':<28} {'junk removed':>12} {'body kept':>10} {'title':>6} {'outlet':>7} {'author':>7}  outlet / author / published / lang"
    )
    for r in results:
        print(
            f"{r.name:<28} {r.junk_removed:>5}/{r.junk_total:<6} {r.body_kept:>4}/{r.body_total:<5} "
            f"{'ok' if r.title_ok else 'WRONG':>6} {'ok' if r.outlet_ok else 'WRONG':>7} {'ok' if r.author_ok else 'WRONG':>7}"
            f"  {r.outlet} / {r.author} / {r.published} / {r.language}"
        )
        for line in r.leftover:
            print(f"    junk left in: {line[:90]}")
        for line in r.missing:
            print(f"    body line lost: {line[:90]}")
    total = lambda attr: sum(getattr(r, attr) for r in results)
    print()
    print(f"junk lines removed: {total('junk_removed')}/{total('junk_total')}")
    print(f"body lines kept:    {total('body_kept')}/{total('body_total')}")
    print(f"titles right:       {total('title_ok')}/{len(results)}")
    print(f"outlets right:      {total('outlet_ok')}/{len(results)}")
    print(f"authors right:      {total('author_ok')}/{len(results)} (002: {results[2].author!r})")
    if seconds:
        print(f"time: {seconds * 1000:.0f} ms for {len(results)} seeds, checks included")


def main() -> int:
    if not available():
        print(f"seed data not found under {SHARED} (set DOSSIER_SHARED)", file=sys.stderr)
        return 2
    clean_article(seed_article(next(p.name for p in sorted(SEEDS.glob("*.txt")))))  # warm up lazy loaders
    start = time.perf_counter()
    results = run()
    print_report(results, time.perf_counter() - start)
    print(f"plain-text cleaning speed: {text_speed():.0f} articles/s on one core")
    return 0


def text_speed(rounds: int = 20) -> float:
    """Articles per second of clean_article on the seeds (plain text), caches emptied each round."""
    articles = [seed_article(p.name) for p in sorted(SEEDS.glob("*.txt"))]
    start = time.perf_counter()
    for _ in range(rounds):
        clear_caches()
        for article in articles:
            clean_article(article)
    return rounds * len(articles) / (time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
