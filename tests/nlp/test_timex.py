"""Temporal expressions: extraction and normalization on hand-written sentences, property tests, the seeds."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from shared_data import shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.model import Article
from dossier.nlp.timex import Cal, find_timexes, infer_publication_date, parse_value, shift, time_mentions

MONDAY = "2022-10-10"  # a Monday
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


def found(text: str, anchor: str | None = MONDAY) -> dict[str, tuple[str, str | None]]:
    """{expression text: (type, value)} for a sentence."""
    return {t.text: (t.type, t.value) for t in find_timexes(text, anchor)}


def value_of(text: str, expression: str, anchor: str | None = MONDAY) -> str | None:
    matches = [t for t in find_timexes(text, anchor) if t.text == expression]
    assert matches, f"{expression!r} not found in {text!r}: {found(text, anchor)}"
    return matches[0].value


# --------------------------------------------------------------------------- hand-written sentences


@pytest.mark.parametrize("sentence, expression, value", [
    ("The two leaders agreed on Monday to hold joint drills.", "Monday", "2022-10-10"),
    ("The bridge was damaged in an explosion on Saturday.", "Saturday", "2022-10-08"),
    ("Troops started moving two days ago, the minister said.", "two days ago", "2022-10-08"),
    ("The ministers will meet again on Thursday in Geneva.", "Thursday", "2022-10-13"),
    ("Talks are scheduled to resume Friday.", "Friday", "2022-10-14"),
    ("The first round of talks was held in March.", "March", "2022-03"),
    ("A larger offensive could come in December.", "December", "2022-12"),
    ("The agency reported yesterday that prices fell.", "yesterday", "2022-10-09"),
    ("The vote is due tomorrow.", "tomorrow", "2022-10-11"),
    ("He was re-elected last year.", "last year", "2021"),
    ("Parliament will debate the bill next month.", "next month", "2022-11"),
    ("The committee met last week behind closed doors.", "last week", "2022-W40"),
    ("Inflation has risen this year.", "this year", "2022"),
    ("The shop opened in 2020.", "2020", "2020"),
    ("The town grew quickly in the 1990s.", "the 1990s", "199"),
    ("It was founded in the 19th century.", "the 19th century", "18"),
    ("The deal was signed on January 24, 2023.", "January 24, 2023", "2023-01-24"),
    ("The deal was signed on 24 January 2023.", "24 January 2023", "2023-01-24"),
    ("Output fell in October 2021.", "October 2021", "2021-10"),
    ("Profit rose in the third quarter.", "the third quarter", "2022-Q3"),
    ("The plan covers the first quarter of 2023.", "the first quarter of 2023", "2023-Q1"),
    ("The harvest was poor last fall.", "last fall", "2021-FA"),
    ("The stadium will be finished by next summer.", "next summer", "2023-SU"),
    ("Prices are now falling.", "now", "PRESENT_REF"),
    ("The company currently employs 300 people.", "currently", "PRESENT_REF"),
    ("The region recently saw heavy rain.", "recently", "PAST_REF"),
    ("It is his first visit in three years.", "three years", "P3Y"),
    ("The trial lasted 16 days.", "16 days", "P16D"),
    ("She spent about five hours in the city.", "about five hours", "PT5H"),
    ("A 16-hour flight took them home.", "16-hour", "PT16H"),
    ("Markets have been volatile for years.", "years", "PXY"),
    ("Rallies are held daily outside the court.", "daily", "P1D"),
    ("Guards check the gate every week.", "every week", "P1W"),
    ("The blast happened at 10:35 a.m. Friday.", "10:35 a.m. Friday", "2022-10-07T10:35"),
    ("The curfew starts at midnight.", "midnight", "2022-10-10T24:00"),
    ("The vote was held on Christmas Day.", "Christmas Day", "2021-12-25"),
    ("A decade ago the plant employed thousands.", "A decade ago", "2012"),
    ("Officials met again this morning.", "this morning", "2022-10-10TMO"),
    ("The meeting began late Sunday night.", "late Sunday night", "2022-10-09TNI"),
])
def test_sentence(sentence, expression, value):
    assert value_of(sentence, expression) == value


def test_possessive_weekday_is_the_past_day_and_leaves_the_s_out():
    assert found("Saturday's attack on the bridge shocked the region.") == {"Saturday": ("DATE", "2022-10-08")}


def test_yearless_date_takes_the_year_named_just_before_it():
    text = "Last year, on February 24, troops crossed the border."
    assert found(text, "2023-01-24") == {"Last year": ("DATE", "2022"), "February 24": ("DATE", "2022-02-24")}


def test_early_months_of_a_year_keep_the_year_with_a_start_modifier():
    [t] = find_timexes("An offensive could come in the early months of 2023.", MONDAY)
    assert (t.text, t.value, t.mod) == ("the early months of 2023", "2023", "START")


def test_week_of_a_date_is_an_iso_week():
    assert value_of("The hearing is set for the week of March 11.", "the week of March 11", "2013-03-01") == "2013-W11"


def test_a_year_ago_in_an_earnings_report_is_the_same_quarter_a_year_earlier():
    text = "Net income rose in the third quarter, compared with a loss a year ago."
    assert found(text, "1989-10-26") == {"the third quarter": ("DATE", "1989-Q3"), "a year ago": ("DATE", "1988-Q3")}


def test_that_day_refers_to_the_last_date_mentioned():
    text = "The plant closed on June 3, 2019. Workers protested that day."
    assert value_of(text, "that day", "2022-10-10") == "2019-06-03"


def test_no_anchor_leaves_the_year_open():
    assert found("The talks started on February 24 and resumed on Monday.", None) == {
        "February 24": ("DATE", "XXXX-02-24"), "Monday": ("DATE", "XXXX-WXX-1")}
    assert found("He said so yesterday.", None) == {"yesterday": ("DATE", None)}


def test_a_coarse_anchor_never_gives_false_precision():
    [t] = find_timexes("The envoy arrived yesterday.", "2022-10")
    assert (t.value, t.precision) == ("2022-10", "month")


def test_relative_flag_and_precision():
    by_text = {t.text: t for t in find_timexes("In 2020 he left; last week he came back.", MONDAY)}
    assert not by_text["2020"].relative and by_text["2020"].precision == "year"
    assert by_text["last week"].relative and by_text["last week"].precision == "week"


@pytest.mark.parametrize("sentence", [
    "They may agree to a ceasefire.",
    "Protesters march through the capital.",
    "Flight 2020 landed safely.",
    "The 52-year-old driver was injured.",
    "He is 52 years old.",
    "The Daily Telegraph reported the story.",
    "He told CBS's 60 Minutes about the case.",
    "Police seized 1,500 rifles and 2000 rounds of ammunition.",
    "The fall of the government surprised no one.",
])
def test_not_temporal(sentence):
    assert found(sentence) == {}


def test_time_mentions_are_the_pipeline_records():
    article = Article(id="a1", source="test", text="The ministers met on Monday.", published=MONDAY)
    [mention] = time_mentions(article)
    assert (mention.text, mention.value, mention.precision) == ("Monday", "2022-10-10", "day")
    assert article.text[mention.start:mention.end] == "Monday" and mention.evidence.article_id == "a1"


def test_time_stage_dates_an_undated_article_and_records_its_mentions():
    from dossier.nlp.timex.stage import TimeStage

    article = Article(id="a2", source="test", text="The minister said on Tuesday, March 14, 2023, that talks had "
                                                   "failed. He had arrived yesterday.")
    [output] = TimeStage().process([article])
    dated = output.article
    assert (dated.published, dated.published_precision, dated.published_how) == ("2023-03-14", "day", "inferred")
    assert [(kind, m.text, m.value) for kind, m in output.annotations] == [
        ("time", "Tuesday, March 14, 2023", "2023-03-14"), ("time", "yesterday", "2023-03-13")]


# --------------------------------------------------------------------------- dating an undated article


def test_infer_from_a_reported_date_with_its_weekday():
    text = "The minister said on Tuesday, March 14, 2023, that the border would stay closed."
    assert infer_publication_date(text) == ("2023-03-14", "day", 0.75)


def test_infer_from_weekdays_near_a_known_date():
    text = ("The leaders met on Monday. On Tuesday the president said the troops were purely defensive. "
            "A bridge was attacked on Saturday.")
    value, precision, confidence = infer_publication_date(text, around="2022-10-10")
    assert (value, precision) == ("2022-10-11", "day") and 0 < confidence <= 1


def test_infer_a_year_awaited_and_a_month_past_give_an_interval():
    text = "Officials fear an attack could come in the first months of 2024, after the pact announced in September."
    assert infer_publication_date(text)[:2] == ("2023-09/2023-12", "interval")


def test_infer_nothing_from_background_years_alone():
    assert infer_publication_date("The protests of 2020 were put down. The war began in 2014.") is None


# --------------------------------------------------------------------------- properties


cals = st.one_of(
    st.builds(lambda y, m, d: Cal("day", y, m, d), st.integers(1000, 2999), st.integers(1, 12), st.integers(1, 28)),
    st.builds(lambda y, m: Cal("month", y, m), st.integers(1000, 2999), st.integers(1, 12)),
    st.builds(lambda y, w: Cal("week", y, week=w), st.integers(1000, 2999), st.integers(1, 52)),
    st.builds(lambda y, q: Cal("quarter", y, quarter=q), st.integers(1000, 2999), st.integers(1, 4)),
    st.builds(lambda y, s: Cal("season", y, season=s), st.integers(1000, 2999), st.sampled_from(["SP", "SU", "FA",
                                                                                                 "WI"])),
    st.builds(lambda y: Cal("year", y), st.integers(1000, 2999)),
    st.builds(lambda y: Cal("decade", y * 10), st.integers(100, 299)),
)
anchors = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(cals)
def test_values_round_trip(cal):
    assert parse_value(cal.value).value == cal.value


@given(st.builds(lambda y, m: Cal("month", y, m), st.integers(1100, 2900), st.integers(1, 12)),
       st.integers(-500, 500), st.sampled_from(["month", "quarter", "year"]))
def test_shifting_a_month_back_and_forth_returns_it(cal, n, unit):
    assert shift(shift(cal, n, unit), -n, unit) == cal


@given(anchors, st.integers(1, 30))
def test_days_ago(anchor, n):
    text = f"The fighting started {n} days ago, officials said."
    assert value_of(text, f"{n} days ago", anchor.isoformat()) == (anchor - timedelta(days=n)).isoformat()


@given(anchors, st.sampled_from(WEEKDAY_NAMES))
def test_a_weekday_told_in_the_past_is_within_the_last_week(anchor, name):
    resolved = date.fromisoformat(value_of(f"The minister resigned on {name}.", name, anchor.isoformat()))
    assert 0 <= (anchor - resolved).days <= 6 and resolved.strftime("%A") == name


@given(anchors, st.sampled_from(WEEKDAY_NAMES))
def test_a_weekday_told_in_the_future_is_within_the_next_week(anchor, name):
    resolved = date.fromisoformat(value_of(f"The minister will resign on {name}.", name, anchor.isoformat()))
    assert 0 <= (resolved - anchor).days <= 6 and resolved.strftime("%A") == name


@given(anchors, st.integers(0, 11), st.integers(1900, 2099))
def test_month_and_year_are_kept_at_month_precision(anchor, month, year):
    text = f"The factory closed in {MONTH_NAMES[month]} {year}."
    assert value_of(text, f"{MONTH_NAMES[month]} {year}", anchor.isoformat()) == f"{year}-{month + 1:02d}"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_infer_a_reported_day(day):
    text = f"The ministry said on {day.strftime('%A')}, {MONTH_NAMES[day.month - 1]} {day.day}, {day.year}, " \
           f"that talks had failed."
    assert infer_publication_date(text)[:2] == (day.isoformat(), "day")


TOKENS = list("abcMTWFSJ0123456789 .,'-:/\n") + ["Monday ", "May ", "2020 ", "ago ", "last ", "week ", "years ", "the "]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(TOKENS), max_size=80).map("".join), st.one_of(st.none(), anchors.map(date.isoformat)))
def test_any_text_gives_sound_spans(text, anchor):
    timexes = find_timexes(text, anchor)
    for t in timexes:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
    assert all(a.end <= b.start for a, b in zip(timexes, timexes[1:]))


# --------------------------------------------------------------------------- the seed articles


def _seed_bodies() -> dict[str, tuple[str, dict]]:
    """Each seed's text with the gold's junk lines left out, and its gold annotation."""
    gold = json.loads(shared_path("gold", "seed_gold.json").read_text(encoding="utf-8"))
    bodies = {}
    for path in sorted(shared_path("seeds").glob("*.txt")):
        junk = {j if isinstance(j, str) else j.get("text", "") for j in gold[path.name].get("junk", [])}
        lines = path.read_text(encoding="utf-8").split("\n")
        bodies[path.name] = ("\n".join(line for line in lines if line not in junk), gold[path.name])
    return bodies


def test_seed_dates_are_found_with_their_gold_values():
    checked = right = 0
    for name, (body, gold) in _seed_bodies().items():
        timexes = find_timexes(body, gold["published"]["date"])
        for entry in gold["dates"]:
            resolved = entry.get("resolved") or ""
            if not entry["type"].startswith("DATE") or re.search("present|anaphoric", entry["type"]) \
                    or len(resolved) not in (4, 7, 10):
                continue
            start = body.find(entry["text"])
            end = start + len(entry["text"])
            checked += 1
            right += any(t.start < end and start < t.end and _covers(t.value, resolved) for t in timexes)
    assert checked >= 15 and right == checked


def _covers(value: str | None, resolved: str) -> bool:
    """The value is the gold's, or a coarser value containing it ("2022-W41" contains "2022-10-10")."""
    if value == resolved:
        return True
    cal = parse_value(value) if value else None
    if cal is None or cal.precision != "week" or len(resolved) != 10:
        return False
    return Cal.of(date.fromisoformat(resolved)).coarsen("week") == cal


