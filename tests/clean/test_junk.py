"""The junk finder on hand-written scraped articles: what goes, why, and that the body stays whole."""

from __future__ import annotations

import clean_samples as samples

from dossier.clean.junk import Known, find_junk


def junk_of(text: str, known: Known | None = None) -> dict[str, str]:
    """Removed line -> reason."""
    lines = text.split("\n")
    return {lines[j.index].strip(): j.reason for j in find_junk(lines, known)}


def kept_lines(text: str, known: Known | None = None) -> list[str]:
    lines = text.split("\n")
    removed = {j.index for j in find_junk(lines, known)}
    return [line.strip() for i, line in enumerate(lines) if line.strip() and i not in removed]


def body_between(text: str, first: str, last: str) -> list[str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if line.endswith(last))
    return lines[start : end + 1]


def test_aggregator_template_junk_goes_body_stays():
    junk = junk_of(samples.AGGREGATOR)
    assert junk["Source: Haven Dagblad"] == "source line"
    assert junk["Please enter your comment!"] == "comment form"
    assert junk["Share post:"] == "share widget"
    assert junk["More like this"] == "teaser heading"
    for teaser in (
        "Record heatwave: swimming pools in Madrid extend opening hours",
        "On Sunday evening the city council decided to keep...",
        "Coach sacked after third defeat in a row – club confirms",
    ):
        assert junk[teaser] == "teaser"
    kept = kept_lines(samples.AGGREGATOR)
    body = body_between(samples.AGGREGATOR, samples.AGGREGATOR_BODY_FIRST, samples.AGGREGATOR_BODY_LAST)
    assert kept[0].startswith("Dockworkers in Rotterdam extend strike")  # title
    assert kept[1].startswith("Unions say the port operator")  # dek
    assert "Automation at the terminals" in kept  # subheading
    assert kept[2:] == body


def test_teasers_without_a_heading_go_by_shape_and_topic():
    text = samples.AGGREGATOR.replace("More like this\n", "").replace("Share post:\n", "")
    junk = junk_of(text)
    assert "Record heatwave: swimming pools in Madrid extend opening hours" in junk
    assert "The board met late on Monday and announced that the..." in junk
    text = "\n".join(line for line in text.split("\n") if not line.endswith("..."))
    assert "Coach sacked after third defeat in a row – club confirms" in junk_of(text)


def test_donation_appeal_block_and_outlet():
    lines = samples.APPEAL.split("\n")
    found = find_junk(lines)
    reasons = {lines[j.index]: j.reason for j in found}
    assert reasons["A Message from The Northern Ledger:"] == "donation appeal"
    assert reasons["Thank you for standing with us."] == "donation appeal"
    assert reasons["Remind me later."] == "navigation"
    assert [j.value for j in found if j.field == "outlet"] == ["The Northern Ledger"]
    assert kept_lines(samples.APPEAL)[-1].startswith("Prosecutors have opened a criminal case")


def test_letter_to_readers_that_is_the_article_stays():
    letter = (
        "Dear readers,\nToday we launch a new section on local elections, with daily reports from every district.\n"
    )
    assert junk_of(letter) == {}


def test_byline_and_bio_at_the_end():
    lines = samples.BYLINE_BIO.split("\n")
    found = {lines[j.index]: j for j in find_junk(lines)}
    assert found["Jonathan Mirabel"].reason == "byline"
    assert (
        found["Jonathan Mirrabelle is a reporter covering agriculture and trade for The Harbour Times."].reason
        == "author bio"
    )
    assert len(found) == 2


def test_bio_shaped_sentence_inside_the_body_stays():
    text = (
        "Press freedom groups protest detention\n\n"
        "Anna Weller is a reporter for The Valley Post who was detained at the border on Monday.\n\n"
        "Her editor said she had been travelling to cover the elections and had all the required papers.\n\n"
        "The ministry did not respond to a request for comment on Tuesday evening.\n"
    )
    assert junk_of(text) == {}


def test_masthead_repeated_top_and_bottom():
    junk = junk_of(samples.MASTHEAD)
    assert junk["Caspian Daily News"] == "masthead"
    assert junk["Leave a Reply"] == "comment form"
    assert junk["Back to top button"] == "navigation"
    assert kept_lines(samples.MASTHEAD)[0] == "Minister says pipeline talks will resume next month"


def test_lone_masthead_above_the_headline():
    text = samples.MASTHEAD.rsplit("Caspian Daily News", 1)[0]
    assert junk_of(text)["Caspian Daily News"] == "masthead"


def test_short_headline_is_not_a_masthead():
    text = (
        "Storm hits coast\n\nWinds of up to 140 km an hour tore roofs off houses\n\n"
        "A storm hit the northern coast on Sunday night, cutting power to thousands of homes, officials said.\n"
    )
    assert junk_of(text) == {}


def test_date_line_and_byline_in_the_head():
    lines = samples.DATED.split("\n")
    found = {lines[j.index]: j for j in find_junk(lines)}
    assert found["Published: 14 March 2023"].field == "published"
    assert found["By Ellen Park and Tom Reyes"].value == "Ellen Park and Tom Reyes"


