"""Phrases of page furniture, grouped by the reason a line is removed.

Whole-line patterns match a line that is nothing but the phrase (bullets and
punctuation around it ignored, any case). Contained patterns match inside a
short line. Lists are generic web boilerplate, not phrases of any one site.
"""

from __future__ import annotations

import re

_NETWORKS = (
    r"(?:facebook|twitter|x|instagram|youtube|tiktok|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|flipboard|"
    r"threads|bluesky|mastodon|google news|vkontakte|vk|tumblr|viber)"
)
# Words of a share bar ("Facebook Twitter LinkedIn Pinterest Share via Email Print").
SHARE_BAR_WORDS = frozenset(
    """facebook twitter x linkedin tumblr pinterest reddit vkontakte vk odnoklassniki pocket skype whatsapp telegram
    viber email e-mail mail print share via messenger copy link flipboard mix tweet pin google news""".split()  # noqa: SIM905
)


def whole_line(*alternatives: str) -> re.Pattern[str]:
    """A pattern matching a line made only of one of the phrases."""
    return re.compile(r"^[\W_]*(?:" + "|".join(alternatives) + r")[\W_]*$", re.IGNORECASE)


def contained(*alternatives: str) -> re.Pattern[str]:
    """A pattern matching one of the phrases anywhere in a line."""
    return re.compile(r"(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


class PhraseTable:
    """Patterns with their reasons, tried as one regular expression: one scan of a line instead of one per pattern."""

    def __init__(self, pairs: tuple[tuple[str, re.Pattern[str]], ...], keywords: tuple[str, ...] = ()):
        self.reasons = [reason for reason, _ in pairs]
        self.regex = re.compile("|".join(f"(?P<p{i}>{p.pattern})" for i, (_, p) in enumerate(pairs)), re.IGNORECASE)
        self.keywords = keywords  # every pattern holds one of these: lines without any are skipped unscanned

    def match(self, line: str) -> str | None:
        """The reason of the first pattern matching at the start of the line."""
        return self._reason(self.regex.match(line))

    def search(self, line: str) -> str | None:
        """The reason of a pattern found anywhere in the line."""
        if self.keywords:
            low = line.lower()
            if not any(k in low for k in self.keywords):
                return None
        return self._reason(self.regex.search(line))

    def _reason(self, m: re.Match[str] | None) -> str | None:
        return self.reasons[int(m.lastgroup[1:])] if m and m.lastgroup else None


# (reason, whole-line pattern): lines that are page furniture wherever they appear.
FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "comment form",
        whole_line(
            r"leave an? (?:reply|comment|response)",
            r"(?:post|add|write|submit) (?:a |your )?comment",
            r"comments?",
            r"\d+ (?:comments?|replies|responses)",
            r"no comments?(?: yet)?",
            r"(?:show|view|hide|load|read) (?:all )?comments",
            r"join the (?:conversation|discussion)",
            r"tell us what you think",
            r"cancel reply",
            r"reply",
            r"please enter (?:your|a) (?:comment|name|e-?mail|valid e-?mail)(?: address)?(?: here)?",
            r"you must be logged in to post a comment",
            r"(?:name|e-?mail|website|comment)\s*\*",
            r"what do you think\??",
            r"have your say",
            r"comments are closed",
            r"recent comments",
            r"you have entered an incorrect e-?mail address",
            r"leave a reply cancel reply",
        ),
    ),
    (
        "share widget",
        whole_line(
            r"share(?: this| the)?(?: post| article| story| page| on)?",
            r"share (?:on|via|to) " + _NETWORKS + r".*",
            r"click to (?:share|email|print) .*",
            r"tweet(?: this)?",
            r"pin(?: it)?",
            r"(?:e-?mail|print)(?: this)?(?: article| page| story)?",
            r"copy(?: the)? link",
            r"link copied",
            _NETWORKS,
            r"like this",
            r"like loading\W*",
            r"save(?: article| story)?",
            r"gift (?:this )?article",
            r"share this(?: article| story)? with .*",
        ),
    ),
    (
        "navigation",
        whole_line(
            r"back to top(?: button)?",
            r"scroll to top",
            r"skip to (?:main )?content",
            r"(?:main )?menu",
            r"search",
            r"home",
            r"close",
            r"toggle navigation",
            r"(?:next|previous|prev) page",
            r"load more",
            r"show more",
            r"see more",
            r"view (?:all|more)",
            r"continue reading",
            r"read (?:the )?full (?:story|article)",
            r"remind me later",
            r"not now",
            r"no,? thanks",
            r"go to (?:homepage|home page)",
            r"top of page",
            r"source link",
            r"privacy policy",
            r"terms (?:of (?:use|service)|and conditions)",
            r"cookie (?:policy|settings)",
            r"listen to (?:this )?article.{0,20}",
            r"\d+\s*min(?:ute)?s?\s*read",
            r"reading time.{0,20}",
            r"about the author",
            r"click here.{0,60}",
            r"(?:accept|reject|manage)(?: all)? cookies",
            r"search for",
            r"archives",
            r"categories",
            r"popular categor(?:y|ies)",
            r"thanks? (?:you )?for reading.{0,40}",
            r"show more",
            r"show less",
        ),
    ),
    (
        "advertisement",
        whole_line(
            r"advertisement",
            r"advertisement\W+(?:scroll|continue|story|article)\b.{0,40}",
            r"advertising",
            r"ad",
            r"sponsored(?: content)?",
            r"paid (?:content|post)",
            r"story continues below(?: this)? (?:ad|advertisement)",
            r"article continues below(?: this)? (?:ad|advertisement)",
            r"continue reading below",
            r"scroll to continue with content",
            r"loading\W*",
        ),
    ),
    (
        "newsletter signup",
        whole_line(
            r"(?:\w+ )?newsletters?(?: sign-?up| signup)?",
            r"subscribe(?: now| today| here| for free)?",
            r"sign up(?: now| today| here)?",
            r"sign in",
            r"log ?in",
            r"register",
            r"create (?:a |an |a free )?account",
            r"(?:already|not) a subscriber\??.*",
            r"subscribe to (?:continue|read) .*",
            r"get (?:our|the) newsletter",
        ),
    ),
    (
        "social follow",
        whole_line(
            r"follow (?:us|me|him|her|them|@?[\w.]+(?: [\w.]+){0,4}) on "
            + _NETWORKS
            + r"(?:\W+(?:and |or )?"
            + _NETWORKS
            + r")*"
            r"(?:\W.{0,60})?",
            r"like us on facebook",
            r"follow us",
            r"connect with us",
        ),
    ),
    (
        "time stamp",
        whole_line(
            r"(?:(?:updated|posted|published)\s*:?\s*)?\d+\s*(?:seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)"
            r"\s+ago",
            r"just now",
        ),
    ),
    (
        "empty field label",
        whole_line(
            r"(?:date|time|author|authors|by|source|sources|tags?|categor(?:y|ies)|filed under|posted(?: on| in| by)?|"
            r"published(?: on| by)?|updated(?: on)?|last updated|keywords?|topics?|photo|image|credit|location|section)",
        ),
    ),
)

