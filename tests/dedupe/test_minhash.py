"""Signatures and the copy decision: exact, near and contained copies group; separate stories do not."""

from __future__ import annotations

import dedupe_texts as texts

from dossier.dedupe.minhash import LSHIndex, Signature, copy_score, signatures

THRESHOLD = 0.8


def sig(text: str) -> Signature:
    return signatures([text])[0]


def test_exact_copy_ignores_case_and_spacing():
    a, b = sig(texts.STORY), sig(texts.STORY.upper().replace("\n\n", "\n   \n"))
    assert a.exact == b.exact
    assert copy_score(a, b, THRESHOLD) == 1.0


def test_syndicated_copy_is_a_copy():
    assert copy_score(sig(texts.STORY), sig(texts.syndicated(texts.STORY)), THRESHOLD) is not None


def test_cut_copy_is_a_copy():
    assert copy_score(sig(texts.STORY), sig(texts.truncated(texts.STORY)), THRESHOLD) is not None


def test_same_story_by_another_writer_is_not_a_copy():
    assert copy_score(sig(texts.STORY), sig(texts.SAME_STORY_OTHER_WRITER), THRESHOLD) is None


def test_a_short_quote_of_a_long_text_is_not_a_copy():
    excerpt = texts.STORY.split("\n\n")[1]
    assert copy_score(sig(texts.STORY), sig(excerpt), THRESHOLD) is None


def test_empty_texts_are_nobodys_copy():
    empty = sig("")
    assert empty.empty
    assert copy_score(empty, sig(""), THRESHOLD) is None
    index = LSHIndex()
    index.add("e", empty)
    assert index.best_match(empty, THRESHOLD) is None


def test_signature_bytes_round_trip():
    s = sig(texts.STORY)
    back = Signature.from_bytes(s.to_bytes())
    assert (back.digests, back.size, back.exact) == (s.digests, s.size, s.exact)
    assert Signature.from_bytes(b"\x00" * 512) is None


def test_index_finds_the_best_copy():
    index = LSHIndex()
    index.add("story", sig(texts.STORY))
    index.add("other", sig(texts.SAME_STORY_OTHER_WRITER))
    key, score = index.best_match(sig(texts.syndicated(texts.STORY)), THRESHOLD)
    assert key == "story" and 0 < score <= 1
    assert (
        index.best_match(sig("A completely different text about the harvest in the south of the country."), THRESHOLD)
        is None
    )
