"""The web UI: server-rendered pages (Jinja2, autoescaped) with small vanilla scripts and vendored charts."""
