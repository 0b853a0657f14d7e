"""Word lists for attribution: cue verbs and their forms, pronouns, unnamed sources, carriers.

Cue verbs come in three strengths. Speech verbs ("say", "accuse") report a
statement on their own. Mental verbs ("believe", "fear") and evidence verbs
("polls show") report one only when a clause follows. Frame verbs ("laugh",
"continue") only ever frame an adjacent direct quote.
"""

from __future__ import annotations

import re
from functools import lru_cache

SPEECH_VERBS = """
say tell add ask write tweet post note report announce state declare explain claim insist argue contend
maintain assert allege acknowledge admit concede confirm deny reveal disclose warn caution accuse blame charge
criticize criticise praise urge call demand promise pledge vow threaten predict suggest propose recommend recall
respond reply retort answer counter remark comment observe mention stress emphasize emphasise reiterate repeat
indicate hint signal joke quip boast brag complain lament testify estimate conclude describe characterize
characterise dismiss reject question speculate shout yell exclaim proclaim inform assure advise cite recount
disagree dispute rebut decry denounce condemn slam blast attack mock ridicule defend acknowledge applaud
welcome thank congratulate endorse support oppose back tout highlight point complain protest plead beg apologize
apologise concede forecast project order instruct command caution underline underscore reaffirm clarify
affirm relay convey frame label dub brand term speak express decline refuse echo refer
""".split()

MENTAL_VERBS = """
think believe feel fear hope expect know worry doubt suspect assume suppose want wish prefer consider regard
understand realize realise recognize recognise decide intend plan imagine figure reckon guess acknowledge
""".split()

EVIDENCE_VERBS = "show find suggest indicate reveal conclude estimate project".split()

# Verbs that frame an adjacent direct quote but report nothing on their own: "“Never,” he laughed."
FRAME_VERBS = "continue laugh smile sigh muse go begin finish conclude chime interject".split()

IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "written", "writes", "writing"],
    "think": ["thought", "thinks", "thinking"],
    "feel": ["felt", "feels", "feeling"],
    "know": ["knew", "known", "knows", "knowing"],
    "find": ["found", "finds", "finding"],
    "show": ["showed", "shown", "shows", "showing"],
    "understand": ["understood", "understands", "understanding"],
    "forecast": ["forecast", "forecasts", "forecasting"],
    "go": ["went", "goes", "going"],
    "begin": ["began", "begun", "begins", "beginning"],
    "mean": ["meant", "means", "meaning"],
    "speak": ["spoke", "spoken", "speaks", "speaking"],
}
# Verbs that double their last consonant: "admitted", "quipped".
DOUBLING = {"admit", "quip", "plan", "regret", "refer", "prefer", "stop", "commit", "rebut", "chat", "omit", "slam",
            "dub", "beg", "compel", "propel", "control", "patrol", "confer", "infer", "submit", "transmit"}


def _regular_forms(lemma: str) -> list[str]:
    """Base, third person, past and -ing forms of a regular verb."""
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif re.search(r"[^aeiou]y$", lemma):
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma in DOUBLING:
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    elif lemma.endswith("e"):
        past, ing = lemma + "d", (lemma[:-1] if not lemma.endswith(("ee", "ye", "oe")) else lemma) + "ing"
    elif re.search(r"[^aeiou]y$", lemma):
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return [lemma, third, past, ing]


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, str]]:
    """Every inflected form -> (lemma, class); a speech reading wins over a mental or evidence one."""
    table: dict[str, tuple[str, str]] = {}
    for cls, lemmas in (("frame", FRAME_VERBS), ("evidence", EVIDENCE_VERBS), ("mental", MENTAL_VERBS),
                        ("speech", SPEECH_VERBS)):
        for lemma in lemmas:
            for form in [lemma, *IRREGULAR.get(lemma, _regular_forms(lemma))]:
                table[form] = (lemma, cls)
    return table