def test_empty_field_label_is_junk():
    text = (
        "Title of the story\n\nDate:\n\nThe first paragraph of the story is long enough to be prose, as it should be.\n"
    )
    assert junk_of(text) == {"Date:": "empty field label"}


def test_furniture_inside_the_body():
    text = (
        "Rail strike called off\n\n"
        "The rail union called off Friday's strike after a late offer from the operator, a spokesman said.\n\n"
        "Advertisement\n\n"
        "READ MORE: Train fares to rise by six percent in January\n\n"
        "The offer includes a pay rise of five percent this year and a guarantee of no compulsory job cuts.\n"
    )
    assert junk_of(text) == {
        "Advertisement": "advertisement",
        "READ MORE: Train fares to rise by six percent in January": "teaser link",
    }


def test_teaser_block_in_the_middle_ends_where_the_body_resumes():
    text = (
        "Plague case confirmed in the north\n\n"
        "Health officials confirmed a case of plague in the northern province, the second case this month.\n\n"
        "DON'T MISS\n"
        "Doctors warn of winter flu wave [INSIGHT]\n"
        "Five foods to boost your immune system [LIST]\n\n"
        "The patient, a herder, is being treated in hospital and officials said the plague risk remained low.\n"
    )
    junk = junk_of(text)
    assert set(junk) == {
        "DON'T MISS",
        "Doctors warn of winter flu wave [INSIGHT]",
        "Five foods to boost your immune system [LIST]",
    }


def test_last_paragraph_speaking_to_the_reader_stays():
    text = (
        "Workshop manual review\n\n"
        "The manual covers every service task on the bike, with clear photographs and torque tables.\n\n"
        "Working on your own bike can be rewarding, and a good guide will save you money too.\n"
    )
    assert junk_of(text) == {}


def test_embedded_post_after_the_body_stays():
    text = (
        "Ferries cancelled\n\n"
        "The ferry operator cancelled all night sailings after an engine fire on one of its ships.\n"
        "All night sailings are cancelled until further notice.\n"
        "— Island Ferries (@islandferries) May 2, 2023\n"
    )
    assert junk_of(text) == {}


def test_known_title_drops_a_short_prefix_and_repeats():
    text = (
        "Watch live: markets open\n"
        "Ferry operator suspends night crossings\n"
        "The island ferry operator suspended all night crossings after a fire in the engine room of a vessel.\n"
        "Inspectors will examine the rest of the fleet this week, and the company expects to resume on Friday.\n"
        "Ferry operator suspends night crossings\n"
    )
    junk = junk_of(text, Known(title="Ferry operator suspends night crossings"))
    assert junk == {
        "Watch live: markets open": "before headline",
        "Ferry operator suspends night crossings": "repeated title",
    }


def test_blank_lines_and_empty_text():
    assert find_junk([]) == []
    assert find_junk(["", "   ", ""]) == []


def test_theme_footer_goes_whole():
    junk = junk_of(samples.THEME_FOOTER)
    kept = kept_lines(samples.THEME_FOOTER)
    assert kept[-1].startswith("The health department said the payments had been delayed")
    assert len(kept) == 4
    assert junk["hospitals"] == junk["health workers"] == "tags"
    assert junk["Previous article"] == "teaser heading"
    assert junk["Ferry timetable changes for the winter season"] == "teaser"
    assert junk["3 hours ago"] == "time stamp"
    assert "Δ" in junk


def test_disclaimer_names_the_outlet():
    lines = samples.THEME_FOOTER.split("\n")
    found = [j for j in find_junk(lines) if j.reason == "disclaimer"]
    assert [(j.field, j.value) for j in found] == [("outlet", "The City Ledger")]


def test_share_bar():
    text = (
        "Port reopens\n\nThe port reopened on Monday after a three-day closure caused by the storm, officials said.\n\n"
        "Facebook Twitter LinkedIn Pinterest Share via Email Print\n"
    )
    assert junk_of(text) == {"Facebook Twitter LinkedIn Pinterest Share via Email Print": "share widget"}


def test_every_contained_phrase_has_a_keyword():
    from dossier.clean.patterns import CONTAINED, CONTAINED_TABLE

    examples = {
        "comment form": [
            "Your email address will not be published.",
            "Required fields are marked *",
            "Save my name, email, and website in this browser.",
            "This site uses Akismet to reduce spam.",
            "You must be logged in to post a comment.",
            "Notify me of new posts by email.",
        ],
        "newsletter signup": [
            "Sign up for our daily newsletter.",
            "Get the best stories delivered to your inbox.",
            "Never miss a story again.",
            "Delivered through your letterbox every month.",
        ],
        "social follow": ["Follow us on Twitter for updates", "Join our Telegram channel on Telegram"],
        "copyright notice": ["© 2023 The Daily. All rights reserved.", "Copyright 2021 Example Media"],
        "cookie notice": ["We use cookies to improve your experience."],
        "contact line": ["Have a tip? Email the newsroom.", "Contact the author at jane@example.org"],
    }
    assert set(examples) == {reason for reason, _ in CONTAINED}
    for reason, lines in examples.items():
        for line in lines:
            assert CONTAINED_TABLE.search(line) == reason, line
