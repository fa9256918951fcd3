"""The patterns of the time-expression tagger: word lists, rules, the tense of a sentence.

Word lists (months, weekdays, number words, units, seasons, parts of day, reference words, holidays)
come from ``data/timex_words.csv``. :func:`patterns` gives the ordered regular-expression rules, in the
style of HeidelTime (Strötgen and Gertz 2013): the first rule that matches at a position wins, longer
expressions before the shorter ones inside them ("15:00 GMT Saturday" before "Saturday").
:func:`sentence_tense` reads the tense of the sentence around an expression (past, present, future),
which decides the direction of a relative date: a participle after "be" ("is due to be published in
May") is no past tense, and "..., he said" after the expression does not date the event.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import read_table
from ..text import word_trie  # noqa: F401  (timex.py takes it from here)

TYPES = ("DATE", "TIME", "DURATION", "SET")
POD_SUFFIXES = frozenset({"TMO", "TAF", "TEV", "TNI"})  # parts of day kept as a value suffix ("Friday night" -> ...TNI)
PAST_MAX_DAYS = 300    # a past-tense date without a year lies at most this far back, else nearest
SENTENCE_WINDOW = 200  # characters searched either side for the tense of a sentence


# --------------------------------------------------------------------------- word lists
@lru_cache(maxsize=1)
def timex_words() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in read_table("timex_words.csv"):
        out.setdefault(row["kind"], {})[row["word"].lower()] = row["value"]
    return out


def _alt(kind: str) -> str:
    words = sorted(timex_words()[kind], key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def number_value(word: str) -> float | None:
    w = word.lower().replace("-", " ").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", w.replace(",", "")):
        return float(w.replace(",", ""))
    nums = timex_words()["number"]
    if w in nums:
        return float(nums[w])
    parts = w.split()
    if len(parts) == 2 and parts[0] in nums and parts[1] in nums:  # twenty five
        return float(nums[parts[0]]) + float(nums[parts[1]])
    return None


def format_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# --------------------------------------------------------------------------- patterns
RULE_START = r"(?<![\w$£€.-])"   # every rule starts where no word character, currency sign, dot or hyphen is before


@lru_cache(maxsize=1)
def patterns() -> list[tuple[str, re.Pattern]]:
    MON = _alt("month")
    WD = _alt("weekday")
    NUM = r"(?:\d+\s+1/2|\d+(?:\.\d+)?|" + _alt("number") + r")(?:[- ](?:" + _alt("number") + r"))?"
    UNIT = _alt("unit")
    SEASON = _alt("season")
    POD = _alt("part_of_day")
    REF = _alt("reference")
    SETW = _alt("set")
    YEAR = r"(?:1[5-9]\d\d|20\d\d)"
    TZ = r"GMT|UTC|IST|KST|JST|EST|EDT|CST|CDT|PST|PDT|MST|MDT|CET|BST"
    DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    MOD = r"(?:(?P<mod>early|earlier|mid|middle|late|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of|beginning\s+of)[-\s]+(?:in\s+)?)?"
    ORD = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[-\s]first|twenty[-\s]second"
    REL = r"(?P<rel>last|next|this|coming|past|previous|following|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+following|the\s+same|that\s+same|same|that)"
    B = RULE_START
    E = r"(?![\w%]|[.,]\d)"
    pats = [
        ("iso_date", B + r"(?P<y>" + YEAR + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + E),
        ("month_day_year", B + MOD + r"(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r"),?\s+(?P<y>" + YEAR + r")" + E),
        ("day_month_year", B + r"(?P<d>" + DAY + r")\s+(?:of\s+)?(?P<mon>" + MON + r")\.?,?\s+(?P<y>" + YEAR + r")" + E),
        ("numeric_date", B + r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)" + E),
        ("month_year", B + MOD + r"(?P<mon>" + MON + r")\.?,?\s+(?:of\s+)?(?P<y>" + YEAR + r")" + E),
        ("weekday_month_day", B + r"(?:" + WD + r"),?\s+(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r")(?:,?\s+(?P<y>" + YEAR + r"))?" + E),
        ("week_of", B + r"the\s+week\s+of\s+(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r")" + E),
        ("time_clock", B + r"(?:(?P<day>today|tonight|yesterday|tomorrow|" + WD + r")\s+(?:at\s+)?)?(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)(?:\s+(?P<tz>(?-i:[A-Z]{2,4}))\b)?(?:\s+(?:on\s+)?(?P<day2>today|tomorrow|yesterday|" + WD + r")\b|,?\s+(?:on\s+)?(?P<mon2>" + MON + r")\.?\s+(?P<d2>" + DAY + r")(?![\d:]))?"),
        ("month_day", B + r"(?:(?P<rel>last|next|this)\s+)?(?P<mon>" + MON + r")\.?\s+(?P<d>" + DAY + r")"
                      r"(?:\s*(?:and|or|to|through|-|–)\s*(?P<d2>" + DAY + r")(?!\s*(?:,\s*)?" + YEAR + r"|\s*(?:[ap]\.?m\b|:\d|%|percent)))?" + E),
        ("day_month", B + r"(?P<d>" + DAY + r")\s+(?:of\s+)?(?P<mon>" + MON + r")" + E),
        ("time_24h", B + r"(?<!:)(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:(?::(?P<sec>[0-5]\d))?\s*(?P<tz>" + TZ + r")\b|(?!:\d))"
                     r"(?:,?\s+(?:on\s+)?(?P<day2>today|tomorrow|yesterday|" + WD + r")\b)?" + E),
        ("time_in_pod", B + r"(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?(?:\s+o'clock)?\s+(?P<pod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)" + E),
        ("time_word", B + r"(?:(?P<day>today|yesterday|tomorrow|" + WD + r")\s+(?:at\s+)?)?(?P<w>noon|midday|midnight)"
                      r"(?:\s+(?:on\s+)?(?P<day2>today|yesterday|tomorrow|" + WD + r")\b)?" + E),
        ("relative_day_pod", B + r"(?P<day>today|yesterday|tomorrow|this|last)\s+(?P<pod>" + POD + r")" + E),
        ("holiday", B + r"(?:(?P<rel>last|next|this)\s+)?(?P<hol>" + _alt("holiday") + r")" + E),
        ("the_weekend", B + r"the\s+weekend" + E),
        ("duration_long", B + r"(?P<n>" + NUM + r"-)?(?P<unit>day|week|month|year|decade|century|hour|minute|days|weeks|months|years|decades|hours)-long" + E),
        ("set_every", B + r"(?P<q>every|each|per|a|an)\s+(?P<n>other\s+)?(?P<unit>day|week|month|year|quarter|hour|minute|night|morning|afternoon|evening|weekend|season|" + SEASON + "|" + WD + "|" + MON + r")"
                      r"(?!\s+(?:ago|earlier|later|before|after|from\s+now)\b)" + E),
        ("weekday", B + r"(?:(?P<rel>last|next|this|past|coming|early|late)\s+)?(?P<wd>" + WD + r")(?:\s+(?P<pod>" + POD + r"))?" + E),
        ("relative_day", B + r"(?P<day>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)" + E),
        # "a year earlier", "two quarters earlier", "the year-ago quarter": a date shifted from the time the
        # story is talking about ("later" is left to the duration rule: TimeML marks "three days later" P3D)
        ("earlier", B + r"(?P<approx>(?:about|some|nearly|almost|around|roughly|just|only)\s+)?(?P<n>" + NUM + r"|a|an)\s+(?P<unit>year|years|quarter|quarters|month|months|week|weeks|day|days)\s+earlier" + E),
        ("year_ago_adj", B + r"(?:the\s+)?(?:comparable\s+)?year-(?:ago|earlier)(?:\s+(?:quarter|period))?" + E),
        ("ago", B + r"(?P<approx>(?:about|some|nearly|almost|around|roughly|more\s+than|less\s+than|over|just|only)\s+)?(?P<n>" + NUM + r"|a|an|a\s+few|several|many|a\s+couple\s+of|half\s+a)\s+(?P<unit>" + UNIT + r")\s+ago" + E),
        ("quarter", B + r"(?:(?:the|its)\s+)?(?:(?P<poss>this|last|next)\s+year's\s+|(?P<y0>" + YEAR + r")\s+)?(?:fiscal[-\s]+)?"
                    r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)(?:[-\s]+quarter|\s+quarter)(?:\s+of\s+(?P<y>" + YEAR + r"))?" + E),
        # "for the year" (the year the story reports on), "the year ended June 30" (a fiscal year: P1Y)
        ("the_year", B + r"the\s+(?:(?P<w>full|fiscal|current(?:\s+fiscal)?)\s+)?year(?![-'\u2019\w])(?!\s+(?:before|after|earlier|later|ago|of\s+the|\d|two|nineteen))"
                     + E),
        # "the quarter", "the latest quarter", "the latest period": the quarter the story reports on
        ("the_quarter", B + r"the\s+(?:(?P<w>latest|current|most\s+recent)\s+)?(?:fiscal\s+)?quarter(?![-\w])|the\s+(?P<wp>latest|most\s+recent)\s+period" + E),
        ("mod_relative_period", B + r"(?P<mod>early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of)[-\s]+(?P<rel>this|last|next)\s+(?P<unit>week|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)" + E),
        ("relative_period", B + REL + r"\s+(?P<unit>day|week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|season)" + E),
        ("relative_n_period", B + r"(?P<rel>the\s+past|past|the\s+last|last|the\s+next|next|the\s+coming|coming|the\s+first|first|the\s+previous|previous)\s+(?P<n>" + NUM + r"|few|several|couple\s+of)\s+(?P<unit>" + UNIT + r")" + E),
        ("fiscal_year", B + r"(?:fiscal|financial)(?:\s+year)?\s+(?P<y>" + YEAR + r"|'\d\d)" + E),
        ("century", B + r"(?:the\s+)?" + MOD.replace("(?:in\\s+)?", "") + r"(?P<c>\d{1,2}(?:st|nd|rd|th)|" + ORD + r")[-\s]+century" + E),
        ("season_year", B + MOD + r"(?P<season>" + SEASON + r")\s+(?:of\s+)?(?P<y>" + YEAR + r")" + E),
        ("decade", B + r"(?:the\s+)?(?P<mod>early|mid|late)?-?\s*(?P<dec>(?:1[5-9]|20)\d0)'?s" + E),
        # "the nineties", "the late sixties" (with "the": "in her forties" is an age)
        ("decade_words", B + r"the\s+(?:(?P<mod>early|mid|late)[-\s]+)?(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)" + E),
        ("year_range", B + r"(?P<y>" + YEAR + r")\s*[-–]\s*(?P<y2>\d{2}|" + YEAR + r")" + E),
        ("mod_year", B + MOD.replace("(?:in\\s+)?", "") + r"(?P<y>" + YEAR + r")" + E),
        ("month", B + MOD + r"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>" + MON + r")" + E),
        ("season", B + MOD + r"(?:(?P<rel>last|next|this|past|coming|the)\s+)?(?P<season>" + SEASON + r")" + E),
        ("set_word", B + r"(?P<w>" + SETW + r")" + E),
        ("duration_hyphen", B + r"(?P<n>" + NUM + r"|half)-(?P<unit>" + UNIT + r")(?!-old)" + E),
        ("duration", B + r"(?P<approx>(?:about|some|nearly|almost|around|roughly|more\s+than|less\s+than|over|at\s+least|up\s+to|only|just)\s+)?(?P<n>" + NUM + r"(?:\s+and\s+a\s+half)?|a|an|a\s+few|few|several|many|a\s+couple\s+of|half\s+a|a\s+half|dozens\s+of|hundreds\s+of)\s+(?:more\s+|straight\s+|consecutive\s+)?(?P<unit>" + UNIT + r")(?!-old)" + E),
        ("duration_plural", B + r"(?:(?:for|in|over|within|after)\s+)(?P<unit>years|decades|months|weeks|days|hours|minutes|centuries)" + E),
        ("duration_vague", B + r"(?P<q>recent|coming)\s+(?P<unit>years|decades|months|weeks|days|hours)" + E),
        ("reference", B + r"(?P<w>" + REF + r")" + E),
        # years said in words, as in broadcast transcripts: "nineteen ninety-six", "the year two thousand"
        ("spoken_year", B + r"(?:(?P<c>nineteen|eighteen)[-\s]+(?P<r>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                        r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)(?![-\w]))?|ten|eleven|twelve|thirteen|fourteen|"
                        r"fifteen|sixteen|seventeen|eighteen|nineteen|oh[-\s](?:one|two|three|four|five|six|seven|eight|nine))"
                        r"|the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<r2>one|two|three|four|five|six|seven|eight|nine|ten))?)"
                        r"(?!-)(?![-\s]+(?:hundred|thousand|million|percent|people|dollars|years|of)\b)" + E),
        ("year", B + r"(?:in\s+|of\s+|since\s+|by\s+|until\s+|from\s+|to\s+|during\s+|before\s+|after\s+)?(?P<y>" + YEAR + r")" + E),
    ]
    return [(name, re.compile(p, re.I)) for name, p in pats]


# past-tense words of the tense cue (irregular verbs; regular ones are found by their -ed)
_PAST_WORDS = ("had did said told announced reported agreed met held ended began started took came went made gave "
               "left won lost sent saw fell rose found became brought bought sold thought paid built spent struck "
               "led felt kept ran wrote spoke chose drew grew knew threw flew broke stood sought taught caught "
               "fought heard drove forgot got ago since").split()
CAP_MONTH_ONLY = re.compile(r"^[A-Z]")
RATE_BEFORE = re.compile(r"(?:\d[\d,.]*\s*(?:%|percent|million|billion|trillion|dollars|cents|yen|euros|pounds|people|times|hours|days)?|once|twice|times)\s+$", re.I)
# (the word boundary first: the alternatives are then tried only at the starts of words)
_FUTURE = re.compile(r"\b(?:will|won't|shall|going\s+to|plans?\s+to|planning\s+to|scheduled\s+(?:to|for)|planned|planning|would|scheduled|as\s+(?:soon|early)\s+as|expected\s+to|due\s+to|supposed\s+to|intends?\s+to|aims?\s+to|hopes?\s+to|set\s+to|is\s+to|are\s+to|upcoming|to\s+be\s+held)\b|'ll\b", re.I)
# a participle after "be", "is", "are" ("is due to be published", "will be held", "is argued") is no past tense
_PAST = re.compile(r"\b(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbeing\s)(?:(?:was|were)(?!\s+(?:going|planning|expected|scheduled|due|set|about)\s+to\b)|" + word_trie(sorted(_PAST_WORDS)) + r"|(?!(?:scheduled|planned|expected)\b)(?-i:[a-z]\w*ed))\b", re.I)
# (and the present of a timetable: "the summit opens Monday", "talks resume on Friday")
# (third-person forms of a schedule; of the plain forms only those that are seldom nouns: "talks resume",
# not "close" or "vote", which follow "the" as nouns: "at the close Friday")
_PRESENT = re.compile(r"\b(?:is|are|am|opens|reopens|begins|starts|ends|closes|resumes|meets|arrives|leaves|returns|"
                      r"visits|travels|expires|hears|convenes|reconvenes|adjourns|departs|testifies|premieres|airs|"
                      r"debuts|hosts|faces|plays|resume|expire|convene|reconvene|arrive|meet|"
                      r"takes?\s+effect|goes\s+on\s+sale|kicks?\s+off|takes?\s+office|goes\s+on\s+trial)\b"
                      r"(?!\s+(?:to|going|expected|due|set|scheduled|planning)\b)", re.I)
# an adjective in -ed after an article or an adverb ("a still unspecified date") is no past tense
_ADJECTIVE_BEFORE = re.compile(r"(?:^|\W)(?:a|an|the|its|still|very|newly)\s$", re.I)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_SENT_SPLIT = re.compile(r"[.!?]['\"`]*\s|\n\n")
# a reporting verb after the expression and a comma or a closing quote ("... on Monday,'' he said") tells
# when it was said, not when the reported event is
_REPORTING = frozenset({"said", "told", "added", "announced", "reported", "says", "explained"})
_COMMA_OR_QUOTE = re.compile(r"[,'\"]")
# ... when the attribution ends the clause ("he said." "officials said in a statement"), not when the verb
# goes on to its object ("In September, it announced plans to ...": the verb's own time)
_ATTRIBUTION_TAIL = re.compile(r"\s*(?:[,;:]|$|(?:\S+\s*){0,3}$|(?:in|on|at|after|during|via|through|to|from)\b)")


def _is_adjective(text: str, c: re.Match) -> bool:
    return c.group().endswith("ed") and _ADJECTIVE_BEFORE.search(text, max(0, c.start() - 7), c.start()) is not None


# a cue after a comma is in another clause: it counts as this many characters further away
CLAUSE_PENALTY = 20


def sentence_tense(text: str, start: int, end: int) -> str:
    """``future``, ``past``, ``present`` or ``none`` (no cue): the tense cue nearest to
    ``text[start:end]`` in its sentence.

    A possessive ("Wednesday's ruling", "May's election") names an event the reader is told about as
    known: past, whatever the tense of the sentence around it ("ways to get around Wednesday's ruling")."""
    if _POSSESSIVE.match(text, end):
        return "past"
    lo = max(0, start - SENTENCE_WINDOW)
    hi = min(len(text), end + SENTENCE_WINDOW)
    left = text[lo:start]
    cuts = list(_SENT_SPLIT.finditer(left))
    if cuts:
        left = left[cuts[-1].end():]
    right = text[end:hi]
    m = _SENT_SPLIT.search(right)
    if m:
        right = right[:m.start()]
    best, best_dist = "none", None
    for tense, pat in (("future", _FUTURE), ("past", _PAST), ("present", _PRESENT)):
        for c in pat.finditer(left):
            if tense == "past" and _is_adjective(left, c):
                continue
            dist = len(left) - c.end()
            if best_dist is None or dist < best_dist:
                best, best_dist = tense, dist
        for c in pat.finditer(right):
            if tense == "past" and _is_adjective(right, c):
                continue
            if (tense == "past" and c.group().lower() in _REPORTING and _COMMA_OR_QUOTE.search(right, 0, c.start())
                    and (c.group().lower() == "told" or _ATTRIBUTION_TAIL.match(right, c.end()))):
                continue
            dist = c.start() + (CLAUSE_PENALTY if "," in right[:c.start()] else 0)
            if best_dist is None or dist < best_dist:
                best, best_dist = tense, dist
            break
    return best
