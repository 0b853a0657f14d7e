"""Quote and claim extraction on hand-written news sentences: each quote form, speakers, chains."""

from __future__ import annotations

import pytest

from dossier.model import Evidence, Mention
from dossier.nlp.sentences import split_sentences
from dossier.quotes.extract import extract_quotes, speaker_mention

ARTICLE = "art_test"


def quotes_of(text: str, mentions: list[Mention] | None = None):
    return extract_quotes(ARTICLE, text, split_sentences(text), mentions or [])


def only(quotes, kind: str):
    found = [q for q in quotes if q.kind == kind]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes]
    return found[0]


def mention(text: str, surface: str, etype: str = "PERSON", canonical: str | None = None, kind: str = "name",
            role: str | None = None, occurrence: int = 0) -> Mention:
    """A mention of ``surface`` in ``text`` as the entities stage would give it."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    end = start + len(surface)
    sentences = split_sentences(text)
    index = max(i for i, (s, _) in enumerate(sentences) if s <= start)
    return Mention(id=f"men_{start}", article_id=ARTICLE, start=start, end=end, text=surface, type=etype,
                   kind=kind, role=role, canonical=canonical or surface,
                   evidence=Evidence(article_id=ARTICLE, start=start, end=end, text=surface, sentence_index=index))


# ------------------------------------------------------------------ direct quotes


def test_curly_direct_quote_with_frame_after():
    q = only(quotes_of("“We will not back down,” the mayor said on Tuesday."), "direct")
    assert q.text == "We will not back down,"
    assert (q.cue, q.speaker, q.speaker_kind) == ("said", "the mayor", "role")
    assert q.id.startswith("quo_") and q.evidence.sentence.startswith("“We will")


def test_straight_marks_and_inverted_frame():
    q = only(quotes_of('"Prices will keep rising," said Maria Lopez, an economist at Harbor Bank.'), "direct")
    assert q.text == "Prices will keep rising,"
    assert (q.speaker, q.speaker_kind) == ("Maria Lopez", "name")


def test_mixed_straight_and_curly_marks():
    q = only(quotes_of('"The talks are over for this year,” Novak told reporters.'), "direct")
    assert q.text == "The talks are over for this year,"
    assert (q.cue, q.speaker) == ("told", "Novak")


@pytest.mark.parametrize("dash", ["—", "–", "―"])  # the horizontal bar is some outlets' dash
def test_inverted_frame_after_a_dash(dash):
    q = only(quotes_of(f"“We will win the vote,” {dash} said Ana Ruiz, the council leader."), "direct")
    assert (q.text, q.cue, q.speaker) == ("We will win the vote,", "said", "Ana Ruiz")


def test_frame_before_quote_with_colon():
    q = only(quotes_of("The general said: “Our troops stay where they are.”"), "direct")
    assert q.text == "Our troops stay where they are."
    assert q.speaker == "The general"


def test_quote_split_by_its_frame():
    text = "“We have the votes,” the whip said, “and we will use them tomorrow.”"
    direct = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [q.text for q in direct] == ["We have the votes,", "and we will use them tomorrow."]
    assert {q.speaker for q in direct} == {"the whip"}


def test_quote_running_over_two_paragraphs():
    text = "“The harvest failed twice in a row.\n\n“Now we have nothing left to sell,” the farmer said."
    direct = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [q.text for q in direct] == ["The harvest failed twice in a row.", "Now we have nothing left to sell,"]
    assert all(q.speaker == "the farmer" for q in direct)


def test_unclosed_quote_ends_before_its_frame():
    text = "“Our position has not changed at all. Deputy Minister Petra Holm said in a statement."
    q = only(quotes_of(text), "direct")
    assert q.text == "Our position has not changed at all."
    assert q.speaker == "Deputy Minister Petra Holm"


def test_quotes_credited_by_a_dash_after_their_closing_mark():
    """Letters and readers' voices: "“...” ― Name, place." credits the quote to the name (after a non-breaking
    space too)."""
    text = ("“The bridge has been closed for a year. Nobody in the council cares.” ― Ana Ruiz, Valdoria\n"
            "“We need the ferry back.”\u2015\u00a0Tomas G. Berg.\n"
            "The senator called the bill “a gift to the shipping lobby” — a charge the ministry denies.")
    quotes = quotes_of(text)
    direct = [(q.text, q.speaker, q.cue) for q in quotes if q.kind == "direct"]
    assert direct == [("The bridge has been closed for a year. Nobody in the council cares.", "Ana Ruiz", "―"),
                      ("We need the ferry back.", "Tomas G. Berg", "―")]
    assert not any(q.speaker and "charge" in q.speaker for q in quotes)  # a dash before narration credits no one


def test_lost_opening_mark():
    text = "The minister criticised the budget. to cut the pensions again next year,” he said."
    q = only(quotes_of(text), "direct")
    assert q.text == "to cut the pensions again next year,"
    assert (q.cue, q.speaker) == ("said", "he")


def test_continuation_quote_keeps_the_speaker():
    text = "“The river rose in one night,” the engineer said. “Nobody expected it to come so fast.”"
    second = [q for q in quotes_of(text) if q.kind == "direct"][1]
    assert second.text == "Nobody expected it to come so fast."
    assert second.speaker == "the engineer" and second.cue is None
    assert second.chain[0].stated is False  # the speaker is carried over, not stated for this quote


# ------------------------------------------------------------------ partial and indirect


def test_partial_quote_inside_reported_speech():
    quotes = quotes_of("The senator said the committee would “keep the pressure on” the agency.")
    indirect, partial = only(quotes, "indirect"), only(quotes, "partial")
    assert partial.text == "keep the pressure on"
    assert indirect.start <= partial.start and partial.end <= indirect.end
    assert partial.speaker == indirect.speaker == "The senator"


def test_indirect_with_that():
    q = only(quotes_of("The mayor said that the tunnel would reopen next week."), "indirect")
    assert q.text == "the tunnel would reopen next week"
    assert (q.cue, q.speaker, q.speaker_kind) == ("said", "The mayor", "role")


def test_indirect_accusation():
    q = only(quotes_of("Governor Alvarez has accused the opposition of stalling the budget vote."), "indirect")
    assert q.cue == "accused"
    assert q.text == "the opposition of stalling the budget vote"
    assert q.speaker == "Governor Alvarez"


def test_indirect_with_trailing_frame():
    q = only(quotes_of("The new bridge will cost twice the estimate, the auditor said on Friday."), "indirect")
    assert q.text == "The new bridge will cost twice the estimate"
    assert q.speaker == "the auditor"


def test_according_to_a_person():
    q = only(quotes_of("According to Okafor, the two ministries never shared the report."), "indirect")
    assert q.text == "the two ministries never shared the report"
    assert (q.cue, q.speaker) == ("According to", "Okafor")


def test_appositive_between_speaker_and_cue():
    q = only(quotes_of("Lena Brandt, a historian at the city archive, noted that the records were incomplete."),
             "indirect")
    assert q.speaker == "Lena Brandt"
    assert q.text == "the records were incomplete"


def test_two_cues_in_one_sentence_split_the_content():
    text = "The president denied that his army would cross the river and accused the rebels of lying."
    indirect = [q for q in quotes_of(text) if q.kind == "indirect"]
    assert [q.cue for q in indirect] == ["denied", "accused"]
    assert indirect[0].text == "his army would cross the river"
    assert indirect[1].speaker == "The president"


def test_noun_uses_of_cue_words_are_not_statements():
    assert quotes_of("A rocket attack hit the state depot in order to cut the fuel supply.") == []


# ------------------------------------------------------------------ scare quotes


def test_scare_quotes_are_kept_apart():
    quotes = quotes_of("The interior minister called the marchers “vandals” and their camps “illegal”.")
    scare = [q for q in quotes if q.kind == "scare"]
    assert [q.text for q in scare] == ["vandals", "illegal"]
    assert all(q.cue is None for q in scare)
    assert all(q.speaker == "The interior minister" for q in scare)  # whose term it is


def test_scare_quote_without_a_speaker():
    q = only(quotes_of("The so-called “reform package” was delayed again."), "scare")
    assert q.text == "reform package"
    assert q.speaker is None and q.speaker_kind == "none" and q.chain == []


# ------------------------------------------------------------------ speakers


def test_pronoun_speaker_resolves_to_the_person_named_before():
    text = "Maria Lopez spoke at the conference in Lisbon. “Inflation is not beaten yet,” she said."
    mentions = [mention(text, "Maria Lopez"), mention(text, "Lisbon", "GPE")]
    q = only(quotes_of(text, mentions), "direct")
    assert (q.speaker, q.speaker_kind) == ("she", "pronoun")
    assert q.chain[0].name == "Maria Lopez"
    assert speaker_mention(q, mentions) is mentions[0]


def test_role_speaker_resolves_to_the_holder_of_the_role():
    text = ("Prime Minister Anna Berg visited the port on Monday.\n\n"
            "The prime minister said the expansion would create thousands of jobs.")
    mentions = [mention(text, "Anna Berg", canonical="Anna Berg", role="Prime Minister")]
    q = only(quotes_of(text, mentions), "indirect")
    assert (q.speaker, q.speaker_kind) == ("The prime minister", "role")
    assert speaker_mention(q, mentions) is mentions[0]


def test_role_description_goes_to_a_person_of_its_country():
    """ "the Kremlin chief" follows a Belarusian speaker in the same sentence but names Russia's leader."""
    text = ("Russian President Oleg Smirnov visited his ally Ivan Petrov in Minsk on Monday. While the Belarusian "
            "president urged closer military cooperation, the Kremlin chief spoke of very fruitful talks.")
    smirnov = mention(text, "Oleg Smirnov", role="Russian President")
    smirnov.country = "RUS"
    petrov = mention(text, "Ivan Petrov")
    quotes = [q for q in quotes_of(text, [smirnov, petrov]) if q.kind == "indirect"]
    by_speaker = {q.speaker: q.chain[0].name for q in quotes}
    assert by_speaker["the Kremlin chief"] == "Oleg Smirnov", by_speaker


