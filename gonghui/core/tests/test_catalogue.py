"""The English catalogue translates every Chinese string that the templates mark for translation."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from django.utils import translation

GONGHUI = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# A message as gettext looks it up: (context, msgid, plural msgid).
Message = tuple[str | None, str, str | None]

LITERAL = r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')"""
TRANSLATE = re.compile(r"{%\s*trans(?:late)?\s+" + LITERAL + r"(?P<options>[^%]*)%}")
BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?\b(?P<options>[^%]*)%}(?P<body>.*?){%\s*endblocktrans(?:late)?\s*%}", re.S
)
PLURAL = re.compile(r"{%\s*plural\s*%}")
BLOCK_VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")
CONTEXT = re.compile(r"\bcontext\s+" + LITERAL)
UNDERSCORE = re.compile(r"\b_\(\s*" + LITERAL + r"\s*\)")  # _("…") as a tag or filter argument
TAG = re.compile(r"{{.*?}}|{%.*?%}", re.S)


def literal(match: re.Match[str]) -> str:
    return match["dq"] if match["dq"] is not None else match["sq"]


def context_of(options: str) -> str | None:
    match = CONTEXT.search(options)
    return literal(match) if match else None


def block_msgid(body: str, trimmed: bool) -> str:
    """The msgid Django builds from a blocktranslate body: % doubled, {{ n }} as %(n)s."""
    msgid = BLOCK_VARIABLE.sub(r"%(\1)s", body.replace("%", "%%"))
    return translation.trim_whitespace(msgid) if trimmed else msgid


def messages(source: str) -> set[Message]:
    """The messages a template's translate, blocktranslate and _() strings look up."""
    found: set[Message] = set()
    for match in TRANSLATE.finditer(source):
        found.add((context_of(match["options"]), literal(match).replace("%", "%%"), None))
    for match in BLOCK.finditer(source):
        singular, *plural = PLURAL.split(match["body"], maxsplit=1)
        trimmed = re.search(r"\btrimmed\b", match["options"]) is not None
        found.add(
            (
                context_of(match["options"]),
                block_msgid(singular, trimmed),
                block_msgid(plural[0], trimmed) if plural else None,
            )
        )
    for tag in TAG.finditer(source):
        for match in UNDERSCORE.finditer(tag[0]):
            found.add((None, literal(match).replace("%", "%%"), None))
    return found


def template_messages() -> dict[Message, set[str]]:
    """Every message of every template under gonghui/*/templates and gonghui/templates, with where it is."""
    paths = {*GONGHUI.glob("*/templates/**/*.html"), *GONGHUI.glob("templates/**/*.html")}
    found: dict[Message, set[str]] = defaultdict(set)
    for path in sorted(paths):
        for message in messages(path.read_text(encoding="utf-8")):
            found[message].add(str(path.relative_to(GONGHUI)))
    return found


def untranslated(message: Message) -> bool:
    context, singular, plural = message
    if plural is None:
        english = translation.pgettext(context, singular) if context else translation.gettext(singular)
        return english == singular
    one, many = (
        translation.npgettext(context, singular, plural, n)
        if context
        else translation.ngettext(singular, plural, n)
        for n in (1, 2)
    )
    return one == singular or many == plural


def test_messages_reads_every_form_of_translate():
    """Both quotes, context, blocktranslate with variables, plural and trimmed, and _() in a filter."""
    source = """{% load i18n %}<h1>{% translate "会员" %}</h1><p title="{% translate '查询' %}">
    {% translate "下一页" context "pager" as next %}{{ h.tier|default:_("不符合条件") }}
    {% blocktranslate with n=x %}共 {{ n }} 行，100%{% endblocktranslate %}
    {% blocktranslate count n=x trimmed %}
      {{ n }} 个
    {% plural %}
      {{ n }} 个单位
    {% endblocktranslate %}</p>"""
    assert messages(source) == {
        (None, "会员", None),
        (None, "查询", None),
        ("pager", "下一页", None),
        (None, "不符合条件", None),
        (None, "共 %(n)s 行，100%%", None),
        (None, "%(n)s 个", "%(n)s 个单位"),
    }


def test_every_chinese_template_string_has_an_english_translation():
    """In English, no translated template string with Chinese in it falls back to the Chinese."""
    found = template_messages()
    assert len(found) > 300, "the templates' translate tags were not found: has the collector broken?"
    with translation.override("en"):
        missing = sorted(
            f"{singular!r}  ({', '.join(sorted(where))})"
            for (context, singular, plural), where in found.items()
            if CJK.search(singular + (plural or "")) and untranslated((context, singular, plural))
        )
    assert not missing, (
        f"{len(missing)} template strings have no English translation (missing or fuzzy) in "
        "gonghui/locale/en/LC_MESSAGES/django.po; run `make messages` and translate them:\n"
        + "\n".join(missing)
    )


def test_a_word_with_two_meanings_is_translated_by_its_context():
    """有效 is a contract in force and a valid ballot; 期限 a contract's term and a deadline."""
    with translation.override("en"):
        assert translation.gettext("有效") == "In force"
        assert translation.pgettext("选票", "有效") == "valid"
        assert translation.gettext("期限") == "Term"
        assert translation.pgettext("传达", "期限") == "due"
