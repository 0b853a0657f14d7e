"""What every reader shares: decoding bytes, limits, and making an Article."""

from __future__ import annotations

import codecs
import re
from typing import Any

from dossier import settings
from dossier.errors import BadInput
from dossier.ids import content_id
from dossier.model import Article

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)|<\?xml[^>]+encoding=["']([\w-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def check_size(data: bytes, where: str) -> None:
    limit = settings.get("max_file_bytes")
    if len(data) > limit:
        raise BadInput(where, f"{len(data):,} bytes is over the {limit:,}-byte limit (set DOSSIER_MAX_FILE_BYTES to raise it)")


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (NULs, control bytes)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 100)


def decode(data: bytes, where: str, declared: str | None = None) -> str:
    """Bytes to text: BOM, then UTF-8, then a declared charset; else a clear error."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    charset = declared or _declared_charset(data)
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    if _mostly_utf8(data, utf8_error):
        return data.decode("utf-8", errors="replace")
    raise BadInput(
        where,
        f"undecodable bytes at offset {utf8_error.start} (not UTF-8 and no usable declared charset): "
        "convert the file to UTF-8",
    )


def _declared_charset(data: bytes) -> str | None:
    m = _DECLARED_CHARSET.search(data[:4096])
    if not m:
        return None
    return (m.group(1) or m.group(2)).decode("ascii", "ignore")


def _mostly_utf8(data: bytes, error: UnicodeDecodeError) -> bool:
    """A few stray bytes in a long UTF-8 text (a scraper cut a character) are tolerated."""
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    return bad <= max(2, len(data) // 2000) and error.start > 0


def make_article(
    content: str, source: str, fmt: str, hints: dict[str, Any] | None = None, url: str | None = None
) -> Article:
    """An Article whose id is the hash of its raw content.

    NUL characters are dropped: no reader means them, and PostgreSQL text cannot hold them.
    """
    content = content.replace("\x00", "")
    limit = settings.get("max_article_chars")
    if len(content) > limit:
        raise BadInput(source, f"article of {len(content):,} characters is over the {limit:,} limit")
    if not content.strip():
        raise BadInput(source, "empty: no text to ingest")
    hints = {k: v for k, v in (hints or {}).items() if v not in (None, "", [], {})}
    return Article(
        id=content_id(content.encode("utf-8")),
        source=source,
        url=url or hints.get("url"),
        format=fmt,
        raw=content,
        hints=hints,
    )
