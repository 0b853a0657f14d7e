"""Quotation-mark pairing, scare-quote detection and speaker kinds, plus a robustness property."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.nlp.sentences import split_sentences
from dossier.quotes.extract import extract_quotes
from dossier.quotes.kinds import covers_sentence, is_scare
from dossier.quotes.marks import find_quoted
from dossier.quotes.speakers import speaker_kind


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


def test_curly_straight_and_doubled_apostrophe_marks():
    assert contents("He said “yes” and then \"no\" and then ''maybe.''") == ["yes", "no", "maybe."]


def test_mixed_marks_pair_by_context():
    assert contents('"We are leaving,” she said. “Now," he replied.') == ["We are leaving,", "Now,"]


def test_guillemets_and_single_quotes():
    text = "«Basta» was the headline; critics spoke of ‘managed decline’."
    assert contents(text) == ["Basta", "managed decline"]


def test_apostrophes_are_not_quotes():
    assert contents("The farmers’ union and Belarus’ border guards didn’t comment on the ’90s.") == []


def test_unclosed_quote_runs_to_the_paragraph_end_and_continues():
    text = "“First paragraph of the speech.\n\n“Second paragraph,” she said."
    first, second = find_quoted(text)
    assert text[first.start : first.end] == "First paragraph of the speech."
    assert first.close is None and first.continues
    assert text[second.start : second.end] == "Second paragraph,"


def test_lost_opener_starts_after_the_previous_sentence():
    text = "The deal collapsed. Talks would resume in June,” the envoy said."
    (q,) = find_quoted(text)
    assert q.open is None and text[q.start : q.end] == "Talks would resume in June,"


def test_scare_quotes_versus_fragments():
    assert is_scare("traitors", "called them ")
    assert is_scare("special military operation", "the ")
    assert not is_scare("keep things calm", "to ")
    assert not is_scare("monitor the ceasefire line", "asked observers to ")
    assert not is_scare("We will win", "")
    assert not is_scare("Why now?", "")


def test_a_quote_covering_its_sentence():
    assert covers_sentence("“We will not leave,” he said.", "We will not leave,")
    assert not covers_sentence("He said the plan would “keep things calm” at the border.", "keep things calm")


def test_speaker_kinds():
    assert speaker_kind(["he"]) == "pronoun"
    assert speaker_kind(["Kremlin", "spokesman", "Dmitry", "Peskov"]) == "name"
    assert speaker_kind(["the", "long-serving", "Belarusian", "leader"]) == "role"
    assert speaker_kind(["many", "experts"]) == "unnamed"
    assert speaker_kind(["reports"]) == "unnamed"
    assert speaker_kind(["a", "senior", "official"]) == "unnamed"
    assert speaker_kind(["the", "officials"]) == "role"


PIECES = st.sampled_from(["“", "”", '"', "‘", "’", "'", " said ", " he ", "The minister", ", ", ". ", "\n",
                          "\n\n", "according to ", "Reuters", " told ", "“war”", "that ", "x"])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_any_text_gives_consistent_quotes(pieces):
    text = "".join(pieces)
    quotes = extract_quotes("art", text, split_sentences(text), [])
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start : q.end]
        assert q.kind in {"direct", "indirect", "partial", "scare"}
    assert len({q.id for q in quotes}) == len(quotes)


def test_a_curly_mark_typed_the_wrong_way_round_still_pairs():
    """Scraped reader quotes open with a closing mark ("”Our town ...”"); a closer typed as an opener ends a
    quote."""
    assert contents("”Our town is dying. Nobody listens.” ― Ana Ruiz") == ["Our town is dying. Nobody listens."]
    assert contents("He said “yes“ and left the room.") == ["yes"]
