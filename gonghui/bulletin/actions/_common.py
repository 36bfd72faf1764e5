"""Helpers shared by the bulletin's actions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from gonghui.kernel import scope

MAX_SECTIONS = 10
SECTION_MAX_CHARS = 20


def require(actor: Any, perm: str, org: Any) -> None:
    # actor=None is the system itself (demo loader, CLI import), never a web request.
    if actor is not None:
        scope.require(actor, perm, org)


def clean_sections(names: list[str] | tuple[str, ...], *, field: str = "sections") -> list[str]:
    """Section names in order: stripped, non-empty, unique, short."""
    out: list[str] = []
    for raw in names:
        name = "".join(str(raw).split())
        if not name:
            continue
        if len(name) > SECTION_MAX_CHARS:
            raise ValidationError({field: f"栏目名称「{name}」过长（最多 {SECTION_MAX_CHARS} 个字）。"})
        if name in out:
            raise ValidationError({field: f"栏目「{name}」重复。"})
        out.append(name)
    if not out:
        raise ValidationError({field: "请至少设置一个栏目。"})
    if len(out) > MAX_SECTIONS:
        raise ValidationError({field: f"栏目最多 {MAX_SECTIONS} 个。"})
    return out


def clean_text(value: str | None, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: f"请填写{label}。"})
    if len(text) > max_length:
        raise ValidationError({field: f"{label}最多 {max_length} 个字。"})
    return text


def clean_body(value: str | None, *, field: str = "body") -> str:
    """Paragraphs one per line, blank lines and trailing spaces dropped."""
    lines = [line.strip() for line in (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    body = "\n".join(line for line in lines if line)
    if not body:
        raise ValidationError({field: "请填写正文。"})
    if len(body) > 20_000:
        raise ValidationError({field: "正文最多 20000 字。"})
    return body
