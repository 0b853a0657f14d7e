"""Hypothesis strategies for malformed reader inputs: valid documents of every format, damaged.

Random bytes mostly fail at the first check; damaged real documents (truncated,
bytes flipped or inserted, slices repeated, gzipped, mislabelled) reach deep into
each reader. Used by tests/ingest/test_fuzz.py and bench/fuzz_readers.py.
"""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dossier.errors import BadInput
from dossier.model import Article

BODY = "Ferry crews in Lindavik stopped work on Tuesday, the union said. “We stay out,” said Ada Moreno."
PAGE = (f"<!doctype html><html><head><meta charset='utf-8'><title>Ferry strike</title></head>"
        f"<body><article><h1>Ferry strike</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>")
RSS = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Lake Post</title>"
       f"<item><title>Strike</title><link>https://example.org/1</link><description>{BODY}</description></item>"
       f"<item><title>Ferries</title><link>https://example.org/2</link><description><![CDATA[<p>{BODY}</p>]]>"
       f"</description></item></channel></rss>")
ATOM = (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Lake Post</title>"
        f"<entry><title>Strike</title><link href='https://example.org/3'/><content type='html'>&lt;p&gt;{BODY}"
        f"&lt;/p&gt;</content><updated>2024-03-05T10:00:00Z</updated></entry></feed>")
JSON_DOC = json.dumps({"articles": [{"text": BODY, "title": "Strike", "date": "2024-03-05"}, {"html": PAGE}]})
JSONL = "\n".join(json.dumps({"text": f"{BODY} ({i})", "url": f"https://example.org/{i}"}) for i in range(3))


def _warc() -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(2):
        payload = PAGE.encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/p{i}", "response",
                                                      payload=io.BytesIO(payload), http_headers=headers))
    return buf.getvalue()


VALID = {
    "a.txt": BODY.encode(), "a.html": PAGE.encode(), "a.rss": RSS.encode(), "a.atom": ATOM.encode(),
    "a.json": JSON_DOC.encode(), "a.jsonl": JSONL.encode(), "a.warc": _warc(),
    "latin.html": PAGE.replace("utf-8", "windows-1252").replace("“", '"').replace("”", '"').encode("cp1252"),
    "utf16.txt": BODY.encode("utf-16"),
}
NAMES = [*VALID, "noext", "a.xml", "a.gz", "a.txt.gz", "a.ndjson"]


@st.composite
def _damaged(draw, data: bytes) -> bytes:
    """Apply one to four damages: cut, flip, insert, repeat, drop, gzip."""
    for _ in range(draw(st.integers(1, 4))):
        n = len(data)
        at = draw(st.integers(0, max(n - 1, 0)))
        kind = draw(st.sampled_from(["cut", "flip", "insert", "repeat", "drop", "gzip", "cutgzip"]))
        if kind == "cut":
            data = data[:at]
        elif kind == "flip" and n:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=12) | st.sampled_from(
                [b"<", b"]]>", b"\x00", b'"', b"{", b"\r\n\r\n", b"\xff\xfe", b"&#0;", b"<![CDATA["])) + data[at:]
        elif kind == "repeat":
            end = draw(st.integers(at, n))
            data = data[:end] + data[at:end] * draw(st.integers(1, 5)) + data[end:]
        elif kind == "drop":
            data = data[:at] + data[draw(st.integers(at, n)):]
        elif kind == "gzip":
            data = gzip.compress(data)
        else:
            data = gzip.compress(data)[: max(at, 2)]
    return data


def malformed_input():
    """(bytes, file name) pairs: damaged valid documents, under right or wrong names, or noise."""
    damaged = st.sampled_from(sorted(VALID)).flatmap(
        lambda name: st.tuples(_damaged(VALID[name]), st.sampled_from([name, name, *NAMES])))
    noise = st.tuples(st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.sampled_from(NAMES))
    return st.one_of(damaged, damaged, damaged, noise)


def check_reader_result(items: list) -> None:
    """Every item is an Article with text or a BadInput saying where and what, in one line."""
    for item in items:
        assert isinstance(item, (Article, BadInput)), type(item)
        if isinstance(item, BadInput):
            assert item.where and item.problem and "\n" not in item.problem, item
        else:
            assert item.raw.strip() and "\x00" not in item.raw and item.id
