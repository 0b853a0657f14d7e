"""Rules and tagger together (``quotes/combine.py``): which of two touching attributions is kept, and what a
kept tagged claim inherits from the rules."""

from __future__ import annotations

from dossier.nlp.sentences import split_sentences
from dossier.quotes.combine import POLICIES, Policy, merge, tagged_findings
from dossier.quotes.extract import rule_findings
from dossier.quotes.learned import pieces, rule_roles
from dossier.quotes.state import Article, Found


RULE_CLAIMS = Policy(frozenset({"indirect", "partial"}), 0.2, 2)  # the tagger replaces the rules' claims


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def tagged(text: str, content: str, group: int, speaker: str | None = None) -> Found:
    """A claim as the tagger would give it: its content, and its source when it found one."""
    f = Found("indirect", *span(text, content), sent=0, group=group)
    if speaker:
        f.speaker, f.speaker_text, f.speaker_kind = span(text, speaker), speaker, "name"
    return f


def rules_of(text: str) -> tuple[Article, list[Found]]:
    art = Article(text, split_sentences(text))
    return art, rule_findings(art)


def test_a_tagged_claim_replaces_the_rules_indirect_one_and_keeps_its_speaker_and_carriers():
    text = "According to the state news agency, Mayor Ana Ruiz said the bridge would reopen in May, weeks late."
    _, found = rules_of(text)
    claim = next(f for f in found if f.kind == "indirect")
    assert claim.speaker_text == "Mayor Ana Ruiz" and claim.carriers
    better = tagged(text, "the bridge would reopen in May", group=99)
    out = merge(text, found, [better], RULE_CLAIMS)
    statements = [f for f in out if f.kind != "scare"]
    assert [(text[f.start : f.end]) for f in statements] == ["the bridge would reopen in May"]
    assert statements[0].speaker_text == "Mayor Ana Ruiz" and statements[0].carriers == claim.carriers


def test_a_tagged_claim_over_two_rule_attributions_gives_way_to_them():
    text = "The senator denied that she knew of the loan and accused her rival of lying to voters."
    _, found = rules_of(text)
    rule_claims = sorted(text[f.start : f.end] for f in found if f.kind == "indirect")
    assert len(rule_claims) == 2, rule_claims
    both = tagged(text, "she knew of the loan and accused her rival of lying to voters", group=99)
    out = merge(text, found, [both], RULE_CLAIMS)
    assert sorted(text[f.start : f.end] for f in out if f.kind == "indirect") == rule_claims


def test_a_direct_quote_stays_when_its_kind_is_not_replaced():
    text = "“We will not sell the port,” the governor said on Monday."
    _, found = rules_of(text)
    other = tagged(text, "We will not sell the port,” the governor", group=99)
    out = merge(text, found, [other], RULE_CLAIMS)
    assert [(f.kind, text[f.start : f.end]) for f in out] == [("direct", "We will not sell the port,")]


def test_partial_quotes_inside_a_replacing_claim_join_its_attribution():
    text = "The minister said the talks would “keep things calm at the border” and go on in June."
    _, found = rules_of(text)
    partial = next(f for f in found if f.kind == "partial")
    claim = tagged(text, "the talks would “keep things calm at the border” and go on in June", group=99)
    out = merge(text, found, [claim], RULE_CLAIMS)
    assert partial in out and partial.group == 99
    assert [text[f.start : f.end] for f in out if f.kind == "indirect"] == [text[claim.start : claim.end]]


def test_a_tagged_claim_touching_no_rule_finding_is_added():
    text = "The report found that rents rose faster than wages. The council met on Monday."
    _, found = rules_of(text)
    extra = tagged(text, "rents rose faster than wages", group=99)
    out = merge(text, [f for f in found if not (f.start < extra.end and extra.start < f.end)], [extra],
                Policy(frozenset(), 0.2, 2))
    assert extra in out


def test_the_accurate_profile_drops_a_rule_claim_its_network_leaves_untagged_and_keeps_quotes():
    text = ("The mayor said taxes will rise. Critics warned of “deep cuts” in May. "
            "“We will not sell the port,” the governor said.")
    _, found = rules_of(text)
    kinds = {(f.kind, text[f.start : f.end]) for f in found}
    assert ("indirect", "taxes will rise") in kinds and ("direct", "We will not sell the port,") in kinds
    cuts = tagged(text, "of “deep cuts” in May", group=99)
    out = merge(text, found, [cuts], POLICIES["accurate"])
    kept = {(f.kind, text[f.start : f.end]) for f in out}
    assert ("indirect", "taxes will rise") not in kept  # touched by no tagged claim: the network saw none
    assert ("direct", "We will not sell the port,") in kept and ("indirect", "of “deep cuts” in May") in kept
    assert ("indirect", "taxes will rise") in {(f.kind, text[f.start : f.end]) for f in merge(text, found, [cuts],
                                                                                              POLICIES["fast"])}


