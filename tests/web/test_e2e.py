"""The web UI in headless Chromium: story list -> story -> evidence, entities, search, review, hostile text."""

from __future__ import annotations

import json
import re
import urllib.request
from urllib.parse import quote

import pytest
from web_served import TOKEN, demo_store, screenshot

HOSTILE_NAME, HOSTILE_QUERY = demo_store.HOSTILE_NAME, demo_store.HOSTILE_QUERY

pytestmark = pytest.mark.slow


def _api(server, path):
    with urllib.request.urlopen(server.url + path) as r:
        return json.loads(r.read())


def _only_local(pg, server):
    """The UI works offline: every request went to the server itself."""
    outside = [u for u in pg.requests if not u.startswith(server.url) and not u.startswith("data:")]
    assert not outside, outside


def test_story_list_to_story_to_evidence(page, server):
    page.goto(server.url + "/")
    rows = page.locator("tr.story-row")
    stories = _api(server, "/api/stories")["items"]
    assert rows.count() == len(stories)
    assert rows.first.locator(".story-link").inner_text() == stories[0]["title"]
    assert rows.first.locator("td.num").first.inner_text() == str(len(stories[0]["article_ids"]))
    screenshot(page, "stories")

    biggest = max(range(len(stories)), key=lambda i: len(stories[i]["article_ids"]))
    first = stories[biggest]
    rows.nth(biggest).locator(".story-link").click()
    page.wait_for_url(re.compile(r"/stories/sty_"))
    assert page.locator("h1.story-title").inner_text() == first["title"]
    page.wait_for_function("() => window.__timelineChart && window.__timelineChart.data.labels.length > 0")
    assert page.locator("#statements details.speaker").count() > 0
    screenshot(page, "story")

    link = page.locator("#statements .rendering .evidence-link").first
    quote_id = link.get_attribute("href").split("#item-")[1]
    link.click()
    page.wait_for_url(re.compile(r"/articles/\w+#item-quo_"))
    evidence = page.locator(f"#ev-{quote_id}")
    evidence.wait_for(state="visible")
    assert re.search(r"characters \d+–\d+", evidence.inner_text())
    assert page.locator(f'.hl.selected[data-ids~="{quote_id}"]').count() >= 1

    entity_span = page.locator(".clean-text .hl.ent").first
    entity_span.click()
    mention_id = entity_span.get_attribute("data-ids").split()[0]
    page.locator(f"#ev-{mention_id}").wait_for(state="visible")
    assert not page.locator(f"#ev-{quote_id}").is_visible() or quote_id in entity_span.get_attribute("data-ids")
    page.locator("#junk summary").click()
    assert page.locator("#junk li, #junk .empty").first.is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "article")
    assert not page.errors, page.errors
    _only_local(page, server)


def test_summary_sentence_opens_its_passage(page, server):
    story = max(_api(server, "/api/stories")["items"], key=lambda s: len(s["article_ids"]))
    summary = _api(server, f"/api/stories/{story['id']}")["story"]["summary"]
    assert summary, "the demo stories have summaries"
    page.goto(f"{server.url}/stories/{story['id']}")
    page.locator("#summary .evidence-link").first.click()
    page.wait_for_url(re.compile(r"/articles/\w+#span-\d+-\d+"))
    page.locator("#ev-span").wait_for(state="visible")
    assert page.locator("#ev-span-where").inner_text() == f"characters {summary[0]['start']}–{summary[0]['end']}"
    assert page.locator("#ev-span-text").inner_text().strip() == summary[0]["text"].strip()
    assert page.locator("#clean-text .selected").count() >= 1

    # a reported figure opens as an item of its article, with its normalized value
    page.goto(f"{server.url}/stories/{story['id']}")
    figure = page.locator("#facts a").first
    figure_id = figure.get_attribute("href").split("#item-")[1]
    figure.click()
    page.locator(f"#ev-{figure_id}").wait_for(state="visible")
    assert page.locator(f'.hl.figure.selected[data-ids~="{figure_id}"]').count() >= 1
    # an entity listed once opens the evidence of each of its mentions in the article
    group = page.locator("button.item[data-ids*=' ']").first
    ids = group.get_attribute("data-ids").split()
    group.click()
    assert all(page.locator(f"#ev-{i}").is_visible() for i in ids)
    assert not page.errors, page.errors


