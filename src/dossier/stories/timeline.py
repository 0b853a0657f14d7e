"""The corpus timeline: every story's dated events and statements in one list, optionally about one entity."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dossier.model import TimelineEntry

if TYPE_CHECKING:
    from dossier.core import Dossier


def _names_pattern(names: list[str]) -> re.Pattern[str]:
    """Any of the names (and their last words: 'Havrenko' for 'Miroslav Havrenko') as whole words."""
    forms = {n for n in names if n} | {n.split()[-1] for n in names if n and len(n.split()[-1]) > 3}
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b")


def corpus_timeline(dossier: Dossier, entity: str | None = None) -> list[TimelineEntry]:
    """Entries of all stories by date; with an entity, those of the stories it is a main actor of, plus
    any entry elsewhere whose text or speaker names it."""
    stories = dossier.stories()
    if entity is None:
        entries = [e for s in stories for e in s.timeline]
    else:
        found = dossier.entity(entity)
        names = [found.name, *found.aliases]
        pattern = _names_pattern(names)
        entries = [e for s in stories for e in s.timeline
                   if found.name in s.actors or pattern.search(e.text) or (e.speaker and pattern.search(e.speaker))]
    seen, out = set(), []
    for e in sorted(entries, key=lambda e: (e.date, e.kind != "event", e.story_id or "")):
        key = (e.date, e.text)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
