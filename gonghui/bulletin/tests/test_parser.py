"""Tests for the legacy bulletin parser: the real seed issue, own fixtures, bad input, fuzzing."""

from __future__ import annotations

import codecs
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonghui.bulletin.parser import (
    BULLETS,
    DEFAULT_SECTION_NAMES,
    MSG_BAD_ENCODING,
    MSG_EMPTY,
    MSG_NO_ARTICLES,
    BulletinParseError,
    ParseResult,
    decode_bulletin_bytes,
    looks_like_source,
    parse_bulletin,
    split_source,
)

FIXTURES = Path(__file__).parent / "fixtures"
# A byte-exact copy of /work/shared/seed/000_27272cd6bd636cd5.txt (广东省总工会工作简报, 2013年3月).
SEED = FIXTURES / "seed_000_27272cd6bd636cd5.txt"


# Established by reading the seed issue line by line (not by running the parser).
# Quirks covered: attributions at the end of the last paragraph and on their own line,
# half-width brackets (茂名, 云浮, 潮州), runs of ASCII and full-width spaces, a title
# with a trailing space (肇庆), two-line titles (揭阳, 省海员工会), paragraphs without
# blank lines between them, and parentheses inside bodies such as （4） and （困难劳模）.
SEED_ARTICLES = [
    ("各地动态", "省总工会召开十二届六次全委会", "省总工会办公室综合"),
    ("各地动态", "各地工会传达贯彻省总十二届六次全委会精神", "省总工会办公室综合"),
    (
        "各地动态",
        "广东工会“春风行动2013”活动启动仪式暨广州市“春风行动2013”促进就业专场招聘会举行",
        "广州市总工会 林小元",
    ),
    ("各地动态", "珠海市总工会召开七届四次全体委员会议", "珠海市总工会办公室"),
    ("各地动态", "惠州市总工会召开十三届八次全委（扩大）会议", "惠州市总工会 沈莹"),
    ("各地动态", "东莞市总工会召开第十四届四次委员（扩大）会议", "东莞市总工会 吴志钊"),
    ("各地动态", "茂名市总工会召开十一届四次全委（扩大）会议", "茂名市总工会办公室 梁冲"),
    ("各地动态", "肇庆市总工会召开十一届五次全委（扩大）会议", "肇庆市总工会 熊海雄"),
    ("各地动态", "潮州市总工会召开十三届十一次全委（扩大）会议", "潮州市总工会 许金玲"),
    ("各地动态", "云浮市总工会召开四届五次全委（扩大）会议", "云浮市总工会 龙顺然"),
    ("各地动态", "湛江市总工会召开“两个普遍”工作会议", "湛江市总工会 梁尚柱"),
    ("各地动态", "佛山市总工会召开全市创建“劳动模范创新室”现场会暨授牌仪式", "佛山市总工会经济工作部"),
    ("各地动态", "中山市“心灵港湾”职工心理咨询服务中心举行揭牌仪式", "中山市总工会 李雁"),
    ("工作交流", "深圳市总工会把职工之家建在职工群众心中", "深圳市总工会 冯力"),
    ("工作交流", "深圳市罗湖区工会下移工作重心增强基层组织活力", "深圳市总工会 罗湖区总工会"),
    ("工作交流", "湛江吴川市博铺镇外来工工会搭建自我管理服务平台", "湛江市总工会 陈少霞"),
    ("短讯速递", "全总民主管理部到潮州市调研民主管理工作", "潮州市总工会 李锦才"),
    ("短讯速递", "广州市总工会强化预算加大投入服务职工", "广州市总工会 林小元"),
    ("短讯速递", "佛山市总工会开展服务职工工作情况调研", "佛山市总工会办公室"),
    ("短讯速递", "河源市总工会召开全市职工医疗互助保障计划工作会议", "河源市总工会 钟伟峰"),
    ("短讯速递", "中山市总工会女职工委员会召开五届七次委员会议", "中山市总工会女职委"),
    ("短讯速递", "中山市总工会开展“四送”服务活动", "中山市总工会宣教部"),
    ("短讯速递", "中山市总工会启动“岗位学雷锋、争做好员工”主题活动", "中山市总工会"),
    ("短讯速递", "茂名市总工会开展三月“女工帮扶”主题探访活动", "茂名市总工会权益保障部 柯周梅"),
    ("短讯速递", "潮州市总工会举办进企业送温暖服务活动", "潮州市总工会 许金玲"),
    ("短讯速递", "揭阳市总工会和揭阳移动联合举办技能竞赛推动通信网络优化", "揭阳市总工会 林海芬 陈中晔"),
    ("短讯速递", "省财贸工会在广州萝岗召开2013年度工作会议", "省财贸工会"),
    (
        "短讯速递",
        "省海员工会举办第二届“十佳海嫂”表彰暨“缘定大海·牵手未来”优秀青年联谊活动",
        "广州海员俱乐部 邹伟光",
    ),
    ("短讯速递", "广东机场集团工会举办帮扶工作实操培训班", "机场集团公司工会"),
]


