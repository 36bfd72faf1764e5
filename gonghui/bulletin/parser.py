"""Parser for legacy plain-text work bulletins (工作简报).

The bulletins were typed in word processors by many hands over many years, so the
layout is inferred from typography rather than markup: a title is a short line with no
sentence punctuation, an article ends with its attribution in brackets, a section head
is a known column name or a short line standing alone.  Every non-blank line ends up in
an article, a section name or ``ParseResult.skipped`` so that nothing is silently lost.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any

DEFAULT_SECTION_NAMES: tuple[str, ...] = ("各地动态", "工作交流", "短讯速递")

# Reasons reported for lines that do not belong to any article.
REASON_MASTHEAD = "刊头"
REASON_CAPTION = "图片说明"
REASON_UNASSIGNED = "无法归属"
REASON_SEPARATOR = "分隔线"
REASON_COLOPHON = "版尾"
REASON_END_MARK = "结束标记"
REASON_REPEATED_SECTION = "重复栏目"

MSG_EMPTY = "文件为空"
MSG_NO_ARTICLES = "未识别出任何文章"
MSG_BAD_ENCODING = "文件编码无法识别，请保存为 UTF-8 或 GB18030"

TITLE_MAX_CHARS = 64
SECTION_MAX_CHARS = 6

BULLETS = "△▲·•●◆◇■□☆★○◎・"
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_CN_NUM = "一二三四五六七八九十百〇零"

# A title never contains these; a body paragraph almost always does.
_SENTENCE_PUNCT = re.compile(r"[，。；！？：,;!?:]")
_NUMBERED = re.compile(
    rf"^(（[{_CN_NUM}\d]+）|\([{_CN_NUM}\d]+\)|[{_CN_NUM}]+[、是]|\d+[、.．]|[①-⑳]|第[{_CN_NUM}]+[，、])"
)
_WHOLE_BRACKET_TITLE = re.compile(r"^【([^【】]+)】$")
_LEADING_BRACKET_TITLE = re.compile(r"^【([^【】]+)】\s*(.*)$")
_WHOLE_PAREN = re.compile(r"^[（(]([^（）()]*)[）)]$")
_TRAILING_PAREN = re.compile(r"^(?P<body>.*?)(?P<gap>\s*)[（(](?P<inner>[^（）()]*)[）)]$")
# An attribution glued to the paragraph must follow the end of a sentence: 。 or the full
# stops typed in other input modes (．｡.), an ellipsis, ! ?, a closing quote.
_SENTENCE_END = "。．｡.！？!?”’」』…"
# A title does not end a sentence; a short line that does is a short item's text.
_TITLE_NEVER_ENDS = ("…", "．", "｡", ".")
_SEPARATOR = re.compile(r"^[-—－_＿=＝*＊~～·•.。…#＃+＋─━═]{3,}$")
_CAPTION = re.compile(
    r"^(图为|图片说明|图\d*[：:]|[上下左右]图[：:为]|"
    r"[（(]\s*图(片|为|\d*\s*[：:／/]).*[）)]$|[（(]?\s*(摄影|供图)\s*[：:])"
)
_COLOPHON = re.compile(r"^(报|送|发|抄送|抄报|报送|分送)\s*[：:]|^[（(]?\s*共印\s*\d+\s*份\s*[）)]?$")
_END_MARK = re.compile(r"^[（(]\s*(完|全文完|待续|未完待续)\s*[）)]$")
# Masthead lines: the publication name and issue number identify a masthead ("strong");
# a date or the issuing office alone could also be a dateline under an article title.
_MASTHEAD_STRONG = re.compile(
    r"^.{0,14}(简报|快报|专报|通讯|情况反映)$"
    rf"|^[（(〔]?(\d{{4}}年)?总?第[{_CN_NUM}\d]+期[）)〕]?([（(〔]?总第[{_CN_NUM}\d]+期[）)〕]?)?$"
)
_MASTHEAD_WEAK = re.compile(
    "|".join(
        (
            r"^\d{4}年\d{1,2}月(\d{1,2}日)?$",
            r"^[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月([一二三四五六七八九十]{1,3}日)?$",
            r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$",
            r"^(编印单位|主办单位|编印|主办|承办|主编|责任编辑|编辑|签发|印发)[：:].+$",
            r"^.{2,30}(编印|编|印发|主办|编辑部)$",
            r"^(内部资料|内部刊物|注意保存|内部资料[，,]?注意保存)$",
        )
    )
)
# A short standalone line is a column head rather than a title if it reads like one.
_COLUMN_WORDS = re.compile(
    r"(动态|交流|速递|简讯|短讯|快讯|要闻|经验|信息|视窗|聚焦|专题|传真|资讯|集锦|播报|扫描|风采|园地|论坛|之窗|一览|观察)$"
)

# --- attribution vocabulary -----------------------------------------------------------
_ORG_MARKERS = (
    "工会",
    "委员会",
    "办公室",
    "公司",
    "集团",
    "中心",
    "协会",
    "联合会",
    "俱乐部",
    "报社",
    "政府",
    "街道",
)
_ORG_LAST_CHARS = "部局厅委处科室站院校所厂社办宫馆队组会"
_ROLE_WORDS = frozenset({"通讯员", "记者", "摄影", "摄", "文", "图", "供稿", "整理", "综合", "撰稿", "编辑"})
_ROLE_SUFFIXES = (
    "综合",
    "供稿",
    "整理",
    "报道",
    "撰稿",
    "提供",
    "执笔",
    "采写",
    "摘编",
    "报送",
    "编辑",
    "摄",
)
_ROLE_PREFIXES = ("通讯员", "记者")
_COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "司徒",
    "夏侯",
)
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤区柯温蓝尤邬欧常牛洪古易翁甘骆庞麦冼岑伍利巫詹练邝赖涂祝阮文齐申左包单殷童聂章鲁葛游倪凌"
    "季纪滕华车景裴祁卓关乔柳辛管兰路房符蒙谷佘宁植容粟颜郁闵柴尚凤花鲍"
)
_SOURCE_SPLIT = re.compile(r"[\s、/／：:，,]+")
_SOURCE_FORBIDDEN = re.compile(r"[。；！？;!?【】]")
_HAN_ONLY = re.compile(rf"^[{_HAN}]+$")
_HAS_HAN = re.compile(rf"[{_HAN}]")
_WS_RUN = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class BulletinParseError(ValueError):
    """Raised for input that cannot be read as a bulletin; the message is for end users."""

    def __init__(self, message: str, result: ParseResult | None = None) -> None:
        super().__init__(message)
        # What was recognised before giving up, so a caller can show the skipped lines.
        self.result = result


@dataclass(frozen=True)
class Article:
    section: str | None
    title: str | None
    body: str
    source: str | None
    units: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "title": self.title,
            "body": self.body,
            "source": self.source,
            "units": list(self.units),
            "authors": list(self.authors),
        }


@dataclass(frozen=True)
class SkippedLine:
    line: int  # 1-based
    text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass
class ParseResult:
    sections: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)

    def to_json(self, *, include_skipped: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; ``json.dumps(..., ensure_ascii=False)`` gives the text."""
        data: dict[str, Any] = {
            "sections": list(self.sections),
            "articles": [a.to_json() for a in self.articles],
        }
        if include_skipped:
            data["skipped"] = [s.to_json() for s in self.skipped]
        return data


