"""Event cues: which day an article's news fell on, whom it is about, which years it tells of.

Two reports of the same kind of event (two pirate attacks foiled by one navy, two
drink-driving arrests at one club) share nearly all their words; when and who tell
them apart. The lead names the day of the news ("on Saturday"), one person is the
article's protagonist, and an undated article tells of the year it was written.
A cue speaks only where both sides have it. Cues are kept as counts over a group
of articles (one article, or a story), so the sum of what they say over every
pair of articles between two groups costs a few dictionary lookups.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
RECENT_DAYS = 10  # a resolved day this close before publication is the news of the day, not background


@dataclass(frozen=True)
class CueWeights:
    """What one pair of articles adds to its similarity when a cue agrees, or takes when it clashes.

    On the scale of the text cosine; set on the ECB+ train topics (the likelihood ratios
    of agreement and clash among same-event and same-topic pairs)."""

    weekday_agree: float = 0.05
    weekday_clash: float = 0.10
    protagonist_agree: float = 0.06
    protagonist_clash: float = 0.08
    year_agree: float = 0.10
    year_clash: float = 0.07
    year_slack: int = 1  # an undated article may tell of the year before its dated neighbour's
    stale_years: int = 2  # ... and of one this much older: news tells of its own year


@dataclass
class Cues:
    """Counts of the cues of a group of articles."""

    members: int = 0
    weekdays: Counter[int] = field(default_factory=Counter)  # members naming each weekday in their lead
    weekday_members: int = 0
    protagonists: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)  # members naming each person
    dated_years: Counter[int] = field(default_factory=Counter)  # publication years of dated members
    told_years: Counter[int] = field(default_factory=Counter)  # latest years told by undated members

    @classmethod
    def of(cls, weekdays: Iterable[int], people: Iterable[str], protagonist: str | None, day: date | None,
           year: int | None) -> Cues:
        cues = cls(members=1, people=Counter(set(people)))
        days = set(weekdays)
        if days:
            cues.weekdays.update(days)
            cues.weekday_members = 1
        if protagonist:
            cues.protagonists[protagonist] = 1
        if day is not None:
            cues.dated_years[day.year] = 1
        elif year is not None:
            cues.told_years[year] = 1
        return cues

    def dated_members(self) -> int:
        return sum(self.dated_years.values())

    def add(self, other: Cues) -> None:
        self.members += other.members
        self.people.update(other.people)
        self.weekdays.update(other.weekdays)
        self.weekday_members += other.weekday_members
        self.protagonists.update(other.protagonists)
        self.dated_years.update(other.dated_years)
        self.told_years.update(other.told_years)

    def subtract(self, other: Cues) -> None:
        """Undo ``add(other)``."""
        self.members -= other.members
        self.people.subtract(other.people)
        self.weekdays.subtract(other.weekdays)
        self.weekday_members -= other.weekday_members
        self.protagonists.subtract(other.protagonists)
        self.dated_years.subtract(other.dated_years)
        self.told_years.subtract(other.told_years)


def lead_weekdays(days: Iterable[tuple[int, str | None, bool]], lead_end: int, published: date | None) -> tuple[int, ...]:
    """Weekdays (1 = Monday) of the days the title and lead tell of, from (offset, TIMEX value, relative).

    A weekday left unresolved ("on Saturday" in an undated article) counts as it is; a day
    resolved against the publication date counts when it falls in the days before it.
    """
    out = set()
    for start, value, relative in days:
        if start >= lead_end or not value:
            continue
        if m := _WEEKDAY.match(value):
            out.add(int(m[1]))
        elif relative and published is not None and (m := _DAY.match(value)):
            try:
                day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            if 0 <= (published - day).days <= RECENT_DAYS:
                out.add(day.isoweekday())
    return tuple(sorted(out))


def agreement(a: Cues, b: Cues, w: CueWeights, corpus: Cues) -> float:
    """What the cues say, summed over every pair of articles between two groups (+ agree, - clash).

    ``corpus`` holds the cues of every article seen: sharing a weekday or a protagonist that
    most articles share is no sign of one event (five articles on two leaders all name both).
    """
    years = _years(a.dated_years, b.told_years, w) + _years(b.dated_years, a.told_years, w)
    return _weekdays(a, b, w, corpus) + _protagonists(a, b, w, corpus) + years + _told_years(a, b, w)


def _weekdays(a: Cues, b: Cues, w: CueWeights, corpus: Cues) -> float:
    pairs = a.weekday_members * b.weekday_members
    if not pairs:
        return 0.0
    shared = {d: n * b.weekdays[d] for d, n in a.weekdays.items() if d in b.weekdays}
    agree = min(sum(shared.values()), pairs)
    telling = sum(k * (1 - corpus.weekdays[d] / max(corpus.weekday_members, 1)) for d, k in shared.items())
    return w.weekday_agree * min(telling, agree) - w.weekday_clash * (pairs - agree)


def _protagonists(a: Cues, b: Cues, w: CueWeights, corpus: Cues) -> float:
    """Same protagonist: agree (unless most articles name them). Two protagonists clash where
    neither article names the other's (counted as expected from how many members of each
    group name each person)."""
    total = 0.0
    for p, n in a.protagonists.items():
        for q, m in b.protagonists.items():
            if p == q:
                total += w.protagonist_agree * n * m * (1 - corpus.people[p] / max(corpus.members, 1))
            else:
                unnamed = (1 - b.people[p] / b.members) * (1 - a.people[q] / a.members)
                total -= w.protagonist_clash * n * m * unnamed
    return total


def _years(dated: Counter[int], told: Counter[int], w: CueWeights) -> float:
    """Dated members of one group against the undated members of the other that tell of a year."""
    total = 0.0
    for year, n in dated.items():
        for told_year, m in told.items():
            if year - w.stale_years <= told_year <= year + w.year_slack:
                total += w.year_agree * n * m
            else:
                total -= w.year_clash * n * m
    return total


def _told_years(a: Cues, b: Cues, w: CueWeights) -> float:
    """Undated members of both groups: the years they tell of lie close together, or not."""
    total = 0.0
    for year, n in a.told_years.items():
        for other, m in b.told_years.items():
            total += (w.year_agree if abs(year - other) <= w.stale_years else -w.year_clash) * n * m
    return total
