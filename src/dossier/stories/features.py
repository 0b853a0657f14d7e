"""What story clustering sees of an article: weighted terms, entity keys, a date and a year.

The title and the lead (the first sentences) weigh more than the body. A story is
told in its headline and first paragraph; the background an article recalls in
passing ("the invasion began on February 24") sits further down, so damping the
body keeps background from pulling unrelated stories together. Names are kept
apart from words (see ``make_doc``) for the same reason: articles on one
country's leaders share the names, not the event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from dossier.nlp.sentences import split_sentences
from dossier.stories.cues import lead_weekdays
from dossier.stories.stem import porter
from dossier.stories.vectors import CORPUS_ONLY

TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 0.5
ENTITY_LEAD_WEIGHT = 2.0  # a name in the title or lead against one further down
NAMES_IN_TERMS = False  # names count as plain words too (else as name terms weighed by the corpus alone)
NAME_TERM_WEIGHT = 1.0  # a name term's weight against a word's
LEAD_SENTENCES = 3
# Only the beginning of a long body is read: news puts what happened first, and it bounds the cost.
MAX_BODY_CHARS = 6000

_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_NUMERIC = re.compile(r"[\d.,-]+")

# Function words, reporting verbs and calendar words: frequent in every story, telling of none.
# Month and weekday names are left out on purpose: dates are compared as dates, not as words.
STOPWORDS = frozenset("""
a about above across after afterwards again against all almost alone along already also although always am among
amongst an and another any anyone anything anywhere are around as at back be became because become becomes been
before behind being below beside besides between beyond both but by can cannot could did do does doing done down
during each either else elsewhere enough even ever every everyone everything except few first for former formerly
from further had has have having he her here hers herself him himself his how however i if in including into is it
its itself just last later least less many may me meanwhile might more moreover most mostly much must my myself near
nearly neither never nevertheless new next no nobody none nor not nothing now of off often on once one only onto or
other others otherwise our ours ourselves out over own per perhaps rather same second several she should since so
some somehow someone something sometimes still such than that the their theirs them themselves then there thereafter
thereby therefore these they this those though through throughout thus to together too toward towards under until up
upon us very via was we well were what whatever when whenever where whereas whether which while who whoever whole
whom whose why will with within without would yet you your yours yourself yourselves said says say saying told tell
tells according added adding asked reported reporting news told stated statement mr mrs ms dr also just like get got
make made take took year years month months week weeks day days today yesterday tomorrow tonight time times ago
earlier later recently currently now percent people monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december jan feb mar apr jun jul aug sep sept
oct nov dec
""".split())


@dataclass
class StoryDoc:
    """One article as the clusterer sees it."""

    id: str
    terms: dict[str, float]  # term -> zone-weighted frequency (title and lead boosted)
    entities: dict[str, float] = field(default_factory=dict)  # entity key -> zone-weighted mentions
    date: date | None = None  # publication day, when known to the day
    year: int | None = None  # publication year, else the latest year the article tells of in the past
    title: str | None = None
    approx_date: date | None = None  # for an undated article: about when it came (its neighbours' date)
    weekdays: tuple[int, ...] = ()  # weekdays (1 = Monday) of the days its title and lead tell of
    persons: tuple[str, ...] = ()  # entity keys of the people it names (its protagonist is one of them)


def words(text: str) -> list[str]:
    """Content words of a text, lower-cased and stemmed; short numbers and stopwords dropped."""
    return [t for t in map(_term, _WORD.findall(text)) if t]


@lru_cache(maxsize=500_000)
def _term(token: str) -> str | None:
    w = token.lower().replace("’", "'").removesuffix("'s").replace(".", "")
    if len(w) < 2 or w in STOPWORDS:
        return None
    if _NUMERIC.fullmatch(w) and len(w) < 4:  # "12" says little; "2023" may
        return None
    return porter(w)


def zones(title: str | None, text: str, sentences: Sequence[tuple[int, int]] | None = None) -> tuple[str, str, str]:
    """Title, lead and body of an article; a title repeated as the first line of the text is not read twice."""
    _title_end, lead_start, lead_end, body_end = zone_bounds(title, text, sentences)
    return (title or "").strip(), text[lead_start:lead_end], text[lead_end:body_end]


def zone_bounds(title: str | None, text: str, sentences: Sequence[tuple[int, int]] | None = None) -> tuple[int, int, int, int]:
    """Offsets in ``text``: end of a leading title (0 if none), start and end of the lead, end of the body read."""
    text = text or ""
    title = (title or "").strip()
    stripped = text.lstrip()
    offset = len(text) - len(stripped) + len(title) if title and stripped.startswith(title) else 0
    spans = [s for s in (sentences if sentences is not None else split_sentences(text)) if s[0] >= offset]
    if not spans:
        return offset, offset, offset, offset
    cut = spans[min(LEAD_SENTENCES, len(spans)) - 1][1]
    body_end = min(len(text), cut + MAX_BODY_CHARS) if len(spans) > LEAD_SENTENCES else cut
    return offset, spans[0][0], cut, body_end


def weighted_terms(title: str, lead: str, body: str) -> dict[str, float]:
    """Term frequencies with the title and lead boosted over the body."""
    counts: Counter[str] = Counter()
    for text, weight in ((title, TITLE_WEIGHT), (lead, LEAD_WEIGHT), (body, BODY_WEIGHT)):
        for w in words(text):
            counts[w] += weight
    return dict(counts)


def entity_weights(keys_by_offset: Iterable[tuple[str, int]], lead_end: int) -> dict[str, float]:
    """Entity key -> weight: a mention in the title or lead counts ENTITY_LEAD_WEIGHT, one further down 1."""
    counts: Counter[str] = Counter()
    for key, offset in keys_by_offset:
        counts[key] += ENTITY_LEAD_WEIGHT if offset < lead_end else 1.0
    return dict(counts)


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with the given spans blanked (offsets kept)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def make_doc(
    doc_id: str,
    title: str | None,
    text: str,
    day: date | None = None,
    year: int | None = None,
    entities: Iterable[tuple[str, int, int]] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
    names_in_terms: bool = NAMES_IN_TERMS,
    persons: Iterable[str] = (),
    days: Iterable[tuple[int, str | None, bool]] = (),
) -> StoryDoc:
    """A StoryDoc from an article's parts; ``entities`` are (key, start, end) of its name mentions,
    ``persons`` the keys among them that name people, ``days`` (offset, TIMEX value, relative) of
    its temporal expressions.

    Unless ``names_in_terms``, the words of names become name terms ("@kovel"), whose idf comes
    from the corpus alone: in a handful of articles on one country's leaders the names every
    article shares then weigh nothing, and the words around them tell the events apart.
    """
    text = text or ""
    entities = list(entities)
    bounds = zone_bounds(title, text, sentences)
    title_end, lead_start, lead_end, body_end = bounds
    read = text if names_in_terms or not entities else mask(text, [(s, e) for _, s, e in entities])
    head = read[:title_end] if title_end else (title or "")
    terms = weighted_terms(head, read[lead_start:lead_end], read[lead_end:body_end])
    if not names_in_terms:
        _add_name_terms(terms, text, entities, bounds)
    return StoryDoc(
        id=doc_id,
        terms=terms,
        entities=entity_weights([(k, s) for k, s, _ in entities], lead_end),
        date=day,
        year=day.year if day else year,
        title=title or None,
        weekdays=lead_weekdays(days, lead_end, day),
        persons=tuple(sorted(set(persons))),
    )


def _add_name_terms(terms: dict[str, float], text: str, entities: list[tuple[str, int, int]],
                    bounds: tuple[int, int, int, int]) -> None:
    title_end, _, lead_end, body_end = bounds
    for _, start, end in entities:
        if start < body_end:
            weight = TITLE_WEIGHT if start < title_end else LEAD_WEIGHT if start < lead_end else BODY_WEIGHT
            for w in words(text[start:end]):
                terms[CORPUS_ONLY + w] = terms.get(CORPUS_ONLY + w, 0.0) + weight * NAME_TERM_WEIGHT
