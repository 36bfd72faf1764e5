"""The request and response shapes of the services API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from gonghui.kernel.schemas import abilities_of

from ..abilities import article_abilities, booking_abilities, case_abilities


class CentreOut(Schema):
    id: int
    org_id: int
    name: str
    address: str
    phone: str
    functions: list[str] = Field(..., alias="function_list")
    active: bool


class ProviderOut(Schema):
    id: int
    centre_id: int
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    name: str
    title: str
    service_ids: list[int]

    @staticmethod
    def resolve_service_ids(obj: object) -> list[int]:
        return list(obj.services.values_list("id", flat=True))  # type: ignore[attr-defined]


class SlotOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    room_id: int | None


class BookingOut(Schema):
    id: int
    centre_id: int
    provider_id: int
    service_id: int
    room_id: int | None
    member_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    status_label: str = Field(..., alias="get_status_display")
    channel: str
    rating: int | None


class BookingDetailOut(BookingOut):
    abilities: list[str] = Field(..., description="调用者现在可以对该预约办理的事项")

    resolve_abilities = abilities_of(booking_abilities)


class BookingIn(Schema):
    provider_id: int
    service_id: int
    starts_at: dt.datetime
    member_id: int | None = Field(None, description="代会员预约时填写；会员本人预约不填")
    note: str = ""


class CancelIn(Schema):
    reason: str = ""


class MarkIn(Schema):
    attended: bool


class FeedbackIn(Schema):
    rating: int
    comment: str = ""


class ThreadOut(Schema):
    id: int
    centre_id: int
    provider_id: int
    status: str
    last_at: dt.datetime


class MessageOut(Schema):
    id: int
    from_provider: bool
    body: str
    created_at: dt.datetime


class ThreadDetailOut(ThreadOut):
    subject: str
    role: str
    messages: list[MessageOut]
    supervisor: str | None = Field(
        None, description="本中心督导的姓名：督导可查阅本咨询，每次查阅记入审计日志；未设督导为 null"
    )
    abilities: list[str] = Field(..., description="调用者现在可以对该咨询办理的事项")


class ThreadIn(Schema):
    provider_id: int
    subject: str
    body: str


class PostIn(Schema):
    body: str


class ArticleOut(Schema):
    id: int
    centre_id: int
    category: str
    title: str
    body: str
    published: bool
    published_at: dt.datetime | None


class ArticleDetailOut(ArticleOut):
    abilities: list[str] = Field(..., description="调用者现在可以对该文章办理的事项")

    resolve_abilities = abilities_of(article_abilities)


class CaseOut(Schema):
    id: int
    org_id: int
    number: str
    category: str
    category_label: str = Field(..., alias="get_category_display")
    intake_on: dt.date
    summary: str
    parties: int
    migrants: int
    party_names: str
    employer_unit_id: int | None
    employer_name: str
    lawyer_id: int | None
    stage: str
    outcome: str
    amount_claimed: Decimal | None
    amount_recovered: Decimal
    closed_on: dt.date | None


class CaseDetailOut(CaseOut):
    abilities: list[str] = Field(..., description="调用者现在可以对该案件办理的事项")

    resolve_abilities = abilities_of(case_abilities)


class CasePage(Schema):
    items: list[CaseOut]
    next_before: int | None


class CaseIn(Schema):
    org_id: int
    category: str
    intake_on: dt.date | None = None
    summary: str
    parties: int
    migrants: int = 0
    party_names: list[str] = []
    employer_unit_id: int | None = None
    employer_name: str = ""
    lawyer_id: int | None = None
    amount_claimed: Decimal | None = None


class AdvanceIn(Schema):
    step: str = Field(
        ...,
        description="mediate（调解）、arbitrate（仲裁）或 litigate（诉讼）：案件详情的 abilities 列出现在可办的",
    )
    on: dt.date | None = None
    note: str = ""


class CloseIn(Schema):
    outcome: str
    amount_recovered: Decimal = Decimal("0.00")
    on: dt.date | None = None
    note: str = ""


class FiguresOut(Schema):
    cases: int
    closed: int
    people: int
    migrants: int
    recovered: Decimal


class StatsRowOut(Schema):
    org_id: int
    name: str
    own: bool
    figures: FiguresOut


class StatsOut(Schema):
    org_id: int
    name: str
    year: int | None
    rows: list[StatsRowOut]
    by_category: dict[str, FiguresOut]
    total: FiguresOut
