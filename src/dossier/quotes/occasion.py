"""When the statements of an article were made, as a span of days, for telling occasions apart.

An article's own publication day comes first; a copy without a date takes the
day of the article it copies; an undated article in a story takes the span of
its story's dated articles (the story is its context: a repost of last week's
interview is dated by the reports it clusters with). Nothing dates it: None,
and it is compatible with any occasion.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

Span = tuple[date, date]


def day(value: str | None) -> date | None:
    """The day of an ISO date or timestamp; None for a coarser or missing date."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def article_span(article_id: str, meta: Mapping[str, dict], story_span: Mapping[str, Span]) -> Span | None:
    """The days an article's statements were made in: its date, its original's, or its story's span."""
    info = meta.get(article_id, {})
    own = day(info.get("published"))
    if own is None and info.get("duplicate_of"):
        own = day(meta.get(info["duplicate_of"], {}).get("published"))
    if own is not None:
        return own, own
    return story_span.get(article_id)

