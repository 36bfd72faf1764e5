"""The flows of a course (筹备 → 报名 → 报名截止 → 结业, or 取消), of a trainee's enrolment and of
a certificate, as data."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.kernel.workflow import Check, Either, Holds, Step, Workflow

from .models import Certificate, Course, Enrolment
from .rules import finish_guard, own_enrolment, publish_guard, roster_refusal

_C = Course.State
COURSE = Workflow.of(
    Course.state,
    name=gettext_lazy("培训班"),
    steps={
        "publish": Step(gettext_lazy("开放报名"), {_C.DRAFT: _C.OPEN}, Holds("edit"), guard=publish_guard),
        "close": Step(gettext_lazy("截止报名"), {_C.OPEN: _C.CLOSED}, Holds("edit")),
        "reopen": Step(gettext_lazy("重新开放报名"), {_C.CLOSED: _C.OPEN}, Holds("edit")),
        "finish": Step(
            gettext_lazy("办理结业"),
            {_C.OPEN: _C.FINISHED, _C.CLOSED: _C.FINISHED},
            Holds("edit"),
            guard=finish_guard,
        ),
        "cancel": Step(
            gettext_lazy("取消培训班"),
            {_C.DRAFT: _C.CANCELLED, _C.OPEN: _C.CANCELLED, _C.CLOSED: _C.CANCELLED},
            Holds("edit"),
        ),
    },
)

_E = Enrolment.State
ENROLMENT = Workflow.of(
    Enrolment.state,
    name=pgettext_lazy("培训", "报名"),
    org="course__org",
    steps={
        # The organiser's officers, or the trainee themselves, while the course still runs.
        "withdraw": Step(
            gettext_lazy("退出培训"),
            {_E.ENROLLED: _E.CANCELLED},
            Either(
                (Holds("edit", on="course__org"), Check(own_enrolment, gettext_lazy("只能退出本人的报名。")))
            ),
            guard=lambda e: roster_refusal(e.course),
        ),
    },
)

_V = Certificate.State
CERTIFICATE = Workflow.of(
    Certificate.state,
    name=gettext_lazy("结业证书"),
    org="enrolment__course__org",
    steps={"revoke": Step(gettext_lazy("撤销证书"), {_V.VALID: _V.REVOKED}, "edit")},
)
