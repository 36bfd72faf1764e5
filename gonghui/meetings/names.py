"""Names as union offices write them: 十三届八次全委（扩大）会议, 第十二届委员会, 经费审查委员会.

A meeting's name is formed from its union, term and sequence, never typed, so that the same
meeting is written the same way in the record, the minutes and the reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Committee

DIGITS = "零一二三四五六七八九"
ENLARGED = "（扩大）"  # full-width brackets, as in official documents


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 101 → 一百零一, 110 → 一百一十 (1 to 9999)."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 < n < 10000:
        raise ValueError(f"届次、次序应为1至9999的整数：{n!r}")
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = (n // value) % 10
        if digit:
            if zero and out:
                out += "零"
            out += DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


# The body named in the meeting's name (after 届…次) for each kind of term meeting.
_BODY = {"plenary": "全委", "standing": "常委", "audit": "经审委", "women": "委员"}


def meeting_short_name(
    *, kind: str, term: int | None, sequence: int | None, enlarged: bool, subject: str = ""
) -> str:
    """The name without the union: 十三届八次全委（扩大）会议, 七届三次经审委会议,
    第三届职工代表大会第二次会议; a meeting outside a term is named by its subject."""
    if kind == "congress" and term and sequence:
        return f"第{cn_numeral(term)}届职工代表大会第{cn_numeral(sequence)}次会议"
    if kind in _BODY and term and sequence:
        body = _BODY[kind]
        prefix = "女职工委员会" if kind == "women" else ""
        return f"{prefix}{cn_numeral(term)}届{cn_numeral(sequence)}次{body}{ENLARGED if enlarged else ''}会议"
    return subject.strip()


def meeting_name(
    *, org_name: str, kind: str, term: int | None, sequence: int | None, enlarged: bool, subject: str = ""
) -> str:
    """广东省总工会十二届六次全委（扩大）会议: the union's name, then the short name. A subject that
    already names the union is kept as it is."""
    short = meeting_short_name(kind=kind, term=term, sequence=sequence, enlarged=enlarged, subject=subject)
    if kind not in _BODY and kind != "congress" and short.startswith(org_name):
        return short
    return f"{org_name}{short}"


def committee_name(committee: Committee) -> str:
    """广东省总工会第十二届委员会, 珠海市总工会第七届经费审查委员会 (the name of the union whose
    committee it is: a merged union's committee keeps its own)."""
    return f"{committee.union.name}第{cn_numeral(committee.term)}届{committee.get_kind_display()}"


def committee_short_name(committee: Committee) -> str:
    return f"第{cn_numeral(committee.term)}届{committee.get_kind_display()}"
