"""Sentence coding: PLOVER types from the lexicon, intent, denials, negation, hypotheticals, actors."""

from __future__ import annotations

import pytest

from dossier.events.classify import code_sentence
from dossier.events.plover import TYPES, old_name_map
from dossier.events.sentence import code_text


def main(sentence: str):
    events = code_text(sentence)
    assert events, f"no event in {sentence!r}"
    return events[0]


@pytest.mark.parametrize("sentence, kind", [
    ("The two ministers agreed on Friday to reopen the border crossing.", "AGREE"),
    ("Kenya's president met his Ugandan counterpart in Kampala on Tuesday.", "CONSULT"),
    ("The opposition leader praised the electoral commission for its work.", "SUPPORT"),
    ("The government lifted the curfew in the northern provinces.", "CONCEDE"),
    ("Police in Lagos arrested twelve protesters outside the parliament.", "COERCE"),
    ("Rebels released forty hostages near the border, officials said.", "RETREAT"),
    ("Germany sent humanitarian aid to the flood victims in Pakistan.", "AID"),
    ("The union demanded that the ministry raise wages by ten percent.", "REQUEST"),
    ("The prime minister accused the opposition of inciting violence.", "ACCUSE"),
    ("The ministry denied that troops had crossed the border.", "REJECT"),
    ("The militia threatened to attack the capital within days.", "THREATEN"),
    ("Thousands of farmers demonstrated in Paris against the new tax.", "PROTEST"),
    ("The European Union imposed sanctions on three Iranian banks.", "SANCTION"),
    ("The army mobilized reservists along the eastern frontier.", "MOBILIZE"),
    ("Artillery shelled the village overnight, killing six civilians.", "ASSAULT"),
    ("Japan and Australia signed a defence cooperation agreement.", "SUPPORT"),
    ("China summoned the Japanese ambassador over the shrine visit.", "ACCUSE"),
    ("The US Treasury froze the assets of three Venezuelan officials.", "SANCTION"),
    ("Hungary blocked the EU aid package for Ukraine.", "REJECT"),
    ("Ghana granted asylum to hundreds of refugees fleeing Burkina Faso.", "AID"),
    ("Australia recalled its ambassador from Beijing after the dispute escalated.", "SANCTION"),
])
def test_types(sentence, kind):
    assert main(sentence).type == kind


def test_intent_to_cooperate_is_agree_and_intent_to_harm_is_threaten():
    assert main("Canada will provide medical supplies to Haiti.").type == "AGREE"
    assert main("The junta plans to impose martial law in the capital.").type == "THREATEN"


def test_passive_future_is_not_an_intent():
    assert main("Thousands of soldiers will be stationed along the border.").type == "MOBILIZE"


def test_negated_action_is_flagged():
    e = main("The neighbouring army did not participate in the attack on the town.")
    assert e.type == "ASSAULT" and e.negated


def test_negation_of_a_speech_verb_leaves_the_action_reported():
    e = main("Israel did not confirm the strike on the Syrian airport.")
    assert e.type == "ASSAULT" and not e.negated


def test_target_inside_the_trigger_phrase_is_found():
    e = main("Switzerland said today it had expelled two Russian diplomats based in Geneva.")
    assert e.type == "SANCTION" and (e.actor_country, e.target_country) == ("CHE", "RUS")


def test_passive_agent_is_the_actor():
    c = code_sentence("The envoy was met at the airport by President Daniel Arap Moi.")[0]
    sentence = "The envoy was met at the airport by President Daniel Arap Moi."
    assert "Moi" in sentence[c.source_region[0] : c.source_region[1]]
    assert "envoy" in sentence[c.target_region[0] : c.target_region[1]]


def test_denial_is_reject_not_negated():
    e = main("The Kremlin denied that its forces shelled the plant.")
    assert e.type == "REJECT" and not e.negated


def test_feared_action_is_hypothetical():
    events = code_text("Officials fear that a new offensive could come from the north in spring.")
    assert events and all(e.hypothetical for e in events)
    assert not main("Rebels attacked the garrison on Sunday.").hypothetical


def test_trailing_attribution_is_reporter_not_action():
    e = main("Jordan and Britain have agreed to hold joint exercises, a Jordanian official confirmed.")
    assert e.type == "AGREE" and e.reported_by == "a Jordanian official"


def test_coordinated_verbs_are_two_events():
    kinds = [c.type for c in code_sentence("The president denied the report and accused the West of lying.")]
    assert kinds[:2] == ["REJECT", "ACCUSE"]


def test_actors_and_targets_coded_with_countries():
    e = main("Iran threatened to shell Iraqi towns today.")
    assert (e.actor_country, e.target_country) == ("IRN", "IRQ")
    e = main("Washington demanded that Hamas renounce violence.")
    assert (e.actor_country, e.target_country) == ("USA", "PSE")


def test_no_event_in_a_plain_statement():
    assert code_text("The weather in the capital was mild for the season.") == []


def test_old_type_names_map_through_cameo_roots():
    table = "09: ACCUSE\n10: REQUEST\n11: ACCUSE\n19: ASSAULT\n"
    assert old_name_map(table) == {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                                   "FIGHT": "ASSAULT"}
    assert set(old_name_map(table).values()) <= set(TYPES)


def test_a_plan_ascribed_to_another_is_an_accusation_but_ones_own_plan_a_threat():
    e = main("Minsk claimed that Kyiv was preparing an attack on Belarusian territory.")
    assert (e.type, e.mode, e.actor_country, e.target_country) == ("ACCUSE", "allege", "BLR", "UKR")
    e = main("Iran said it would retaliate against Israel.")
    assert (e.type, e.actor_country) == ("THREATEN", "IRN")


def test_quoted_speech_with_its_attribution():
    e = main("“We will retaliate against any incursion,” the Iranian foreign minister said.")
    assert e.type == "THREATEN" and e.reported_by == "the Iranian foreign minister"


def test_opening_phrases_and_asides_are_not_the_main_clause():
    assert main("Citing security threats, Jordan closed its border crossings with Syria.").type == "COERCE"
    assert main("The envoy, who had met rebel leaders on Monday, condemned the attack.").type == "ACCUSE"
    e = main("According to Kenyan police, gunmen killed four people near Lamu.")
    assert e.type == "ASSAULT" and e.reported_by == "Kenyan police" and e.actor_country is None


def test_an_opening_condition_makes_its_action_hypothetical():
    events = code_text("If the talks fail, the rebels could storm the capital.")
    assert events[0].type == "ASSAULT" and events[0].hypothetical
    assert all(e.hypothetical for e in events)


def test_the_attributions_act_beats_a_dictionary_guess():
    e = main("The authorities are failing to protect journalists, a press freedom group complained.")
    assert e.type == "ACCUSE"


@pytest.mark.parametrize("sentence", [
    "At the time the president said that only a small number of allied troops would take part.",
    "The ceremony took place in the capital on Sunday.",
])  # fmt: skip
def test_a_dictionary_verb_inside_a_phrase_is_no_action(sentence):
    assert [c.type for c in code_sentence(sentence)] == []


def test_the_dictionary_verb_alone_still_codes():
    assert [c.type for c in code_sentence("Rebels took the town of Kurakhove.")] == ["COERCE"]
