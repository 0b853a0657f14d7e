"""Explicit publication dates, at the precision the source gave."""

from __future__ import annotations

import pytest

from dossier.clean.dates import date_line, parse_date


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2022-10-10", "2022-10-10", "day"),
        ("2022-10", "2022-10", "month"),
        ("2022", "2022", "year"),
        ("2022-10-10T08:00:00Z", "2022-10-10T08:00:00+00:00", "second"),
        ("14 March 2023", "2023-03-14", "day"),
        ("March 2023", "2023-03", "month"),
        ("Mon, 10 Oct 2022 12:00:00 GMT", "2022-10-10T12:00:00+00:00", "second"),
        ("24. Januar 2023", "2023-01-24", "day"),
        ("10 de octubre de 2022", "2022-10-10", "day"),
    ],
)
def test_parse_date(text, value, precision):
    found = parse_date(text)
    assert (found.value, found.precision) == (value, precision)


@pytest.mark.parametrize("text", ["yesterday", "on Monday", "January 24", "2022-13", "", "the 2004 final"])
def test_no_date_without_an_explicit_year(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Published: 14 March 2023", "2023-03-14"),
        ("Updated 14.03.2023, 10:45 CET", "2023-03-14T10:45:00+01:00"),
        ("14 March 2023 | 4 min read", "2023-03-14"),
        ("Posted on March 3, 2021", "2021-03-03"),
    ],
)
def test_date_lines(line, value):
    assert date_line(line).value == value


@pytest.mark.parametrize(
    "line",
    [
        "Date:",
        "2004 as a good omen – a coach in the wake of the champions",
        "In 2021 the protests spread to the capital.",
        "Last year, on February 24, the army crossed the border",
    ],
)
def test_not_date_lines(line):
    assert date_line(line) is None