def triples(result: ParseResult) -> list[tuple[str | None, str | None, str | None]]:
    return [(a.section, a.title, a.source) for a in result.articles]


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> ParseResult:
    return parse_bulletin(SEED.read_text(encoding="utf-8"))


# --- the seed issue -------------------------------------------------------------------


def test_seed_sections_and_articles(seed: ParseResult) -> None:
    assert seed.sections == ["各地动态", "工作交流", "短讯速递"]
    assert Counter(a.section for a in seed.articles) == {"各地动态": 13, "工作交流": 3, "短讯速递": 13}
    assert triples(seed) == SEED_ARTICLES
    assert seed.skipped == []


def test_seed_units_and_authors(seed: ParseResult) -> None:
    by_title = {a.title: a for a in seed.articles}
    maoming = by_title["茂名市总工会召开十一届四次全委（扩大）会议"]
    assert (maoming.units, maoming.authors) == (["茂名市总工会办公室"], ["梁冲"])
    luohu = by_title["深圳市罗湖区工会下移工作重心增强基层组织活力"]
    assert (luohu.units, luohu.authors) == (["深圳市总工会", "罗湖区总工会"], [])
    first = seed.articles[0]
    assert (first.units, first.authors) == (["省总工会办公室"], [])
    jieyang = by_title["揭阳市总工会和揭阳移动联合举办技能竞赛推动通信网络优化"]
    assert jieyang.authors == ["林海芬", "陈中晔"]


def test_seed_bodies_keep_inline_parentheses_and_numbered_points(seed: ParseResult) -> None:
    by_title = {a.title: a for a in seed.articles}
    spring = by_title[SEED_ARTICLES[2][1]]
    assert spring.body.endswith("（4）免费提供政策咨询等服务。")
    foshan = by_title["佛山市总工会开展服务职工工作情况调研"]
    assert "8名困难职工（困难劳模）" in foshan.body
    assert foshan.body.endswith("送去了1000元慰问金和慰问品。")
    shenzhen = by_title["深圳市总工会把职工之家建在职工群众心中"]
    assert [p[:3] for p in shenzhen.body.split("\n")] == ["近日，", "（一）", "（二）", "（三）"]
    wuchuan = by_title["湛江吴川市博铺镇外来工工会搭建自我管理服务平台"]
    assert [p[:2] for p in wuchuan.body.split("\n")[1:]] == ["一、", "二、", "三、", "四、"]
    relay = by_title["各地工会传达贯彻省总十二届六次全委会精神"]
    assert len(relay.body.split("\n")) == 6  # one paragraph per line, no blank lines between


