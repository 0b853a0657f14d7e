"""The REST API over the demo store (plus hostile articles), through FastAPI's test client."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dossier.api.views import highlight
from dossier.model import Evidence, Mention, Quote, TimeMention


def _error(r, status):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status and body["error"]["code"] and body["error"]["message"]
    return body["error"]


def test_openapi_describes_every_resource(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/stories/{story_id}",
                 "/api/storylines", "/api/entities", "/api/entities/{name_or_id}", "/api/statements",
                 "/api/quotes", "/api/events", "/api/search", "/api/export/{kind}", "/api/ingest",
                 "/api/entities/merge"):
        assert path in paths, path


def test_openapi_documents_answers_errors_and_the_token(client):
    spec = client.get("/api/openapi.json").json()
    assert {"token", "tokenHeader"} <= set(spec["components"]["securitySchemes"])
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            where = f"{method.upper()} {path}"
            assert op["tags"] and op["summary"], where
            answer = op["responses"]["200"]["content"]
            assert all(c.get("schema", {}) != {"type": "object", "additionalProperties": True}
                       for c in answer.values()), where
            if path != "/api/export/{kind}":
                assert "$ref" in answer["application/json"]["schema"] or path == "/api/info", where
            for status in ("404", "422"):
                assert op["responses"][status]["content"]["application/json"]["schema"]["$ref"].endswith(
                    "/ErrorBody"), where
            # writing needs the token; reading does not
            assert bool(op.get("security")) == (method != "get"), where
            assert ("401" in op["responses"]) == (method != "get"), where


def test_every_api_path_is_in_the_readme(client):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for path in client.get("/api/openapi.json").json()["paths"]:
        short = re.sub(r"\{(?!kind)[^}]+\}", "{id}", path)
        assert f"`{short.removeprefix('/api/')}`" in readme or short in readme, path


def _check(model, body):
    from pydantic import TypeAdapter

    TypeAdapter(model).validate_python(body, strict=False)
    return body


def test_answers_match_the_documented_models(client):
    from dossier.api import schemas as m
    from dossier.model import Entity, Event, Quote, Statement

    story = _check(m.Page[m.StoryRow], client.get("/api/stories").json())["items"][0]
    _check(m.StoryDetail, client.get(f"/api/stories/{story['id']}").json())
    article = _check(m.Page[m.ArticleRow], client.get("/api/articles?limit=3").json())["items"][0]
    _check(m.ArticleOut, client.get(f"/api/articles/{article['id']}").json())
    _check(m.Annotations, client.get(f"/api/articles/{article['id']}/annotations").json())
    _check(m.Page[m.StorylineOut], client.get("/api/storylines").json())
    entity = _check(m.Page[Entity], client.get("/api/entities?limit=3").json())["items"][0]
    _check(m.EntityDetail, client.get(f"/api/entities/{entity['id']}").json())
    statement = _check(m.Page[Statement], client.get("/api/statements?limit=3").json())["items"][0]
    _check(m.StatementWithRenderings, client.get(f"/api/statements/{statement['id']}").json())
    _check(m.Page[Quote], client.get("/api/quotes?limit=3").json())
    _check(m.Page[Event], client.get("/api/events?limit=3").json())
    _check(m.Page[m.SearchHit], client.get("/api/search?q=bridge").json())
    _check(m.ErrorBody, client.get("/api/stories/sty_nope").json())


def test_stories_newest_first_with_counts(client):
    page = client.get("/api/stories").json()
    items = page["items"]
    assert page["total"] == len(items) >= 3
    ends = [s["end"] or s["start"] or "" for s in items]
    assert ends == sorted(ends, reverse=True)
    for s in items:
        assert s["article_count"] == len(s["article_ids"]) > 0
        assert 1 <= s["independent_sources"] <= s["article_count"]


def test_pagination_and_validation_errors(client):
    all_ids = [a["id"] for a in client.get("/api/articles?limit=500").json()["items"]]
    second = client.get("/api/articles?limit=1&offset=1").json()
    assert [a["id"] for a in second["items"]] == all_ids[1:2]
    assert second["total"] == len(all_ids) and second["limit"] == 1 and second["offset"] == 1
    error = _error(client.get("/api/articles?limit=0"), 422)
    assert "limit" in error["message"]


def test_unknown_ids_answer_one_error_shape(client):
    assert "story" in _error(client.get("/api/stories/sty_nope"), 404)["message"]
    _error(client.get("/api/articles/ffffffffff"), 404)
    _error(client.get("/api/entities/ent_nope"), 404)
    _error(client.get("/api/export/nothing"), 404)
    _error(client.get("/api/no/such/route"), 404)


def test_story_detail_groups_statements_of_its_articles(client):
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    detail = client.get(f"/api/stories/{story_id}").json()
    members = set(detail["story"]["article_ids"])
    assert {a["id"] for a in detail["articles"]} == members
    assert detail["speakers"], "the demo stories quote people"
    for group in detail["speakers"]:
        for item in group["statements"]:
            st = item["statement"]
            assert members & set(st["article_ids"])
            assert st["speaker_entity_id"] == group["entity_id"]
            assert {r["id"] for r in item["renderings"]} <= set(st["quote_ids"])
    labels = detail["timeline"]["labels"]
    assert labels == sorted(labels) and len(detail["timeline"]["articles"]) == len(labels)
    assert all(members & set(e["article_ids"]) for e in detail["events"])


def test_story_page_shows_the_first_statements_and_pages_through_all_of_them(client, demo_db):
    from dossier.api import views
    from dossier.core import Dossier

    stories = client.get("/api/stories").json()["items"]
    story_id = max(stories, key=lambda st: st["article_count"])["id"]
    detail = client.get(f"/api/stories/{story_id}").json()
    groups = detail["speakers"]
    assert sum(g["statement_count"] for g in groups) <= detail["statement_count"]
    assert all(len(g["statements"]) == min(g["statement_count"], views.STATEMENTS_SHOWN) for g in groups)
    everything = client.get(f"/api/stories/{story_id}/statements?limit=500").json()
    assert everything["total"] == detail["statement_count"] == len(everything["items"])
    assert everything["story"]["id"] == story_id and everything["speaker"] is None
    shown = [item["statement"]["id"] for g in groups for item in g["statements"]]
    assert set(shown) <= {item["statement"]["id"] for item in everything["items"]}
    assert all(item["renderings"] for item in everything["items"])

    busiest = max(groups, key=lambda g: g["statement_count"])
    own = client.get(f"/api/stories/{story_id}/statements", params={"speaker": busiest["key"], "limit": 2}).json()
    assert own["total"] == busiest["statement_count"] and own["speaker"] == busiest["speaker"]
    assert len(own["items"]) == min(2, busiest["statement_count"])
    assert [i["statement"]["id"] for i in own["items"]] == [i["statement"]["id"] for i in busiest["statements"][:2]]

    d = Dossier(demo_db)  # a page of one speaker and one statement: the rest is counted, not loaded
    small = views.story_detail(d, story_id, speakers=1, per_speaker=1)
    d.close()
    assert len(small["speakers"]) == 1 and len(small["speakers"][0]["statements"]) == 1
    assert small["speakers"][0]["statement_count"] == groups[0]["statement_count"]
    assert small["speaker_count"] == detail["speaker_count"] >= len(groups)

    page = client.get(f"/stories/{story_id}/statements", params={"speaker": busiest["key"]})
    assert page.status_code == 200 and "Statements by" in page.text


def test_entity_detail_has_names_mentions_and_network(client):
    top = client.get("/api/entities?limit=1").json()["items"][0]
    detail = client.get(f"/api/entities/{top['id']}").json()
    e = detail["entity"]
    assert e["id"] == top["id"] and e["name"] in e["aliases"] + [e["name"]]
    assert detail["mentions"] and all(m["entity_id"] == e["id"] for m in detail["mentions"])
    assert detail["cooccurring"] and all(c["id"] != e["id"] and c["shared_articles"] > 0 for c in detail["cooccurring"])
    assert all(s["statement"]["speaker_entity_id"] == e["id"] for s in detail["statements"])
    assert all(s["renderings"] for s in detail["statements"])
    said = client.get("/api/statements", params={"speaker": e["id"], "limit": 500}).json()
    assert detail["statement_count"] == said["total"] >= len(detail["statements"])
    by_name = client.get("/api/entities/" + e["name"]).json()
    assert by_name["entity"]["id"] == e["id"]


def test_article_annotations_point_into_the_clean_text(client):
    article_id = client.get("/api/articles?limit=1").json()["items"][0]["id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert "raw" not in article and article["text"]
    ann = client.get(f"/api/articles/{article_id}/annotations").json()
    assert ann["mentions"] and ann["quotes"] and ann["times"]
    for kind in ("mentions", "quotes", "times"):
        for item in ann[kind]:
            assert article["text"][item["start"]:item["end"]] == item["text"] or kind == "quotes"
            assert item["evidence"]["article_id"] == article_id
    raw = client.get(f"/api/articles/{article_id}?raw=true").json()
    assert raw["raw"]


def test_statements_quotes_events_and_storylines(client):
    statements = client.get("/api/statements?limit=5").json()
    assert statements["total"] >= len(statements["items"]) == 5
    first = client.get(f"/api/statements/{statements['items'][0]['id']}").json()
    assert first["renderings"] and all(r["statement_id"] == first["statement"]["id"] for r in first["renderings"])
    havrenko = client.get("/api/statements?speaker=Havrenko").json()
    assert havrenko["items"] and {s["speaker_entity_id"] for s in havrenko["items"]} == {
        client.get("/api/entities/Havrenko").json()["entity"]["id"]}
    article_id = first["renderings"][0]["article_id"]
    quotes = client.get(f"/api/quotes?article_id={article_id}").json()["items"]
    assert first["renderings"][0]["id"] in {q["id"] for q in quotes}
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    story_events = client.get(f"/api/events?story_id={story_id}").json()["items"]
    members = set(client.get(f"/api/stories/{story_id}").json()["story"]["article_ids"])
    assert story_events and all(members & set(e["article_ids"]) for e in story_events)
    events = client.get("/api/events?limit=3").json()
    assert len(events["items"]) == 3 and events["total"] >= 3
    _error(client.get("/api/events?story_id=sty_nope"), 404)
    lines = client.get("/api/storylines").json()
    assert all(s["title"] for line in lines["items"] for s in line["stories"])


def test_story_speakers_are_grouped_by_entity(client):
    for story in client.get("/api/stories").json()["items"]:
        groups = client.get(f"/api/stories/{story['id']}").json()["speakers"]
        resolved = [g["entity_id"] for g in groups if g["entity_id"]]
        assert len(resolved) == len(set(resolved)), "one group per speaking entity"
        for g in groups:
            if g["entity_id"]:
                assert g["speaker"] == client.get(f"/api/entities/{g['entity_id']}").json()["entity"]["name"]
            said = {item["statement"]["speaker"] for item in g["statements"]}
            assert said <= set(g["as_written"]) | {g["speaker"]}


def test_lists_page_and_filter(client):
    quotes = client.get("/api/quotes?limit=4").json()
    assert quotes["total"] > 4 and len(quotes["items"]) == 4
    later = client.get("/api/quotes?limit=2&offset=2").json()["items"]
    assert [q["id"] for q in later] == [q["id"] for q in quotes["items"][2:]]
    article_id = quotes["items"][0]["article_id"]
    of_article = client.get(f"/api/quotes?article_id={article_id}&limit=1").json()
    assert len(of_article["items"]) == 1 and of_article["total"] >= 1

    havrenko = client.get("/api/entities/Havrenko").json()["entity"]["id"]
    acted = client.get("/api/events?actor=Havrenko&limit=500").json()
    assert acted["items"] and acted["total"] == len(acted["items"])
    assert all(havrenko in (e["actor_entity_id"], e["target_entity_id"]) for e in acted["items"])
    kind = acted["items"][0]["type"]
    typed = client.get(f"/api/events?type={kind.lower()}&limit=500").json()["items"]
    assert typed and {e["type"] for e in typed} == {kind}
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    in_story = client.get(f"/api/events?story_id={story_id}&type={kind}&limit=500").json()["items"]
    assert all(e["type"] == kind for e in in_story)

    named = client.get("/api/entities?name=havr&limit=1").json()
    assert named["total"] >= 1 and all("havr" in e["name"].lower() for e in named["items"])
    hits = client.get("/api/search?q=bridge&limit=50").json()["items"]
    page2 = client.get("/api/search?q=bridge&limit=2&offset=2").json()
    assert page2["offset"] == 2 and [h["article_id"] for h in page2["items"]] == [h["article_id"] for h in hits[2:4]]


def test_search_and_exports(client):
    hits = client.get("/api/search?q=Drovna bridge").json()["items"]
    assert hits and all(h["article_id"] for h in hits)
    _error(client.get("/api/search"), 422)
    r = client.get("/api/export/articles?format=jsonl")
    assert r.status_code == 200
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert len(rows) == client.get("/api/info").json()["articles"]
    csv = client.get("/api/export/entities?format=csv")
    assert csv.status_code == 200 and csv.text.startswith("id,")
    gdelt = client.get("/api/export/events?format=gdelt")
    assert gdelt.status_code == 200 and gdelt.headers["content-type"].startswith("text/tab-separated-values")
    rows = gdelt.text.splitlines()
    assert len(rows) == 1 + client.get("/api/events?limit=1").json()["total"] and "\t" in rows[0]
    assert "events" in _error(client.get("/api/export/articles?format=gdelt"), 400)["message"]


def test_changing_data_needs_the_token(client):
    body = {"a": "Havrenko", "b": "Orlov"}
    assert "token" in _error(client.post("/api/entities/merge", json=body), 401)["message"]
    _error(client.post("/api/entities/merge", json=body, headers={"Authorization": "Bearer wrong"}), 401)
    _error(client.post("/api/ingest", json={"documents": [{"name": "a.txt", "content": "x"}]}), 401)
    _error(client.post("/api/entities/Havrenko/split", json={"forms": ["Havrenka"]}), 401)


def test_writes_are_disabled_without_a_configured_token(demo_db, tmp_path):
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    app = create_app(demo_db, token="")
    with TestClient(app) as c:
        error = _error(c.post("/api/entities/merge", json={"a": "x", "b": "y"}, headers={"X-Dossier-Token": ""}), 403)
    assert "DOSSIER_API_TOKEN" in error["message"]


def test_on_localhost_only_loopback_names_are_answered(demo_db):
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    with TestClient(create_app(demo_db, token="t"), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/info").status_code == 200
        assert c.get("/api/info", headers={"Host": "localhost:8000"}).status_code == 200
        rebound = c.get("/api/info", headers={"Host": "attacker.example:8000"})  # DNS rebinding
        assert "localhost only" in _error(rebound, 400)["message"]
        assert c.get("/", headers={"Host": "attacker.example"}).status_code == 400


def _entity_of(d, mention):
    from dossier.model import Mention

    found = d.store.annotations("mention", Mention, article_id=mention["article_id"])
    return next(m.entity_id for m in found if m.id == mention["id"])


def test_merge_and_split_are_stored_and_survive_a_rerun(writable_client):
    from dossier.resolve.stage import resolve_all

    c, auth = writable_client, {"Authorization": "Bearer test-token"}
    d = c.app.state.dossier
    orlov = c.get("/api/entities/Stanimir Orlov").json()
    havrenko = c.get("/api/entities/Miroslav Havrenko").json()["entity"]
    orlov_mention = orlov["mentions"][0]
    assert orlov["entity"]["id"] != havrenko["id"]
    merged = c.post("/api/entities/merge", json={"a": havrenko["id"], "b": orlov["entity"]["id"]}, headers=auth)
    assert merged.status_code == 200, merged.text
    assert set(orlov["entity"]["aliases"]) <= set(merged.json()["aliases"])
    assert d.store.decisions("merge")
    resolve_all(d.store)  # a later run respects the decision
    assert _entity_of(d, orlov_mention) == merged.json()["id"]

    forms = orlov["entity"]["aliases"]
    split = c.post(f"/api/entities/{merged.json()['id']}/split", json={"forms": forms}, headers=auth)
    assert split.status_code == 200, split.text
    assert len(split.json()["entities"]) >= 2
    resolve_all(d.store)
    assert _entity_of(d, orlov_mention) != d.entity("Miroslav Havrenko").id
    _error(c.post(f"/api/entities/{havrenko['id']}/split", json={"forms": ["Nobody Atall"]}, headers=auth), 404)


def test_ingest_endpoint_stores_documents(writable_client):
    c = writable_client
    before = c.get("/api/info").json()["articles"]
    doc = {"name": "strike.txt", "content": "Port strike ends\n\nVESHTA - The port strike ended on Friday, the union said."}
    r = c.post("/api/ingest", json={"documents": [doc], "run": False}, headers={"X-Dossier-Token": "test-token"})
    assert r.status_code == 200, r.text
    assert r.json()["new"] == 1
    again = c.post("/api/ingest", json={"documents": [doc], "run": False}, headers={"X-Dossier-Token": "test-token"})
    assert again.json()["new"] == 0 and again.json()["already_stored"] == 1
    assert c.get("/api/info").json()["articles"] == before + 1


def test_pages_escape_hostile_articles(client):
    d = client.app.state.dossier
    hostile = [a for a in d.articles() if "pwned" in (a.raw or "")]
    assert len(hostile) == 2
    for a in hostile:
        for url in (f"/articles/{a.id}", f"/articles/{a.id}/raw"):
            html = client.get(url).text
            assert "window.__pwned" in html  # shown, as text
            _assert_inert(html, url)
        assert 'href="javascript:' not in client.get(f"/articles/{a.id}").text
    listing = client.get("/").text + client.get("/articles").text + client.get("/search?q=harbour strike").text
    assert "&lt;script&gt;" in listing and "<script>window" not in listing
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"]


def _assert_inert(html, where):
    for tag in ("<script>window", "<img src=x", "<svg onload", "<iframe", "<b onmouseover", "<img src=x onerror"):
        assert tag not in html, (where, tag)


def test_hostile_names_queries_and_ids_are_escaped(client):
    from demo_store import HOSTILE_NAME, HOSTILE_QUERY

    entity = client.get("/api/entities/Petrovna").json()["entity"]
    assert entity["name"] == HOSTILE_NAME
    story_ids = [s["id"] for s in client.get("/api/stories").json()["items"]]
    pages = [f"/entities/{entity['id']}", "/entities", "/entities?name=petrovna", "/search?q=" + HOSTILE_QUERY,
             "/stories/<img src=x onerror=window.__pwned=12>", "/entities/<img src=x onerror=alert(1)>"]
    pages += [f"/stories/{i}" for i in story_ids]
    shown = ""
    for url in pages:
        r = client.get(url, headers={"Accept": "text/html"})
        assert r.headers["content-type"].startswith("text/html"), url
        _assert_inert(r.text, url)
        shown += r.text
    assert "Ana &lt;img src=x onerror=&#34;window.__pwned=10&#34;&gt; Petrovna" in shown
    assert "&lt;script&gt;window.__pwned=11&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=window.__pwned=12" in shown


def test_pages_render(client):
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    entity_id = client.get("/api/entities?limit=1").json()["items"][0]["id"]
    statement_id = client.get("/api/statements?limit=1").json()["items"][0]["id"]
    article_id = client.get("/api/articles?limit=1").json()["items"][0]["id"]
    for url in (f"/statements/{statement_id}", "/", "/storylines", f"/stories/{story_id}", "/entities",
                f"/entities/{entity_id}", "/articles", f"/articles/{article_id}", f"/articles/{article_id}/raw",
                "/search?q=bridge", "/static/favicon.svg"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith(("text/html", "image/svg")), url
    page = client.get("/stories/sty_nope", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "Not found" in page.text


def _ev(start, end, text="x"):
    return Evidence(article_id="a", start=start, end=end, text=text)


def test_highlight_cuts_overlapping_spans_without_losing_text():
    text = "Havrenko said on Monday that talks failed."
    mentions = [Mention(id="m1", article_id="a", start=0, end=8, text="Havrenko", type="PERSON", evidence=_ev(0, 8))]
    quotes = [Quote(id="q1", article_id="a", kind="indirect", text="on Monday that talks failed", start=14, end=41,
                    evidence=_ev(14, 41))]
    times = [TimeMention(id="t1", article_id="a", start=17, end=23, text="Monday", value="2023-10-09",
                         evidence=_ev(17, 23))]
    pieces = highlight(text, mentions, quotes, times)
    assert "".join(p["text"] for p in pieces) == text
    by_text = {p["text"]: p for p in pieces}
    assert by_text["Havrenko"]["ids"] == "m1"
    assert set(by_text["Monday"]["ids"].split()) == {"q1", "t1"}
    assert by_text[" said "]["ids"] == ""