# --- public helpers -------------------------------------------------------------------


def decode_bulletin_bytes(data: bytes) -> str:
    """Decode an uploaded bulletin: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    else:
        candidates = ("utf-8", "gb18030")  # GB18030 is a superset of GBK and GB2312
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Binary files (doc, pdf, zip) can happen to decode; NUL never occurs in text.
        if "\x00" not in text:
            return text
    raise BulletinParseError(MSG_BAD_ENCODING)


def split_source(source: str) -> tuple[list[str], list[str]]:
    """Split an attribution into (units, authors)."""
    units: list[str] = []
    authors: list[str] = []
    for part in _SOURCE_SPLIT.split(source):
        base = _strip_role(part)
        if not base:
            continue
        if _is_org(base) or not _is_name(base, strict=False):
            units.append(base)
        else:
            authors.append(base)
    return units, authors


def looks_like_source(inner: str) -> bool:
    """Is the text inside a pair of brackets an attribution (units and/or people)?

    Strict on purpose: a parenthesis in a body such as （4） or （困难劳模） must not end
    the article, so every part has to be an organisation or a surname-led name.
    """
    inner = inner.strip()
    if not inner or len(inner) > 40 or _SOURCE_FORBIDDEN.search(inner) or not _HAS_HAN.search(inner):
        return False
    found = False
    for part in _SOURCE_SPLIT.split(inner):
        base = _strip_role(part)
        if not base:
            continue
        if not (_is_org(base) or _is_name(base, strict=True)):
            return False
        found = True
    return found


def parse_bulletin(text: str, *, section_names: Iterable[str] = DEFAULT_SECTION_NAMES) -> ParseResult:
    """Parse one bulletin issue; raise :class:`BulletinParseError` if it holds no article."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise BulletinParseError(MSG_EMPTY)
    result = _Parser(text, frozenset(section_names)).run()
    if not result.articles:
        raise BulletinParseError(MSG_NO_ARTICLES, result)
    return result


