"""What story clustering sees of an article: weighted terms, entity keys and a date.

The title and the lead (the first sentences) weigh more than the body. A story is
told in its headline and first paragraph; the background an article recalls in
passing ("the invasion began on February 24") sits further down, so damping the
body keeps background from pulling unrelated stories together.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from dossier.nlp.sentences import split_sentences
from dossier.stories.stem import porter

TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 0.5
ENTITY_LEAD_WEIGHT = 2.0  # a name in the title or lead against one further down
NAMES_IN_TERMS = True  # names also count as words (besides as entities)
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
its itself just last later least less many may me meanwhile might more moreover most mostly much must my myself
near nearly neither never nevertheless new next no nobody none nor not nothing now of off often on once one only
onto or other others otherwise our ours ourselves out over own per perhaps rather same second several she should
since so some somehow someone something sometimes still such than that the their theirs them themselves then there
thereafter thereby therefore these they this those though through throughout thus to together too toward towards
under until up upon us very via was we well were what whatever when whenever where whereas whether which while who
whoever whole whom whose why will with within without would yet you your yours yourself yourselves
said says say saying told tell tells according added adding asked reported reporting news told stated statement
mr mrs ms dr also just like get got make made take took year years month months week weeks day days today
yesterday tomorrow tonight time times ago earlier later recently currently now percent people
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec
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


def words(text: str) -> list[str]:
    """Content words of a text, lower-cased and stemmed; short numbers and stopwords dropped."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        w = w.replace(".", "")
        if len(w) < 2 or w in STOPWORDS:
            continue
        if _NUMERIC.fullmatch(w) and len(w) < 4:  # "12" says little; "2023" or "1,000" may
            continue
        out.append(porter(w))
    return out


def zones(title: str | None, text: str, sentences: Sequence[tuple[int, int]] | None = None) -> tuple[str, str, str]:
    """Title, lead and body of an article; a title repeated as the first line of the text is not read twice."""
    title_end, lead_start, lead_end, body_end = zone_bounds(title, text, sentences)
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
) -> StoryDoc:
    """A StoryDoc from an article's parts; ``entities`` are (key, start, end) of name mentions.

    Names are left out of the terms unless ``names_in_terms``: they are compared
    as entities, and the words around them then say what happened rather than
    to whom (articles on one country's leaders share the names, not the event).
    """
    text = text or ""
    entities = list(entities)
    title_end, lead_start, lead_end, body_end = zone_bounds(title, text, sentences)
    read = text if names_in_terms or not entities else mask(text, [(s, e) for _, s, e in entities])
    head = read[:title_end] if title_end else (title or "")
    return StoryDoc(
        id=doc_id,
        terms=weighted_terms(head, read[lead_start:lead_end], read[lead_end:body_end]),
        entities=entity_weights([(k, s) for k, s, _ in entities], lead_end),
        date=day,
        year=day.year if day else year,
        title=title or None,
    )
