"""Line shape, the clean-text join and its map back to the raw text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dossier.clean.shape import is_headline_like, is_name_like, is_post_attribution, is_prose, is_snippet
from dossier.clean.text import join_kept, split_lines
from dossier.model import Article


def test_line_shapes():
    assert is_prose("The minister said on Monday that the talks would resume in March.")
    assert is_prose("“We are close to an agreement,” the minister said.”")
    assert not is_prose("Talks to resume in March")
    assert is_headline_like("Talks to resume in March")
    assert is_headline_like("Will the talks resume?")
    assert not is_headline_like("The minister said on Monday that the talks would resume in March.")
    assert is_snippet("On Friday evening there was another attack on a...")
    assert is_snippet("The council said the new rules would…")
    assert not is_prose("On Friday evening there was another attack on a bank in the city centre...")


def test_name_shapes():
    assert is_name_like("Jane Doe")
    assert is_name_like("Jean-Luc de la Fontaine")
    assert not is_name_like("Pick Six Newsletter")
    assert not is_name_like("LEAVE A REPLY")
    assert not is_name_like("Talks resume in March")
    assert not is_name_like("Jane")


def test_post_attribution():
    assert is_post_attribution("— Island Ferries (@islandferries) May 2, 2023")
    assert not is_post_attribution("— said the minister on Monday")


lines_strategy = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=30), max_size=12
)


@given(lines_strategy, st.data())
def test_offset_map_points_back_into_the_raw_text(lines, data):
    raw = "\n".join(lines)
    split = split_lines(raw)
    keep = data.draw(st.lists(st.booleans(), min_size=len(split), max_size=len(split)))
    text, segments = join_kept(ln for ln, k in zip(split, keep) if k)
    article = Article(id="x", source="x", raw=raw, raw_text=raw, text=text, offset_map=segments)
    for seg in segments:
        assert text[seg.clean_start : seg.clean_start + seg.length] == raw[seg.raw_start : seg.raw_start + seg.length]
    for offset, char in enumerate(text):
        mapped = article.raw_offset(offset)
        if mapped is not None and mapped < len(raw):
            assert raw[mapped] == char or char == "\n"


def test_join_keeps_paragraph_breaks():
    text, _ = join_kept(split_lines("Title\n\n\nFirst line\nsecond line\n\nNext paragraph"))
    assert text == "Title\n\nFirst line\nsecond line\n\nNext paragraph"
