"""Pull structured facts out of one bulletin article: dates, unions, meetings, people, money.

Precision matters more than recall here: the facts pre-fill forms that a person checks,
and a wrong suggestion costs more than a missing one.  Every pattern is therefore
anchored on something unambiguous (a keyword such as 届/次/当选/元, a known place name,
a surname) and anything that does not fit is left alone.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .parser import SURNAMES

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_CN_DIGITS = dict(zip("〇零一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_NUM = "〇零一二两三四五六七八九十百"
_APPROX_PREFIXES = ("约", "近", "超过", "超", "逾", "大约")


@dataclass(frozen=True)
class Fact:
    kind: str  # date | org | meeting | person | election | money | count
    text: str  # the matched span, ``article_text[start:end]``
    value: dict[str, Any] = field(hash=False)
    start: int
    end: int


def extract_facts(article_text: str, *, org_names: Iterable[str] = (), year: int | None = None) -> list[Fact]:
    """All facts found in ``article_text``, ordered by position."""
    names = tuple(dict.fromkeys(n for n in org_names if n))
    orgs = _orgs(article_text, names)
    people = list(_people(article_text))
    facts = [
        *_dates(article_text, year),
        *orgs,
        *_meetings(article_text, orgs),
        *people,
        *_elections(article_text, people),
        *_money(article_text),
        *_counts(article_text),
    ]
    return sorted(facts, key=lambda f: (f.start, f.end, f.kind))


def cn_int(text: str) -> int:
    """``"十二"`` → 12, ``"二十三"`` → 23, ``"37"`` → 37 (numbers below 1000)."""
    if text.isascii() and text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        elif char == "百":
            total += (digit or 1) * 100
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit


def _fact(kind: str, text: str, match: re.Match[str], value: dict[str, Any]) -> Fact:
    start, end = match.span()
    return Fact(kind, text[start:end], value, start, end)


# --- dates ----------------------------------------------------------------------------

_DATE = re.compile(
    r"(?<![0-9])(?:(?P<y>[0-9]{4})年)?(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})日)?"
    r"(?:(?:至|到|—|-|～)(?:(?P<m2>[0-9]{1,2})月)?(?P<d2>[0-9]{1,2})日)?"
)
# 三月份, 三月初: a bare 一月 is too often a slogan (一月一主题), so a suffix is required.
_CN_MONTH = re.compile(
    r"(?<![一二三四五六七八九十个几第])(?P<m>十[一二]|[一二三四五六七八九十])月(?=份|初|上旬|中旬|下旬|底|末)份?"
)


def _dates(text: str, year: int | None) -> Iterator[Fact]:
    for match in _DATE.finditer(text):
        y = int(match["y"]) if match["y"] else year
        month, day = int(match["m"]), _opt_int(match["d"])
        end_month = _opt_int(match["m2"]) or month
        end_day = _opt_int(match["d2"])
        if not (_valid(y, month, day) and _valid(y, end_month, end_day)):
            continue
        value = _date_value(y, month, day)
        if end_day is not None and day is not None:
            value |= {"end_month": end_month, "end_day": end_day, "iso_end": _iso(y, end_month, end_day)}
        yield _fact("date", text, match, value)
    for match in _CN_MONTH.finditer(text):
        yield _fact("date", text, match, _date_value(year, cn_int(match["m"]), None))


def _opt_int(value: str | None) -> int | None:
    return int(value) if value else None


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    # Without a year allow 29 February: it might be a leap year.
    return day is None or 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _date_value(year: int | None, month: int, day: int | None) -> dict[str, Any]:
    return {"year": year, "month": month, "day": day, "iso": _iso(year, month, day)}


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


# --- organisations --------------------------------------------------------------------

_CITIES = (
    "广州|深圳|珠海|汕头|佛山|韶关|河源|梅州|惠州|汕尾|东莞|中山|江门|阳江|湛江|茂名|肇庆|清远|潮州|揭阳|云浮"
)
# A district/county/town name is only trusted right after a city or a non-Han boundary,
# otherwise "工业园区工会" would yield "业园区工会"; zone words are not places.
_DISTRICT = (
    rf"(?:(?<=市)|(?<![{_HAN}]))(?![各全该本每两])(?!功能|园区|社区|辖区|城区|市区|片区|街区|厂区|校区|工业)"
    rf"[{_HAN}]{{2}}(?:区|县|镇)"
)
_SUB_PLACE = rf"(?:[{_HAN}]{{2}}(?:区|县|市|镇))"
_PLACE = rf"(?:(?:广东省?)?(?:{_CITIES})市?{_SUB_PLACE}{{0,2}}|{_DISTRICT})"
# In 东莞市工会工作 / 工会经费 the word 工会 is an attribute, not an organisation.
_NOT_ORG_AFTER = r"(?!工作|经费|组织|干部|会员|建设|系统)"
_ORG = re.compile(
    "|".join(
        (
            r"(?:中华)?全国总工会|全总",
            r"(?:广东)?省总工会|(?<!全)省总(?![体结量数计])",
            rf"{_PLACE}总工会",
            rf"{_PLACE}工会{_NOT_ORG_AFTER}",
            # a workers' union of a town: 博铺镇外来工工会
            rf"{_PLACE}(?<=镇)[{_HAN}]{{1,4}}?工会{_NOT_ORG_AFTER}",
            # provincial and national industry unions: 省财贸工会, 全国财贸工会
            rf"(?:(?<!全)省|全国)(?:(?![总各级全和与及的在等])[{_HAN}]){{2,4}}?工会",
            rf"(?<![{_HAN}])[{_HAN}]{{2,8}}?(?:集团|公司)(?:公司)?工会",
            # the bulletin's own 市总工会, but not the tail of an unknown 上海市总工会
            rf"(?:(?<![{_HAN}])|(?<=[开由和及与对向为把在到了是请将从给同跟]))(?:市|区|县)总工会",
        )
    )
)
_ALIASES = {
    "全总": ("全国总工会", "中华全国总工会"),
    "全国总工会": ("中华全国总工会",),
    "省总": ("省总工会", "广东省总工会"),
    "省总工会": ("广东省总工会",),
}


def _orgs(text: str, org_names: tuple[str, ...]) -> list[Fact]:
    spans: list[tuple[int, int]] = [m.span() for m in _ORG.finditer(text)]
    for name in org_names:  # names the caller knows, even if no pattern covers them
        spans += [m.span() for m in re.finditer(re.escape(name), text)]
    facts = []
    for start, end in _longest_first(spans):
        name = text[start:end]
        facts.append(Fact("org", name, {"name": name, "matched": _match_org(name, org_names)}, start, end))
    return facts


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans that overlap a longer one (珠海市总工会 wins over 市总工会)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= k_start or start >= k_end for k_start, k_end in kept):
            kept.append((start, end))
    return sorted(kept)


def _match_org(name: str, org_names: tuple[str, ...]) -> str | None:
    candidates = (name, *_ALIASES.get(name, ()))
    for candidate in candidates:
        if candidate in org_names:
            return candidate
    # 罗湖区总工会 → 深圳市罗湖区总工会, but only when that is the single possibility.
    if len(name) >= 5:
        tails = [n for n in org_names if n.endswith(name)]
        if len(tails) == 1:
            return tails[0]
    return None


# --- meetings -------------------------------------------------------------------------

_MEETING = re.compile(
    rf"第?(?P<term>[{_CN_NUM}]+|[0-9]+)届(?:委员会)?第?(?P<session>[{_CN_NUM}]+|[0-9]+)次"
    r"(?P<body>全体委员|全委|执委|常委|委员|主席团|全体|全)"
    r"(?P<enlarged>[（(]扩大[）)])?(?P<tail>扩大会议|会议|会)"
)
_MEETING_KINDS = {"执委": "执委会", "常委": "常委会", "主席团": "主席团会议"}
# Party committees (市委四届五次全会) hold plenaries too; they are not union meetings.
_PARTY_BEFORE = re.compile(r"(?:[省市区县]委|党委)$")
_ORG_GAP = re.compile(rf"^[{_HAN}]{{0,10}}$")


def _meetings(text: str, orgs: list[Fact]) -> Iterator[Fact]:
    for match in _MEETING.finditer(text):
        if _PARTY_BEFORE.search(text[max(0, match.start() - 2) : match.start()]):
            continue
        value = {
            "term": cn_int(match["term"]),
            "session": cn_int(match["session"]),
            "kind": _MEETING_KINDS.get(match["body"], "全委会"),
            "enlarged": bool(match["enlarged"]) or match["tail"].startswith("扩大"),
            "org": _org_before(text, match.start(), orgs),
        }
        yield _fact("meeting", text, match, value)


def _org_before(text: str, position: int, orgs: list[Fact]) -> str | None:
    """The union named just before ``position`` in the same clause (召开 / 在广州召开 …)."""
    nearest = next((o for o in reversed(orgs) if o.end <= position), None)
    if nearest is None or not _ORG_GAP.match(text[nearest.end : position]):
        return None
    return nearest.text


# --- people ---------------------------------------------------------------------------

_TITLES = (
    "常务副主席|副主席|主席|副书记|书记|副主任|主任|副部长|部长|副调研员|调研员|副巡视员|巡视员|"
    "副理事长|理事长|副会长|会长|副组长|组长|副总经理|总经理|经理|副局长|局长|副市长|市长|副省长|省长|"
    "副教授|教授|教师|委员|常委"
)
# A name is a surname plus one or two characters, and only accepted when the text after
# it confirms where it ends; the lazy {1,2}? prefers 黄萃(所作) over 黄萃所.
_FOLLOWERS = (
    r"出席|主持|作|在|表示|强调|指出|传达|要求|致辞|当选|等|和|带领|对|提出|讲话|代表|参加|陪同|分别|"
    r"就|向|为|也|同志|率|一行|到|与|及|说|介绍|宣读|部署|所|全票|[，。；、）)\s]|$"
)
_SURNAME_CLASS = "".join(sorted(SURNAMES))
_PERSON = re.compile(
    rf"(?P<post>[{_HAN}、]{{0,30}}?(?:{_TITLES}))\s?(?P<name>[{_SURNAME_CLASS}][{_HAN}]{{1,2}}?)(?={_FOLLOWERS})"
)
# Words that start a clause but are not part of a post: 会议由…, 会议选举…, 听取了…
_POST_CUT = re.compile(
    r"^.*(?:选举|会上|会议由|由|和|及|与|的|是|在|了|对|向|为|等|邀请|带领|召开|同时|其中|并)"
)


def _people(text: str) -> Iterator[Fact]:
    for match in _PERSON.finditer(text):
        post = _POST_CUT.sub("", match["post"])
        if not post or post.startswith("、"):
            continue
        start = match.end("post") - len(post)
        value = {"name": match["name"], "post": post}
        yield Fact("person", text[start : match.end()], value, start, match.end())


# --- elections ------------------------------------------------------------------------

_NAME = rf"[{_HAN}]{{2,3}}?"
_NAMES = rf"(?P<names>{_NAME}(?:、{_NAME})*)"
_COUNT = rf"(?P<count>[0-9]+|[{_CN_NUM}]+)(?:位|名)"
_VERB = r"(?P<verb>当选|增[（(]替[）)]补|增补、替补|替补、增补|增补|替补|补选|选举)"
# 叶俊杰、卢英…韩卓华9位同志当选为… / 罗甄、黄建民、邓斌等三位同志替补为…
_ELECTED_BEFORE = re.compile(
    rf"(?:(?<=[，。；：\s])|^){_NAMES}等?(?:{_COUNT})?(?:同志)?(?P<unanimous>全票)?{_VERB}为?(?P<post>[^，。；\s]{{2,40}})"
)
# 替补、增补了王应祺等37位同志为… / 替补了潘炎等6名市总工会十一届委员
_ELECTED_AFTER = re.compile(rf"{_VERB}了?{_NAMES}等?{_COUNT}(?:同志)?为?(?P<post>[^，。；\s]{{2,40}})")


def _elections(text: str, people: list[Fact]) -> Iterator[Fact]:
    for pattern in (_ELECTED_BEFORE, _ELECTED_AFTER):
        for match in pattern.finditer(text):
            names = match["names"].split("、")
            if all(n[0] in SURNAMES for n in names):
                yield _fact("election", text, match, _election_value(match, names))
    yield from _elections_of_people(text, people)


def _election_value(match: re.Match[str], names: list[str]) -> dict[str, Any]:
    groups = match.groupdict()
    count = cn_int(groups["count"]) if groups.get("count") else len(names)
    return {
        "names": names,
        "count": count,
        "action": _normalise_verb(match["verb"]),
        "post": match["post"],
        "unanimous": bool(groups.get("unanimous")),
    }


def _normalise_verb(verb: str) -> str:
    return re.sub(r"[（(]替[）)]", "（替）", verb)


def _elections_of_people(text: str, people: list[Fact]) -> Iterator[Fact]:
    """省人大常委会副主任黄业斌当选为… and 会议选举<post><name>为…: the name carries a post."""
    for person in people:
        after = re.match(r"(?P<verb>当选)为?(?P<post>[^，。；\s]{2,40})", text[person.end :])
        before_vote = text[: person.start].endswith("选举")
        if after is None and before_vote:
            after = re.match(r"为(?P<post>[^，。；\s]{2,40})", text[person.end :])
        if after is None:
            continue
        start = person.start - 2 if before_vote else person.start
        end = person.end + after.end()
        value = {
            "names": [person.value["name"]],
            "count": 1,
            "action": "当选" if after.groupdict().get("verb") else "选举",
            "post": after["post"],
            "unanimous": False,
        }
        yield Fact("election", text[start:end], value, start, end)


# --- money and counts -----------------------------------------------------------------

_NUMBER = r"(?<![0-9.])(?P<num>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)"
_MONEY = re.compile(
    rf"(?P<pre>{'|'.join(_APPROX_PREFIXES)})?{_NUMBER}(?P<more>多|余)?(?P<scale>万|亿)?(?P<more2>多|余)?元"
)
_COUNT_UNITS = "人次|户|家|个|名|人|宗|场|份|项|位|件|批|所|支|座|台|辆|套"
# The noun after the measure word, only where the pair is idiomatic (not 50多名企业一线职工).
_COUNT_NOUNS = {
    "家": re.compile("企业|单位"),
    "户": re.compile("家庭|职工"),
    "名": re.compile("职工|会员|同志|劳模"),
    "位": re.compile("同志|劳模"),
}
_COUNT_RE = re.compile(
    rf"(?<!第)(?P<pre>{'|'.join(_APPROX_PREFIXES)})?{_NUMBER}(?P<scale>万)?(?P<more>多|余)?"
    rf"(?P<unit>{_COUNT_UNITS})(?!月|小时|工作日|星期)"
)
_SCALES = {None: Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}


def _amount(match: re.Match[str]) -> Decimal:
    return Decimal(match["num"].replace(",", "")) * _SCALES[match["scale"]]


def _plain(number: Decimal) -> str:
    """Decimal as a plain string: 3.8万 → "38000", never "3.8E+4"."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _is_approx(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    return bool(groups.get("pre") or groups.get("more") or groups.get("more2"))


def _money(text: str) -> Iterator[Fact]:
    for match in _MONEY.finditer(text):
        value = {"amount_yuan": _plain(_amount(match)), "approx": _is_approx(match)}
        yield _fact("money", text, match, value)


def _counts(text: str) -> Iterator[Fact]:
    for match in _COUNT_RE.finditer(text):
        amount = _amount(match)
        value: dict[str, Any] = {
            "n": int(amount) if amount == amount.to_integral_value() else _plain(amount),
            "unit": match["unit"],
            "approx": _is_approx(match),
        }
        end = match.end()
        noun_re = _COUNT_NOUNS.get(match["unit"])
        noun = noun_re.match(text, end) if noun_re else None
        if noun:
            value["noun"] = noun[0]
            end = noun.end()
        yield Fact("count", text[match.start() : end], value, match.start(), end)


__all__ = ["Fact", "cn_int", "extract_facts"]