def test_entity_page_draws_the_network(page, server):
    top = _api(server, "/api/entities?limit=1")["items"][0]
    page.goto(f"{server.url}/entities/{top['id']}")
    assert page.locator("h1.entity-name").inner_text().startswith(top["name"])
    page.wait_for_function("() => window.__network && window.__network.nodes().length > 1")
    assert page.evaluate("window.__network.nodes().length") == 1 + len(
        _api(server, f"/api/entities/{top['id']}")["cooccurring"])
    screenshot(page, "entity")
    assert not page.errors, page.errors
    _only_local(page, server)


def test_search_box(page, server):
    page.goto(server.url + "/")
    page.fill("header input[name=q]", "Drovna bridge")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator("ol.hits li").count() > 0
    assert page.locator("ol.hits mark").count() > 0
    screenshot(page, "search")


def test_injected_scripts_do_not_run(page, server):
    hostile = [h["article_id"] for h in _api(server, "/api/search?q=pwned")["items"]]
    assert len(hostile) == 2
    stories = [s["id"] for s in _api(server, "/api/stories")["items"] if set(s["article_ids"]) & set(hostile)]
    entities = {m["entity_id"] for i in hostile for m in _api(server, f"/api/articles/{i}/annotations")["mentions"]}
    urls = ["/", "/articles", "/search?q=harbour+strike", "/entities", "/search?q=" + quote(HOSTILE_QUERY),
            "/stories/" + quote("<img src=x onerror=window.__pwned=12>")]
    urls += [f"/articles/{i}" for i in hostile] + [f"/articles/{i}/raw" for i in hostile]
    urls += [f"/stories/{i}" for i in stories] + [f"/entities/{i}" for i in sorted(entities - {None})]
    assert stories and entities
    for url in urls:
        page.goto(server.url + url)
        if page.locator(".clean-text").count():
            page.locator(".clean-text").hover()  # an injected onmouseover would fire here
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.title() != "PWNED", url  # the title shows the hostile text; a script would replace it
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0, url
        assert page.locator("img, iframe, svg[onload], [onerror], [onmouseover]").count() == 0, url
        assert not [e for e in page.errors if "404" not in e], url  # no refused inline code, no script error
        page.errors.clear()
    page.goto(f"{server.url}/articles/{hostile[0]}")
    body = page.locator("body").inner_text()
    assert "<script>window.__pwned" in body or "onerror=" in body  # shown as text
    page.goto(f"{server.url}/entities/{_api(server, '/api/entities/Petrovna')['entity']['id']}")
    assert page.locator("h1.entity-name").inner_text().startswith(HOSTILE_NAME)  # the name, as text
    assert page.locator("a[href^='javascript:']").count() == 0
    assert not page.dialogs


def test_merge_and_split_in_the_ui(page, writable_server):
    server = writable_server
    orlov = _api(server, "/api/entities/Stanimir%20Orlov")["entity"]
    page.goto(f"{server.url}/entities/{orlov['id']}")
    page.fill("#merge-other", "Miroslav Havrenko")
    page.click("#merge-form button")
    page.locator("#review-result").wait_for(state="visible")
    page.wait_for_function("() => document.getElementById('review-result').textContent.length > 0")
    assert "token" in page.locator("#review-result").inner_text().lower()  # no token given: refused

    page.fill("#review-token", TOKEN)
    page.click("#merge-form button")
    page.wait_for_function(f"() => !location.pathname.endsWith('{orlov['id']}')")
    aliases = page.locator("ul.aliases").inner_text()
    assert "Stanimir Orlov" in aliases and "Miroslav Havrenko" in aliases
    assert "merge" in page.locator("ul.decisions").inner_text().lower()  # the stored decision, shown
    page.evaluate("document.getElementById('review').scrollIntoView()")
    screenshot(page, "entity-review")

    for form in orlov["aliases"]:
        page.check(f"#split-form input[value='{form}']")
    page.click("#split-form button")
    page.wait_for_function("() => document.getElementById('review-result').className === 'ok'")
    assert "Split off" in page.locator("#review-result").inner_text()
    names = page.locator("#review-links a").all_inner_texts()
    assert len(names) >= 2 and "Stanimir Orlov" in names
