"""The command line: a thin layer that parses input, calls the library and reports."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dossier import __version__, pipeline, settings
from dossier.core import EXPORTS, Dossier, demo_corpus
from dossier.errors import BadInput, DossierError

app = typer.Typer(help="dossier: turn piles of news articles into a sourced picture of events.",
                  no_args_is_help=True, add_completion=False)
out = Console()
err = Console(stderr=True, soft_wrap=True)


class State:
    db: str = settings.get("db")


def _open() -> Dossier:
    return Dossier(State.db)


def friendly(fn: Callable) -> Callable:
    """Errors for people: one line saying what happened and what to do, no traceback."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DossierError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False, markup=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err.print("interrupted: what was stored so far is kept; run the command again to resume")
            raise typer.Exit(130) from None

    return wrapper


def _jsonl(rows) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _want_jsonl(flag: bool) -> bool:
    return flag or not sys.stdout.isatty()


class RichProgress:
    """Pipeline progress as rich bars, one per stage."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.task = None

    def start(self, stage: str, total: int) -> None:
        self.task = self.progress.add_task(stage, total=max(total, 1) if total else 1)
        if not total:
            self.progress.update(self.task, completed=1, description=f"{stage} (up to date)")

    def advance(self, n: int) -> None:
        self.progress.advance(self.task, n)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=False)


def _version(value: bool) -> None:
    if value:
        out.print(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    db: str = typer.Option(settings.get("db"), "--db", help="SQLite file or postgresql:// URL.", envvar="DOSSIER_DB"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    State.db = db


@app.command("ingest")
@friendly
def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursive); '-' reads stdin."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Force a reader: text, html, json, jsonl, warc, feed."),
) -> None:
    """Store articles from files, folders or stdin. Running it twice stores nothing twice."""
    with _open() as d, err.status("reading…") as status:
        report = d.ingest(paths, fmt=fmt, on_error=_print_skip,
                          on_progress=lambda name: status.update(f"reading {name}"))
    err.print(f"read {report.read}, new {report.new}, already stored {report.already_stored}, "
              f"skipped {len(report.errors)}", highlight=False)
    if report.failed:
        raise typer.Exit(1)


def _print_skip(exc: BadInput) -> None:
    err.print(f"skipped {exc.where}: {exc.problem}", highlight=False, markup=False)


@app.command("run")
@friendly
def run_cmd(
    stage: list[str] = typer.Option(None, "--stage", help="Run only these stages (and what they need)."),
    engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or ray (a Ray cluster)."),
    workers: int = typer.Option(0, "--workers", help="Processes (local) or actors (ray); 0: one per core."),
) -> None:
    """Run the pipeline over stored articles; only what is new or outdated is processed."""
    with _open() as d, _progress() as p:
        report = d.run(stage or None, progress=RichProgress(p), engine=engine, workers=workers)
    _report_failures(report)
    if report.failures:
        err.print(f"{len(report.failures)} article(s) failed a stage; they are retried on the next run "
                  "('dossier errors' lists them)", highlight=False)
        raise typer.Exit(1)


@app.command("watch")
@friendly
def watch_cmd(
    sources: list[str] = typer.Argument(..., help="RSS/Atom feed URLs (http:// or https://) and folders or files."),
    every: float = typer.Option(300, "--every", help="Seconds between polls."),
    polls: Optional[int] = typer.Option(None, "--polls", help="Stop after this many polls (default: run until Ctrl-C)."),
    stage: list[str] = typer.Option(None, "--stage", help="Run only these stages (and what they need) on what is new."),
    no_run: bool = typer.Option(False, "--no-run", help="Only ingest; do not run the pipeline."),
) -> None:
    """Poll feeds and folders: store what is new and run the pipeline on it, until stopped."""
    from dossier.watch import Watcher

    with _open() as d:
        watcher = Watcher(d.store, sources, stages=stage or None, run_pipeline=not no_run)
        watcher.run(every, polls=polls, on_poll=_print_poll)


def _print_poll(report) -> None:
    for exc in report.errors:
        _print_skip(exc)
    ran = ", ".join(f"{k} {v}" for k, v in report.processed.items() if v)
    err.print(f"poll {report.number}: new {report.new}, already stored {report.already_stored}, "
              f"problems {len(report.errors)}" + (f"; processed {ran}" if ran else ""), highlight=False)


def _report_failures(report: pipeline.RunReport) -> None:
    for line in report.failures:
        err.print(f"failed {line}", highlight=False, markup=False)


@app.command("articles")
@friendly
def articles_cmd(
    limit: int = typer.Option(50, help="How many."),
    offset: int = typer.Option(0, help="Skip this many."),
    jsonl: bool = typer.Option(False, "--jsonl", help="JSON Lines (the default when piped)."),
) -> None:
    """List stored articles."""
    with _open() as d:
        rows = d.store.list_articles(limit=limit, offset=offset)
    if _want_jsonl(jsonl):
        return _jsonl(rows)
    table = Table("id", "title", "outlet", "published", "lang", "copy of")
    for r in rows:
        table.add_row(r["id"], r["title"] or "", r["outlet"] or "", r["published"] or "", r["language"] or "",
                      r["duplicate_of"] or "")
    out.print(table)


@app.command("show")
@friendly
def show_cmd(
    ids: list[str] = typer.Argument(None, help="Article ids or prefixes; none shows all."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Full records as JSON Lines (the default when piped)."),
    junk: bool = typer.Option(False, "--junk", help="Also show what cleaning removed."),
) -> None:
    """Print articles back: metadata and clean text."""
    with _open() as d:
        articles = [d.article(i) for i in ids] if ids else list(d.articles())
    if _want_jsonl(jsonl):
        return _jsonl(a.model_dump(mode="json", exclude={"raw", "offset_map"}) for a in articles)
    for a in articles:
        _print_article(a, junk)


def _print_article(a, junk: bool) -> None:
    out.rule(f"[bold]{a.id}[/bold]")
    for label, value in (("title", a.title), ("outlet", a.outlet), ("author", a.author),
                         ("published", _published(a)), ("language", a.language), ("source", a.source),
                         ("copy of", a.duplicate_of)):
        if value:
            out.print(f"[dim]{label:>10}[/dim] {value}", highlight=False, markup=True)
    out.print()
    out.print(a.text if a.text is not None else "(not cleaned yet: run 'dossier run')", markup=False, highlight=False)
    if junk and a.junk:
        out.print("\n[dim]removed:[/dim]")
        for j in a.junk:
            out.print(f"  [dim]{j.reason}:[/dim] {j.text}", highlight=False)


def _published(a) -> str | None:
    if not a.published:
        return None
    how = f" ({a.published_how})" if a.published_how else ""
    return f"{a.published}{how}"


@app.command("search")
@friendly
def search_cmd(query: str, limit: int = typer.Option(20), jsonl: bool = typer.Option(False, "--jsonl")) -> None:
    """Full-text search over article titles and text."""
    with _open() as d:
        hits = d.search(query, limit)
    if _want_jsonl(jsonl):
        return _jsonl(hits)
    table = Table("id", "title", "snippet")
    for h in hits:
        table.add_row(h["article_id"], h["title"] or "", h["snippet"] or "")
    out.print(table)
    if not hits:
        err.print(f"no article matches {query!r}")


@app.command("export")
@friendly
def export_cmd(
    kind: str = typer.Argument(..., help=f"What to export: {', '.join(EXPORTS)}."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv, parquet, or gdelt (events only)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default stdout)."),
) -> None:
    """Export stored data."""
    with _open() as d:
        n = d.export(kind, fmt, output)
    err.print(f"exported {n} {kind}" + (f" to {output}" if output else ""), highlight=False)


@app.command("entities")
@friendly
def entities_cmd(
    name: Optional[str] = typer.Option(None, "--name", help="Only entities whose name contains this."),
    limit: int = typer.Option(50),
    jsonl: bool = typer.Option(False, "--jsonl"),
) -> None:
    """List resolved entities, most mentioned first."""
    with _open() as d:
        ents = d.entities(name=name, limit=limit)
    if _want_jsonl(jsonl):
        return _jsonl(e.model_dump(mode="json") for e in ents)
    table = Table("id", "name", "type", "country", "mentions", "articles", "also written")
    for e in ents:
        others = ", ".join(a for a in e.aliases if a != e.name)[:60]
        table.add_row(e.id, e.name, e.type, e.country or "", str(e.mention_count),
                      str(e.attributes.get("articles", "")), others)
    out.print(table)


@app.command("entity")
@friendly
def entity_cmd(name: str = typer.Argument(..., help="Name, alias or id."), jsonl: bool = typer.Option(False, "--jsonl")) -> None:
    """One entity: its names, roles, merges and every mention with its sentence."""
    with _open() as d:
        e = d.entity(name)
        mentions = d.mentions(e.id)
    if _want_jsonl(jsonl):
        return _jsonl([{**e.model_dump(mode="json"), "mentions": [m.model_dump(mode="json") for m in mentions]}])
    out.rule(f"[bold]{e.name}[/bold] ({e.type}{', ' + e.country if e.country else ''})")
    out.print(f"[dim]id[/dim] {e.id}   [dim]also written[/dim] {', '.join(e.aliases)}", highlight=False)
    if e.roles:
        out.print(f"[dim]roles[/dim] {'; '.join(e.roles)}", highlight=False)
    for merge in e.attributes.get("merges", []):
        out.print(f"[dim]merged[/dim] {merge['a']} + {merge['b']} (score {merge['score']}, {merge['reason']})",
                  highlight=False)
    for m in mentions:
        out.print(f"  {m.article_id} [{m.start}:{m.end}] [bold]{m.text}[/bold]: {m.evidence.sentence}",
                  highlight=False)


@app.command("merge")
@friendly
def merge_cmd(a: str, b: str) -> None:
    """Merge two entities; the decision is stored and respected by every later run."""
    with _open() as d:
        e = d.merge_entities(a, b)
    err.print(f"merged into {e.name} ({e.id})", highlight=False)


@app.command("split")
@friendly
def split_cmd(entity: str, forms: list[str] = typer.Argument(..., help="Name forms that are someone else.")) -> None:
    """Split name forms off an entity; the decision is stored and respected by every later run."""
    with _open() as d:
        d.split_entity(entity, forms)
    err.print(f"split {', '.join(forms)} off {entity}", highlight=False)


@app.command("quotes")
@friendly
def quotes_cmd(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Only this speaker (name, alias or entity id)."),
    story: Optional[str] = typer.Option(None, "--story", help="Only statements made in this story (id or prefix)."),
    jsonl: bool = typer.Option(False, "--jsonl"),
) -> None:
    """Who said what: each statement with its renderings, outlets and source chains."""
    with _open() as d:
        found = d.statements(speaker, story=story)
    if _want_jsonl(jsonl):
        return _jsonl({**s.model_dump(mode="json"), "renderings": [q.model_dump(mode="json") for q in qs]}
                      for s, qs in found)
    for s, qs in found:
        who = s.speaker or "unattributed"
        out.print(f"[bold]{who}[/bold]: “{s.text}”  [dim]{len(qs)} rendering(s), "
                  f"{s.independent_sources} independent source(s): {', '.join(s.outlets)}[/dim]", highlight=False)
        for q in qs:
            chain = " -> ".join(link.name for link in q.chain) or "(no chain)"
            out.print(f"    [dim]{q.article_id} {q.kind}, {q.cue or ''}:[/dim] “{q.text}”  [dim]{chain}[/dim]",
                      highlight=False)


@app.command("stories")
@friendly
def stories_cmd(jsonl: bool = typer.Option(False, "--jsonl")) -> None:
    """Stories (articles about the same event), newest first, with article and independent-source counts."""
    with _open() as d:
        stories = d.stories()
    if _want_jsonl(jsonl):
        return _jsonl(s.model_dump(mode="json") for s in stories)
    table = Table("id", "title", "dates", "articles", "independent", "outlets")
    for s in stories:
        dates = f"{s.start or '?'} – {s.end or '?'}" if s.start != s.end else (s.start or "")
        table.add_row(s.id, s.title, dates, str(len(s.article_ids)), str(s.independent_sources),
                      ", ".join(f"{o} ({n})" for o, n in s.outlets.items()))
    out.print(table)


@app.command("events")
@friendly
def events_cmd(
    type: Optional[str] = typer.Option(None, "--type", help="Only this PLOVER type (ASSAULT, AGREE, ...)."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Only events with this actor or target."),
    text: Optional[str] = typer.Option(None, "--text", help="Code this sentence instead of reading the store."),
    jsonl: bool = typer.Option(False, "--jsonl"),
) -> None:
    """Events (who did what to whom, PLOVER-coded), one per action, with report and source counts."""
    if text is not None:
        from dataclasses import asdict

        from dossier.events.sentence import code_text

        return _jsonl(asdict(e) for e in code_text(text))
    with _open() as d:
        events = d.events(type, actor)
    if _want_jsonl(jsonl):
        return _jsonl(e.model_dump(mode="json") for e in events)
    table = Table("date", "type", "actor", "target", "where", "reports", "sources", "flags")
    for e in events:
        flags = " ".join(f for f, on in (("hypothetical", e.hypothetical), ("reported", bool(e.reported_by))) if on)
        table.add_row(e.date or "", e.type, _coded(e.actor, e.actor_country), _coded(e.target, e.target_country),
                      e.location or "", str(e.num_mentions), str(e.num_sources), flags)
    out.print(table)


def _coded(name: str | None, country: str | None) -> str:
    return f"{name} ({country})" if name and country else name or ""


@app.command("story")
@friendly
def story_cmd(story_id: str = typer.Argument(..., help="Story id (or a unique prefix), from 'dossier stories'."),
              jsonl: bool = typer.Option(False, "--jsonl")) -> None:
    """One story: summary, timeline, sources, statements and where the sources disagree."""
    with _open() as d:
        story = d.story(story_id)
        meta = d.store.article_meta()
    if _want_jsonl(jsonl):
        return _jsonl([story.model_dump(mode="json")])
    from dossier.stories.present import print_story

    print_story(out, story, meta)


@app.command("storylines")
@friendly
def storylines_cmd(jsonl: bool = typer.Option(False, "--jsonl")) -> None:
    """Storylines: stories linked over weeks by shared actors and themes."""
    with _open() as d:
        lines = d.storylines()
        titles = {s.id: s.title for s in d.stories()}
    if _want_jsonl(jsonl):
        return _jsonl(line.model_dump(mode="json") for line in lines)
    for line in lines:
        out.print(f"[bold]{line.name}[/bold]  [dim]{line.id} {line.start or '?'} – {line.end or '?'}; "
                  f"actors: {', '.join(line.actors)}[/dim]", highlight=False)
        for sid in line.story_ids:
            out.print(f"    {sid}  {titles.get(sid, '')}", highlight=False)


@app.command("timeline")
@friendly
def timeline_cmd(entity: Optional[str] = typer.Option(None, "--entity", help="Only what concerns this entity."),
                 jsonl: bool = typer.Option(False, "--jsonl")) -> None:
    """Dated events and statements across stories, oldest first."""
    with _open() as d:
        entries = d.timeline(entity)
    if _want_jsonl(jsonl):
        return _jsonl(e.model_dump(mode="json") for e in entries)
    from dossier.stories.present import print_timeline

    print_timeline(out, entries)


@app.command("stages")
@friendly
def stages_cmd() -> None:
    """List the pipeline stages with their versions and how many articles each has processed."""
    with _open() as d:
        done = d.store.stage_keys()
    table = Table("stage", "version", "requires", "scope", "up to date")
    for cls in pipeline.ordered():
        key = pipeline.stage_key(cls)
        table.add_row(cls.name, cls.version, ", ".join(cls.requires), cls.scope, str(done.get(cls.name, {}).get(key, 0)))
    out.print(table)


@app.command("errors")
@friendly
def errors_cmd(limit: int = typer.Option(100)) -> None:
    """Show recorded problems (bad inputs, failed articles), newest first."""
    with _open() as d:
        for e in d.store.errors(limit):
            out.print(f"{e['at']}  {e['source']}: {e['problem']}", highlight=False, markup=False)


@app.command("settings")
def settings_cmd() -> None:
    """List settings with their current values (set them as DOSSIER_<NAME>)."""
    table = Table("setting", "value", "help")
    for s in settings.SETTINGS:
        value = settings.get(s.name)
        table.add_row(f"DOSSIER_{s.name.upper()}", "(set)" if s.name == "api_token" and value else str(value), s.help)
    out.print(table)


@app.command("demo")
@friendly
def demo_cmd() -> None:
    """Ingest the built-in demo corpus (fictional articles), run everything and summarize."""
    with _open() as d:
        with err.status("reading the demo corpus…"):
            report = d.ingest([demo_corpus()])
        with _progress() as p:
            run = d.run(progress=RichProgress(p))
        _report_failures(run)
        summary = d.summary()
    out.print(f"demo: {report.new} new articles in {State.db} ({report.already_stored} already stored)")
    _print_summary(summary)
    out.print(f"browse it: run 'dossier --db {State.db} serve' and open {_ui_url(settings.get('host'), settings.get('port'))}",
              highlight=False, markup=False, soft_wrap=True)


def _ui_url(host: str, port: int) -> str:
    return f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}/"


@app.command("serve")
@friendly
def serve_cmd(
    host: str = typer.Option(settings.get("host"), help="Address to listen on (127.0.0.1 keeps it on this machine)."),
    port: int = typer.Option(settings.get("port"), help="Port to listen on."),
) -> None:
    """Serve the web UI and the REST API (OpenAPI at /api/openapi.json) over the database."""
    import secrets

    import uvicorn

    from dossier.api import create_app

    token = settings.get("api_token")
    if not token:
        token = secrets.token_urlsafe(16)
        err.print(f"token for changing data this session: {token} (set DOSSIER_API_TOKEN to choose one)",
                  highlight=False, markup=False)
    app_ = create_app(State.db, token=token)
    err.print(f"serving {State.db} at {_ui_url(host, port)} (Ctrl+C stops)", highlight=False, markup=False)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def _print_summary(summary: dict[str, Any]) -> None:
    table = Table("what", "count")
    for k, v in summary.items():
        table.add_row(k, str(v))
    out.print(table)


@app.command("info")
@friendly
def info_cmd() -> None:
    """Counts of what the database holds."""
    with _open() as d:
        _print_summary(d.summary())


def run() -> None:
    app()


if __name__ == "__main__":
    run()