# (reason, contained pattern): phrases that make a short line furniture.
CONTAINED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "comment form",
        contained(
            r"your e-?mail address will not be published",
            r"required fields are marked",
            r"save my name, e-?mail",
            r"you must be logged in to (?:post|comment)",
            r"this site uses akismet",
            r"notify me of (?:new|follow-up) (?:posts|comments)",
        ),
    ),
    (
        "newsletter signup",
        contained(
            r"(?:subscribe|sign up|signup|register) (?:to|for) (?:our|the|my) .{0,40}newsletters?",
            r"get (?:the|our) .{0,40}(?:newsletter|delivered) (?:to|in|straight to|right) (?:your|the) inbox",
            r"\b(?:right |straight )?(?:in|to|into) your inbox\b",
            r"never miss (?:a|the latest) (?:story|update|post|article)",
            r"delivered (?:to|through) your (?:inbox|letterbox|door)",
        ),
    ),
    (
        "social follow",
        contained(
            r"^follow (?:us|@\w+) on ",
            r"^join (?:us|our (?:\w+ ){0,2}(?:channel|group|community)) on ",
        ),
    ),
    ("copyright notice", contained(r"all rights reserved", r"^(?:copyright|©)\s*(?:©\s*)?\d{4}")),
    (
        "cookie notice",
        contained(
            r"\bwe use cookies\b",
            r"\bthis (?:web)?site uses cookies\b",
            r"\byou (?:agree|consent) to (?:our|the) use of cookies\b",
        ),
    ),
    (
        "contact line",
        contained(
            r"^(?:have|got) a (?:news )?tip\?",
            r"^(?:send|email|e-mail) (?:us )?(?:your )?(?:news )?tips",
            r"^contact (?:the )?(?:author|reporter|writer|us) (?:at|on|via)",
        ),
    ),
)

FURNITURE_TABLE = PhraseTable(FURNITURE)
CONTAINED_TABLE = PhraseTable(
    CONTAINED,
    keywords=(
        "mail",
        "required fields",
        "save my name",
        "logged in",
        "akismet",
        "notify me",
        "newsletter",
        "inbox",
        "never miss",
        "delivered",
        "follow",
        "join",
        "rights reserved",
        "copyright",
        "©",
        "cookie",
        "tip",
        "contact",
    ),
)

