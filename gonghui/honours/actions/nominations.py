"""Nominations: made, corrected, furnished with material, submitted and reviewed up the tree."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

from gonghui.kernel import cleaning, filetypes, scope
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.orgs.models import Org

from .. import rules
from ..models import (
    Nomination,
    NominationFile,
    NominationState,
    Review,
    Round,
)
from ..workflow import NOMINATION
from ._common import _from_register, _locked, _nomination, _person_fields


@action
def nomination_create(*, actor: Any, round: Round, org: Org, member: Any = None, **values: Any) -> Nomination:
    """A union below the one that opened the round nominates a person or a collective (a draft
    until it is submitted)."""
    scope.require(actor, "edit", org)
    if not (org.path.startswith(round.org.path) and org.path != round.org.path):
        raise Refused(
            gettext("「%(name)s」不在「%(name2)s」之下，不能推荐。")
            % {"name": org.name, "name2": round.org.name}
        )
    why = rules.round_open_refusal(round) or rules.nominator_refusal(round.kind, org)
    if why:
        raise Refused(why)
    if member is not None:
        values = _from_register(member, values, org=org)
    fields = _person_fields(values, collective=round.kind.collective)
    nomination = Nomination.objects.create(round=round, org=org, member=member, **fields)
    audit(
        actor=actor,
        action="honours.nomination.create",
        obj=nomination,
        org=org,
        detail={"round": round.title, "name": nomination.name, "unit": nomination.unit},
    )
    return nomination


@action
def nomination_update(*, actor: Any, nomination: Nomination, **values: Any) -> Nomination:
    nomination = _nomination(nomination)
    scope.require(actor, "edit", nomination.org)
    if nomination.state != NominationState.DRAFT:
        raise Refused(
            gettext("推荐当前为「%(value)s」，不能再修改。") % {"value": nomination.get_state_display()}
        )
    fields = _person_fields(values, collective=nomination.round.kind.collective)
    for key, value in fields.items():
        setattr(nomination, key, value)
    nomination.save(update_fields=list(fields))
    audit(actor=actor, action="honours.nomination.update", obj=nomination, org=nomination.org,
          detail={"name": nomination.name})  # fmt: skip
    return nomination


FILE_MAX_BYTES = filetypes.DOCUMENT_MAX_BYTES


@action
def nomination_attach(
    *, actor: Any, nomination: Nomination, title: str, upload: UploadedFile
) -> NominationFile:
    """事迹材料 and other attachments (推荐审批表, 证明材料), while the nomination is a draft."""
    nomination = _nomination(nomination)
    scope.require(actor, "edit", nomination.org)
    if nomination.state != NominationState.DRAFT:
        raise Refused(
            gettext("推荐当前为「%(value)s」，不能再添加材料。") % {"value": nomination.get_state_display()}
        )
    kind, filename, size = filetypes.document_upload(upload)
    title = cleaning.text(title, field="title", label="材料名称", max_length=100, required=False)
    attachment = NominationFile(
        nomination=nomination, title=title or PurePath(filename).stem, filename=filename, size=size,
        content_type=kind.content_type,
    )  # fmt: skip
    attachment.file.save(filename, upload, save=False)
    attachment.save()
    audit(actor=actor, action="honours.nomination.attach", obj=nomination, org=nomination.org,
          detail={"title": attachment.title, "file": filename, "size": upload.size})  # fmt: skip
    return attachment


@action
def nomination_submit(*, actor: Any, nomination: Nomination) -> Nomination:
    """报送: to the first union above holding places (or the one that opened the round)."""
    _locked(nomination.round)
    nomination = _nomination(nomination)
    NOMINATION.check(actor, nomination, "submit")
    nomination.at = rules.next_reviewer(nomination)
    nomination.reason = ""
    transition(NOMINATION, nomination, "submit", actor=actor, detail={"to_org": nomination.at.name},
               extra_fields=("at", "reason"))  # fmt: skip
    return nomination


def _review(nomination: Nomination, *, actor: Any, decision: str, comment: str) -> None:
    assert nomination.at is not None  # a nomination under review waits at a union
    Review.objects.create(
        nomination=nomination, org=nomination.at, decision=decision, comment=comment, actor=actor
    )


@action
def nomination_recommend(*, actor: Any, nomination: Nomination, comment: str = "") -> Nomination:
    """The union the nomination waits at passes it up, within its places."""
    _locked(nomination.round)
    nomination = _nomination(nomination)
    comment = cleaning.text(comment, field="comment", label="审核意见", max_length=200, required=False)
    here = nomination.at
    NOMINATION.check(actor, nomination, "recommend")
    _review(nomination, actor=actor, decision="推荐", comment=comment)
    after = rules.next_reviewer(nomination)
    transition(
        NOMINATION, nomination, "recommend", actor=actor, org=here,
        detail={"from_org": here.name if here else "", "to_org": after.name, "comment": comment},
    )  # fmt: skip
    nomination.at = after
    nomination.save(update_fields=["at"])
    return nomination


@action
def nomination_select(*, actor: Any, nomination: Nomination, comment: str = "") -> Nomination:
    """The union that opened the round makes the nomination one to be honoured (拟表彰)."""
    _locked(nomination.round)
    nomination = _nomination(nomination)
    comment = cleaning.text(comment, field="comment", label="审核意见", max_length=200, required=False)
    NOMINATION.check(actor, nomination, "select")
    _review(nomination, actor=actor, decision="确定拟表彰", comment=comment)
    transition(
        NOMINATION, nomination, "select", actor=actor, org=nomination.round.org, detail={"comment": comment}
    )
    return nomination


def _turn_down(step: str, decision: str, *, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    nomination = _nomination(nomination)
    reason = cleaning.text(reason, field="reason", label="理由", max_length=200)
    here = nomination.at
    NOMINATION.check(actor, nomination, step)
    _review(nomination, actor=actor, decision=decision, comment=reason)
    nomination.reason = reason
    transition(NOMINATION, nomination, step, actor=actor, org=here, detail={"reason": reason},
               extra_fields=("reason",))  # fmt: skip
    nomination.at = None
    nomination.save(update_fields=["at"])
    return nomination


@action
def nomination_send_back(*, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    """退回修改: back to the nominating union as a draft, with the reason."""
    return _turn_down("send_back", "退回修改", actor=actor, nomination=nomination, reason=reason)


@action
def nomination_reject(*, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    return _turn_down("reject", "不予推荐", actor=actor, nomination=nomination, reason=reason)


nomination_withdraw = step_action(NOMINATION, "withdraw", record="nomination", lock=_nomination)
