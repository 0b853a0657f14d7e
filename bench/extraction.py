"""HTML main-text extraction on the article-extraction benchmark: dossier's clean stage against the libraries.

For each extractor: word-level precision, recall and F1 of the extracted body
against the gold ``articleBody`` (tokens are ``\\w+``; precision and recall are
averaged per document, F1 is their harmonic mean, as the benchmark's own
evaluate.py does), the same with 4-word shingles, and pages per second on one
core (after one warm-up page; the extractors take turns page by page, so load
from other processes slows them alike). Dossier puts the headline on the first line of
its clean text; the benchmark's gold has no headline, so that line is left out
before scoring. Data: ../shared/bench/extraction/article-extraction-benchmark-dev
(override the folder with DOSSIER_SHARED).

    python bench/extraction.py [--repeat N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "bench" / "extraction" / "article-extraction-benchmark-dev"
TOKEN = re.compile(r"\w+")


@dataclass
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    name: str
    words: Score
    shingles: Score
    pages_per_second: float


def available() -> bool:
    return (DATA / "ground-truth.json").is_file()


def load() -> tuple[dict[str, str], dict[str, dict]]:
    """(id -> html, id -> gold record) for every page of the benchmark folder."""
    gold = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for key in gold:
        data = gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes())
        pages[key] = data.decode("utf-8", errors="replace")
    return pages, gold


def counts(text: str, n: int) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def document_pr(true: str, pred: str, n: int) -> tuple[float | None, float | None]:
    """Precision and recall of one document (None where undefined), as the benchmark computes them."""
    t, p = counts(true, n), counts(pred, n)
    tp = sum((t & p).values())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def score(gold: dict[str, dict], predictions: dict[str, str], n: int = 1) -> Score:
    """Precision and recall averaged over documents."""
    pairs = [document_pr(gold[k].get("articleBody", ""), predictions.get(k, ""), n) for k in gold]
    return Score(
        statistics.mean(p for p, _ in pairs if p is not None),
        statistics.mean(r for _, r in pairs if r is not None),
    )


# -- extractors -------------------------------------------------------------


def trafilatura_extractor(**options) -> Callable[[str, str], str]:
    import trafilatura

    def run(html: str, url: str) -> str:
        return trafilatura.extract(html, url=url, **options) or ""

    return run


def resiliparse_extractor() -> Callable[[str, str], str]:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda html, url: extract_plain_text(html, main_content=True) or ""


def dossier_extractor() -> Callable[[str, str], str]:
    """Dossier's clean stage on the page, headline line dropped (the gold has none)."""
    from dossier.clean.stage import clean_article
    from dossier.model import Article

    def run(html: str, url: str) -> str:
        article = clean_article(Article(id="bench", source=url, url=url, format="html", raw=html))
        return body_without_title(article.text or "", article.title)

    return run


def dossier_extractor_only() -> Callable[[str, str], str]:
    """Dossier's trafilatura settings and embedded-post repair alone, without its junk finder or metadata."""
    from dossier.clean.html import main_text, parse

    return lambda html, url: main_text(parse(html), url)


def body_without_title(text: str, title: str | None) -> str:
    """The clean text without its first line when that line is the headline."""
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return text


EXTRACTORS: dict[str, Callable[[], Callable[[str, str], str]]] = {
    "trafilatura default": lambda: trafilatura_extractor(),
    "trafilatura fast": lambda: trafilatura_extractor(fast=True),
    "trafilatura favor_precision": lambda: trafilatura_extractor(favor_precision=True),
    "trafilatura favor_recall": lambda: trafilatura_extractor(favor_recall=True),
    "resiliparse main_content": resiliparse_extractor,
    "dossier extraction, no junk pass": dossier_extractor_only,
    "dossier (clean stage)": dossier_extractor,
}


def measure(names: list[str], pages: dict[str, str], gold: dict[str, dict], repeat: int = 1) -> list[Result]:
    """Run the extractors over every page and score them.

    Timing is interleaved, page by page, so that load from other processes on a shared machine
    slows every extractor alike; speed is pages per second over all ``repeat`` rounds.
    """
    extractors = {name: EXTRACTORS[name]() for name in names}
    first = next(iter(pages))
    for extract in extractors.values():
        extract(pages[first], gold[first].get("url", ""))  # warm-up: imports, lazy models, regex caches
    seconds = dict.fromkeys(names, 0.0)
    predictions: dict[str, dict[str, str]] = {name: {} for name in names}
    for _ in range(repeat):
        _clear_dossier_caches()
        for key, html in pages.items():
            for name, extract in extractors.items():
                start = time.perf_counter()
                predictions[name][key] = extract(html, gold[key].get("url", ""))
                seconds[name] += time.perf_counter() - start
    return [
        Result(
            name,
            score(gold, predictions[name], 1),
            score(gold, predictions[name], 4),
            repeat * len(pages) / seconds[name],
        )
        for name in names
    ]


def _clear_dossier_caches() -> None:
    """Each timed run starts with dossier's per-line caches empty, as on unseen pages."""
    if "dossier.clean.junk" in sys.modules:
        sys.modules["dossier.clean.junk"].clear_caches()


def print_table(results: list[Result], n_pages: int) -> None:
    print(f"{n_pages} pages of {DATA.name}; one core; P/R averaged per document")
    print(f"{'extractor':<34} {'pages/s':>8} | {'P':>6} {'R':>6} {'F1':>6} | {'P(4)':>6} {'R(4)':>6} {'F1(4)':>6}")
    print("-" * 88)
    for r in results:
        w, s = r.words, r.shingles
        print(
            f"{r.name:<34} {r.pages_per_second:>8.1f} | {w.precision:>6.3f} {w.recall:>6.3f} {w.f1:>6.3f} | "
            f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds over the pages (speed is their average)")
    parser.add_argument("--only", nargs="*", help="extractor names (substrings) to run")
    args = parser.parse_args()
    if not available():
        print(f"benchmark data not found under {DATA} (set DOSSIER_SHARED)", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore")
    pages, gold = load()
    names = [n for n in EXTRACTORS if not args.only or any(o in n for o in args.only)]
    results = measure(names, pages, gold, args.repeat)
    print_table(results, len(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