def cue_lemma(word: str) -> tuple[str, str] | None:
    """(lemma, class) of a cue verb form, class speech|mental|evidence|frame; None for other words."""
    return _forms().get(word.lower())


def is_participle(word: str) -> bool:
    return word.lower().endswith("ing")


# Cue forms that are as often nouns ("a terrorist attack", "in order to", "state media"): a verb
# reading needs a subject that is a pronoun or a name right before it.
NOUN_LIKE = set("""
attack attacks support supports comment comments order orders call calls protest protests charge charges claim
claims report reports post posts back backs answer answers question questions state states note notes point
points signal signals label labels frame frames brand brands term terms project projects plan plans estimate
estimates forecast forecasts fear fears hope hopes doubt doubts wish wishes promise promises threat threats warning
demand demands praise defend blast slam slams counter counters reply replies request requests complaint
concern concerns order want wants need needs guess guesses
""".split())

# Cue forms read as verbs only before "that" or ":" ("officials state that ..."): "state media", "in order to".
STRICT_NOUNS = {"state", "states", "order", "orders", "point", "points", "post", "posts", "frame", "frames",
                "term", "terms", "back", "backs", "project", "projects", "label", "labels", "brand", "brands",
                "counter", "counters", "signal", "signals", "charge", "charges", "attack", "attacks"}

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}

# Words between a speaker and its cue: "Lukashenko has also repeatedly said".
ADVERBS = set("""
also then later again previously repeatedly further recently once still already reportedly allegedly publicly
privately has have had having did does do would will could can may might should must not never n't often
frequently even just now first last long ultimately finally quickly immediately simply flatly bluntly
angrily strongly openly directly explicitly initially subsequently earlier today yesterday tonight personally
himself herself themselves itself separately jointly however meanwhile
""".split())
NOT_ADVERBS = {"family", "italy", "july", "ally", "rally", "early", "daily", "weekly", "monthly", "only", "fly",
               "reply", "apply", "supply", "belly", "bully", "holly", "kelly", "sally", "emily", "lily", "nelly"}

# Heads of speakers that are not named and must not be guessed: "many experts", "reports".
UNNAMED_HEADS = set("""
reports report sources source experts expert analysts analyst officials official observers observer critics
critic diplomats diplomat witnesses witness residents resident people insiders insider aides aide media
commentators commentator economists economist scientists scientist researchers researcher studies study
polls poll surveys survey documents document rumors rumours accounts account others someone somebody everyone
many some several few most all voters supporters opponents activists activist lawmakers legislators protesters
""".split())
QUANTIFIERS = {"many", "some", "several", "few", "most", "all", "other", "others", "a", "an", "one", "two", "three",
               "various", "numerous", "certain", "unnamed", "anonymous", "multiple", "both", "no", "any"}

# Words that name a news organisation when they head a carrier phrase.
OUTLET_WORDS = re.compile(
    r"\b(?:news|agency|agencies|media|newspaper|paper|daily|times|post|journal|gazette|herald|tribune|telegraph|"
    r"guardian|television|tv|radio|broadcaster|channel|network|press|wire|magazine|outlet|website|tass|"
    r"reuters|afp|ap|bloomberg|interfax|xinhua|ria|bbc|cnn|nbc|cbs|abc|fox|npr|politico|axios)\b",
    re.IGNORECASE,
)

# Words after which a capitalised word does not start a name (sentence-initial function words).
FUNCTION_WORDS = set("""
the a an this that these those his her its their our my your in on at for from with by as if when while after
before since although though however meanwhile but and or so yet also still then now what who why how where
which some many most all no not one there here it he she they we i you to of about into over under than
""".split())

# Words that end a speaker noun phrase going leftwards from its cue.
NP_STOP = set("""
and or but nor so yet because although though while whereas if unless when whenever where wherever whether
that which who whom whose what why how as than then in on at for from with by to into onto over under about
after before since during without within against among between through across toward towards upon amid
is are was were be been being am do does did has have had will would shall should can could may might must
not no also said says told
""".split())