def test_speaker_named_in_the_previous_paragraph():
    text = ("Colonel Ivo Marek described the night of the shelling.\n\n"
            "“We heard the first rounds before dawn and took cover in the cellar.”")
    mentions = [mention(text, "Ivo Marek", canonical="Ivo Marek")]
    q = only(quotes_of(text, mentions), "direct")
    assert q.speaker == "Colonel Ivo Marek"
    assert speaker_mention(q, mentions) is mentions[0]


@pytest.mark.parametrize("sentence", [
    "The chairman of the council, Ivo Marek, spoke next, and he told reporters",  # a name in apposition
    "Ivo Marek said he had told reporters",  # the subject of a speech verb
])
def test_a_pronoun_goes_to_the_subject_of_its_sentence_before_an_earlier_speaker(sentence):
    from dossier.quotes.resolve import Context, resolve_speaker

    text = f"“We are ready,” Petra Holm said. {sentence} that the talks had failed."
    holm, marek = mention(text, "Petra Holm"), mention(text, "Ivo Marek")
    ctx = Context(text, [holm, marek], speakers=[(0, holm.start, holm)])
    he = text.index(" he ") + 1
    assert resolve_speaker("pronoun", (he, he + 2), 1, ["he"], ctx) is marek


def test_short_name_resolves_to_its_full_name():
    text = "Health Minister Karl Denz opened the clinic. Denz said the waiting lists would shrink."
    mentions = [mention(text, "Karl Denz"), mention(text, "Denz", canonical="Karl Denz", occurrence=1)]
    q = only(quotes_of(text, mentions), "indirect")
    assert q.chain[0].name == "Karl Denz"
    assert speaker_mention(q, mentions) is mentions[1]


