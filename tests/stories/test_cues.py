"""Event cues: the weekdays a lead tells of, and what the cues of two groups of articles say of their pairs."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.nlp.timex.extract import find_timexes
from dossier.stories.cues import Cues, CueWeights, agreement, lead_weekdays
from dossier.stories.features import make_doc

W = CueWeights()
LEAD = ("Gunmen robbed a jeweller in Varnholm on Saturday, police said. The owner was unhurt. "
        "Police want witnesses.\n\nThe shop had been robbed once before, on a Tuesday in May.")


def days(text: str, published: date | None = None) -> list[tuple[int, str | None, bool]]:
    return [(t.start, t.value, t.relative) for t in find_timexes(text, published.isoformat() if published else None)]


def test_an_undated_lead_gives_the_weekday_it_names_and_not_those_further_down():
    doc = make_doc("a", None, LEAD, days=days(LEAD))
    assert doc.weekdays == (6,)


def test_a_dated_lead_gives_the_weekdays_of_recent_days_it_resolves():
    text = "Gunmen robbed a jeweller yesterday, police said. The owner was unhurt. Police want witnesses."
    published = date(2024, 3, 6)  # a Wednesday: "yesterday" is Tuesday
    assert make_doc("a", None, text, published, days=days(text, published)).weekdays == (2,)


def test_a_day_long_before_publication_is_background_not_the_news():
    old = [(10, "2024-01-02", True)]
    assert lead_weekdays(old, lead_end=100, published=date(2024, 3, 6)) == ()
    assert lead_weekdays([(10, "2024-03-04", True)], lead_end=100, published=date(2024, 3, 6)) == (1,)
    assert lead_weekdays([(10, "2024-03-04", False)], lead_end=100, published=date(2024, 3, 6)) == ()


def group(*cues: Cues) -> Cues:
    total = Cues()
    for c in cues:
        total.add(c)
    return total


def article(weekdays=(), people=(), protagonist=None, day=None, year=None) -> Cues:
    return Cues.of(weekdays, people, protagonist, day, year)


CORPUS = group(*[article((d,), (f"p{d}",)) for d in range(1, 8)])  # every weekday and person once in seven


def test_the_same_day_agrees_and_another_day_clashes():
    saturday, tuesday = article((6,)), article((2,))
    assert agreement(saturday, article((6,)), W, CORPUS) > 0
    assert agreement(saturday, tuesday, W, CORPUS) == pytest.approx(-W.weekday_clash)
    assert agreement(saturday, article(), W, CORPUS) == 0  # a cue speaks only where both sides have it


def test_the_same_protagonist_agrees_unless_most_articles_name_them():
    a, b = article(people=["p1"], protagonist="p1"), article(people=["p1"], protagonist="p1")
    assert agreement(a, b, W, CORPUS) == pytest.approx(W.protagonist_agree * (1 - 1 / 7))
    everyone = group(*[article(people=["p1"]) for _ in range(7)])
    assert agreement(a, b, W, everyone) == 0


def test_two_protagonists_clash_only_where_neither_article_names_the_other():
    aslund = article(people=["aslund"], protagonist="aslund")
    tollan = article(people=["tollan"], protagonist="tollan")
    tollan_naming_aslund = article(people=["tollan", "aslund"], protagonist="tollan")
    assert agreement(aslund, tollan, W, CORPUS) == pytest.approx(-W.protagonist_clash)
    assert agreement(aslund, tollan_naming_aslund, W, CORPUS) == 0


def test_years_told_by_an_undated_article_agree_or_clash_with_a_dated_one():
    dated = article(day=date(2013, 9, 16))
    assert agreement(dated, article(year=2013), W, CORPUS) == pytest.approx(W.year_agree)
    assert agreement(dated, article(year=2012), W, CORPUS) == pytest.approx(W.year_agree)
    assert agreement(article(year=2008), dated, W, CORPUS) == pytest.approx(-W.year_clash)
    assert agreement(article(year=2008), article(year=2009), W, CORPUS) == pytest.approx(W.year_agree)
    assert agreement(dated, article(day=date(2008, 1, 1)), W, CORPUS) == 0  # dated pairs: the time factor's


def test_group_cues_sum_over_every_pair():
    saturdays = group(article((6,)), article((6,)))
    tuesdays = group(article((2,)), article((2,)), article((2,)))
    assert agreement(saturdays, tuesdays, W, CORPUS) == pytest.approx(-6 * W.weekday_clash)
    mixed = group(article((6,)), article((2,)))
    assert agreement(mixed, saturdays, W, CORPUS) == pytest.approx(
        2 * W.weekday_agree * (1 - 1 / 7) - 2 * W.weekday_clash)
