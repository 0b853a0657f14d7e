"""Generated news corpora for benchmarks and durability tests: fictional, article-length, deterministic.

Articles come in stories (several outlets covering one event, with shared people,
places, dates and quotes), with some reposts (near-copies under another outlet),
so every pipeline stage has realistic work: junk-free prose of 400-700 words with
quotes, reported speech, dates and numbers. All names are invented from syllables.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

_SYLLABLES = "ka lo mir va dren os tal ri vel an sko bor ne ju pra zel ma tin gor el".split()
_FIRST = "Ilona Teodor Vesna Dmitar Ruta Aleks Jana Milan Sorin Petra Luka Nadia Oskar Mira Emil Dana".split()
_ROLES = ["the interior minister", "the mayor", "a union leader", "the police spokeswoman", "an opposition deputy",
          "the health minister", "a senior judge", "the army chief", "a local councillor", "the central bank governor"]
_ORGS = ["Ministry of Transport", "National Rail Company", "Harbour Workers Union", "Red Lantern Society",
         "State Audit Office", "Coastal Guard", "Federation of Farmers", "Institute for Public Affairs"]
_EVENTS = [  # kind, what happened (n people, place), what reports call it
    ("strike", "About {n:,} dock workers walked off the job in {place}", "the strike"),
    ("flood", "About {n:,} residents were evacuated from {place}", "the flooding"),
    ("protest", "About {n:,} people marched through the centre of {place}", "the protest"),
    ("fire", "A warehouse holding goods for {n:,} families was destroyed by fire in {place}", "the blaze"),
    ("election", "About {n:,} voters went to the polls in {place}", "the vote"),
    ("arrest", "Police detained {n:,} people in {place}", "the arrests"),
    ("agreement", "Delegations of {n:,} firms signed a trade agreement in {place}", "the deal"),
    ("explosion", "An explosion damaged {n:,} homes near {place}", "the blast"),
]
_OUTLETS = ["Lakeside Herald", "The Morning Ledger", "Northern Wire", "Capital Tribune", "Valley Post",
            "Coastline Daily", "The Evening Courier", "Harbour Gazette", "Plains Observer", "Metro Bulletin"]
# Background sentences are assembled from parts, so two articles rarely share one by chance.
_SUBJECTS = ["Officials", "Residents", "Local traders", "Two witnesses", "Emergency workers", "Teachers",
             "Several deputies", "Railway staff", "Hospital managers", "Farmers from nearby villages",
             "Volunteers", "Regional inspectors", "Taxi drivers", "Church leaders", "Students"]
_VERBS = ["said they had", "complained that they had", "told this newspaper they had", "reported that they had",
          "insisted they had", "admitted they had", "denied that they had", "wrote online that they had"]
_OBJECTS = ["seen smoke over the old quarter", "waited hours for buses", "received no warning from the council",
            "lost a week of earnings", "asked for more police patrols", "closed their shops early",
            "heard two loud bangs", "been told to stay indoors", "collected blankets for families",
            "found the main road blocked", "signed a petition to the governor", "been offered compensation",
            "opened a shelter in the sports hall", "counted damaged cars in the square"]
_WHEN = ["on the first evening", "by midday", "before dawn", "late on {day}", "earlier in the week",
         "in the following days", "during the night", "a day later", "while the talks went on"]


def _filler(rng: random.Random, day: str) -> str:
    when = rng.choice(_WHEN).format(day=day)
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {when}."


def _fillers(rng: random.Random, day: str, n: int) -> list[str]:
    return [" ".join(_filler(rng, day) for _ in range(rng.randint(1, 3))) for _ in range(n)]


@dataclass(frozen=True)
class GeneratedArticle:
    title: str
    outlet: str
    published: str
    text: str
    story: int


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {_name(rng, rng.choice((2, 3)))}"


@dataclass
class _Story:
    index: int
    place: str
    people: list[tuple[str, str]]
    org: str
    event: tuple[str, str, str]
    day: date
    number: int


def _story(rng: random.Random, index: int, span_days: int = 700) -> _Story:
    start = date(2023, 1, 1) + timedelta(days=rng.randrange(span_days))
    people = [(_person(rng), rng.choice(_ROLES)) for _ in range(3)]
    return _Story(index, _name(rng, 3), people, rng.choice(_ORGS), rng.choice(_EVENTS), start, rng.randrange(12, 4000))


def _paragraphs(rng: random.Random, st: _Story, when: date) -> list[str]:
    kind, what, noun = st.event
    (p1, r1), (p2, r2), (p3, r3) = st.people
    weekday = st.day.strftime("%A")
    paras = [
        f"{what.format(n=st.number, place=st.place)} on {weekday}, {r1} {p1} said, "
        f"in what the {st.org} called the worst {kind} in the region for a decade.",
        f'"We did everything we could, but nobody was ready for this," {p1} told reporters in {st.place}.',
        f"{p2}, {r2}, said {noun} had been expected for weeks and accused the {st.org} of ignoring warnings.",
        f'"There were reports on every desk in the capital. Nobody read them," {p2} said.',
        f"According to {r3} {p3}, at least {st.number // 10 + 3} people were taken to hospital on "
        f"{st.day.day} {st.day.strftime('%B %Y')}.",
        f"The {st.org} said in a statement that it would review its procedures and report by {when.strftime('%B')}.",
        f'{p3} said the figures were "still provisional" and could rise as more information came in.',
    ]
    body = paras[:2] + _fillers(rng, weekday, 4) + paras[2:5] + _fillers(rng, weekday, 4) + paras[5:]
    extra = [f'{_person(rng)}, who lives in {st.place}, said: "{_filler(rng, weekday)}"'
             for _ in range(rng.randrange(2, 5))]
    return body + extra + _fillers(rng, weekday, rng.randrange(3, 7))


def generate(n: int, seed: int = 7, story_size: tuple[int, int] = (2, 8), repost_share: float = 0.05,
             span_days: int = 700) -> Iterator[GeneratedArticle]:
    """``n`` articles in stories of a few outlets each, with some near-copy reposts; the stories start on
    days drawn from ``span_days`` days from 2023-01-01 (a stream of news at a steady rate: about n / 10)."""
    rng = random.Random(seed)
    made, index = 0, 0
    while made < n:
        st = _story(rng, index, span_days)
        index += 1
        previous: GeneratedArticle | None = None
        for outlet in rng.sample(_OUTLETS, min(rng.randint(*story_size), n - made)):
            when = st.day + timedelta(days=rng.randrange(3))
            if previous is not None and rng.random() < repost_share:
                credit = f"\n\nThis report first appeared in {previous.outlet}."
                text = previous.text.replace(" said", " told reporters", 1) + credit
            else:
                text = "\n\n".join(_paragraphs(rng, st, when))
            title = f"{st.event[2].capitalize()} in {st.place}: {st.people[0][0]} speaks out ({outlet}, #{made})"
            previous = GeneratedArticle(title, outlet, when.isoformat(), text, st.index)
            yield previous
            made += 1


def as_text_file(a: GeneratedArticle) -> str:
    """The article as a scraped text file: outlet, title, date, then the body."""
    return f"{a.outlet}\n\n{a.title}\n\n{a.published}\n\n{a.text}\n"


def write_text_folder(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` generated articles as .txt files (100 per subfolder); return the paths."""
    paths = []
    for i, a in enumerate(generate(n, seed)):
        path = folder / f"{i // 100:04}" / f"{i:07}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(as_text_file(a), encoding="utf-8")
        paths.append(path)
    return paths


def write_jsonl(path: Path, n: int, seed: int = 7) -> None:
    """Write ``n`` generated articles as one JSON Lines file (text, title, outlet, date)."""
    with open(path, "w", encoding="utf-8") as fh:
        for a in generate(n, seed):
            fh.write(json.dumps({"text": a.text, "title": a.title, "outlet": a.outlet, "date": a.published}) + "\n")