@pytest.mark.parametrize("sentence, speaker", [
    ("Many analysts say the currency is overvalued.", "Many analysts"),
    ("According to reports, the factory will close in the spring.", "reports"),
    ("Some officials said the talks had stalled.", "Some officials"),
    ("Residents of the old town said the water rose overnight.", "Residents of the old town"),
    ("Officials said the talks had stalled.", "Officials"),
    ("Diplomats in Geneva said the talks had stalled.", "Diplomats in Geneva"),
    ("Western officials said the talks had stalled.", "Western officials"),
])  # fmt: skip
def test_unnamed_speakers_are_marked_not_guessed(sentence, speaker):
    text = "Finance Minister Ola Strand spoke on Monday. " + sentence
    mentions = [mention(text, "Ola Strand", role="Finance Minister")]
    q = only(quotes_of(text, mentions), "indirect")
    assert (q.speaker, q.speaker_kind) == (speaker, "unnamed")
    assert speaker_mention(q, mentions) is None


def test_metadata_label_is_not_a_speaker():
    assert quotes_of("Published: Thursday, 19 October, at eleven in the morning") == []


def test_name_before_a_colon_in_a_headline():
    q = only(quotes_of("Ramos: “We are ready to talk to anyone”"), "direct")
    assert (q.speaker, q.cue) == ("Ramos", ":")


