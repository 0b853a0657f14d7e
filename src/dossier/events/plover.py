"""The PLOVER ontology: its event types, the older CAMEO-era names, and the trigger lexicon.

The lexicon is written from the PLOVER and CAMEO definitions (one entry per kind of
action, never per sentence); PETRARCH2's CAMEO verb dictionary covers the verbs it lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# CAMEO root names used by older PLOVER records, to their two-digit CAMEO codes (read the
# PLOVER type from the CAMEO-to-PLOVER table with ``old_name_map``).
CAMEO_ROOTS = {"APPEAL": "02", "DEMAND": "10", "DISAPPROVE": "11", "INVESTIGATE": "09", "FIGHT": "19",
               "YIELD": "08", "EXHIBIT": "15", "REDUCE": "16", "ENGAGE": "05", "PROVIDE": "07"}
# Types that are cooperation (an intent to do them is AGREE) and conflict (an intent is THREATEN).
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"}
HOSTILE = {"COERCE", "SANCTION", "ASSAULT", "MOBILIZE", "PROTEST"}


def old_name_map(cameo2plover_text: str) -> dict[str, str]:
    """Older type names (DEMAND, FIGHT ...) -> PLOVER types, from the CAMEO-to-PLOVER file's 'NN: TYPE' lines."""
    roots = {}
    for line in cameo2plover_text.splitlines():
        m = re.match(r"^(\d{2}):\s*([A-Z]+)\s*$", line.strip())
        if m:
            roots.setdefault(m.group(1), m.group(2))
    return {name: roots[code] for name, code in CAMEO_ROOTS.items() if code in roots}


@dataclass(frozen=True)
class Trigger:
    pattern: str
    type: str
    mode: str | None = None


WORD = r"\s+[$€£]?[\w'’-]+(?:[,.]\d+)*"  # "2,000" and "$1.5" are one word
W = rf"(?:{WORD}){{0,4}}?"  # up to four words in between
W6 = rf"(?:{WORD}){{0,6}}?"  # up to six
NOT_JOINT = r"(?:(?!\s+(?:joint|together)\b)\s+[\w'’-]+){0,4}?"  # up to four words, none of them 'joint'
EXERCISES = r"(?:exercises|drills|manoeuvres|maneuvers|war ?games|trainings?|patrols)"
HOLD = r"(?:held|hold|holds|holding|conduct\w*|stag(?:e|es|ed|ing)|carr(?:y|ies|ied|ying) out|launch\w*|beg[ia]n)"
AID_GOODS = (r"(?:aid|assistance|help|food|supplies|weapons|arms|ammunition|equipment|intelligence|medicine|vaccines|"
             r"fuel|funds|funding|money|loans?|credits?|grants?|relief|tents|shelter|refuge|troops|peacekeepers|"
             r"systems|missiles|tanks|jets|aircraft|vehicles|shells|drones|bailout|bail-out|debt relief)")
MONEY = r"(?:euros|dollars|pounds|yuan|yen|rubles|francs)"
# "on Monday", "on 3 May": when, not against whom.
DATEISH = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d|january|february|march|april|may|june|july|august|"
           r"september|october|november|december|the (?:eve|day|night|morning|weekend))")
# A strike that is no walkout: "drone strike", "air strike" (lookbehinds: one per word, tried only where a
# strike begins, which the lookahead checks first: at every place they made this the slowest pattern).
NOT_MILITARY = r"(?=\b[gs])" + "".join(rf"(?<!{w} )" for w in ("drone", "air", "missile", "rocket", "military",
                                                               "nuclear", "retaliatory", "pre-emptive", "preemptive")) + r"\b"
