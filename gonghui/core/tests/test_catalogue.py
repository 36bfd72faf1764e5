"""The English catalogue translates every Chinese string that the templates mark for translation."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Callable
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


# ---- Python: what is shown to people is marked for translation, and translated --------------

PYTHON_SKIPPED = ("tests", "migrations", "management")
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "pgettext",
    "pgettext_lazy",
    "ngettext",
    "ngettext_lazy",
}
# Where a string reaches a person: a field's or a form's words, a refusal, a flash message.
FIELD_WORDS = {"verbose_name", "verbose_name_plural", "label", "help_text", "empty_label"}
FLASHES = {"success", "info", "warning", "error", "add_message"}
REFUSALS = {"Refused", "ValidationError"}


def python_sources() -> list[Path]:
    return sorted(
        path
        for path in GONGHUI.glob("*/**/*.py")
        if not any(part in PYTHON_SKIPPED for part in path.relative_to(GONGHUI).parts)
        and path.name not in {"demo.py", "testing.py"}
    )


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _chinese(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and CJK.search(node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(_chinese(v) for v in node.values)
    return False


def _shown(node: ast.AST) -> list[ast.AST]:
    """The Chinese strings in a value that reaches a person: itself, or a dict's values."""
    if isinstance(node, ast.Dict):
        return [v for v in node.values if _chinese(v)]
    if isinstance(node, ast.Lambda):
        return _shown(node.body)
    return [node] if _chinese(node) else []


def shown_to_people(tree: ast.AST) -> list[ast.AST]:
    """Chinese strings a person reads: choice labels, field and form words, refusals, flash
    messages, a refusal's errors[field] and the pages' own messages and titles. A string already inside gettext is not one."""
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(
            (b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")).endswith("Choices")
            for b in node.bases
        ):
            for statement in node.body:
                if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple):
                    found += _shown(statement.value.elts[-1])
        if (
            isinstance(node, ast.Assign)
            and isinstance(target := node.targets[0], ast.Subscript)
            and getattr(target.value, "id", "") == "errors"
        ):
            found += _shown(node.value)  # errors["field"] = "…", raised together as a refusal
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        if name.endswith("Field"):
            if node.args and not name.endswith("ChoiceField"):
                found += _shown(node.args[0])
            for kw in node.keywords:
                if kw.arg in FIELD_WORDS or kw.arg == "error_messages":
                    found += _shown(kw.value)
                if kw.arg == "choices" and isinstance(kw.value, ast.List | ast.Tuple):
                    found += [
                        e.elts[-1] for e in kw.value.elts if isinstance(e, ast.Tuple) and _chinese(e.elts[-1])
                    ]
        elif (
            name in FLASHES
            and isinstance(node.func, ast.Attribute)
            and getattr(node.func.value, "id", "") == "messages"
        ):
            for arg in node.args[1:]:
                found += _shown(arg)
        elif name in REFUSALS and node.args:
            found += _shown(node.args[0])
        elif name == "add_error" and len(node.args) >= 2:
            found += _shown(node.args[1])
        elif name in {"submit", "step"}:
            for kw in node.keywords:
                if kw.arg == "message":
                    found += _shown(kw.value)
    return found


def reasons_and_helpers(tree: ast.AST) -> list[ast.AST]:
    """Chinese strings a person reads that `shown_to_people` does not see: a workflow step's
    label, a flow's name, a rule's refusal, a guard's reasons, `abilities.require(doing, why)`,
    and the words of a helper given as a message (`message=said`)."""
    found: list[ast.AST] = []
    helpers: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        if name == "Step" and node.args:
            found += _shown(node.args[0])
            if len(node.args) > 3 and isinstance(node.args[3], ast.Name):
                helpers.add(node.args[3].id)
        elif (name == "Check" and len(node.args) > 1) or (
            name == "require" and isinstance(node.func, ast.Attribute) and len(node.args) > 1
        ):
            found += _shown(node.args[1])
        wanted = {"Workflow": "name", "require": "message"}.get(name, "")
        for kw in node.keywords:
            if kw.arg == "refusal" or kw.arg == wanted:
                found += _shown(kw.value)
            if kw.arg == "message" and name in {"submit", "step"} and isinstance(kw.value, ast.Name):
                helpers.add(kw.value.id)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in helpers:
            for r in ast.walk(node):
                if isinstance(r, ast.Return) and r.value is not None:
                    value = r.value
                    found += (
                        [*_shown(value.body), *_shown(value.orelse)]
                        if isinstance(value, ast.IfExp)
                        else _shown(value)
                    )
    return found