# --- vocabulary predicates ----------------------------------------------------------


def _is_org(part: str) -> bool:
    if any(marker in part for marker in _ORG_MARKERS):
        return True
    # 宣教部, 经济工作部 … but 3-char surname-led words are more likely names.
    return len(part) >= 3 and part[-1] in _ORG_LAST_CHARS and not (len(part) == 3 and part[0] in SURNAMES)


def _is_name(part: str, *, strict: bool) -> bool:
    if not (2 <= len(part) <= 4 and _HAN_ONLY.match(part)):
        return False
    if not strict:
        return True
    if part.startswith(_COMPOUND_SURNAMES):
        return len(part) >= 3
    return part[0] in SURNAMES and len(part) <= 3


def _strip_role(part: str) -> str:
    """Drop words such as 综合/供稿/通讯员 that describe a role, not a unit or a person."""
    if part in _ROLE_WORDS:
        return ""
    for suffix in _ROLE_SUFFIXES:
        rest = part.removesuffix(suffix)
        if rest != part and (_is_org(rest) or _is_name(rest, strict=True)):
            return rest
    for prefix in _ROLE_PREFIXES:
        rest = part.removeprefix(prefix)
        if rest != part and _is_name(rest, strict=True):
            return rest
    return part


def _collapse(text: str) -> str:
    return _WS_RUN.sub(" ", text).strip()


# --- line classification ------------------------------------------------------------


class _Kind(Enum):
    BLANK = auto()
    SEPARATOR = auto()
    CAPTION = auto()
    COLOPHON = auto()
    END_MARK = auto()
    ATTRIBUTION = auto()
    BULLET = auto()
    BRACKET_TITLE = auto()
    TITLE = auto()
    BODY = auto()


_SKIP_REASONS = {
    _Kind.SEPARATOR: REASON_SEPARATOR,
    _Kind.CAPTION: REASON_CAPTION,
    _Kind.COLOPHON: REASON_COLOPHON,
    _Kind.END_MARK: REASON_END_MARK,
}


@dataclass(frozen=True)
class _Line:
    number: int
    text: str  # stripped
    kind: _Kind


def _classify(text: str) -> _Kind:
    checks: tuple[tuple[_Kind, bool], ...] = (
        (_Kind.BLANK, not text),
        (_Kind.SEPARATOR, bool(_SEPARATOR.match(text))),
        (_Kind.CAPTION, bool(_CAPTION.match(text.lstrip(BULLETS).lstrip()))),
        (_Kind.COLOPHON, bool(_COLOPHON.match(text))),
        (_Kind.END_MARK, bool(_END_MARK.match(text))),
        (_Kind.ATTRIBUTION, _is_attribution_line(text)),
        (_Kind.BULLET, bool(text) and text[0] in BULLETS),
        (_Kind.BRACKET_TITLE, bool(_LEADING_BRACKET_TITLE.match(text))),
        (_Kind.TITLE, _is_title_text(text)),
    )
    return next((kind for kind, hit in checks if hit), _Kind.BODY)


def _is_attribution_line(text: str) -> bool:
    match = _WHOLE_PAREN.match(text)
    return match is not None and looks_like_source(match[1])


def _is_title_text(text: str) -> bool:
    return (
        len(text) <= TITLE_MAX_CHARS
        and len(_HAS_HAN.findall(text)) >= 2
        and not _SENTENCE_PUNCT.search(text)
        and not _NUMBERED.match(text)
        and not _MASTHEAD_WEAK.match(text)  # a dateline such as 2013年3月21日
        and not text.endswith(_TITLE_NEVER_ENDS)
        and not _ends_sentence_then_source(text)
    )


def _ends_sentence_then_source(text: str) -> bool:
    """``全年共节约经费两千余元…… (王明 李强)``: a sentence ended, then its attribution."""
    body, source = _split_trailing_source(text)
    return source is not None and body.rstrip()[-1:] in _SENTENCE_END