def test_seed_to_json_has_exactly_the_agreed_keys(seed: ParseResult) -> None:
    data = seed.to_json()
    assert set(data) == {"sections", "articles"}
    assert set(data["articles"][0]) == {"section", "title", "body", "source", "units", "authors"}
    assert data["articles"][4]["source"] == "惠州市总工会 沈莹"
    assert "skipped" in seed.to_json(include_skipped=True)


# --- own fixtures ---------------------------------------------------------------------


def test_short_items_with_bullets_and_no_titles() -> None:
    result = parse_bulletin(fixture("short_items.txt"))
    assert result.sections == ["基层快讯", "工会视窗"]
    assert triples(result) == [
        ("基层快讯", None, "韶关市总工会"),
        ("基层快讯", None, "清远市总工会 何志强"),
        ("基层快讯", None, None),
        ("基层快讯", None, "蓬江区总工会"),
        ("基层快讯", None, "阳江市总工会 陈伟"),
        ("工会视窗", None, "河源市总工会组织部"),
        ("工会视窗", None, None),
    ]
    jiangmen = result.articles[3]
    assert "20名劳模（先进工作者）到社区" in jiangmen.body
    yangjiang = result.articles[4]
    assert yangjiang.body.split("\n") == [
        "3月15日，阳江市总工会职工法律援助中心联合市消费者委员会开展“3·15”维权宣传活动，"
        "共受理职工投诉（含劳动争议）17宗。",
        "当天还为职工提供了免费法律咨询。",
    ]
    assert result.skipped == []


def test_bracket_titles_half_width_brackets_and_configured_section() -> None:
    text = fixture("bracket_titles.txt")
    expected = [
        ("工作动态", "省总工会召开2013年全省工会宣传工作会议", "省总工会宣教部"),
        ("工作动态", "韶关市总工会为600名环卫工人送上免费体检", "韶关市总工会 温晓东"),
        ("工作交流", "珠海市香洲区总工会以“职工服务站”打通服务职工“最后一公里”", "香洲区总工会 张丽 何俊"),
    ]
    huizhou = ("惠州仲恺高新区总工会推动外资企业开展工资集体协商", "惠州市总工会")

    default = parse_bulletin(text)
    assert default.sections == ["工作动态", "工作交流"]
    assert triples(default) == [*expected, ("工作交流", *huizhou)]
    # 典型引路 is neither a known name nor standing alone: reported, not lost.
    assert [(s.text, s.reason) for s in default.skipped] == [("典型引路", "无法归属")]

    configured = parse_bulletin(text, section_names=(*DEFAULT_SECTION_NAMES, "典型引路"))
    assert configured.sections == ["工作动态", "工作交流", "典型引路"]
    assert triples(configured) == [*expected, ("典型引路", *huizhou)]
    assert configured.skipped == []

    xiangzhou = configured.articles[2]
    assert (xiangzhou.units, xiangzhou.authors) == (["香洲区总工会"], ["张丽", "何俊"])
    assert "《职工服务站考核办法(试行)》" in xiangzhou.body
    assert "(含妇科检查)" in configured.articles[1].body


def test_masthead_captions_numbered_points_and_colophon() -> None:
    result = parse_bulletin(fixture("masthead.txt"))
    assert result.sections == ["各地动态", "工作交流"]
    assert triples(result) == [
        ("各地动态", "东莞市总工会举办首届职工技能节", "东莞市总工会宣教部 黄文静"),
        ("各地动态", "汕头市总工会开展“五一”走访慰问劳模活动", "汕头市总工会"),
        ("工作交流", "江门市总工会推进区域性行业性工资集体协商", "江门市总工会 李国华"),
    ]
    assert [(s.line, s.reason) for s in result.skipped] == [
        (1, "刊头"),
        (2, "刊头"),
        (4, "刊头"),
        (5, "分隔线"),
        (11, "图片说明"),
        (19, "图片说明"),
        (28, "图片说明"),
        (31, "分隔线"),
        (32, "版尾"),
        (33, "版尾"),
        (34, "版尾"),
    ]
    dongguan, shantou, jiangmen = result.articles
    assert [p[:3] for p in dongguan.body.split("\n")[1:]] == ["技能节", "（一）", "（二）", "（三）"]
    assert "图为" not in dongguan.body
    assert shantou.body.endswith("3．要发挥劳模示范带动作用。")
    assert [p[:2] for p in jiangmen.body.split("\n")] == ["一、", "二、", "三、"]


