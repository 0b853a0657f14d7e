"""Cost of entity resolution when 1,000 articles are added to a store, against resolving every article again.

    python bench/resolve_scale.py                        # stores of 10,000 and 50,000 articles, 1,000 added to each
    python bench/resolve_scale.py --sizes 2000 --add 200 --base 500   # a quick look
    python bench/resolve_scale.py --workdir /tmp/rs      # keep the tagged base articles for the next run

The mentions are the real entities stage's: ``--base`` generated articles (fictional,
article-length, in stories covered by several outlets: dossier.ingest.synthetic) go
through the clean and entities stages once. A store of N articles holds N / base copies
of them, each copy with its invented names (people, places: the words the generator
builds from syllables) respelled in a way of its own, so every copy brings new
people and places (the syllables permuted) while outlets, organizations, first names
and the tagger's noise recur as they would in a real archive.

For each size the store first holds N articles, resolved; then ``--add`` more (of the
next copy) are added and the resolve stage runs on them alone (incremental: it reads the
new articles' mentions and redoes the components they reach); then every article is
resolved again from nothing, which is what the resolve stage did on every run before it
was incremental. Reported for both: wall and CPU seconds, the peak resident memory of
the step above what the process held when it began, and for the incremental run how
many names, groups and components it redid.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from scale import cpu_seconds, reset_peak, status_mb  # noqa: E402

BATCH = 500


def main() -> int:
    args = _parse()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="dossier-resolve-"))
    work.mkdir(parents=True, exist_ok=True)
    from dossier.store import Store

    base = _tagged_base(work / f"base-{args.base}.db", args.base)
    db = work / "resolve.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = Store.open(db)
    rows = []
    for size in args.sizes:
        filled = _fill(store, base, size)
        _timed_step("catch up", lambda: _resolve(store, filled))
        added = _fill(store, base, size + args.add)
        incremental = _timed_step(f"{args.add} added", lambda: _resolve(store, added))
        full = _timed_step("from nothing", lambda: _resolve_all(store))
        rows.append({"articles": size, "added": args.add, "mentions": store.count("annotations", kind="mention"),
                     "entities": store.count("objects", kind="entity"), "incremental": incremental, "full": full})
        print(json.dumps(rows[-1]), file=sys.stderr)
    store.close()
    _print(rows, args)
    return 0


def _parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")], default=[10_000, 50_000])
    p.add_argument("--add", type=int, default=1000)
    p.add_argument("--base", type=int, default=2000, help="generated articles tagged by the real entities stage")
    p.add_argument("--workdir", help="keep the stores here (default: a temp folder)")
    return p.parse_args()


def _tagged_base(db: Path, n: int):
    """A store of ``n`` generated articles through the clean and entities stages (kept in the workdir)."""
    return generated_store(db, n, ["entities"])


def generated_store(db: Path, n: int, stages: list[str] | None = None):
    """A store of ``n`` generated articles (dossier.ingest.synthetic) run through ``stages`` and what they
    need (default: every stage); one already holding them is reused."""
    from dossier import pipeline
    from dossier.ingest.base import make_article
    from dossier.ingest.synthetic import as_text_file, generate
    from dossier.store import Store

    store = Store.open(db)
    if store.count("articles") < n:
        made = [make_article(as_text_file(a), f"generated/{i:07}.txt", "text") for i, a in enumerate(generate(n))]
        for i in range(0, n, BATCH):
            store.add_articles(made[i : i + BATCH])
        started = time.perf_counter()
        pipeline.run(store, stages)
        print(f"ran {', '.join(stages) if stages else 'every stage'} on {n:,} generated articles in "
              f"{time.perf_counter() - started:,.0f}s", file=sys.stderr)
    return store


# -- copies of the base ----------------------------------------------------------------------------

_SYLLABLES = "ka lo mir va dren os tal ri vel an sko bor ne ju pra zel ma tin gor el".split()
_SYLLABLE = re.compile("|".join(sorted(_SYLLABLES, key=len, reverse=True)))
_INVENTED = re.compile(rf"(?:{_SYLLABLE.pattern})+")
_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def respell(text: str | None, copy: int) -> str | None:
    """The text with every invented name (a word the generator built from syllables) respelled by the
    copy's own permutation of the syllables: a new name of the same shape, as random as the first."""
    if not text or copy == 0:
        return text
    shuffled = random.Random(copy).sample(_SYLLABLES, len(_SYLLABLES))
    swap = dict(zip(_SYLLABLES, shuffled))

    def new_name(m: re.Match) -> str:
        word = m.group(0).lower()
        if not _INVENTED.fullmatch(word):
            return m.group(0)
        return _SYLLABLE.sub(lambda s: swap[s.group(0)], word).capitalize()

    return _WORD.sub(new_name, text)