def _split_trailing_source(paragraph: str) -> tuple[str, str | None]:
    """Split ``正文。  （单位 作者）`` into body and source; leave inline parentheses alone."""
    match = _TRAILING_PAREN.match(paragraph)
    if not match or not match["body"]:
        return paragraph, None
    body, gap, inner = match["body"], match["gap"], match["inner"]
    if not (gap or body[-1] in _SENTENCE_END) or not looks_like_source(inner):
        return paragraph, None
    return body.rstrip(), _collapse(inner)


def _masthead_strength(text: str) -> int:
    """2 for a publication name or issue number, 1 for a date or office, 0 otherwise."""
    segments = [_WS_RUN.sub("", seg) for seg in re.split(r"\s{2,}|\u3000+", text) if seg.strip()]
    if not all(_MASTHEAD_STRONG.match(seg) or _MASTHEAD_WEAK.match(seg) for seg in segments):
        return 0
    return 2 if any(_MASTHEAD_STRONG.match(seg) for seg in segments) else 1


def _strip_title_brackets(title: str) -> str:
    if title.startswith("【") and title.endswith("】"):
        return title[1:-1].strip()
    return title


# --- the walk -------------------------------------------------------------------------


@dataclass
class _Draft:
    """An article under construction, with the lines it came from for error reporting."""

    section: str | None
    lines: list[_Line] = field(default_factory=list)
    title: str | None = None
    title_lines: int = 0
    paragraphs: list[str] = field(default_factory=list)
    source: str | None = None
    closed: bool = False  # the attribution after the body has been seen

    def accepts_title_line(self, line: _Line) -> bool:
        # A title broken over two lines: the second follows the first immediately.
        return (
            self.title_lines == 1
            and not self.paragraphs
            and self.source is None
            and self.lines[-1].number == line.number - 1
        )

    def to_article(self) -> Article:
        units, authors = split_source(self.source) if self.source else ([], [])
        body = "\n".join(self.paragraphs)
        return Article(self.section, self.title, body, self.source, units, authors)


