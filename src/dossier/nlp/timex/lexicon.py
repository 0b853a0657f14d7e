"""Words and regex pieces of the temporal grammar, and the trigger words that wake each rule."""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "dozen": 12,
    "a hundred": 100, "hundred": 100, "a couple of": 2, "couple of": 2, "a couple": 2, "a half": 0.5, "half a": 0.5,
    "half an": 0.5,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "last": -1, "final": -1,
}
# unit word -> (TIMEX3 duration letter, how many of it, is it below a day)
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "weekend": ("D", 2, False),
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
VAGUE_AMOUNTS = r"(?:a\s+few|few|several|some|many|a\s+number\s+of|numerous|dozens\s+of|hundreds\s+of|a\s+couple\s+of)"
FUTURE_WORDS = frozenset(
    "will 'll wo shall would going expected expects expect scheduled schedule plans plan planned planning intends "
    "intend set next upcoming coming tomorrow soon deadline can could may might must should".split()
)
FUTURE_MODALS = frozenset("will 'll wo shall would".split())
PAST_WORDS = frozenset(
    "said was were had did told took gave made met went came began found left held sent got saw wrote spoke "
    "brought became fell rose won lost paid led struck ran stood thought knew kept heard felt sold bought built "
    "drew flew broke chose spent caught fought threw sought taught meant shot fled swore withdrew dealt ago "
    "earlier last yesterday since arrived".split()
)
PASSIVE_AUX = frozenset("be been being is are am get gets getting".split())
NOT_PAST_ED = frozenset("need feed speed red bed hundred united indeed seed breed embed shed proceed exceed".split())

# Each rule runs only near one of its trigger words ("#" = any number), which keeps
# the grammar fast: a rule's regex is tried in a window around each trigger.
_WEEKDAY_WORDS = set(WEEKDAYS) | {d + "s" for d in WEEKDAYS}
_MONTH_WORDS = set(MONTHS)
_UNIT_WORDS = {u for w in UNITS for u in (w, w + "s")} | {"century", "centuries"}
_PART_WORDS = {"morning", "afternoon", "evening", "night", "mornings", "nights", "evenings", "afternoons"}
TRIGGERS: dict[str, set[str]] = {
    "weekday_date": _WEEKDAY_WORDS, "weekday": _WEEKDAY_WORDS, "weekday_plural_set": _WEEKDAY_WORDS,
    "month_day_year": _MONTH_WORDS, "day_month_year": _MONTH_WORDS, "month_day": _MONTH_WORDS,
    "day_month": _MONTH_WORDS, "month_year": _MONTH_WORDS, "month": _MONTH_WORDS,
    "iso_date": {"#"}, "slash_date": {"#"}, "year": {"#"}, "clock_time": {"#"},
    "decade": {"#", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"},
    "century": {"century"},
    "day_word": {"today", "tonight", "yesterday", "tomorrow"},
    "this_part_of_day": _PART_WORDS, "day_anaphora": _PART_WORDS | {"day"},
    "part_of_day_alone": {"midday", "noon", "midnight", "midafternoon", "midmorning", "afternoon", "morning",
                          "overnight"},
    "this_unit": {"week", "weekend", "month", "year", "decade", "quarter"},
    "the_weekend": {"weekend"}, "units_long": {"decades", "years", "months", "weeks", "days", "hours", "centuries", "decade", "year", "month",
                                                    "week", "day", "hour", "century"},
    "units_around_event": {"days", "weeks", "months", "years", "hours"},
    "week_of": {"week"}, "edge_of_relative": {"week", "month", "year", "decade", "century"},
    "ago": {"ago", "earlier", "later", "now", "hence", "before", "after"},
    "quarter": {"quarter", "quarters", "half", "period", "periods"}, "quarter_anaphora": {"quarter", "period"},
    "year_earlier": {"year"}, "this_year": {"year"},
    "season": {"spring", "summer", "fall", "autumn", "winter"},
    "holiday": {"christmas", "boxing", "new", "halloween", "valentine", "independence", "fourth", "veterans",
                "armistice", "thanksgiving", "labor", "memorial", "election", "easter", "good", "martin",
                "presidents", "mother", "father", "may", "bastille"},
    "duration": _UNIT_WORDS, "unit_duration": _UNIT_WORDS, "bare_units": _UNIT_WORDS,
    "set_adverb": {"daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "quarterly", "biweekly",
                   "fortnightly", "semiannually", "bimonthly"},
    "set_every": _UNIT_WORDS | _MONTH_WORDS | _PART_WORDS | {"spring", "summer", "fall", "autumn", "winter",
                                                            "springs", "summers", "winters"},
    "reference": {"now", "currently", "current", "present", "presently", "moment", "nowadays", "days", "recently",
                  "recent", "lately", "past", "formerly", "future", "possible", "someday"},
}
WINDOW = 70  # characters a match may reach before or after its trigger word


MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
APOS = r"['’]"
_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|a\s+dozen|dozen|a\s+hundred|hundred|a\s+couple\s+of|a\s+couple|couple\s+of)"
)
NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_NUMBER_WORD}(?:\s+and\s+a\s+half)?)"
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
APPROX = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|at\s+least"
    r"|at\s+most|over|under|up\s+to|only|just|barely|upwards\s+of|close\s+to|well\s+over|just\s+over|just\s+under)"
)
MOD_EDGE = (r"(?:early|late|mid|earlier|later|the\s+(?:beginning|start|end|middle|first\s+half|second\s+half)\s+of"
             r"|the\s+(?:early|first|opening|last|final|closing|late|latter)\s+(?:months|weeks|days|part)\s+of)")
PART = r"(?:morning|afternoon|evening|night)"
TZ = r"(?:\s*\(?(?:[ECMP][SD]T|GMT|UTC|local\s+time)\)?)"
