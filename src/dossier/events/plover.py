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


W = r"(?:\s+[\w'’-]+(?:,\d+)*){0,4}?"  # up to four words in between ("2,000" is one)
# Regular expressions over the lower-cased sentence; the earliest match in the main clause wins.
LEXICON = [
    # AGREE: expressed intent to cooperate
    Trigger(r"\bagree(?:s|d|ing)?\b|\breached" + W + r" (?:agreement|deal|accord)\b", "AGREE"),
    Trigger(r"\b(?:pledg|promis)(?:e|es|ed|ing)\b|\boffer(?:s|ed|ing)? to\b", "AGREE"),
    Trigger(r"\bfail(?:s|ed|ing)? to (?:reach|agree|settle)\b|\brul(?:e|es|ed|ing) out\b|\bturn(?:s|ed|ing)? down\b",
            "REJECT"),
    # REJECT (a denial is a rejection)
    Trigger(r"\b(?:reject|refus|declin|den(?:y|ies|ied|ying)|dismiss|veto|repudiat|spurn)\w*", "REJECT"),
    Trigger(r"\bno (?:intention|plans?) (?:of|to)\b|\bwill not\b|\bwon[’']t\b", "REJECT"),
    Trigger(r"\bblock(?:s|ed|ing)?" + W + r" (?:aid|package|deal|resolution|agreement|bill|proposal|plan|accession|"
            r"membership|nomination|sanctions)\b", "REJECT"),
    # REQUEST
    Trigger(r"\b(?:demand|urg|appeal|request|implor|insist)(?:e|es|ed|ing|s)?\b|\bcall(?:s|ed|ing)? (?:on|for|upon)\b",
            "REQUEST"),
    Trigger(r"\b(?:ask(?:s|ed|ing)?|press(?:es|ed|ing)?|seek(?:s|ing)?|sought)" + W + r" (?:to|for)\b", "REQUEST"),
    Trigger(r"\b(?:must|should)\b|^\W*please\b", "REQUEST"),
    # ACCUSE (disapprove, investigate)
    Trigger(r"\b(?:accus|criticis|criticiz|condemn|denounc|blam|censur|rebuk|decr(?:y|ie)|slam)\w*", "ACCUSE",
            "disapprove"),
    Trigger(r"\blodg(?:e|es|ed|ing)" + W + r" (?:protest|complaint)s?\b|\bcomplain\w*|\bsummon\w*" + W
            + r" (?:ambassador|envoy|charg[eé] d'affaires|diplomat)s?\b", "ACCUSE", "allege"),
    Trigger(r"\b(?:investigat|probe|prob(?:ed|ing)|inquir|inquiry)\w*|\binspectors?\b", "ACCUSE", "investigate"),
    Trigger(r"\b(?:su(?:e|es|ed|ing)|lawsuit|convict\w*|indict\w*)\b", "ACCUSE", "allege"),
    Trigger(r"\bcall(?:s|ed|ing)?\b" + W + r" (?:an? )?(?:terrorist|criminal|provocation|aggression|genocide|war crimes?|"
            r"act of)", "ACCUSE", "disapprove"),
    # THREATEN
    Trigger(r"\bthreat\w*|\bwarn(?:s|ed|ing)?\b|\bultimatum\b", "THREATEN"),
    # PROTEST
    Trigger(r"\bhunger strike\b", "PROTEST", "hunger"),
    Trigger(r"\b(?:protest|demonstrat|rall(?:y|ies|ied)|march(?:ed|es)\b|riot|sit-in|picket)\w*", "PROTEST", "demo"),
    Trigger(r"\b(?:went|go|going|goes) on strike\b|\bstopped work\b|\bwalkout\b|\b(?:general )?strikes?\b(?<!air strike)"
            r"|\bboycott\w*", "PROTEST", "boycott"),
    Trigger(r"\bblock(?:s|ed|ing)?" + W + r" (?:roads?|streets?|highways?|bridges?|access|traffic)\b", "PROTEST",
            "obstruct"),
    Trigger(r"\bcollect(?:s|ed|ing)? signatures\b|\bpetition drive\b", "PROTEST", "demo"),
    # MOBILIZE
    Trigger(r"\bmobili[sz]\w*|\b(?:mass|massed|massing) (?:troops|forces)\b|\bon (?:high )?alert\b"
            r"|\b(?:train|recruit)(?:s|ed|ing)?" + W + r" (?:troops|soldiers|fighters|hackers|militia\w*|recruits)\b",
            "MOBILIZE", "troops"),
    Trigger(r"\bdeploy\w*|\bstation(?:s|ed|ing)\b|\breinforc\w*|\bbuil(?:d|t|ds|ding) up\b", "MOBILIZE", "troops"),
    # SANCTION
    Trigger(r"\bsanction\w*|\bembargo\w*|\b(?:froze|freez\w*)" + W + r" (?:assets|accounts|funds)\b", "SANCTION"),
    Trigger(r"\bexpel\w*" + W + r" (?:diplomats?|ambassadors?|envoys?|attach[eé]s?)\b|\brecall\w*" + W
            + r" (?:ambassador|envoy)s?\b", "SANCTION", "expel"),
    Trigger(r"\b(?:cut|cuts|severed?|sever(?:s|ing)|broke off|break off|suspend\w*|halt\w*|freez\w*|froze|cancel\w*|"
            r"call(?:ed)? off)" + W + r" (?:ties|relations|talks|negotiations|aid|assistance|visit|meeting|"
            r"cooperation|trip)\b", "SANCTION", "withdraw"),
    # CONCEDE / RETREAT (yield: verbal vs material)
    Trigger(r"\b(?:lift|eas|relax|cancel|shorten|scrap|revok|end)\w*" + W
            + r" (?:restrictions?|curfew|bans?|state of emergency|martial law|limits)\b", "CONCEDE"),
    Trigger(r"\b(?:lift|eas|relax)\w*" + W + r" (?:sanctions|embargo|blockade)\b", "RETREAT", "ease"),
    Trigger(r"\bconced\w*|\bconcession\w*|\bbow(?:s|ed)? to\b|\bback(?:s|ed)? down\b|\byield(?:s|ed)? to\b", "CONCEDE"),
    Trigger(r"\b(?:releas|free(?:d|s|ing)?\b|hand(?:s|ed)? over)\w*", "RETREAT", "release"),
    Trigger(r"\b(?:withdr[ae]w\w*|pull(?:s|ed|ing)? out|pull(?:s|ed|ing)? back|retreat\w*)", "RETREAT", "withdraw"),
    Trigger(r"\bsurrender\w*|\blaid down|\blay down|\bdisarm\w*|\bdemobili[sz]\w*|\bresign\w*|\bstep(?:s|ped)? down\b",
            "RETREAT", "disarm"),
    Trigger(r"\b(?:ceasefire|cease-fire|truce)\b", "RETREAT", "ceasefire"),
    Trigger(r"\b(?:receiv|admitt?|allow|accept)\w*" + W + r" (?:observers|inspectors|monitors|peacekeepers|mission)\b",
            "RETREAT", "access"),
    # COERCE
    Trigger(r"\b(?:arrest|detain|detention|jail|imprison|custody|round(?:ed)? up)\w*", "COERCE", "arrest"),
    Trigger(r"\b(?:seiz|confiscat|demolish|raz|bulldoz|expropriat)\w*|\bset fire\b|\btorch(?:ed|es)\b", "COERCE",
            "seize"),
    Trigger(r"\b(?:deport|expel)\w*", "COERCE", "deport"),
    Trigger(r"\b(?:impos|declar|extend|introduc)\w*" + W
            + r" (?:curfew|martial law|state of (?:siege|emergency)|ban|blackout|restrictions?|blockade)\b", "COERCE",
            "restrict"),
    Trigger(r"\b(?:ban(?:s|ned|ning)?|censor\w*|outlaw\w*|blockad\w*|shut(?:s)? down|clos(?:e|es|ed|ing)"
            + W + r" (?:borders?|border crossings?))\b", "COERCE", "restrict"),
    Trigger(r"\boccup(?:y|ied|ies|ying)\b", "COERCE", "seize"),
    # ASSAULT
    Trigger(r"\b(?:kill|attack|bomb|shell(?:s|ed|ing)\b|strafe|ambush|assassinat|massacr|slaughter|execut(?:e|ed|es|ing|ions?)\b|behead|"
            r"abduct|kidnap|hijack|tortur|shot\b|shoot|gunn|stab|wound|injur|clash|fought|fight|battl|invad|invasion|"
            r"offensive|air ?strikes?|airstrikes?|missile|rocket|artillery|mortar|sabotag|blast|explosion|blew up|"
            r"blown up|raid|storm(?:ed|s)\b|retak|retook|recaptur|captur|overr[au]n)\w*", "ASSAULT"),
    Trigger(r"\b(?:air )?strikes? (?:on|against)\b|\bairstrikes?\b", "ASSAULT"),
    Trigger(r"\b(?:sexually )?(?:abus|assault|rap(?:e|ed|es|ing)\b|beat(?:en|ing)?\b)\w*", "ASSAULT", "beat"),
    # CONSULT
    Trigger(r"\b(?:met|meet(?:s|ing|ings)?|talks|negotiat\w*|mediat\w*|visit\w*|hosted|host(?:s|ing)?\b|consult\w*|"
            r"telephon\w*|phone call|spoke (?:by phone )?(?:with|to)|discuss\w*|conferr\w*|summit)\b", "CONSULT"),
    Trigger(r"\barriv(?:e|es|ed|ing) in\b", "CONSULT", "visit"),
    # SUPPORT
    Trigger(r"\b(?:prais|welcom|endors|hail|laud|commend|thank|applaud|congratulat|apologi[sz]|forgiv|"
            r"recogni[sz])\w*|\bback(?:s|ed|ing)?\b|\bsupport(?:s|ed|ing)?\b(?! of)", "SUPPORT"),
    Trigger(r"\b(?:establish|restor|resum|normali[sz])\w*" + W + r" (?:ties|relations)\b|\bsign(?:s|ed|ing)?" + W
            + r" (?:agreements?|accords?|treat(?:y|ies)|deals?|memorand\w*|pacts?)\b", "SUPPORT"),
    # COOPERATE
    Trigger(r"\bjoint\b|\bcooperat\w*|\bcoordinat\w*|\bco-operat\w*|\bcollaborat\w*|\bshar(?:e|es|ed|ing)" + W
            + r" (?:information|intelligence|evidence|data)\b|\bextradit\w*", "COOPERATE"),
    # AID
    Trigger(r"\b(?:provid|suppl(?:y|ied|ies|ying)|donat|deliver|sen[dt]s?\b)\w*" + W
            + r" (?:aid|assistance|help|food|supplies|weapons|arms|equipment|intelligence|photographs|medicine|"
            r"funds|money|loans?|relief|troops|tons)\b|\b(?:provid|rescu)\w*|\baid\b|\basylum\b|\bopen(?:s|ed)?" + W
            + r" borders?\b|\ballow\w*" + W + r" to (?:use|enter|cross|transit|station|deploy)\b", "AID"),
]
COMPILED = [(re.compile(t.pattern), t) for t in LEXICON]

