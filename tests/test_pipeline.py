from __future__ import annotations

from collections.abc import Sequence

import pytest

from dossier import pipeline
from dossier.errors import UnknownStage
from dossier.ingest.base import make_article
from dossier.model import Article, Sentence
from dossier.pipeline import ArticleOutput, Stage, register, stage_key

pipeline._load_builtin_stages()  # registered in the real registry, before a fixture swaps it for a copy


@pytest.fixture
def toy_stages(monkeypatch):
    """Two toy stages registered for one test: 'words' and 'shout' (which needs 'words')."""
    monkeypatch.setattr(pipeline, "STAGES", dict(pipeline.STAGES))
    monkeypatch.setattr(pipeline, "DEFAULT_PIPELINE", list(pipeline.DEFAULT_PIPELINE))
    calls: dict[str, list[str]] = {"words": [], "shout": []}

    class Words(Stage):
        name, version = "words", "1"

        def process(self, articles: Sequence[Article]):
            calls["words"] += [a.id for a in articles]
            out = []
            for a in articles:
                if "POISON" in a.raw:
                    raise ValueError("cannot digest this article")
                s = Sentence(article_id=a.id, index=0, start=0, end=len(a.raw), text=a.raw)
                out.append(ArticleOutput(a, [("sentence", s)]))
            return out

    class Shout(Stage):
        name, version, requires, writes_article = "shout", "1", ("words",), True

        def process(self, articles):
            calls["shout"] += [a.id for a in articles]
            return [ArticleOutput(a.model_copy(update={"title": a.raw.upper()[:20]})) for a in articles]

    register(Words, default=False)
    register(Shout, default=False)
    return Words, Shout, calls


def add(store, *bodies):
    arts = [make_article(b, f"{i}.txt", "text") for i, b in enumerate(bodies)]
    store.add_articles(arts)
    return arts


def test_stages_run_in_dependency_order_and_only_on_what_is_stale(store, toy_stages):
    Words, Shout, calls = toy_stages
    a, b = add(store, "first article text", "second article text")
    report = pipeline.run(store, ["shout"])
    assert report.processed == {"words": 2, "shout": 2}
    assert store.get_article(a.id).title == "FIRST ARTICLE TEXT"
    pipeline.run(store, ["shout"])
    assert calls["words"] == [a.id, b.id]  # nothing re-ran
    (c,) = add(store, "third article text")
    pipeline.run(store, ["shout"])
    assert calls["words"][-1] == c.id and len(calls["words"]) == 3


def test_new_stage_version_reruns_that_stage_and_its_dependents_only(store, toy_stages, monkeypatch):
    Words, Shout, calls = toy_stages
    add(store, "first article text")
    pipeline.run(store, ["shout"])
    monkeypatch.setattr(Shout, "version", "2")
    pipeline.run(store, ["shout"])
    assert (len(calls["words"]), len(calls["shout"])) == (1, 2)
    monkeypatch.setattr(Words, "version", "2")
    pipeline.run(store, ["shout"])
    assert (len(calls["words"]), len(calls["shout"])) == (2, 3)
    assert stage_key(Shout) == "shout@2[words@2]"


def test_switching_the_nlp_profile_reruns_the_stages_it_changes(monkeypatch):
    from dossier.nlp.stage import EntitiesStage
    from dossier.pipeline import STAGES

    fast = {name: stage_key(cls) for name, cls in STAGES.items()}
    assert "~" not in fast["entities"]  # the default profile keeps the keys stores already hold
    monkeypatch.setenv("DOSSIER_PROFILE", "accurate")
    accurate = {name: stage_key(cls) for name, cls in STAGES.items()}
    assert stage_key(EntitiesStage).startswith("entities@1~accurate")
    for name in ("entities", "quotes", "statements", "events", "stories"):
        assert accurate[name] != fast[name], name  # re-run: the models changed, or what they read did
    for name in ("clean", "dedupe"):
        assert accurate[name] == fast[name], name


def test_one_bad_article_fails_alone_and_is_retried_next_run(store, toy_stages):
    Words, _, calls = toy_stages
    good, bad = add(store, "a good article", "a POISON article")
    report = pipeline.run(store, ["words"])
    assert len(report.failures) == 1 and bad.id in report.failures[0] and "cannot digest" in report.failures[0]
    assert [s.article_id for s in store.annotations("sentence", Sentence)] == [good.id]
    assert store.stale_article_ids("words", stage_key(Words)) == [bad.id]


def test_outputs_are_replaced_not_duplicated_on_rerun(store, toy_stages, monkeypatch):
    Words, _, _ = toy_stages
    add(store, "an article")
    pipeline.run(store, ["words"])
    monkeypatch.setattr(Words, "version", "9")
    pipeline.run(store, ["words"])
    assert len(store.annotations("sentence", Sentence)) == 1


def test_unknown_stage_and_cycles_are_clear_errors(toy_stages, monkeypatch):
    with pytest.raises(UnknownStage, match="no stage named 'nope'"):
        pipeline.ordered(["nope"])

    class Loop(Stage):
        name, version, requires = "loop", "1", ("loop",)

    register(Loop, default=False)
    with pytest.raises(UnknownStage, match="cycle"):
        pipeline.ordered(["loop"])
