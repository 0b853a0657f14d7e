"""WARC archives: every HTML response record is one article."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dossier.errors import BadInput
from dossier.ingest.base import looks_binary
from dossier.ingest.html import read_html
from dossier.model import Article


# warcio meets damaged headers with whatever error the parsing line raises.
_WARCIO_FAILURES = (ArchiveLoadFailed, ValueError, EOFError, OSError, AttributeError, TypeError, KeyError, IndexError)


def read_warc(data: bytes, source: str) -> Iterator[Article | BadInput]:
    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            where = f"{source}#{url}"
            body = record.content_stream().read()
            found += 1
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield BadInput(where, "record is truncated (the archive ends inside it)")
                continue
            if not body.strip() or looks_binary(body):
                yield BadInput(where, "empty or binary HTTP body")
                continue
            hints = {"fetched": record.rec_headers.get_header("WARC-Date"), "url": url}
            try:
                yield from read_html(body, where, url=url, hints=hints)
            except BadInput as exc:
                yield exc
    except _WARCIO_FAILURES as exc:
        detail = " ".join(str(exc).split())[:160]  # warcio quotes the bad line, newlines and all
        yield BadInput(source, f"broken WARC archive ({detail}); records before the damage were read")
        return
    if not found:
        yield BadInput(source, "WARC archive holds no HTML response records")
