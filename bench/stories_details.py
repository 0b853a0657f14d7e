"""Story details on the demo corpus and the seeds: planted disagreements found, extra ones, summaries, storylines.

    python bench/stories_details.py            # demo, plus the seeds when ../shared is there

Planted disagreements (src/dossier/demo/PLANTED.md, "Contradictions"): the Ostrenian contingent (A), the
Korvask death toll (B), the denied dam warnings (B), the denied Marvesian involvement (A). On the seeds the
contingent-size disagreement of S1 ("not a large number" / "more than 1,000") must be surfaced. Also timed:
the story-details stage alone, re-run over every article.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"

from dossier.core import Dossier, demo_corpus
from dossier.stories.details import update_details

PLANTED = {
    "contingent (A)": ("a01_valdoria_daily.txt", lambda c: c.about.startswith("troops") and c.kind == "framing"),
    "death toll (B)": ("b01_korvask_courier.txt", lambda c: c.about == "deaths"),
    "dam warnings denied (B)": ("b01_korvask_courier.txt",
                                lambda c: c.kind == "denial" and "warn" in c.claims[0].text.lower()),
    "Marvesian involvement denied (A)": ("a01_valdoria_daily.txt",
                                         lambda c: c.kind == "denial" and "Marvesia" in c.about),
}


def run(paths: list[Path], db: Path) -> Dossier:
    d = Dossier(db)
    d.ingest(paths)
    d.run()
    return d


def demo_figures(d: Dossier) -> None:
    by_file = {Path(d.article(a).source).name: s for s in d.stories() for a in s.article_ids}
    found = 0
    for name, (member, test) in PLANTED.items():
        hit = any(test(c) for c in by_file[member].contradictions)
        found += hit
        print(f"  {name:<34} {'found' if hit else 'MISSED'}")
    total = sum(len(s.contradictions) for s in d.stories())
    print(f"planted disagreements found: {found}/{len(PLANTED)}; disagreements reported in all: {total}")
    for s in d.stories():
        print(f"  {s.title[:60]:<60} summary {len(s.summary)} sentences from {len({e.article_id for e in s.summary})} "
              f"articles, timeline {len(s.timeline)}, storyline {s.storyline_id}")
    lines = d.storylines()
    print(f"storylines: {[len(x.story_ids) for x in lines]} (planted: A+C one storyline, B apart)")
    ids = d.store.article_ids()
    t = time.perf_counter()
    update_details(d.store, ids)
    print(f"story-details stage: {len(ids) / (time.perf_counter() - t):.0f} articles/s on the demo")


def seed_figures(d: Dossier) -> None:
    names = {a.id: Path(a.source).name[:3] for a in d.articles()}
    for s in d.stories():
        members = ", ".join(sorted(names[a] for a in s.article_ids))
        for c in s.contradictions:
            print(f"  seeds {members}: {c.kind} about {c.about}: {c.note}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("demo corpus")
        demo_figures(run([demo_corpus()], Path(tmp) / "demo.db"))
        if (SHARED / "seeds").exists():
            print("seeds")
            seed_figures(run([SHARED / "seeds"], Path(tmp) / "seeds.db"))


if __name__ == "__main__":
    main()
