"""Build the events coder's shipped dictionaries from PETRARCH2's MIT-licensed CAMEO dictionaries.

Reads ../shared/bench/events/petrarch2-dictionaries (verbs, country/international/non-state
actors, agents) and ../shared/bench/events/plover-dev/CAMEO2PLOVER-2021.txt, and writes
src/dossier/events/data/petrarch.json.gz: verb forms -> PLOVER type, actor names -> dated
CAMEO codes, agent words -> sector. Nothing is learned from the evaluation records.

Usage: python scripts/train_events.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dossier" / "events" / "data" / "petrarch.json.gz"
CODE = re.compile(r"\[([A-Z~]{3,}|\d{2,4})(?::\d+)?(?:\s+([<>]?\d{6,8}(?:-\d{6,8})?))?\s*\]")
# CAMEO codes the CAMEO-to-PLOVER table leaves out: appeals are requests; denials are rejections.
EXTRA_PLOVER = {"02": "REQUEST", "016": "REJECT"}


def plover_table(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from the lines 'NNN: TYPE, mode, context # text'."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            out[m.group(1)] = m.group(2)
    return {**out, **EXTRA_PLOVER}


def plover_of(code: str, table: dict[str, str]) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def inflections(verb: str, irregular: list[str]) -> set[str]:
    """The base form, -s, -ed and -ing forms of a (possibly phrasal) verb, plus the listed irregular ones."""
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    stem = head.removesuffix("e")
    forms = {head, head + ("es" if head.endswith(("s", "sh", "ch", "x", "z")) else "s"),
             stem + "ed", stem + "ing"}
    if head.endswith("y") and len(head) > 2 and head[-2] not in "aeiou":
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    return {f + tail for f in forms} | {i.lower() + tail for i in irregular}


def verb_forms(path: Path, table: dict[str, str]) -> dict[str, str]:
    """Every form of every verb with a default code -> its PLOVER type (patterns are left out)."""
    out: dict[str, str] = {}
    head_code = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if head:
            head_code = head.group(2) if head.group(2)[:1].isdigit() else None
            continue
        if not line or line.startswith(("-", "&", "+", "<", "~")) or head_code is None and "[" not in line:
            continue
        m = re.match(r"^([A-Z][A-Z_'-]*)\s*(?:\{([^}]*)\})?\s*(?:\[(\d+)\])?", line)
        if not m:
            continue
        code = m.group(3) or head_code
        plover = plover_of(code.split(":")[0], table) if code else None
        if plover:
            verb = m.group(1).replace("_", " ").lower().strip()
            for form in inflections(verb, (m.group(2) or "").split()):
                out.setdefault(form, plover)
    return out


def _date(text: str) -> str:
    if len(text) == 6:
        yy = int(text[:2])
        text = ("20" if yy <= 30 else "19") + text
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}"


def _span(spec: str | None) -> tuple[str | None, str | None]:
    """'>911221' -> (1991-12-21, None); '430306-700529' -> (start, end); None -> (None, None)."""
    if not spec:
        return None, None
    if spec.startswith(">"):
        return _date(spec[1:]), None
    if spec.startswith("<"):
        return None, _date(spec[1:])
    start, _, end = spec.partition("-")
    return _date(start), _date(end) if end else None


def actor_entries(path: Path) -> dict[str, list]:
    """Actor name (folded, spaces) -> [[code, start, end], ...] with every alias of the entry."""
    out: dict[str, list] = {}
    names: list[str] = []
    codes: list = []

    def flush() -> None:
        for n in names:
            if codes and len(n) > 1:
                out.setdefault(n, codes)

    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] not in " \t+[":  # a new entry
            flush()
            names, codes = [], []
        body = line.lstrip(" \t+")
        name = re.match(r"^([^\[\s]+(?: [^\[\s]+)*?)\s*(?=\[|$)", body)
        if name and not body.startswith("["):
            names.append(" ".join(name.group(1).replace("_", " ").lower().split()))
        for m in CODE.finditer(body):
            if not m.group(1).startswith("~") and m.group(1) not in ("---", "ELI"):
                codes.append([m.group(1), *_span(m.group(2))])
    flush()
    return out


def agent_words(path: Path) -> dict[str, str]:
    """Agent noun (and its plural) -> sector code ('minister' -> GOV)."""
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        sub = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if sub:
            subs[sub.group(1)] = [w.strip().lower() for w in sub.group(2).split(",")]
            continue
        m = re.match(r"^(\S+?)\s*\[~(\w{3})", line)
        if not m:
            continue
        for word in _expand(m.group(1).lower(), subs):
            word = word.replace("_", " ").strip()
            out.setdefault(word, m.group(2))
            out.setdefault(word + "s", m.group(2))
    return out


def _expand(word: str, subs: dict[str, list[str]]) -> list[str]:
    for key, values in subs.items():
        if key.lower() in word:
            return [x for v in values for x in _expand(word.replace(key.lower(), v), subs)]
    return [word]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    events = args.shared / "bench" / "events"
    petrarch = events / "petrarch2-dictionaries"
    table = plover_table(events / "plover-dev" / "CAMEO2PLOVER-2021.txt")
    actors: dict[str, list] = {}
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for k, v in actor_entries(petrarch / name).items():
            actors.setdefault(k, v)
    data = {"verbs": verb_forms(petrarch / "CAMEO.2.0.txt", table), "actors": actors,
            "agents": agent_words(petrarch / "Phoenix.agents.txt"),
            "license": (petrarch / "LICENSE").read_text(encoding="utf-8")}
    OUT.write_bytes(gzip.compress(json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8"), 9, mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {len(data['verbs'])} verb forms, {len(actors)} actor names, "
          f"{len(data['agents'])} agent words, {OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