def test_seeds_date_from_their_own_text():
    bodies = _seed_bodies()
    body, gold = bodies["003_f7b111b0ed79446b.txt"]
    value, precision, _ = infer_publication_date(body)  # its "Date:" field is empty
    low, high = value.split("/")
    assert precision == "interval" and low <= gold["published"]["date"][:7] <= high
    body, gold = bodies["002_1e94b9385fd7a263.txt"]  # no year at all: dated by the story's other articles
    assert infer_publication_date(body) is None
    assert infer_publication_date(body, around="2022-10-10")[0] == gold["published"]["date"]


@pytest.mark.parametrize("text, value", [
    # "next to" is a place; the blast of Friday is past (the article is from Saturday 8 August 1998).
    ("A bomb exploded in an office building next to the embassy in Nairobi, Kenya Friday morning.", "1998-08-07TMO"),
    ("A memorial service planned for Friday was canceled after the threats.", "1998-08-07"),
    ("The offer had been scheduled to expire on Friday.", "1998-08-07"),
    ("On Tuesday, the league plans to screen an advertisement.", "1998-08-11"),
    ("The league will screen an advertisement on Tuesday.", "1998-08-11"),
])
def test_weekdays_take_the_tense_of_their_clause(text, value):
    assert [t.value for t in find_timexes(text, "1998-08-08")] == [value]
