"""Helpers shared by the bulletin's actions."""

from __future__ import annotations

from django.utils.translation import gettext

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
            raise Refused(
                {
                    field: gettext("栏目名称「%(name)s」过长（最多 %(SECTION_MAX_CHARS)s 个字）。")
                    % {"name": name, "SECTION_MAX_CHARS": SECTION_MAX_CHARS}
                }
            )
        if name in out:
            raise Refused({field: gettext("栏目「%(name)s」重复。") % {"name": name}})
        out.append(name)
    if not out:
        raise Refused({field: gettext("请至少设置一个栏目。")})
    if len(out) > MAX_SECTIONS:
        raise Refused({field: gettext("栏目最多 %(MAX_SECTIONS)s 个。") % {"MAX_SECTIONS": MAX_SECTIONS}})
    return out