# ------------------------------------------------------------------ source chains


def carriers(q):
    return [(link.name, link.stated) for link in q.chain if link.role == "carrier"]


def test_according_to_a_news_agency_is_a_carrier():
    text = "The ceasefire will hold, the defence minister said, according to the state news agency Kora."
    q = only(quotes_of(text), "indirect")
    assert q.speaker == "the defence minister"
    assert carriers(q) == [("state news agency Kora", True)]


def test_agency_quoted_speaker_as_saying():
    text = "The sanctions will fail, the Interfax agency quoted the deputy minister as saying."
    q = only(quotes_of(text), "indirect")
    assert q.speaker == "the deputy minister"
    assert carriers(q) == [("Interfax agency", True)]


def test_interview_with_a_newspaper():
    text = "In an interview with the Daily Courier, Jonas Weber said the merger was finished."
    q = only(quotes_of(text), "indirect")
    assert q.speaker == "Jonas Weber"
    assert carriers(q) == [("Daily Courier", True)]


def test_speaker_told_an_outlet():
    q = only(quotes_of("The strike is over, the union leader told Radio North."), "indirect")
    assert carriers(q) == [("Radio North", True)]


def test_outlet_reporting_a_statement():
    q = only(quotes_of("Reuters reported that the ministry declined to comment on the claims."), "indirect")
    assert q.speaker == "the ministry"
    assert carriers(q) == [("Reuters", True)]


def test_carrier_carried_to_the_next_quote_by_the_same_speaker():
    text = ("According to the Vesti agency, Irena Kolar said the plant would close.\n\n"
            "Kolar said the workers would be paid until May.")
    mentions = [mention(text, "Irena Kolar"), mention(text, "Kolar", canonical="Irena Kolar", occurrence=1)]
    first, second = [q for q in quotes_of(text, mentions) if q.kind == "indirect"]
    assert carriers(first) == [("Vesti agency", True)]
    assert carriers(second) == [("Vesti agency", False)]  # inferred, not stated


def test_narrated_quotes_take_the_speaker_of_the_next_sentence():
    text = ("The minister was blunt. The “hysterical reaction” of the West made the operation “necessary.” "
            "The talks were over, the Kora agency quoted the foreign minister as saying.")
    quotes = quotes_of(text)
    scare = [q for q in quotes if q.text in {"hysterical reaction", "necessary."}]
    assert scare and all(q.speaker == "the foreign minister" for q in scare), [(q.text, q.speaker) for q in quotes]
    assert all(carriers(q) == [("Kora agency", False)] for q in scare)


def test_a_credit_line_names_the_carrier():
    text = "“Our forces are purely defensive,” Defence Minister Ivo Marek said in a statement. Valdoria Times."
    q = only(quotes_of(text), "direct")
    assert carriers(q) == [("Valdoria Times", True)]


def test_quote_spans_and_ids_are_consistent():
    text = "“Nothing was decided,” the spokeswoman said. The board said it would meet again in June."
    quotes = quotes_of(text)
    assert quotes and len({q.id for q in quotes}) == len(quotes)
    for q in quotes:
        assert text[q.start : q.end] == q.text == q.evidence.text
        assert q.evidence.article_id == ARTICLE and q.evidence.sentence_index is not None
