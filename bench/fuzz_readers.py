"""Fuzz the ingest readers with thousands of damaged documents (hypothesis); print what was met.

    python bench/fuzz_readers.py [--examples 5000] [--seed 0]

Fails (exit 1) on the first input that crashes a reader or yields an unclear error,
printing the shrunk input; otherwise prints counts of articles and of each kind of error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import collections
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from dossier.errors import BadInput  # noqa: E402
from dossier.ingest import read_bytes  # noqa: E402
from tests.ingest.malformed import check_reader_result, malformed_input  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    seen: collections.Counter[str] = collections.Counter()

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=malformed_input())
    def fuzz(case):
        data, name = case
        items = list(read_bytes(data, name))
        check_reader_result(items)
        for item in items:
            seen["article" if not isinstance(item, BadInput) else _kind(item.problem)] += 1
        seen["inputs"] += 1

    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):  # warcio warns about every damaged record
        fuzz()
    elapsed = time.perf_counter() - started
    print(f"{seen.pop('inputs')} inputs in {elapsed:.1f}s, no crash; outcomes:")
    for what, n in seen.most_common():
        print(f"  {n:6}  {what}")
    return 0


def _kind(problem: str) -> str:
    """The problem without its particulars, to group errors."""
    return re.sub(r"\(.*\)|\d[\d,]*|'.*?'", "…", problem)[:90]


if __name__ == "__main__":
    sys.exit(main())
