"""Helpers shared by the bulletin's actions."""

from __future__ import annotations

from gonghui.kernel.errors import Refused

MAX_SECTIONS = 10
SECTION_MAX_CHARS = 20


def clean_sections(names: list[str] | tuple[str, ...], *, field: str = "sections") -> list[str]:
    """Section names in order: stripped, non-empty, unique, short."""
    out: list[str] = []
    for raw in names:
        name = "".join(str(raw).split())
        if not name:
            continue
        if len(name) > SECTION_MAX_CHARS:
            raise Refused({field: f"栏目名称「{name}」过长（最多 {SECTION_MAX_CHARS} 个字）。"})
        if name in out:
            raise Refused({field: f"栏目「{name}」重复。"})
        out.append(name)
    if not out:
        raise Refused({field: "请至少设置一个栏目。"})
    if len(out) > MAX_SECTIONS:
        raise Refused({field: f"栏目最多 {MAX_SECTIONS} 个。"})
    return out
