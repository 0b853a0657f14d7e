from __future__ import annotations

import gzip
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dossier.errors import BadInput
from dossier.ingest import detect_format, read_bytes
from dossier.model import Article

BODY = (
    "Harbour workers in Port Sarnova walked out on Tuesday, the union said.\n\n"
    "“We will not go back until the cranes are safe,” said union leader Ada Moreno."
)
PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>Strike at the port</title></head>
<body><nav>Home | World</nav><article><h1>Strike at the port</h1><p>{BODY}</p></article></body></html>"""


def results(data: bytes, name: str, fmt: str | None = None):
    items = list(read_bytes(data, name, fmt))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, BadInput)]


def test_plain_text_becomes_one_article_with_a_content_id():
    (a,), errors = results(BODY.encode(), "strike.txt")
    assert not errors and a.format == "text" and a.raw == BODY
    (b,), _ = results(BODY.encode(), "other-name.txt")
    assert a.id == b.id  # same bytes, same id, whatever the file is called


def test_windows_line_endings_are_normalized():
    (a,), _ = results(BODY.replace("\n", "\r\n").encode(), "strike.txt")
    assert "\r" not in a.raw


def test_html_is_detected_by_content_and_kept_with_markup():
    (a,), _ = results(PAGE.encode(), "page")
    assert a.format == "html" and "<article>" in a.raw


def test_declared_legacy_charset_is_honoured():
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("“", '"').replace("”", '"')
    data = page.replace("Moreno", "Moreño").encode("windows-1252")
    (a,), errors = results(data, "latin.html")
    assert not errors and "Moreño" in a.raw


def test_json_lines_reads_good_lines_and_reports_bad_ones_with_line_numbers():
    lines = [
        json.dumps({"text": BODY, "title": "Strike", "url": "https://example.org/strike", "date": "2024-03-05"}),
        '{"text": "truncated',
        json.dumps({"html": PAGE, "outlet": "Sarnova Post"}),
        json.dumps({"title": "no body at all"}),
        json.dumps(["not", "an", "object"]),
    ]
    articles, errors = results("\n".join(lines).encode(), "feed.jsonl")
    assert [a.format for a in articles] == ["json", "html"]
    assert articles[0].hints == {"title": "Strike", "url": "https://example.org/strike", "date": "2024-03-05"}
    assert articles[0].url == "https://example.org/strike"
    assert articles[1].hints["outlet"] == "Sarnova Post"
    assert [e.where for e in errors] == ["feed.jsonl:2", "feed.jsonl:4", "feed.jsonl:5"]
    assert "invalid JSON" in errors[0].problem and "no article text" in errors[1].problem


def test_json_document_with_a_list_of_articles_and_a_truncated_one():
    doc = json.dumps({"articles": [{"body": BODY}, {"content": BODY + " More."}]})
    articles, errors = results(doc.encode(), "batch.json")
    assert len(articles) == 2 and not errors
    _, errors = results(doc[:-10].encode(), "batch.json")
    assert len(errors) == 1 and errors[0].problem.startswith("invalid JSON")


def warc_bytes(records: list[tuple[str, str, bytes]]) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, ctype, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))
    return buf.getvalue()


def test_warc_reads_html_responses_and_skips_other_content():
    data = warc_bytes([
        ("https://example.org/a", "text/html; charset=utf-8", PAGE.encode()),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("https://example.org/b", "text/html", PAGE.replace("Tuesday", "Wednesday").encode()),
    ])
    articles, errors = results(data, "crawl.warc")
    assert [a.url for a in articles] == ["https://example.org/a", "https://example.org/b"]
    assert not errors and articles[0].hints["fetched"]


def test_truncated_warc_keeps_the_records_before_the_damage():
    data = warc_bytes([("https://example.org/a", "text/html", PAGE.encode())] * 1
                      + [("https://example.org/b", "text/html", PAGE.replace("port", "dock").encode())])
    articles, errors = results(data[: len(data) - 200], "crawl.warc")
    assert len(articles) >= 1 and errors


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Sarnova Post</title>
<item><title>Strike</title><link>https://example.org/strike</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Harbour workers walked out on Tuesday.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Dam holds</title><link href="https://example.org/dam"/><updated>2024-03-06T08:00:00Z</updated>
<author><name>Lena Fisk</name></author><content type="html">&lt;p&gt;The dam held overnight, engineers said.&lt;/p&gt;</content></entry></feed>"""


def test_rss_items_become_articles_with_feed_metadata():
    articles, errors = results(RSS.encode(), "news.xml")
    assert len(articles) == 1 and articles[0].hints["outlet"] == "Sarnova Post"
    assert articles[0].hints["date"].startswith("Tue, 05 Mar 2024")
    assert len(errors) == 1 and "no content" in errors[0].problem


def test_atom_entries_carry_author_and_date():
    (a,), _ = results(ATOM.encode(), "wire.atom")
    assert a.hints["author"] == "Lena Fisk" and a.url == "https://example.org/dam"


def test_gzip_input_is_read_transparently():
    (a,), _ = results(gzip.compress(PAGE.encode()), "page.html.gz")
    assert a.format == "html"


@pytest.mark.parametrize(
    "data, name, problem",
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\n  ", "blank.txt", "empty"),
        (b"\x00\x01\x02\x03binary\x00" * 50, "image.txt", "binary"),
        (bytes(range(256)) * 4, "blob.bin", "binary"),
        (b"caf\xe9 cr\xe8me br\xfbl\xe9e " * 3, "latin.txt", "undecodable bytes at offset 3"),
        (b"\x1f\x8b\x08\x00garbage", "x.gz", "broken gzip"),
        (b"{\"text\": \"unterminated", "one.json", "invalid JSON"),
        (b"<rss><channel><title>x</title>", "broken.rss", "feed"),
        (b"WARC/1.0\r\nnonsense", "bad.warc", "WARC"),
        (b"just words, no markup", "page.html", "not HTML"),
    ],
)
def test_bad_inputs_give_one_clear_problem_each(data, name, problem):
    articles, errors = results(data, name)
    assert not articles
    assert len(errors) == 1
    assert errors[0].where.startswith(name.removesuffix(".gz"))
    assert problem in str(errors[0])


def test_oversized_input_is_refused(monkeypatch):
    monkeypatch.setenv("DOSSIER_MAX_FILE_BYTES", "100")
    _, errors = results(BODY.encode() * 3, "big.txt")
    assert "over the 100-byte limit" in errors[0].problem


@pytest.mark.parametrize(
    "name, data, fmt",
    [
        ("x.txt", b"hello there", "text"),
        ("noext", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("noext", b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("noext", b'[{"text": "a"}]', "json"),
        ("feed.xml", b'<?xml version="1.0"?><rss version="2.0"></rss>', "feed"),
        ("x.bin", b"WARC/1.1\r\n", "warc"),
    ],
)
def test_format_detection(name, data, fmt):
    assert detect_format(name, data) == fmt
