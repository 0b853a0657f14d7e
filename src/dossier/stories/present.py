"""Stories and timelines printed for people (the CLI's `dossier story` and `dossier timeline`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console

from dossier.model import Story, TimelineEntry


def print_story(out: Console, story: Story, meta: dict[str, dict]) -> None:
    def outlet(aid: str) -> str:
        return meta.get(aid, {}).get("outlet") or "unknown outlet"

    span = f"{story.start or '?'} – {story.end or '?'}" if story.start != story.end else (story.start or "undated")
    out.print(f"[bold]{story.title}[/bold]", highlight=False)
    out.print(f"[dim]{story.id}  {span}  {len(story.article_ids)} article(s), {story.independent_sources} "
              f"independent source(s){'  storyline ' + story.storyline_id if story.storyline_id else ''}[/dim]",
              highlight=False)
    if story.actors:
        out.print(f"[dim]actors: {', '.join(story.actors)}[/dim]", highlight=False)
    out.print("\n[bold]Summary[/bold]")
    for e in story.summary:
        out.print(f"  • {e.text}  [dim]({outlet(e.article_id)}, {e.article_id})[/dim]", highlight=False)
    if story.timeline:
        out.print("\n[bold]Timeline[/bold]")
        print_timeline(out, story.timeline, indent="  ")
    out.print("\n[bold]Sources[/bold]")
    for name, n in story.outlets.items():
        kind = story.outlet_kinds.get(name)
        out.print(f"  {name}{f' ({kind})' if kind else ''}: {n} article(s)", highlight=False)
    for aid in story.article_ids:
        m = meta.get(aid, {})
        out.print(f"    [dim]{aid} {m.get('published') or 'undated'} {outlet(aid)}: {m.get('title') or ''}[/dim]",
                  highlight=False)
    statements = [c for c in story.corroboration or [] if c.kind == "statement"]
    if statements:
        out.print("\n[bold]Statements[/bold] [dim](independent sources carrying each)[/dim]")
        for c in statements[:15]:
            out.print(f"  [{c.independent_sources}] {c.text}  [dim]{', '.join(c.outlets)}[/dim]", highlight=False)
    facts = [c for c in story.corroboration or [] if c.kind == "fact"]
    if facts:
        out.print("\n[bold]Facts[/bold] [dim](independent sources carrying each)[/dim]")
        for c in facts[:15]:
            out.print(f"  [{c.independent_sources}] {c.text}  [dim]{', '.join(c.outlets)}[/dim]", highlight=False)
    out.print("\n[bold]Disagreements[/bold]")
    if not story.contradictions:
        out.print("  none found")
    for x in story.contradictions:
        out.print(f"  [yellow]{x.kind}[/yellow] about {x.about}  [dim]{x.note}[/dim]", highlight=False)
        for c in x.claims:
            out.print(f"    {c.outlet or 'unknown outlet'}: {c.reading} — “{c.evidence.sentence or c.text}”",
                      highlight=False)


def print_timeline(out: Console, entries: Sequence[TimelineEntry], indent: str = "") -> None:
    if not entries:
        out.print(f"{indent}no dated events")
    for e in entries:
        who = f"{e.speaker}: " if e.speaker else ""
        mark = "said" if e.kind == "statement" else "    "
        out.print(f"{indent}{e.date}  {mark} {who}{e.text}  [dim]{e.story_id or ''}[/dim]", highlight=False)