def _fill(store, base, size: int) -> list[str]:
    """Add copies of the base articles and their mentions up to ``size`` articles; the new ids."""
    from dossier import pipeline
    from dossier.ingest.base import make_article

    n, have = base.count("articles"), store.count("articles")
    base_ids = base.article_ids()
    keys = [(cls.name, pipeline.stage_key(cls)) for cls in pipeline.ordered(["entities"])]
    new: list[str] = []
    for start in range(have, size, BATCH):
        positions = range(start, min(size, start + BATCH))
        chosen = [base_ids[p % n] for p in positions]
        mentions = _mentions_by_article(base, sorted(set(chosen)))
        articles, per_article = [], []
        for p, source in zip(positions, chosen):
            copy = p // n
            article = make_article(f"copy {copy} of {source}", f"copies/{p:07}.txt", "text")
            articles.append(article)
            per_article.append((article.id, [("mention", _respelled(m, article.id, copy))
                                             for m in mentions.get(source, [])]))
        store.add_articles(articles)
        with store.transaction() as conn:
            store.replace_annotations_many(conn, "entities", per_article)
            for stage, key in keys:
                store.mark_done(conn, [a.id for a in articles], stage, key)
        new += [a.id for a in articles]
    return new


def _mentions_by_article(base, ids: list[str]) -> dict:
    from dossier.model import Mention

    out: dict[str, list] = {}
    for m in base.annotations_of("mention", Mention, ids):
        out.setdefault(m.article_id, []).append(m)
    return out


def _respelled(m, article_id: str, copy: int):
    ev = m.evidence.model_copy(update={"article_id": article_id, "text": respell(m.evidence.text, copy),
                                       "sentence": respell(m.evidence.sentence, copy)})
    return m.model_copy(update={"id": f"{m.id}~{copy}", "article_id": article_id, "text": respell(m.text, copy),
                                "canonical": respell(m.canonical, copy), "evidence": ev})


# -- measuring ------------------------------------------------------------------------------------

def _resolve(store, ids: list[str]) -> dict:
    from dossier.resolve.stage import ResolveStage

    ResolveStage().run_corpus(store, ids)
    return {"redone": len(ids)}


def _resolve_all(store) -> dict:
    from dossier.resolve.stage import resolve_all

    return {"redone": resolve_all(store).articles}


def _timed_step(name: str, fn) -> dict:
    from dossier.resolve import state

    reports: list = []
    real = state.recompute

    def spy(*a, **k):
        reports.append(a[-1])
        return real(*a, **k)

    state.recompute = spy
    reset_peak()
    start_mb = status_mb("VmRSS")
    wall, cpu = time.perf_counter(), cpu_seconds()
    try:
        out = fn()
    finally:
        state.recompute = real
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    out.update({"seconds": wall, "cpu_seconds": cpu, "peak_mb": status_mb("VmHWM"), "start_mb": start_mb})
    if reports:
        out.update({"names": reports[-1].names, "groups": reports[-1].groups, "components": reports[-1].components})
    print(f"  {name}: {json.dumps(out)}", file=sys.stderr)
    return out


def _print(rows: list[dict], args) -> None:
    print(f"\nresolve stage: {args.add:,} articles added to a resolved store, against resolving every article "
          f"again (mentions of {args.base:,} generated articles tagged by the entities stage, copied with new names)")
    print("MB: peak resident memory of the step above what the process held when it began\n")
    print(f"{'store':>8} {'mentions':>10} | {'incremental: s':>14} {'cpu s':>7} {'MB':>6} {'names':>7} "
          f"{'groups':>7} | {'from nothing: s':>15} {'cpu s':>7} {'MB':>6}")
    for r in rows:
        i, f = r["incremental"], r["full"]
        print(f"{r['articles']:>8,} {r['mentions']:>10,} | {i['seconds']:>14,.1f} {i['cpu_seconds']:>7,.1f} "
              f"{i['peak_mb'] - i['start_mb']:>6,.0f} {i.get('names', 0):>7,} {i.get('groups', 0):>7,} | "
              f"{f['seconds']:>15,.1f} {f['cpu_seconds']:>7,.1f} {f['peak_mb'] - f['start_mb']:>6,.0f}")


if __name__ == "__main__":
    sys.exit(main())