class _Parser:
    def __init__(self, text: str, section_names: frozenset[str]) -> None:
        self.section_names = section_names
        self.lines = [
            _Line(number, raw.strip(), _classify(raw.strip()))
            for number, raw in enumerate(_LINE_BREAK.split(text), start=1)
        ]
        self.result = ParseResult()
        self.section: str | None = None
        self.draft: _Draft | None = None

    def run(self) -> ParseResult:
        masthead_end = self._masthead_end()
        for index, line in enumerate(self.lines):
            if line.kind is _Kind.BLANK:
                continue
            if index < masthead_end:
                self._skip(line, REASON_MASTHEAD)
            else:
                self._feed(index, line)
        self._flush()
        return self.result

    # -- masthead ------------------------------------------------------------------

    def _masthead_end(self) -> int:
        """Index after the leading block of masthead lines (刊名, 期号, 编印单位, 日期)."""
        end, strong, pending_filler = 0, False, False
        content = [
            (i, ln) for i, ln in enumerate(self.lines) if ln.kind not in (_Kind.BLANK, _Kind.SEPARATOR)
        ]
        for index, line in content[:12]:
            strength = _masthead_strength(line.text)
            # Lines above the masthead (the union's name) count only if 工作简报/第N期 follows.
            if strength == 2 or (strength == 1 and (strong or not pending_filler)):
                end, strong, pending_filler = index + 1, strong or strength == 2, False
            elif self._masthead_filler(line):
                pending_filler = True
            else:
                break
        return end

    def _masthead_filler(self, line: _Line) -> bool:
        # e.g. the issuing union's name above 工作简报: kept only if a masthead line follows.
        return line.kind is _Kind.TITLE and len(line.text) <= 30 and self._known_section(line.text) is None

    # -- dispatch ------------------------------------------------------------------

    def _feed(self, index: int, line: _Line) -> None:
        if line.kind in _SKIP_REASONS:
            self._skip(line, _SKIP_REASONS[line.kind])
            return
        section = self._section_head(index, line)
        if section is not None:
            self._enter_section(section, line)
        elif line.kind is _Kind.ATTRIBUTION:
            self._attribution(line)
        elif line.kind in (_Kind.BULLET, _Kind.BRACKET_TITLE):
            self._start_item(line)
        elif line.kind is _Kind.TITLE:
            self._title(line)
        else:
            self._body(line)

    # -- section heads -------------------------------------------------------------

    def _known_section(self, text: str) -> str | None:
        name = _WS_RUN.sub("", _strip_title_brackets(text))
        return name if name in self.section_names else None

    def _section_head(self, index: int, line: _Line) -> str | None:
        if line.kind not in (_Kind.TITLE, _Kind.BRACKET_TITLE):
            return None
        known = self._known_section(line.text)
        if known is not None:
            return known
        whole = _WHOLE_BRACKET_TITLE.match(line.text)
        if whole:
            name = whole[1].strip()
            return name if len(name) <= SECTION_MAX_CHARS and _HAN_ONLY.match(name) else None
        return line.text if self._standalone_short_line(index, line) else None

    def _standalone_short_line(self, index: int, line: _Line) -> bool:
        """A short line between blank lines (or reading like a column name) before a title."""
        if len(line.text) > SECTION_MAX_CHARS or not _HAN_ONLY.match(line.text):
            return False
        if self.draft is not None and self.draft.accepts_title_line(line):
            return False
        previous = self.lines[index - 1] if index > 0 else None
        at_boundary = (
            previous is None or previous.kind is _Kind.BLANK or self.draft is None or self.draft.closed
        )
        following = self._next_content(index)
        next_blank = index + 1 >= len(self.lines) or self.lines[index + 1].kind is _Kind.BLANK
        heads_items = following is None or following.kind in (_Kind.TITLE, _Kind.BULLET, _Kind.BRACKET_TITLE)
        return at_boundary and heads_items and (next_blank or bool(_COLUMN_WORDS.search(line.text)))

    def _next_content(self, index: int) -> _Line | None:
        return next((ln for ln in self.lines[index + 1 :] if ln.kind is not _Kind.BLANK), None)

    def _enter_section(self, name: str, line: _Line) -> None:
        self._flush()
        if name in self.result.sections:
            self._skip(line, REASON_REPEATED_SECTION)
        else:
            self.result.sections.append(name)
        self.section = name

    # -- article parts -------------------------------------------------------------

    def _title(self, line: _Line) -> None:
        draft = self.draft
        if draft is not None and draft.title is not None and draft.accepts_title_line(line):
            draft.title = _strip_title_brackets(draft.title + line.text)
            draft.title_lines += 1
            draft.lines.append(line)
        else:
            self._start(line, title=_strip_title_brackets(line.text), rest="")

    def _start_item(self, line: _Line) -> None:
        """A bullet item (no title unless it opens with 【…】) or a 【title】 line."""
        text = line.text.lstrip(BULLETS).strip()
        match = _LEADING_BRACKET_TITLE.match(text)
        if match:
            self._start(line, title=match[1].strip() or None, rest=match[2])
        else:
            self._start(line, title=None, rest=text)

    def _start(self, line: _Line, *, title: str | None, rest: str) -> None:
        self._flush()
        self.draft = _Draft(self.section, lines=[line], title=title, title_lines=int(title is not None))
        if rest:
            self._add_paragraph(rest)

    def _body(self, line: _Line) -> None:
        if self.draft is None or self.draft.closed:
            self._start(line, title=None, rest=line.text)
        else:
            self.draft.lines.append(line)
            self._add_paragraph(line.text)

    def _add_paragraph(self, text: str) -> None:
        draft = self.draft
        assert draft is not None
        if draft.source is not None:  # byline under the title: keep the paragraph whole
            draft.paragraphs.append(text)
            return
        body, source = _split_trailing_source(text)
        draft.paragraphs.append(body)
        if source is not None:
            draft.source = source
            draft.closed = True

    def _attribution(self, line: _Line) -> None:
        draft = self.draft
        if draft is None or draft.source is not None:
            self._skip(line, REASON_UNASSIGNED)
            return
        match = _WHOLE_PAREN.match(line.text)
        assert match is not None
        draft.lines.append(line)
        draft.source = _collapse(match[1])
        # Some bulletins put the byline under the title; the body then still follows.
        draft.closed = bool(draft.paragraphs)

    def _flush(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        if draft.paragraphs:
            self.result.articles.append(draft.to_article())
        else:
            for line in draft.lines:  # a title or byline with no text under it
                self._skip(line, REASON_UNASSIGNED)

    def _skip(self, line: _Line, reason: str) -> None:
        self.result.skipped.append(SkippedLine(line.number, line.text, reason))


__all__ = [
    "DEFAULT_SECTION_NAMES",
    "Article",
    "BulletinParseError",
    "ParseResult",
    "SkippedLine",
    "decode_bulletin_bytes",
    "looks_like_source",
    "parse_bulletin",
    "split_source",
]