# Regular expressions over the lower-cased sentence; the earliest match in the main clause wins,
# the longest where several start at one place.
LEXICON = [
    # AGREE: expressed intent to cooperate (an agreement reached, an offer, a pledge)
    Trigger(r"\bagree(?:s|d|ing)?\b|\b(?:reach|strik|struck|seal|clinch|broker)\w*" + W
            + r" (?:agreement|deal|accord|understanding|compromise|settlement|truce deal)\b", "AGREE"),
    Trigger(r"\b(?:pledg|promis)(?:e|es|ed|ing)\b|\boffer(?:s|ed|ing)? to\b"
            r"|\bcommit(?:s|ted|ting)? (?:itself |themselves )?to\b", "AGREE"),
    Trigger(r"\bopen to (?:dialogue|talks|negotiations?|cooperation|compromise|mediation)\b"
            r"|\benter(?:s|ed|ing)? into" + W + r" (?:agreements?|alliances?|pacts?|accords?|treat(?:y|ies)|deals?|"
            r"partnerships?|unions?)\b", "AGREE"),
    Trigger(r"\bfail(?:s|ed|ing)? to (?:reach|agree|settle)\b|\brul(?:e|es|ed|ing) out\b|\bturn(?:s|ed|ing)? down\b",
            "REJECT"),
    # REJECT (a denial is a rejection)
    Trigger(r"\b(?:reject|refus|declin|den(?:y|ies|ied|ying)|dismiss|veto|repudiat|spurn|rebuff)\w*"
            r"|\b(?:brush|shrug|wave)(?:s|ed|ing)? (?:aside|off)\b", "REJECT"),
    Trigger(r"\bno (?:intention|plans?) (?:of|to)\b|\bwill not\b|\bwon[’']t\b", "REJECT"),
    Trigger(r"\bblock(?:s|ed|ing)?" + W + r" (?:aid|package|deal|resolution|agreement|bill|proposal|plan|accession|"
            r"membership|nomination|sanctions)\b", "REJECT"),
    # REQUEST (a demand, an appeal, an order)
    Trigger(r"\b(?:demand|urg|appeal|request|implor|insist)(?:e|es|ed|ing|s)?\b|\bcall(?:s|ed|ing)? (?:on|for|upon)\b"
            r"|\bplead\w*|\bpled with\b|\bbeg(?:s|ged|ging)?\b",
            "REQUEST"),
    Trigger(r"\b(?:ask(?:s|ed|ing)?|press(?:es|ed|ing)?|seek(?:s|ing)?|sought)" + W + r" (?:to|for)\b", "REQUEST"),
    Trigger(r"\b(?:order(?:s|ed|ing)?|instruct(?:s|ed|ing)?|direct(?:s|ed|ing)?|told|tells?)" + W + r" to\b",
            "REQUEST"),
    Trigger(r"(?<=[\w,’'\"”] )(?:must|should)\b|^\W*please\b", "REQUEST"),
    # ACCUSE (disapprove, allege, investigate)
    Trigger(r"\b(?:accus|criticis|criticiz|condemn|denounc|blam|censur|rebuk|decr(?:y|ie)|slam|lambast|castigat|"
            r"deplor|chastis|reprimand)\w*|\bfault(?:s|ed|ing)\b|\b(?:harsh|strong|sharp|tough|blunt|angry)(?:er)? "
            r"words for\b", "ACCUSE", "disapprove"),
    Trigger(r"\blodg(?:e|es|ed|ing)" + W + r" (?:protest|complaint)s?\b|\bcomplain\w*|\bsummon\w*" + W
            + r" (?:ambassador|envoy|charg[eé] d'affaires|diplomat)s?\b|\balleg(?:e|es|ed|ing) that\b", "ACCUSE",
            "allege"),
    Trigger(r"\b(?:investigat|probe|prob(?:ed|ing)|inquir|inquiry|fact-finding)\w*|\b(?:sen[dt]s?|dispatch\w*)" + W
            + r" (?:inspectors|investigators|experts)\b", "ACCUSE", "investigate"),
    Trigger(r"\b(?:su(?:e|es|ed|ing)|lawsuit|convict\w*|indict\w*)\b|\bcharg(?:e|es|ed|ing)" + W + r" with\b", "ACCUSE",
            "allege"),
    Trigger(r"\bcall(?:s|ed|ing)?\b" + W6 + r" (?:an? )?(?:terrorist|criminal|provocation|aggression|genocide|"
            r"war crimes?|act of)", "ACCUSE", "disapprove"),
    # THREATEN (a threat made, not a danger described: "a threat to peace" is no act)
    Trigger(r"\bthreaten\w*|\b(?:issu\w*|made|mak(?:e|es|ing)|repeat\w*|renew\w*)(?: (?:new|fresh|further|more|"
            r"repeated|veiled|direct|explicit|nuclear|open))? threats?\b|\bwarn(?:s|ed|ing)?\b"
            r"|\bultimatum\b|\bvow(?:s|ed|ing)? (?:revenge|retaliation|reprisals?)\b|\bhint\w* at" + W
            + r" (?:war|attacks?|strikes?|force|retaliation|military action|invasion|sanctions)\b", "THREATEN"),
    # PROTEST
    Trigger(r"\bhunger strike\b", "PROTEST", "hunger"),
    Trigger(r"\b(?:protest|demonstrat|rall(?:y|ies|ied)|march(?:ed|es)\b|riot|sit-in|picket|vigil)\w*"
            r"|\b(?:took|take|takes|taking) to the streets\b", "PROTEST", "demo"),
    Trigger(r"\b(?:went|go|going|goes) on strike\b|\bstopped work\b|\bwalk(?:s|ed|ing)? (?:off the job|out)\b"
            r"|\bdowned tools\b|\bwalkouts?\b|\bboycott\w*|" + NOT_MILITARY + r"(?:general )?strikes?\b"
            r"(?! (?:against|hit|killed)\b)(?! on (?!" + DATEISH + r"))", "PROTEST",
            "boycott"),
    Trigger(r"\bblock(?:ad)?(?:e|es|ed|ing|s)?" + W + r" (?:roads?|streets?|highways?|motorways?|bridges?|access|"
            r"traffic|railways?|rail lines?|entrances?)\b", "PROTEST",
            "obstruct"),
    Trigger(r"\bcollect(?:s|ed|ing)? signatures\b|\bpetition drive\b", "PROTEST", "demo"),
    # MOBILIZE (forces readied, moved or shown)
    Trigger(r"\bmobili[sz]\w*|\b(?:mass|massed|massing|amass\w*|concentrat\w*|assembl\w*)" + W
            + r" (?:troops|forces|soldiers|tanks|units|warships)\b|\b(?:pull|bring|brought|draw|drew)\w*" + W
            + r" (?:troops|forces) together\b|\bon(?:\s+[\w-]+){0,3}? alert\b|\bcall(?:s|ed|ing)? up\b|\bscrambl\w*"
            r"|\b(?:sen[dt]s?|dispatch\w*|mov\w*|rush\w*)" + W + r" (?:troops|soldiers|forces|reinforcements|tanks)"
            + W + r" (?:to|towards?|along) (?:its|their|the) (?:\w+ )?(?:borders?|frontier|region|province)\b"
            r"|\b(?:train|recruit)(?:s|ed|ing)?" + W + r" (?:troops|soldiers|fighters|hackers|militia\w*|recruits)\b",
            "MOBILIZE", "troops"),
    Trigger(r"\bdeploy\w*|\bstation(?:s|ed|ing)\b|\breinforc\w*|\bbuil(?:d|t|ds|ding) up\b", "MOBILIZE", "troops"),
    Trigger(r"\b" + HOLD + NOT_JOINT + r" " + EXERCISES + r"\b", "MOBILIZE", "exercise"),
    # SANCTION
    Trigger(r"\bsanction\w*|\bembargo\w*|\b(?:froze|freez\w*)" + W + r" (?:assets|accounts|funds)\b", "SANCTION"),
    Trigger(r"\b(?:impos|introduc|slap)\w*" + W + r" (?:visa|travel|trade|export|import|economic|financial) "
            r"(?:restrictions|bans?|curbs)\b|\b(?:impos|slap)\w*" + W + r" tariffs\b", "SANCTION"),
    Trigger(r"\bexpel\w*" + W + r" (?:diplomats?|ambassadors?|envoys?|attach[eé]s?)\b|\brecall\w*" + W
            + r" (?:ambassador|envoy)s?\b|\b(?:order|told|tell|ask)\w*" + W + r" (?:ambassador|envoy|diplomats?)" + W
            + r" to leave\b|\bpersona non grata\b", "SANCTION", "expel"),
    Trigger(r"\b(?:cut|cuts|severed?|sever(?:s|ing)|broke off|break off|suspend\w*|halt\w*|freez\w*|froze|cancel\w*|"
            r"call(?:ed)? off)" + W + r" (?:ties|relations|contacts?|dealings|talks|negotiations|aid|assistance|"
            r"funding|visit|meeting|cooperation|trade|imports|exports|flights|deliveries|supplies|shipments|trip)\b",
            "SANCTION", "withdraw"),
    # CONCEDE / RETREAT (yield: verbal vs material)
    Trigger(r"\b(?:lift|eas|relax|cancel|shorten|scrap|revok|end)\w*" + W
            + r" (?:restrictions?|curfew|bans?|state of emergency|martial law|limits|rules|regulations|requirements|"
            r"mandates?|controls|lockdown)\b", "CONCEDE"),
    Trigger(r"\b(?:lift|eas|relax)\w*" + W + r" (?:sanctions|embargo|blockade)\b", "RETREAT", "ease"),
    Trigger(r"\b(?:rescind|revers|repeal|abandon|shelv|scrap|drop)\w*" + W + r" (?:hikes?|increases?|tax|levy|decision|"
            r"decree|law|measures?|order|polic(?:y|ies)|plans?|reforms?|bill)\b", "CONCEDE"),
    Trigger(r"\bconced\w*|\bconcession\w*|\bbow(?:s|ed)? to\b|\bback(?:s|ed)? down\b|\byield(?:s|ed)? to\b", "CONCEDE"),
    Trigger(r"\b(?:releas\w*|free(?:d|s|ing)?\b|hand(?:s|ed|ing)? (?:over|back)\b)|\breturn(?:s|ed|ing)?" + W
            + r" (?:territor(?:y|ies)|villages?|towns?|land|prisoners|hostages|detainees|bodies|remains|boats|vessels|"
            r"ships|property|artefacts|artifacts)\b", "RETREAT",
            "release"),
    Trigger(r"\b(?:withdr[ae]w\w*|pull(?:s|ed|ing)?" + W + r" (?:out|back)\b|retreat\w*)|\bevacuat\w*" + W
            + r" (?:forces|troops|soldiers|garrison|personnel|embassy|diplomats)\b", "RETREAT", "withdraw"),
    Trigger(r"\bsurrender\w*|\blaid down|\blay down|\bdisarm\w*|\bdemobili[sz]\w*|\bresign\w*|\bstep(?:s|ped)? down\b",
            "RETREAT", "disarm"),
    Trigger(r"\b(?:ceasefire|cease-fire|truce)\b", "RETREAT", "ceasefire"),
    Trigger(r"\b(?:receiv|admitt?|allow|accept)\w*" + W + r" (?:observers|inspectors|monitors|peacekeepers|mission)\b",
            "RETREAT", "access"),
    # COERCE
    Trigger(r"\b(?:arrest|detain|detention|jail|imprison|custody|round(?:ed)? up|sentenc)\w*", "COERCE", "arrest"),
    Trigger(r"\b(?:seiz|confiscat|demolish|raz|bulldoz|expropriat)\w*|\bset fire\b|\btorch(?:ed|es)\b", "COERCE",
            "seize"),
    Trigger(r"\b(?:deport|expel)\w*", "COERCE", "deport"),
    Trigger(r"\b(?:impos|declar|extend|introduc)\w*" + W
            + r" (?:curfew|martial law|state of (?:siege|emergency)|ban|blackout|restrictions?|blockade)\b", "COERCE",
            "restrict"),
    Trigger(r"\b(?:ban(?:s|ned|ning)?|censor\w*|outlaw\w*|blockad\w*|shut(?:s)? down|clos(?:e|es|ed|ing)"
            + W + r" (?:borders?|border crossings?))\b", "COERCE", "restrict"),
    Trigger(r"\boccup(?:y|ied|ies|ying)\b", "COERCE", "seize"),
    Trigger(r"\bdissolv\w*" + W + r" (?:part(?:y|ies)|parliament|opposition|unions?|newspapers?|groups?|"
            r"organi[sz]ations?|assembly|council)\b", "COERCE", "ban"),
    # ASSAULT
    Trigger(r"\b(?:kill|attack|bomb|shell(?:s|ed|ing)\b|strafe|ambush|assassinat|massacr|slaughter|behead|"
            r"execut(?:e|ed|es|ing|ions?)\b|abduct|kidnap|hijack|tortur|shot\b|shoot|gunn|stab|wound|injur|clash|"
            r"fought|fight|battl|invad|invasion|offensive|air ?strikes?|airstrikes?|missile|rocket|artillery|mortar|"
            r"sabotag|blast|explosion|blew up|blown up|raid|retak|retook|recaptur|captur|overr[au]n|retaliat|"
            r"pound(?:ed|ing)\b|struck\b)\w*|\bopen(?:s|ed|ing)? fire\b", "ASSAULT"),
    Trigger(r"\bstorm(?:s|ed|ing)?(?= (?:the|a|an|its|their|his|her|into|through)\b)", "ASSAULT"),
    Trigger(r"\b(?:drones?|missiles?|rockets?|shells?|jets|warplanes|aircraft|artillery|bombs?)(?: \w+)? (?:hit|struck|"
            r"pounded|slammed into)\b", "ASSAULT"),
    Trigger(r"\b(?:air )?strikes? (?:on\b(?! " + DATEISH + r")|against\b)|\bairstrikes?\b"
            r"|\bmilitar(?:y|ily) interven\w*|\b(?:drone|missile|rocket|military|retaliatory|pre-?emptive|nuclear) "
            r"strikes?\b", "ASSAULT"),
    Trigger(r"\b(?:tear ?gas|water cannons?|rubber bullets)\b", "ASSAULT", "repress"),  # CAMEO 175 -> ASSAULT
    Trigger(r"\b(?:sexually )?(?:abus|assault|rap(?:e|ed|es|ing)\b|beat(?:en|ing)?\b)\w*", "ASSAULT", "beat"),
    # CONSULT (a meeting held, not one that is only the setting: "at its March meeting")
    Trigger(r"\b(?:met|meet(?:s)?|meeting(?:s)? (?:with|between)|talks|negotiat\w*|mediat\w*|visit\w*|hosted|"
            r"host(?:s|ing)?\b|consult\w*|telephon\w*|phone call|spoke (?:by phone )?(?:with|to)|"
            r"discuss(?:es|ed|ing)?(?! (?:the )?(?:possibility|option|idea|prospect)s? of)|conferr\w*|summit|"
            r"contacts?)\b", "CONSULT"),
    Trigger(r"\b(?:held|hold|holds|holding|had|attend\w*|chair\w*|conven\w*)" + W
            + r" (?:meetings?|talks|summit|consultations|conference)\b", "CONSULT"),
    Trigger(r"\barriv(?:e|es|ed|ing) in\b|\b(?:travel(?:l?ed|l?ing|s)?|flew|fl(?:y|ies|ying)) to\b", "CONSULT",
            "visit"),
    Trigger(r"\breceiv(?:e|es|ed|ing)" + W + r" (?:delegations?|envoys?|counterparts?|ministers?|presidents?|"
            r"leaders?|ambassadors?|visitors?|kings?|lawmakers|secretar(?:y|ies))\b", "CONSULT", "visit"),
    # SUPPORT
    Trigger(r"\b(?:prais|welcom|endors|hail|laud|commend|thank|applaud|congratulat|apologi[sz]|forgiv|"
            r"recogni[sz])\w*|\b(?:solidarity|sympathy|condolences) (?:with|to|for)\b|\bback(?:s|ed|ing)\b"
            r"|\b(?:to|will|would) back\b|\bsupport(?:s|ed|ing)?\b(?! of)", "SUPPORT"),
    Trigger(r"\b(?:establish|restor|resum|normali[sz]|upgrad|strengthen|deepen)\w*" + W
            + r" (?:ties|relations|partnership)\b|\bsign(?:s|ed|ing)?" + W
            + r" (?:agreements?|accords?|treat(?:y|ies)|deals?|memorand\w*|pacts?)\b", "SUPPORT"),
    # COOPERATE
    Trigger(r"\bjoint" + W + r" (?:" + EXERCISES[3:-1] + r"|operations?|investigations?|inquiry|task force|"
            r"statement|venture|project)\b|\b" + HOLD + W + r" joint\b|\btogether with\b" + W + r" " + EXERCISES
            + r"\b", "COOPERATE"),
    Trigger(r"\bjointly\b|\b(?:work|team)\w* together\b|\bjoin(?:s|ed|ing)? forces\b|\bcooperat\w*|\bcoordinat\w*"
            r"|\bco-operat\w*|\bcollaborat\w*|\bshar(?:e|es|ed|ing)" + W
            + r" (?:information|intelligence|evidence|data)\b|\bextradit\w*", "COOPERATE"),
    # AID
    Trigger(r"\b(?:provid|suppl(?:y|ied|ies|ying)|donat|deliver|sen[dt]s?\b|grant|gave|giv(?:e|es|ing)\b|extend|"
            r"approv|airlift|airdrop|ship|disburs|allocat|fl(?:ew|own)\b|truck)\w*" + W + r" (?:\w+ )?" + AID_GOODS
            + r"\b", "AID"),
    Trigger(r"\b(?:provid|rescu)\w*|\baid\b|\basylum\b|\bopen(?:s|ed)?" + W + r" borders?\b|\ballow\w*" + W
            + r" to (?:use|enter|cross|transit|station|deploy)\b|\b(?:disburs|donat|grant|gave|giv(?:e|es|ing)\b|"
            r"sen[dt]s?\b|transferr?|channel|allocat|provid)\w*" + W + r" " + MONEY + r"\b", "AID"),
]
COMPILED = [(re.compile(t.pattern), t) for t in LEXICON]

