"""Story clustering speed and memory on synthetic news: 100,000 articles of news length, one process.

    python bench/stories_speed.py                  # 100,000 articles, online then as one batch
    python bench/stories_speed.py --n 20000        # a quicker run
    python bench/stories_speed.py --mode online    # only online (or: batch)

Synthetic articles stand in for a year of news: stories of heavy-tailed sizes (many single
articles, a few hundred-article stories) start on random days and run a few days; each story
has its own words and names, and each article mixes them into Zipf-distributed background
words: a 10-word title, a 3-sentence lead and a 20-sentence body (about 470 words). Timed
separately: turning text into features (``make_doc``: tokens, stems, zones) and clustering, online
(``StoryClusterer.add``: candidate lookup in the inverted index, scoring, joining, merging) and as
one batch, the way the stories stage takes a batch (``observe`` then ``StoryClusterer.add_batch``:
every article placed, then the stories merged best pair first). Memory is the process's peak
resident size and its growth over clustering. B-cubed F1 against the planted
stories is printed as a sanity check of the synthetic set, not as a quality figure.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from coref_metrics import b_cubed, clusters_of

from dossier.stories.cluster import StoryClusterer
from dossier.stories.features import make_doc

SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]
START = date(2023, 1, 1)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Corpus:
    """A reproducible synthetic news stream."""

    def __init__(self, n: int, seed: int = 7, vocabulary: int = 30_000):
        self.rng = random.Random(seed)
        words = set()
        while len(words) < vocabulary:
            words.add("".join(self.rng.choices(SYLLABLES, k=self.rng.randint(2, 4))))
        self.words = sorted(words)
        self.rng.shuffle(self.words)
        self.cum = []
        total = 0.0
        for rank in range(1, vocabulary + 1):
            total += 1 / rank**1.05
            self.cum.append(total)
        self.n = n

    def stories(self):
        """(story id, first day, topic words, names, size) until n articles are planned."""
        planned, sid = 0, 0
        while planned < self.n:
            size = min(self.n - planned, int(self.rng.paretovariate(1.2)))
            topic = self.rng.sample(self.words[500:20_000], 15)
            names = [f"{self.rng.choice(self.words).title()} {self.rng.choice(self.words).title()}" for _ in range(4)]
            yield sid, START + timedelta(days=self.rng.randrange(365)), topic, names, size
            planned += size
            sid += 1

    def sentence(self, topic: list[str], names: list[str], share: float, length: int = 20) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum, k=length)
        for i in range(length):
            if self.rng.random() < share:
                words[i] = self.rng.choice(topic)
        if self.rng.random() < share * 2:
            words.insert(self.rng.randrange(length), self.rng.choice(names))
        return " ".join(words).capitalize() + "."

    def article(self, topic, names, day):
        title = self.sentence(topic, names, 0.6, 10).rstrip(".")
        lead = " ".join(self.sentence(topic, names, 0.4) for _ in range(3))
        body = "\n\n".join(self.sentence(topic, names, 0.15) for _ in range(20))
        text = f"{title}\n\n{lead}\n\n{body}"
        entities = []
        for name in names:
            start = text.find(name)
            if start >= 0:
                entities.append((name.lower(), start, start + len(name)))
        return title, text, day, entities

    def stream(self):
        """Articles in publication order: (id, story id, title, text, day, entities)."""
        items = []
        for sid, first, topic, names, size in self.stories():
            for k in range(size):
                items.append((first + timedelta(days=min(k, self.rng.randrange(6))), sid, topic, names))
        items.sort(key=lambda x: x[0])
        for i, (day, sid, topic, names) in enumerate(items):
            title, text, day, entities = self.article(topic, names, day)
            yield f"a{i}", sid, title, text, day, entities


def online(n: int) -> None:
    """Each article added as it comes (``StoryClusterer.add``), stories quiet too long closed as the stream goes."""
    corpus = Corpus(n)
    features = clustering = 0.0
    clusterer = StoryClusterer()
    gold, pred = {}, {}
    gc.collect()
    base_rss = current_rss_mb()
    t = time.perf_counter()
    words = 0
    for i, (aid, sid, title, text, day, entities) in enumerate(corpus.stream()):
        t1 = time.perf_counter()
        doc = make_doc(aid, title, text, day, day.year, entities)
        t2 = time.perf_counter()
        clusterer.add(doc)
        t3 = time.perf_counter()
        features += t2 - t1
        clustering += t3 - t2
        gold[aid] = sid
        words += text.count(" ") + 1
        if i and i % 1000 == 0:
            t4 = time.perf_counter()
            clusterer.close_before(day)  # stories quiet for max_gap_days leave the candidate index
            clustering += time.perf_counter() - t4
        if i and i % 20_000 == 0:
            print(f"  {i:>7} articles: {i / clustering:,.0f}/s clustering, {i / features:,.0f}/s features, "
                  f"RSS {current_rss_mb():,.0f} MB", flush=True)
    pred = {aid: clusterer.story_of[aid] for aid in gold}
    total = time.perf_counter() - t
    print(f"\nonline: {n:,} synthetic articles (mean {words / n:.0f} words), {len(set(gold.values())):,} planted "
          f"stories, {len(clusterer.stories):,} found ({len(clusterer.merged):,} merges)")
    print(f"clustering (StoryClusterer.add): {n / clustering:,.0f} articles/s ({clustering:.1f} s)")
    print(f"features from text (make_doc):   {n / features:,.0f} articles/s ({features:.1f} s)")
    print(f"both:                            {n / (features + clustering):,.0f} articles/s   "
          f"(generating the text: {total - features - clustering:.1f} s)")
    report_memory(clusterer, base_rss)
    sanity(gold, pred)


def batch(n: int) -> None:
    """The stage's way with a batch known at once: count the document frequencies of all of it,
    then place every article and merge the stories best pair first (``StoryClusterer.add_batch``).
    The text is generated twice (the same stream), so the articles are never all held at once."""
    clusterer = StoryClusterer()
    gc.collect()
    base_rss = current_rss_mb()
    features = counting = 0.0
    for aid, _, title, text, day, entities in Corpus(n).stream():
        t1 = time.perf_counter()
        doc = make_doc(aid, title, text, day, day.year, entities)
        t2 = time.perf_counter()
        clusterer.observe([doc])
        features += t2 - t1
        counting += time.perf_counter() - t2
    gold: dict[str, int] = {}
    outside = [0.0]  # time spent making the articles again, not clustering them

    def docs():
        stream = Corpus(n).stream()
        while True:
            t0 = time.perf_counter()
            item = next(stream, None)
            if item is None:
                return
            aid, sid, title, text, day, entities = item
            gold[aid] = sid
            doc = make_doc(aid, title, text, day, day.year, entities)
            outside[0] += time.perf_counter() - t0
            yield doc

    t = time.perf_counter()
    clusterer.add_batch(docs())
    placing = time.perf_counter() - t - outside[0]
    pred = {aid: clusterer.story_of[aid] for aid in gold}
    print(f"\nbatch: {n:,} synthetic articles, {len(set(gold.values())):,} planted stories, "
          f"{len(clusterer.stories):,} found ({len(clusterer.merged):,} merges)")
    print(f"clustering (observe + StoryClusterer.add_batch): {n / (counting + placing):,.0f} articles/s "
          f"({counting:.1f} s counting, {placing:.1f} s placing and merging)")
    report_memory(clusterer, base_rss)
    sanity(gold, pred)


def report_memory(clusterer: StoryClusterer, base_rss: float) -> None:
    print(f"memory: RSS grew {current_rss_mb() - base_rss:,.0f} MB over the run (peak RSS {peak_rss_mb():,.0f} MB, "
          f"the planted labels and predictions included); index keys {len(clusterer.index):,}")


def sanity(gold: dict[str, int], pred: dict[str, str]) -> None:
    bc = b_cubed(clusters_of(gold), clusters_of(pred))
    print(f"sanity: B3 P {bc['p']:.3f} R {bc['r']:.3f} F1 {bc['f1']:.3f} against the planted stories")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--mode", choices=["online", "batch", "both"], default="both")
    args = ap.parse_args()
    if args.mode in ("online", "both"):
        online(args.n)
    if args.mode in ("batch", "both"):
        batch(args.n)


if __name__ == "__main__":
    main()