def test_generic_section_heads_and_byline_under_title() -> None:
    result = parse_bulletin(fixture("generic_sections.txt"))
    assert result.sections == ["劳模风采", "他山之石"]
    assert triples(result) == [
        ("劳模风采", "数控车间里的“老师傅”李志强", "广州市总工会 吴敏"),
        ("他山之石", "上海市总工会推行职工服务“一卡通”", "省总工会网络中心摘编"),
        ("他山之石", "浙江宁波探索小微企业联合工会建会模式", "省总工会网络中心摘编"),
    ]
    # The byline sits under the title; both body paragraphs still follow it.
    assert len(result.articles[0].body.split("\n")) == 2
    assert result.articles[1].units == ["省总工会网络中心"]


# --- attributions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "units", "authors"),
    [
        ("茂名市总工会办公室 梁冲", ["茂名市总工会办公室"], ["梁冲"]),
        ("深圳市总工会 罗湖区总工会", ["深圳市总工会", "罗湖区总工会"], []),
        ("省总工会办公室综合", ["省总工会办公室"], []),
        ("广州海员俱乐部 邹伟光", ["广州海员俱乐部"], ["邹伟光"]),
        ("揭阳市总工会 林海芬 陈中晔", ["揭阳市总工会"], ["林海芬", "陈中晔"]),
        ("中山市总工会女职委", ["中山市总工会女职委"], []),
        ("省总工会网络中心摘编", ["省总工会网络中心"], []),
        ("通讯员 欧阳志明", [], ["欧阳志明"]),
        ("清远市总工会 何志强、李敏", ["清远市总工会"], ["何志强", "李敏"]),
    ],
)
def test_split_source(source: str, units: list[str], authors: list[str]) -> None:
    assert split_source(source) == (units, authors)


@pytest.mark.parametrize(
    "inner", ["4", "困难劳模", "扩大", "含市直", "农民工、劳模", "市、区", "一", "2013年3月"]
)
def test_parentheses_in_bodies_are_not_attributions(inner: str) -> None:
    assert not looks_like_source(inner)


def test_paragraph_ending_in_a_parenthesis_keeps_it() -> None:
    text = "省总工会开展送温暖活动\n省总工会为困难职工发放慰问金。（困难劳模）\n"
    (article,) = parse_bulletin(text).articles
    assert (article.body, article.source) == ("省总工会为困难职工发放慰问金。（困难劳模）", None)


def test_mismatched_brackets_and_attribution_without_gap() -> None:
    text = "茂名市总工会开展帮扶活动\n活动共发放慰问金18000元。（茂名市总工会  梁冲)\n"
    (article,) = parse_bulletin(text).articles
    assert (article.body, article.source) == ("活动共发放慰问金18000元。", "茂名市总工会 梁冲")


def test_byline_under_title_is_not_replaced_by_a_later_bracket() -> None:
    # Found by the fuzz test: the second bracket used to overwrite the first source.
    text = "揭阳市总工会举办技能竞赛\n（揭阳市总工会  林海芬  陈中晔）\n比赛共设101个指标。(工会)\n"
    (article,) = parse_bulletin(text).articles
    assert (article.source, article.body) == ("揭阳市总工会 林海芬 陈中晔", "比赛共设101个指标。(工会)")


def test_bracketed_section_head_and_untitled_text_before_any_title() -> None:
    text = "【各地动态】\n3月5日，韶关市总工会召开全委会。\n（韶关市总工会）\n"
    result = parse_bulletin(text)
    assert result.sections == ["各地动态"]
    assert triples(result) == [("各地动态", None, "韶关市总工会")]


