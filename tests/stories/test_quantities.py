"""Numbers with what they count, normalized to a value or range (nlp/quantities.py)."""

from __future__ import annotations

import pytest

from dossier.nlp.quantities import article_quantities, number_value
from dossier.nlp.sentences import split_sentences
from dossier.stories.disagree import conflict, same_thing


def quantities(text: str):
    return article_quantities("a1", text, split_sentences(text))


def only(text: str):
    found = quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize("words, value", [("1,000", 1000), ("two million", 2e6), ("twenty-five", 25),
                                          ("a hundred", 100), ("3.5", 3.5), ("nine", 9)])
def test_number_words_and_digits(words, value):
    assert number_value(words) == value


def test_more_than_a_figure_is_an_open_range_and_people_near_troops_are_troops():
    q = quantities("Moscow will send troops to the border. It will be more than 1,000 people, he said.")[0]
    assert (q.low, q.high, q.value, q.thing) == (1001, None, 1000, "troops")
    assert q.evidence.sentence.startswith("It will be more than 1,000 people")


def test_thousands_of_soldiers_with_their_qualifier():
    q = only("Thousands of Russian soldiers will be stationed in the country.")
    assert (q.thing, q.qualifier, q.framing) == ("troops", "Russian", "large")
    assert q.low >= 1000


def test_a_negated_large_number_is_a_small_framing():
    q = only("We don't have a large number of Russian troops for the contingent.")
    assert (q.framing, q.thing, q.qualifier, q.low) == ("small", "troops", "Russian", None)
    assert only("They will send only a small number of soldiers.").framing == "small"


def test_durations_deaths_and_missing_are_told_apart():
    found = {q.text: q for q in quantities(
        "The war has lasted three years. At least 12 people were killed and nine are missing, "
        "and the death toll stands at 14.")}
    assert found["three years"].kind == "duration" and found["three years"].value == 3
    assert found["At least 12 people"].thing == "deaths" and found["At least 12 people"].high is None
    assert found["nine"].thing == "missing"
    assert found["14"].thing == "deaths"


def test_dates_years_and_clock_times_are_not_quantities():
    assert quantities("On 9 October 2023, shortly after 2 a.m., the dam built in 1962 burst.") == []


def test_approximate_figures_become_ranges():
    q = only("Residents say nearly 30 people died.")
    assert q.approximate and q.low < 30 and q.high == 30 and q.thing == "deaths"


def test_conflicts_of_value_and_framing():
    small, over_1000, thousands, twelve, thirty, at_least_12 = (quantities(t)[0] for t in (
        "There will be only a small number of troops.", "More than 1,000 troops will come.",
        "Thousands of troops will come.", "12 people were killed.", "Nearly 30 people died.",
        "At least 12 people died."))
    assert same_thing(small, over_1000) and conflict(small, over_1000) == "framing"
    assert conflict(small, thousands) == "framing"
    assert conflict(over_1000, thousands) is None  # compatible figures
    assert conflict(twelve, thirty) == "value"
    assert conflict(at_least_12, thirty) is None
    assert not same_thing(small, twelve)  # troops and deaths are different things


def test_different_qualifiers_are_different_things():
    a = only("Thousands of Russian soldiers arrived.")
    b = only("Only a small number of Belarusian soldiers arrived.")
    assert not same_thing(a, b)


def test_not_a_large_number_reads_small():
    q = only("It will not be a large number of soldiers.")
    assert q.framing == "small" and q.thing == "troops"
    assert only("Officials expect a large number of refugees.").framing == "large"


def test_money_percent_and_counts_told_by_their_verb():
    found = {q.text: q for q in quantities("Prices rose 5% as $3 million went missing; the quake killed 12 "
                                           "and police arrested at least 40 at 10 GMT.")}
    assert found["5%"].kind == "percent"
    assert (found["3 million"].kind, found["3 million"].thing) == ("money", "dollars")
    assert found["12"].thing == "deaths" and found["at least 40"].thing == "arrests"
    assert "10" not in found  # a clock time