# Expressed intent or readiness before an action: "will provide" is AGREE, "plans to impose" THREATEN.
INTENT = re.compile(
    r"\b(?:will|would|shall|'ll|is to|are to|(?:plan|plans|planned|planning|intend|intends|intended|ready|prepared|"
    r"willing|vow|vows|vowed|decided|expected|aims?|want|wants|wanted|seek|seeks|hope|hopes) to|going to)\b")
ANNOUNCED = re.compile(r"\b(?:announc|propos|offer|pledg|promis)\w*\b(?:\s+[\w’'-]+){0,3}$")
NEGATION = re.compile(r"\b(?:not|never|no|neither|nor|without)\b|n[’']t\b")
HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|could|might|may|whether|fears?|feared|fearing|possible|possibly|possibility|likely|risk of|"
    r"would|allegedly|rumou?rs?|speculat\w*|prospect of)\b")
# A trailing attribution ("..., a Jordanian official confirmed." / "according to ...").
ATTRIBUTION = re.compile(
    r"(?:,|\s[-–—])\s*(?:(?:[\w.'’()-]+\s+){0,8}?(?:said|says|say|reported|reports|told|added|confirmed|announced|"
    r"claimed|charged|protested|complained|stated|quoted|according to)\b(?:\s+[\w.'’()-]+){0,7}|according to\b.*)"
    r"[.\"”]*\s*$")