def gettext_messages(tree: ast.AST) -> list[tuple[str | None, str]]:
    """The (context, msgid) of every gettext call with a literal message."""
    found: list[tuple[str | None, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called(node) in GETTEXT and node.args:
            args = [
                a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                for a in node.args
            ]
            if _called(node).startswith("pgettext") and len(args) >= 2 and args[0] is not None and args[1]:
                found.append((args[0], args[1]))
            elif not _called(node).startswith("pgettext") and args[0]:
                found.append((None, args[0]))
    return found


def words_found(finder: Callable[[ast.AST], list[ast.AST]], source: str) -> list[str]:
    """The strings `finder` picks out of `source`, sorted; an f-string as "f-string"."""
    return sorted(
        str(n.value) if isinstance(n, ast.Constant) else "f-string" for n in finder(ast.parse(source))
    )


def bare_in_sources(finder: Callable[[ast.AST], list[ast.AST]]) -> list[str]:
    """Where `finder` picks a string out of the project's Python: file:line."""
    return [
        f"{path.relative_to(GONGHUI)}:{node.lineno}"  # type: ignore[attr-defined]
        for path in python_sources()
        for node in finder(ast.parse(path.read_text(encoding="utf-8")))
    ]


def test_shown_to_people_finds_each_kind_of_place():
    source = """
class Tier(models.TextChoices):
    DEEP = "deep", "深度困难"
    DONE = "done", gettext_lazy("已完成")
name = models.CharField("姓名", help_text="必填")
level = forms.ChoiceField(label=_("级别"), choices=[("a", "甲")])
def view(request):
    messages.success(request, f"已保存{x}。")
    raise Refused({"name": "请填写姓名。"})
    return web.submit(request, form, message=lambda m: f"已登记{m}")
    errors["phone"] = "手机号码有误。"
note = "内部注释用的中文"
"""
    assert words_found(shown_to_people, source) == sorted(
        ["深度困难", "姓名", "必填", "甲", "f-string", "请填写姓名。", "f-string", "手机号码有误。"]
    )


def test_every_chinese_string_shown_to_people_from_python_is_marked_for_translation():
    """A label, choice, refusal or flash message written in Python goes through gettext, so that
    English readers get English (an f-string becomes gettext("…%(name)s…") % {…})."""
    bare = bare_in_sources(shown_to_people)
    assert not bare, f"{len(bare)} Chinese strings shown to people are not in gettext:\n" + "\n".join(bare)


def test_reasons_and_helpers_finds_each_kind_of_place():
    source = """
def view(request):
    ab.require("edit", "只能修改草稿。")
    return web.step(request, act=act, done=done, refused=refused, message=said)
def said(r):
    return f"已导入{r}人。"
def covers(record):
    return "余额不足。" if record else ""
FLOW = Workflow(name="申请", steps={"pay": Step("发放", {}, Check(own, "只能撤回本人的。"), covers),
                                   "go": Step(gettext_lazy("通过"), {}, Holds("edit", refusal="无权。"))})
note = "内部注释用的中文"
"""
    assert words_found(reasons_and_helpers, source) == sorted(
        ["只能修改草稿。", "f-string", "余额不足。", "申请", "发放", "只能撤回本人的。", "无权。"]
    )


def test_workflow_words_refusals_and_helper_messages_are_marked_for_translation():
    """Step labels, rule refusals, guards' reasons and a message helper's words reach people
    too: in English they are English."""
    bare = bare_in_sources(reasons_and_helpers)
    assert not bare, f"{len(bare)} Chinese strings shown to people are not in gettext:\n" + "\n".join(bare)


def test_every_chinese_python_message_has_an_english_translation():
    found: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for path in python_sources():
        for message in gettext_messages(ast.parse(path.read_text(encoding="utf-8"))):
            found[message].add(str(path.relative_to(GONGHUI)))
    assert len(found) > 1000, "the Python gettext calls were not found: has the collector broken?"
    with translation.override("en"):
        missing = sorted(
            f"{msgid!r}  ({', '.join(sorted(where))})"
            for (context, msgid), where in found.items()
            if CJK.search(msgid) and untranslated((context, msgid, None))
        )
    assert not missing, (
        f"{len(missing)} Python strings have no English translation; add them to the app's own "
        "gonghui/<app>/locale/en/LC_MESSAGES/django.po and compile it with msgfmt:\n" + "\n".join(missing)
    )