def test_tagged_findings_need_a_cue_and_skip_the_rules_speakers():
    text = "The mayor said taxes will rise. Critics warned of cuts."
    art, found = rules_of(text)
    paragraphs = pieces(art.sents, rule_roles(art, found))
    toks = paragraphs[0].toks
    tags = ["B-CON" if t.text == "The" and i == 0 else "O" for i, t in enumerate(toks)]  # a content in the speaker
    for i, t in enumerate(toks):
        if t.text in {"warned"}:
            tags[i] = "B-CUE"
        elif t.text == "Critics":
            tags[i] = "B-SRC"
        elif t.text == "of":
            tags[i] = "B-CON"
        elif t.text == "cuts":
            tags[i] = "I-CON"
    tags[1] = "I-CON"  # "The mayor" tagged as a content: the rules' speaker, never a claim
    out = tagged_findings(art, paragraphs, [(tags, [0.9] * len(tags))], found, RULE_CLAIMS)
    assert [(text[f.start : f.end], f.cue, f.speaker_text) for f in out] == [("of cuts", "warned", "Critics")]


def test_a_span_both_the_rules_and_the_tagger_find_is_one_finding(monkeypatch):
    """Quote ids are made from spans: the same span twice would be two rows with one id."""
    from dataclasses import replace

    from dossier.quotes import extract

    text = "The general said Kalmir had “no spare battalions, most of the army is tied up in the east,” he added."

    def tagger_agrees(art, found, profile):
        partial = next(f for f in found if f.kind in ("partial", "direct"))
        return sorted([*found, replace(partial, kind="direct", group=99)], key=lambda f: (f.start, f.end))

    monkeypatch.setattr(extract, "add_learned", tagger_agrees)
    out = extract.find_attributions(text, split_sentences(text))
    spans = [(f.start, f.end) for f in out]
    assert len(spans) == len(set(spans)) and len(spans) >= 1


def test_the_accurate_profile_keeps_an_untagged_rule_claim_that_names_its_carrier():
    text = "According to the state news agency, Mayor Ana Ruiz said the bridge would reopen in May."
    _, found = rules_of(text)
    claim = next(f for f in found if f.kind == "indirect")
    assert claim.carriers
    assert claim in merge(text, found, [], POLICIES["accurate"])
    claim.carriers = []
    assert claim not in merge(text, found, [], POLICIES["accurate"])


def test_a_quotes_continuation_paragraph_the_tagger_missed_stays_in_the_replacing_claims_attribution():
    text = ("“No one is writing songs for the mayor. She has nobody like that,” he said.\n\n"
            "“Right now the vote is against her rival. It is not for her yet.”")
    _, found = rules_of(text)
    quotes = [f for f in found if f.kind == "direct"]
    assert len(quotes) == 2 and quotes[0].group == quotes[1].group, [text[f.start : f.end] for f in quotes]
    first = tagged(text, "No one is writing songs for the mayor. She has nobody like that,", group=99)
    out = merge(text, found, [first], POLICIES["accurate"])
    statements = sorted((f for f in out if f.kind != "scare"), key=lambda f: f.start)
    assert [text[f.start : f.end] for f in statements] == [
        "No one is writing songs for the mayor. She has nobody like that,",
        "Right now the vote is against her rival. It is not for her yet."]
    assert {f.group for f in statements} == {99}


def test_a_tagged_content_in_quotation_marks_left_open_is_a_direct_quote():
    """ "“Our border stays closed. Defence Minister Ivo Marek said.": the network's content starts at the
    opening mark of a quote never closed; it is a direct quote, its mark left out."""
    text = "“Our border stays closed to trucks. Defence Minister Ivo Marek said on Monday."
    art, found = rules_of(text)
    paragraphs = pieces(art.sents, rule_roles(art, found))
    toks = [t for p in paragraphs for t in p.toks]
    tags = []
    for i, t in enumerate(toks):
        if t.start < text.index(" Defence"):
            tags.append("B-CON" if i == 0 else "I-CON")
        elif t.text == "said":
            tags.append("B-CUE")
        elif t.text in {"Defence", "Minister", "Ivo", "Marek"}:
            tags.append("B-SRC" if t.text == "Defence" else "I-SRC")
        else:
            tags.append("O")
    assert len(paragraphs) == 1
    out = tagged_findings(art, paragraphs, [(tags, [0.9] * len(tags))], found, POLICIES["accurate"])
    assert [(f.kind, text[f.start : f.end], f.speaker_text) for f in out] == [
        ("direct", "Our border stays closed to trucks.", "Defence Minister Ivo Marek")]