def test_repeated_section_head_is_reported_once() -> None:
    text = "各地动态\n标题一号新闻稿件\n正文一。\n各地动态\n标题二号新闻稿件\n正文二。\n"
    result = parse_bulletin(text)
    assert result.sections == ["各地动态"]
    assert [(s.line, s.reason) for s in result.skipped] == [(4, "重复栏目")]
    assert [a.section for a in result.articles] == ["各地动态", "各地动态"]


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\u3000\n\r\n", "\ufeff"])
def test_empty_input(text: str) -> None:
    with pytest.raises(BulletinParseError, match=MSG_EMPTY):
        parse_bulletin(text)


def test_no_articles_reports_what_was_seen() -> None:
    with pytest.raises(BulletinParseError, match=MSG_NO_ARTICLES) as caught:
        parse_bulletin("工作简报\n第3期\n\n各地动态\n")
    assert caught.value.result is not None
    assert caught.value.result.sections == ["各地动态"]
    assert [s.reason for s in caught.value.result.skipped] == ["刊头", "刊头"]


def test_masthead_with_the_union_name_above_it() -> None:
    text = "广东省总工会\n工作简报\n第3期\n\n省总工会召开全委会\n3月21日，省总工会召开全委会。\n"
    result = parse_bulletin(text)
    assert [s.reason for s in result.skipped] == ["刊头", "刊头", "刊头"]
    assert triples(result) == [(None, "省总工会召开全委会", None)]


def test_dateline_under_the_first_title_is_not_a_masthead() -> None:
    text = "省总工会召开全委会\n2013年3月21日\n3月21日，省总工会召开全委会。\n"
    (article,) = parse_bulletin(text).articles
    assert article.title == "省总工会召开全委会"
    assert article.body.split("\n") == ["2013年3月21日", "3月21日，省总工会召开全委会。"]


def test_bulletin_parse_error_is_a_value_error() -> None:
    assert issubclass(BulletinParseError, ValueError)


# --- decoding -------------------------------------------------------------------------

SAMPLE = fixture("masthead.txt")


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("gb18030"),
        SAMPLE.replace("─", "-").encode("gbk"),
        SAMPLE.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16"],
)
def test_decode_accepts_common_encodings(data: bytes) -> None:
    text = decode_bulletin_bytes(data)
    assert "东莞市总工会举办首届职工技能节" in text
    assert not text.startswith("\ufeff")
    assert len(parse_bulletin(text).articles) == 3


@pytest.mark.parametrize("data", [b"\x80\x80\xff\xfe\xfd", b"PK\x03\x04\x00\x00binary", "正文".encode()[:-1]])
def test_decode_rejects_undecodable_bytes(data: bytes) -> None:
    with pytest.raises(BulletinParseError, match=MSG_BAD_ENCODING):
        decode_bulletin_bytes(data)


# --- fuzzing --------------------------------------------------------------------------

# Characters the parser may consume as markup: attribution and title brackets, bullets.
MARKUP = frozenset("（）()【】" + BULLETS)
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
CJK_SAMPLE = "工会职工市总省召开会议全委届次主席当选为困难帮扶劳模活动开展深圳广州图片说明"
PUNCT_SAMPLE = "，。；：、！？“”《》—…·　 \t"

random_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(CJK_SAMPLE + PUNCT_SAMPLE + "（）()【】" + BULLETS),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=40,
)
lines = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from([*DEFAULT_SECTION_NAMES, "【工作交流】", "基层快讯", "他山之石"]),
    st.sampled_from(["", " ", "\u3000\u3000", "工作简报", "第5期", "2013年3月31日", "──────"]),
    random_text,
    random_text.map(lambda s: f"（{s}）"),
    random_text.map(lambda s: f"【{s}】"),
    st.tuples(st.sampled_from(BULLETS), random_text).map("".join),
    random_text.map(lambda s: f"图为{s}"),
    random_text.map(lambda s: f"{s}。    （珠海市总工会  李雁）"),
)
bulletins = st.tuples(st.lists(lines, max_size=30), st.sampled_from(["\n", "\r\n", "\r"])).map(
    lambda parts: parts[1].join(parts[0])
)