# Lines that start with a label and end with something else: a link to another story, tags, credits.
PREFIXED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "teaser link",
        re.compile(
            r"^[\W_]*(?:read more|read also|also read|more|related(?: post| article| story| content| coverage)?s?|see also|"
            r"recommended|watch|watch now|listen|listen now|don'?t miss|must read|trending|read next|"
            r"up next|next up|more on (?:this|that)|more from [\w .&'’-]{1,40})\s*[:|>»–—-]\s*\S",
            re.IGNORECASE,
        ),
    ),
    (
        "tags",
        re.compile(
            r"^[\W_]*(?:tags?|tagged(?: with)?|filed under|categor(?:y|ies)|topics?|keywords?|read more about)\s*[:|]\s*\S",
            re.IGNORECASE,
        ),
    ),
    (
        "credit line",
        re.compile(
            r"^[\W_]*\(?(?:additional )?(?:reporting|writing|editing|edited|compiled|written|research|translated|translation)"
            r"(?: and \w+)? by\b[^.]{0,200}\.?\)?\.?$",
            re.IGNORECASE,
        ),
    ),
    (
        "image credit",
        re.compile(
            r"^[\W_]*(?:image|photo|photograph|picture|video|graphic)s?\s*(?:copyright|caption|source|credit|courtesy)?\s*"
            r"(?:[:,©]|by\b|copyright\b)\s*\S",
            re.IGNORECASE,
        ),
    ),
)

PREFIXED_TABLE = PhraseTable(PREFIXED)

# A label over a list of tags, one short line each.
TAGS_LABEL = whole_line(r"tags?", r"tagged(?: with)?", r"topics?", r"keywords?", r"categor(?:y|ies)", r"filed under")
# A line disclaiming the outlet's responsibility for the author's views.
DISCLAIMER = contained(
    r"\bviews expressed (?:in this (?:article|piece|column|post) )?are (?:those|the opinions?) of the (?:author|writer)",
    r"\bdo(?:es)? not necessarily reflect the (?:views|opinions?|position|editorial policy) of\b",
)

# Headings that open a block of links or teasers to other stories.
TEASER_HEADING = whole_line(
    r"related(?: articles?| posts?| stories| news| content| coverage| links| reading| topics?)?",
    r"more like this",
    r"more (?:stories|news|articles|posts|videos)(?: (?:from|on|in|like) .{1,40})?",
    r"more from .{1,40}",
    r"more on (?:this|that) (?:story|topic)",
    r"(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy|be interested in)",
    r"you may be interested in",
    r"(?:recommended|suggested)(?: for you| reading| stories| articles| videos)?",
    r"read (?:more|next|also)",
    r"also read",
    r"see also",
    r"(?:most|more) (?:read|popular|viewed|shared|commented|watched)",
    r"popular(?: posts| stories| now| today| articles| news| this week)?",
    r"trending(?: now| stories| topics| news)?",
    r"(?:top|latest|recent|other|more top) (?:stories|news|posts|headlines|articles|videos)",
    r"latest",
    r"don'?t miss",
    r"must read",
    r"editor'?s picks?",
    r"what to read next",
    r"around the web",
    r"from (?:around )?the web",
    r"(?:sponsored|promoted|partner) (?:stories|content|links|articles)",
    r"in other news",
    r"elsewhere on .{1,40}",
    r"up next",
    r"next up",
    r"keep reading",
    r"more to explore",
    r"top picks",
    r"(?:next|previous|prev|older|newer) (?:article|post|story)",
    r"read (?:the )?(?:next|previous) (?:article|story)",
    r"check also",
    r"(?:you )?might also like",
    r"more (?:in|from) (?:this )?(?:section|category|author)",
)
# Form labels of a comment box, only when they follow the article.
FORM_LABEL = whole_line(
    r"name", r"e-?mail(?: address)?", r"website", r"comment", r"message", r"post comment", r"submit", r"Δ"
)

# Headings that open a donation, membership or subscription appeal.
APPEAL_HEADING = whole_line(
    r"a (?:message|note|word) from .{1,60}",
    r"dear (?:reader|readers|friends?|subscribers?)",
    r"(?:please )?support (?:us|our (?:work|journalism|newsroom|reporting)|independent (?:journalism|media|news))",
    r"before you go.{0,40}",
    r"(?:we|i) need your (?:help|support).{0,60}",
    r"(?:donate|contribute)(?: now| today| here)?",
    r"become a (?:member|supporter|patron|subscriber).{0,40}",
    r"make a (?:one-time |monthly )?(?:donation|contribution).{0,40}",
    r"(?:help|support) us (?:keep|stay|continue) .{1,60}",
)
# What the lines under an appeal heading talk about: the reader, the outlet, money.
APPEAL_CUES = re.compile(
    r"\b(?:we|we're|we've|our|us|you|your|you're|support\w*|donat\w*|contribut\w*|journalis\w*|readers?|subscri\w*|"
    r"member\w*|independen\w*|thank|fund\w*|pay\w*|\$\d+|€\d+|£\d+)\b",
    re.IGNORECASE,
)
# A line that asks for money or a subscription wherever it stands.
APPEAL_LINE = contained(
    r"\b(?:please )?(?:consider )?(?:supporting|support) (?:us|our (?:work|journalism|reporting|newsroom)|independent (?:journalism|media))",
    r"\bdonate (?:now|today|to us|here)\b",
    r"\bmake a (?:one-time |monthly )?(?:donation|contribution)\b",
    r"\bbecome a (?:member|supporter|patron|paying subscriber)\b",
    r"\bsubscribe (?:now|today) (?:for|from|to get)\b",
)
