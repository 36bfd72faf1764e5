"""Forms parse input only; every rule is checked by the actions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.formfields import optional_text

from .actions import LEAVING_REASONS, CandidateIn, SeatIn
from .models import (
    AgendaKind,
    AgendaOutcome,
    Candidate,
    Committee,
    CommitteeKind,
    ElectionKind,
    LeftWhy,
    MajorityBasis,
    MeetingKind,
    PassOnHow,
    Post,
    Seat,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK: list[Any] = [("", gettext_lazy("—— 请选择 ——"))]
POST_BY_LABEL = {label: value for value, label in Post.choices} | {
    "经审委副主任": Post.AUDIT_VICE,
    "常委委员": Post.STANDING,
}
SPLIT = re.compile(r"[\s,，;；、]+")
MEMBER_REF = re.compile(r"^#(\d{1,12})$")


def parse_fraction(text: str, *, field: str) -> tuple[int, int] | None:
    text = (text or "").strip().replace("／", "/")
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{1,2})", text)
    if not m:
        raise ValidationError({field: gettext("请写成分数，如 2/3。")})
    return int(m[1]), int(m[2])


class CommitteeForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("委员会类别"), choices=BLANK + CommitteeKind.choices)
    term = forms.IntegerField(
        label=gettext_lazy("届次"), min_value=1, max_value=999, help_text=gettext_lazy("如第十二届填 12。")
    )
    starts_on = forms.DateField(
        label=gettext_lazy("本届起始日期"),
        widget=DATE,
        help_text=gettext_lazy("换届选举产生本届委员会的日期。"),
    )
    ends_on = forms.DateField(label=gettext_lazy("本届届满日期"), widget=DATE, required=False)
    seats_planned = forms.IntegerField(
        label=gettext_lazy("委员名额"), min_value=1, max_value=999, required=False
    )


class SeatsForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("任职日期"), widget=DATE)
    people = forms.CharField(
        label=gettext_lazy("委员名单"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "每行一人：姓名、职务、工作单位及职务，用空格分隔；职务可省略（默认为委员）。"
            "已在会员库中的，可在行末写 #会员编号 关联会员档案。"
        ),
    )

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.committee = committee

    def lines(self) -> list[tuple[SeatIn, int | None]]:
        from .models import POSTS_BY_KIND

        default = POSTS_BY_KIND[self.committee.kind][-1]
        out: list[tuple[SeatIn, int | None]] = []
        for line in self.cleaned_data.get("people", "").splitlines():
            parts = [p for p in SPLIT.split(line.strip()) if p]
            if not parts:
                continue
            member_id = None
            if parts and MEMBER_REF.match(parts[-1]):
                member_id = int(MEMBER_REF.match(parts.pop())[1])  # type: ignore[index]
            name, rest = parts[0], parts[1:]
            post = default
            if rest and rest[0] in POST_BY_LABEL:
                post = POST_BY_LABEL[rest.pop(0)]
            out.append((SeatIn(name=name, post=post, title=" ".join(rest)), member_id))
        return out


class SeatEndForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("离任日期"), widget=DATE)
    why = forms.ChoiceField(
        label=gettext_lazy("离任原因"), choices=BLANK + [(v, LeftWhy(v).label) for v in LEAVING_REASONS]
    )
    note = optional_text(gettext_lazy("说明"), max_length=200)


class RulesForm(forms.Form):
    quorum = forms.CharField(
        label=gettext_lazy("法定人数"),
        max_length=10,
        help_text=gettext_lazy("出席人数不少于应到会人数的几分之几，如 2/3。"),
    )
    majority_basis = forms.ChoiceField(
        label=gettext_lazy("当选须获赞成票超过……的半数"), choices=MajorityBasis.choices
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("会议类别"), choices=BLANK + MeetingKind.choices)
    held_on = forms.DateField(label=gettext_lazy("会议日期"), widget=DATE)
    enlarged = forms.BooleanField(label=gettext_lazy("扩大会议"), required=False)
    sequence = forms.IntegerField(
        label=gettext_lazy("本届第几次"), min_value=1, max_value=999, required=False,
        help_text=gettext_lazy("委员会会议、职代会按届次编号；留空为本届下一次。"),
    )  # fmt: skip
    term = forms.IntegerField(label=gettext_lazy("职代会届次"), min_value=1, max_value=999, required=False)
    subject = optional_text(
        gettext_lazy("会议名称（非届次会议）"), max_length=100, hint=gettext_lazy("如：全市工会工作会议。")
    )
    place = optional_text(gettext_lazy("会议地点"), max_length=100)
    presided_by = optional_text(gettext_lazy("主持人"), max_length=100)
    summary = optional_text(gettext_lazy("会议纪要"), rows=5)


class MeetingEditForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("会议日期"), widget=DATE)
    enlarged = forms.BooleanField(label=gettext_lazy("扩大会议"), required=False)
    subject = optional_text(gettext_lazy("会议名称（非届次会议）"), max_length=100)
    place = optional_text(gettext_lazy("会议地点"), max_length=100)
    presided_by = optional_text(gettext_lazy("主持人"), max_length=100)
    summary = optional_text(gettext_lazy("会议纪要"), rows=8)


class AttendanceForm(forms.Form):
    guests = optional_text(gettext_lazy("列席及特邀人员"), hint=gettext_lazy("每行一人：姓名 职务。"), rows=4)

    def __init__(self, *args: Any, rows: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for a in rows:
            self.fields[f"present_{a.pk}"] = forms.BooleanField(
                label=a.name, required=False, initial=a.present,
                widget=forms.CheckboxInput(attrs={"aria-label": f"{a.name} 出席"}),
            )  # fmt: skip
            self.fields[f"note_{a.pk}"] = optional_text(
                gettext("%(name)s缺席原因") % {"name": a.name}, max_length=100, initial=a.absence_note,
                widget=forms.TextInput(attrs={"aria-label": f"{a.name} 缺席原因"}),
            )  # fmt: skip

    def absent(self) -> set[int]:
        return {a.pk for a in self.rows if not self.cleaned_data.get(f"present_{a.pk}")}

    def notes(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data.get(f"note_{a.pk}", "") for a in self.rows}

    def guest_list(self) -> list[tuple[str, str]]:
        out = []
        for line in self.cleaned_data.get("guests", "").splitlines():
            parts = line.split(maxsplit=1)
            if parts:
                out.append((parts[0], parts[1] if len(parts) > 1 else ""))
        return out

    def member_fields(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [(a, self[f"present_{a.pk}"], self[f"note_{a.pk}"]) for a in self.rows]


class AgendaForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("议程类别"), choices=BLANK + AgendaKind.choices)
    title = optional_text(gettext_lazy("议题"), max_length=200, hint=gettext_lazy("如：2012年工作报告。"))
    speaker = optional_text(gettext_lazy("报告人/讲话人"), max_length=50)
    speaker_post = optional_text(gettext_lazy("职务"), max_length=100)
    outcome = forms.ChoiceField(label=gettext_lazy("结果"), choices=AgendaOutcome.choices, required=False)


class DocumentForm(forms.Form):
    title = optional_text(gettext_lazy("文件名称"), max_length=200)
    file = forms.FileField(
        label=gettext_lazy("文件"),
        help_text=gettext_lazy("PDF、Word、WPS、Excel、PPT、OFD 或图片（JPG、PNG），不超过20MB。"),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("作废原因"), max_length=200, widget=forms.Textarea(attrs={"rows": 3})
    )


class ElectionForm(forms.Form):
    committee = forms.ChoiceField(label=gettext_lazy("选入委员会"))
    kind = forms.ChoiceField(label=gettext_lazy("选举方式"), choices=BLANK + ElectionKind.choices)
    post = forms.ChoiceField(label=gettext_lazy("选举职务"), choices=BLANK + Post.choices)
    seats = forms.IntegerField(label=gettext_lazy("应选人数"), min_value=1, max_value=99)
    candidates = forms.CharField(
        label=gettext_lazy("候选人"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("每行一人：姓名 工作单位及职务。"),
    )
    quorum = optional_text(
        gettext_lazy("法定人数（本次选举另定）"), max_length=10, hint=gettext_lazy("如 2/3；留空按本会规则。")
    )
    majority_basis = forms.ChoiceField(
        label=gettext_lazy("过半数的基数（本次选举另定）"),
        choices=[("", gettext_lazy("按本会规则")), *MajorityBasis.choices],
        required=False,
    )

    def __init__(self, *args: Any, committees: list[Committee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.committees = {str(c.pk): c for c in committees}
        self.fields["committee"].choices = BLANK + [(str(c.pk), str(c)) for c in committees]  # type: ignore[attr-defined]

    def chosen_committee(self) -> Committee:
        return self.committees[self.cleaned_data["committee"]]

    def candidate_list(self) -> list[CandidateIn]:
        out = []
        for line in self.cleaned_data.get("candidates", "").splitlines():
            parts = line.split(maxsplit=1)
            if parts:
                out.append(CandidateIn(parts[0], parts[1] if len(parts) > 1 else ""))
        return out


class TallyForm(forms.Form):
    ballots_issued = forms.IntegerField(label=gettext_lazy("发出选票"), min_value=0, required=False)
    ballots_returned = forms.IntegerField(label=gettext_lazy("收回选票"), min_value=0, required=False)
    ballots_valid = forms.IntegerField(label=gettext_lazy("有效选票"), min_value=0, required=False)

    def __init__(self, *args: Any, candidates: list[Candidate], seats: list[Seat], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        choices = [("", "（不替补）")] + [(str(s.pk), f"{s.name}（{s.get_post_display()}）") for s in seats]
        for c in candidates:
            self.fields[f"votes_{c.pk}"] = forms.IntegerField(
                label=gettext("%(name)s 赞成票") % {"name": c.name}, min_value=0, required=False, initial=c.votes,
                widget=forms.NumberInput(attrs={"aria-label": f"{c.name} 赞成票"}),
            )  # fmt: skip
            self.fields[f"replaces_{c.pk}"] = forms.ChoiceField(
                label=gettext("%(name)s 替补") % {"name": c.name}, choices=choices, required=False,
                initial=str(c.replaces_id) if c.replaces_id else "",
                widget=forms.Select(attrs={"aria-label": f"{c.name} 替补谁"}),
            )  # fmt: skip

    def votes(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"votes_{c.pk}") for c in self.candidates}

    def replaces(self) -> dict[int, int | None]:
        return {
            c.pk: int(self.cleaned_data[f"replaces_{c.pk}"])
            if self.cleaned_data.get(f"replaces_{c.pk}")
            else None
            for c in self.candidates
        }

    def rows(self) -> list[tuple[Candidate, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"votes_{c.pk}"], self[f"replaces_{c.pk}"]) for c in self.candidates]


class PassOnRequireForm(forms.Form):
    depth = forms.TypedChoiceField(
        label=gettext_lazy("传达范围"), coerce=int,
        choices=[(1, gettext_lazy("直属下级工会")), (2, gettext_lazy("下两级工会")), (3, gettext_lazy("下三级工会（至镇、街道）"))],
    )  # fmt: skip
    due = forms.DateField(label=gettext_lazy("传达期限"), widget=DATE, required=False)


class PassOnRecordForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("传达日期"), widget=DATE, required=False)
    how = forms.ChoiceField(label=gettext_lazy("传达方式"), choices=BLANK + PassOnHow.choices)
    via = forms.ChoiceField(
        label=gettext_lazy("传达会议"),
        required=False,
        help_text=gettext_lazy("本会召开的、传达了该会议精神的会议。"),
    )
    note = optional_text(
        gettext_lazy("情况说明"), max_length=300, rows=3,
        hint=gettext_lazy("如：召开全市工会工作会议，传达学习会议精神，市总全体领导参加。"),
    )  # fmt: skip

    def __init__(self, *args: Any, meetings: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.pk): m for m in meetings}
        self.fields["via"].choices = [("", "（不选）")] + [  # type: ignore[attr-defined]
            (str(m.pk), f"{m.held_on:%Y-%m-%d} {m.name}") for m in meetings
        ]

    def via_meeting(self) -> Any:
        return self.meetings.get(self.cleaned_data.get("via") or "")