def visible(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def output_text(result: ParseResult) -> str:
    # units and authors are derived from source, so they are not counted again.
    fields = [*result.sections, *(s.text for s in result.skipped)]
    for a in result.articles:
        fields += [a.title or "", a.body, a.source or ""]
    return "".join(fields)


def parse_or_partial(text: str) -> ParseResult | None:
    try:
        return parse_bulletin(text)
    except BulletinParseError as err:
        assert str(err) in (MSG_EMPTY, MSG_NO_ARTICLES)
        assert (str(err) == MSG_EMPTY) == (not visible(text.removeprefix("\ufeff")))
        return err.result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bulletins)
def test_fuzz_never_crashes_and_never_loses_text(text: str) -> None:
    result = parse_or_partial(text)
    before = visible(text.removeprefix("\ufeff"))
    after = visible(output_text(result)) if result is not None else Counter()
    for char in before | after:
        if char in MARKUP:
            assert after[char] <= before[char], char  # markup may be consumed, never invented
        else:
            assert after[char] == before[char], char


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=60))
def test_fuzz_shuffled_seed_lines(sample: list[str]) -> None:
    result = parse_or_partial("\n".join(sample))
    if result is not None:
        assert all(a.body for a in result.articles)
        assert all(a.title is None or a.title.strip() == a.title for a in result.articles)


# --- a short item whose last line ends with its attribution -------------------------------
# The seed with its last item of 短讯速递 (and so of the file), or the last item of 各地动态, or
# an item followed by another, replaced by a short one: a title and one short line. A line
# that short, with no comma in it, reads like a title unless what ends its sentence is seen:
# an ellipsis or a full-width or ASCII full stop was not, and the attribution after it was lost
# with the item (the item's line became the second line of its title).

SHORT_TITLE = "广东机场集团工会开展节能降耗活动"
SHORT_BODY = "全年共节约经费两千余元"


def _seed_with_short_item(where: str, item: list[str]) -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    if where == "end of file":  # replaces 广东机场集团工会举办帮扶工作实操培训班 (lines 169-171)
        lines[168:171] = item
    elif where == "end of a section":  # after 中山市“心灵港湾”… (line 91), before 工作交流
        lines[91:91] = item
    else:  # "followed by an item": before 全总民主管理部到潮州市调研民主管理工作 (line 122)
        lines[121:121] = item
    return "\n".join(lines)


@pytest.mark.parametrize("where", ["end of file", "end of a section", "followed by an item"])
@pytest.mark.parametrize("stop", ["……", "．", ".", "。"])
@pytest.mark.parametrize(
    ("attribution", "on_its_own_line"),
    [(" (王明 李强)", False), ("(王明 李强)", False), ("\u3000(王明 李强)", False), ("(王明 李强)", True)],
)
def test_a_short_items_attribution_after_its_full_stop_gives_its_source(
    where: str, stop: str, attribution: str, on_its_own_line: bool
) -> None:
    last = [SHORT_BODY + stop, attribution] if on_its_own_line else [SHORT_BODY + stop + attribution]
    result = parse_bulletin(_seed_with_short_item(where, [SHORT_TITLE, *last]))
    [item] = [a for a in result.articles if a.title == SHORT_TITLE]
    assert (item.body, item.source, item.authors) == (SHORT_BODY + stop, "王明 李强", ["王明", "李强"])
    # Every other article is as it was.
    others = [t for t in triples(result) if t[1] != SHORT_TITLE]
    expected = [
        t for t in SEED_ARTICLES if where != "end of file" or t[1] != "广东机场集团工会举办帮扶工作实操培训班"
    ]
    assert others == expected and result.skipped == []
