"""Seeds vs gold: entity variant groups recovered, junk-only names not extracted.

Usage: python bench/entities_seeds.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from pathlib import Path

from dossier import Dossier
from dossier.model import Mention
from dossier.nlp.gazetteer import fold

NAME_KINDS = {"name", "transliteration variant", "abbreviation", "acronym", "garbled name"}


def run_seeds(shared: Path) -> tuple[Dossier, dict[str, str]]:
    d = Dossier(Path(tempfile.mkdtemp()) / "seeds.db")
    d.ingest([shared / "seeds"])
    d.run(["resolve"])
    names = {a.id: Path(a.source).name for a in d.articles()}
    return d, names


def evaluate(d: Dossier, names: dict[str, str], gold: dict) -> dict:
    mentions = d.store.annotations("mention", Mention)
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[names[m.article_id]].append(m)
    groups = []
    for group in gold["cross_document"]["entity_variant_groups"]:
        found, missing, entity_ids = [], [], set()
        for v in group["variants"]:
            if v["kind"] not in NAME_KINDS:
                continue
            hits = [m for m in by_doc[v["doc"]] if fold(v["text"]) in {fold(m.text), fold(m.canonical or "")}]
            if hits:
                found.append(v["text"])
                entity_ids |= {m.entity_id for m in hits}
            else:
                missing.append(f"{v['doc'][:3]}:{v['text']}")
        nominal = [v for v in group["variants"] if v["kind"] == "nominal"]
        nominal_found = sum(
            1 for v in nominal for m in by_doc[v["doc"]] if m.kind == "role" and m.text.lower() == v["text"].lower()
            and m.entity_id in entity_ids)
        groups.append({"canonical": group["canonical"], "found": len(found), "missing": missing,
                       "entities": len(entity_ids), "recovered": len(entity_ids) == 1 and len(found) >= 2,
                       "nominal": f"{nominal_found}/{len(nominal)}"})
    junk = []
    for doc, article in gold.items():
        for name in article.get("entities_not_to_extract", []) if isinstance(article, dict) else []:
            name = name.split(" (")[0]
            junk += [f"{doc[:3]}:{m.text}" for m in by_doc[doc] if name.lower() in m.text.lower()]
    return {"groups": groups, "junk_extracted": junk}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args()
    gold = json.loads((args.shared / "gold" / "seed_gold.json").read_text())
    d, names = run_seeds(args.shared)
    result = evaluate(d, names, gold)
    scorable = [g for g in result["groups"] if g["found"] + len(g["missing"]) >= 2]
    for g in result["groups"]:
        status = "ok " if g["recovered"] else "-- "
        print(f"{status}{g['canonical'][:45]:<46} names found {g['found']}, entities {g['entities']}, "
              f"role mentions {g['nominal']}, missing {g['missing']}")
    print(f"\nvariant groups recovered: {sum(g['recovered'] for g in scorable)}/{len(scorable)} "
          f"(groups with at least two name variants)")
    print(f"junk-only names extracted: {len(result['junk_extracted'])} {result['junk_extracted']}")


if __name__ == "__main__":
    main()
