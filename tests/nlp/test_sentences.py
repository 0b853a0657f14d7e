from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dossier.nlp.sentences import split_sentences, tokenize


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def words(text: str) -> list[str]:
    return [text[a:b] for a, b in tokenize(text)]


def test_plain_sentences():
    assert sentences("It rained. The match went on! Did it stop? No.") == [
        "It rained.",
        "The match went on!",
        "Did it stop?",
        "No.",
    ]


def test_titles_and_initials_do_not_end_sentences():
    text = "Mr. Smith met Dr. Jones and John F. Kennedy Jr. in St. Louis. They talked."
    assert sentences(text) == ["Mr. Smith met Dr. Jones and John F. Kennedy Jr. in St. Louis.", "They talked."]


def test_acronyms_end_a_sentence_only_before_a_sentence_opener():
    text = "The U.S. President flew to the U.K. on Monday. He met officials in the U.S. The talks ended."
    assert sentences(text) == [
        "The U.S. President flew to the U.K. on Monday.",
        "He met officials in the U.S.",
        "The talks ended.",
    ]


def test_quotes_stay_with_their_sentence():
    text = "“We are ready,” he said. “They are not.” Then he left. She wrote \"Stop.\" Nobody did."
    assert sentences(text) == [
        "“We are ready,” he said.",
        "“They are not.”",
        "Then he left.",
        'She wrote "Stop."',
        "Nobody did.",
    ]


def test_lines_without_final_punctuation_are_sentences():
    text = "Leaders agree on troops\n\nSubheading here\nThe leaders met on Monday. They agreed.\nAnother headline"
    assert sentences(text) == [
        "Leaders agree on troops",
        "Subheading here",
        "The leaders met on Monday.",
        "They agreed.",
        "Another headline",
    ]


def test_hard_wrapped_lines_are_joined():
    text = "The minister said the plan\nwould go ahead, and officials\nagreed. Next sentence."
    assert sentences(text) == ["The minister said the plan\nwould go ahead, and officials\nagreed.", "Next sentence."]


def test_numbers_times_and_exclamations_inside_a_sentence():
    text = "Shares rose 3.5 percent to $4.20 at 5 p.m. yesterday. Yahoo! said so."
    assert sentences(text) == ["Shares rose 3.5 percent to $4.20 at 5 p.m. yesterday.", "Yahoo! said so."]


def test_tokens_follow_conll_conventions():
    assert words("He didn't see O'Neill's AT&T shares, worth $3,000.50 (U.S.) in Anglo-Dutch deals.") == [
        "He", "did", "n't", "see", "O'Neill", "'s", "AT&T", "shares", ",", "worth", "$", "3,000.50",
        "(", "U.S.", ")", "in", "Anglo-Dutch", "deals", ".",
    ]  # fmt: skip


def test_tokens_keep_title_periods_and_split_final_periods():
    assert words("Mr. Lukashenko met Gen. Volfovich in Minsk.") == [
        "Mr.", "Lukashenko", "met", "Gen.", "Volfovich", "in", "Minsk", ".",
    ]  # fmt: skip


def test_tokenize_a_slice_gives_offsets_into_the_whole_text():
    text = "First one. Second one."
    assert [text[a:b] for a, b in tokenize(text, 11, len(text))] == ["Second", "one", "."]


@given(st.text(alphabet=st.sampled_from("ab AB.!?\n\"”“'’,:;-()0123456789"), max_size=200))
def test_sentences_are_ordered_trimmed_and_disjoint(text):
    spans = split_sentences(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        last = end
    # every non-space character lies in some sentence
    covered = set().union(*(range(a, b) for a, b in spans)) if spans else set()
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


@given(st.text(max_size=200))
def test_tokens_cover_every_non_space_character_once(text):
    spans = tokenize(text)
    last = 0
    for start, end in spans:
        assert last <= start < end
        last = end
    assert "".join(text[a:b] for a, b in spans) == "".join(text.split())


def test_list_numbers_and_lone_closing_quotes_stay_in_their_sentence():
    assert sentences("1. Jane Doe (Jamaica) 12.71 seconds") == ["1. Jane Doe (Jamaica) 12.71 seconds"]
    assert sentences('I did not play well . "\nNext line') == ['I did not play well . "', "Next line"]
