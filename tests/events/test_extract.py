"""Events of one article from its sentences, entity mentions, dates and quotes: actors coded as of the
article's date, roles shared between mentions of one person, quote speakers as the source of what they say."""

from __future__ import annotations

from dossier.events.extract import article_events
from dossier.model import Article, Evidence, Mention, Quote, Sentence


def article(text: str, published: str = "2016-05-10") -> Article:
    return Article(id="art1", source="test", text=text, published=published, published_precision="day")


def sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(text.split("\n")):
        out.append(Sentence(article_id="art1", index=i, start=start, end=start + len(part), text=part))
        start += len(part) + 1
    return out


def mention(text: str, surface: str, kind: str, nth: int = 0, **kw) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(id=f"m{start}", article_id="art1", start=start, end=start + len(surface), text=surface, type=kind,
                   evidence=Evidence(article_id="art1", start=start, end=start + len(surface)), **kw)


def quote(text: str, inner: str, speaker: Mention) -> Quote:
    start = text.index(inner)
    return Quote(id="q1", article_id="art1", kind="direct", text=inner, start=start, end=start + len(inner),
                 speaker=speaker.text, speaker_kind="name", speaker_mention_id=speaker.id,
                 evidence=Evidence(article_id="art1", start=start, end=start + len(inner)))


def test_actor_sector_follows_the_role_held_on_the_articles_date():
    text = "Vladimir Putin met German officials in Berlin."
    putin = mention(text, "Vladimir Putin", "PERSON", canonical="Vladimir Putin")
    then = article_events(article(text, "1996-04-02"), sentences(text), [putin], [])
    now = article_events(article(text, "2016-04-02"), sentences(text), [putin], [])
    assert then[0].actor_sector == "elite" and now[0].actor_sector == "government"
    assert then[0].actor_country == now[0].actor_country == "RUS"


def test_a_later_bare_name_takes_the_role_and_country_given_earlier():
    text = "Ruritanian Defence Minister Ivo Marek spoke in Prague.\nMarek accused Hungary of arming the rebels."
    first = mention(text, "Ivo Marek", "PERSON", canonical="Ivo Marek", role="Defence Minister", country="CZE")
    later = mention(text, "Marek", "PERSON", nth=1, canonical="Ivo Marek")
    hungary = mention(text, "Hungary", "GPE", country="HUN")
    events = article_events(article(text), sentences(text), [first, later, hungary], [])
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert (accuse.actor, accuse.actor_country, accuse.actor_sector) == ("Ivo Marek", "CZE", "government")
    assert accuse.target_country == "HUN"


def test_inside_a_quote_we_is_the_speaker():
    text = "Ivo Marek addressed the troops.\n“We will strike their camps across the border within days.”"
    marek = mention(text, "Ivo Marek", "PERSON", canonical="Ivo Marek")
    events = article_events(article(text), sentences(text), [marek], [],
                            [quote(text, "We will strike their camps across the border within days.", marek)])
    threat = next(e for e in events if e.type == "THREATEN")
    assert threat.actor == "Ivo Marek"


def test_a_plan_ascribed_to_another_inside_a_quote_is_the_speakers_accusation():
    text = "Ivo Marek spoke on television.\n“Poland is preparing an attack on our country.”"
    marek = mention(text, "Ivo Marek", "PERSON", canonical="Ivo Marek")
    poland = mention(text, "Poland", "GPE", country="POL")
    events = article_events(article(text), sentences(text), [marek, poland], [],
                            [quote(text, "Poland is preparing an attack on our country.", marek)])
    kinds = {e.type: e for e in events}
    assert "THREATEN" not in kinds and "ASSAULT" not in kinds
    assert (kinds["ACCUSE"].actor, kinds["ACCUSE"].target) == ("Ivo Marek", "Poland")
    assert kinds["ACCUSE"].mode == "allege"


def test_the_speaker_is_the_source_of_what_is_said_not_of_the_deed_reported():
    text = "Troops shelled Hungarian villages overnight, Mayor Ana Petrova said."
    petrova = mention(text, "Ana Petrova", "PERSON", canonical="Ana Petrova")
    hungarian = mention(text, "Hungarian", "NORP", country="HUN")
    events = article_events(article(text), sentences(text), [petrova, hungarian], [])
    shelling = next(e for e in events if e.type == "ASSAULT")
    assert shelling.actor is None and shelling.target_country == "HUN"
    assert shelling.reported_by == "Mayor Ana Petrova"


def test_a_people_named_in_a_title_stands_for_the_person_who_holds_it():
    text = "Ruritanian President Ivo Marek telephoned the Hungarian prime minister on Thursday."
    people = mention(text, "Ruritanian", "NORP")
    marek = mention(text, "Ivo Marek", "PERSON", canonical="Ivo Marek")
    [event] = article_events(article(text), sentences(text), [people, marek], [])
    assert (event.type, event.actor) == ("CONSULT", "Ivo Marek")


def test_a_country_the_tagger_calls_a_location_can_be_accused_but_not_where_it_happened():
    text = "Ivo Marek accused neighbouring Freedonia of hosting camps in Sylvania where Ruritanian radicals trained."
    marek = mention(text, "Ivo Marek", "PERSON", canonical="Ivo Marek")
    freedonia, sylvania = mention(text, "Freedonia", "LOC"), mention(text, "Sylvania", "LOC")
    radicals = mention(text, "Ruritanian", "NORP")
    accuse = next(e for e in article_events(article(text), sentences(text), [marek, freedonia, sylvania, radicals], [])
                  if e.type == "ACCUSE")
    assert (accuse.actor, accuse.target) == ("Ivo Marek", "Freedonia")


def test_the_actors_next_act_is_not_a_source_it_was_reported_by():
    text = ("President Ivo Marek vowed revenge after the bombing of the Danube bridge, and announced a joint border "
            "force with neighbouring Hungary.")
    marek = mention(text, "Ivo Marek", "PERSON", canonical="Ivo Marek")
    events = article_events(article(text), sentences(text), [marek, mention(text, "Hungary", "GPE")], [])
    assert events and all(e.reported_by != "and" for e in events)