# Expressed intent or readiness before an action: "will provide" is AGREE, "plans to impose" THREATEN.
INTENT = re.compile(
    r"\b(?:will|would|shall|'ll|is to|are to|(?:plan|plans|planned|planning|intend|intends|intended|ready|prepared|"
    r"willing|readiness|willingness|vow|vows|vowed|decided|expected|aims?|want|wants|wanted|seek|seeks|hope|hopes) to"
    r"|going to)\b"
    r"|\b(?:plan(?:s|ned|ning)?|prepar(?:e|es|ed|ing)|plot(?:s|ted|ting)?)(?: for)?(?: an?| the)?$")
ANNOUNCED = re.compile(r"\b(?:announc|propos|offer|pledg|promis)\w*\b(?:\s+[\w’'-]+){0,3}$")
NEGATION = re.compile(r"\b(?:not|never|no|neither|nor|without)\b|n[’']t\b")
HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|could|might|may|whether|fears?|feared|fearing|possible|possibly|possibility|likely|risk of|"
    r"would|allegedly|rumou?rs?|speculat\w*|prospect of)\b")
# "According to our plan" or "according to the law" credits nobody.
ACCORDING_TO = r"according to\b(?!\s+(?:our|my|(?:the\s+)?(?:plan|schedule|law|constitution|rules|agreement|deal)s?)\b)"
# A leading attribution ("According to local officials, ...").
LEADING_ATTRIBUTION = re.compile(r"^\W*" + ACCORDING_TO + r"\s+([^,]{2,80}?),\s*", re.IGNORECASE)
# A trailing attribution ("..., a Jordanian official confirmed." / "according to ...").
REPORT_VERBS = (r"said|says|say|reported|reports|told|added|confirmed|announced|claimed|charged|protested|complained|"
                r"stated|quoted|insisted|noted|stressed|wrote|tweeted|posted|acknowledged|admitted|explained|alleged")
ATTRIBUTION = re.compile(
    r"(?:,[\"”’']?|[!?][\"”’']|\s[-–—])\s*(?:(?:[\w.'’()-]+\s+){0,8}?(?:(?:" + REPORT_VERBS + r")\b|"
    + ACCORDING_TO + r")(?:\s+[\w.'’()-]+){0,7}|" + ACCORDING_TO + r".*)[.\"”]*\s*$")
