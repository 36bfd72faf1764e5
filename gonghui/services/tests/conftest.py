"""A centre under 海珠区总工会 serving its subtree: a counsellor with a login and Monday hours in
a room, a lawyer, a supervising counsellor, and a worker of 赤岗街道联合工会 with their own login."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.conftest import Personas, Tree
from gonghui.members.models import Member
from gonghui.services import actions
from gonghui.services.models import Centre, Provider, Room, Service
from gonghui.services.notify import MemoryBackend

from . import factories as f


@dataclass
class Centre_:
    centre: Centre
    room: Room
    counselling: Service
    counsellor: Provider
    counsellor_user: User
    lawyer: Provider
    supervisor: User
    worker: Member
    worker_user: User


@pytest.fixture
def outbox(settings):  # type: ignore[no-untyped-def]
    settings.GONGHUI_NOTIFY_BACKEND = "gonghui.services.notify.MemoryBackend"
    MemoryBackend.outbox = []
    return MemoryBackend.outbox


@pytest.fixture
def clock(monkeypatch):  # type: ignore[no-untyped-def]
    """Move the time the code sees (`timezone.now()`, today's date with it): `clock(at)`. The
    workflow's guards read the real clock, as the pages do, so a test lets time pass this way."""

    def set_to(at: dt.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: at)

    return set_to


@pytest.fixture
def svc(tree: Tree, personas: Personas, outbox) -> Centre_:  # type: ignore[no-untyped-def]
    centre = f.make_centre(tree.haizhu, "海珠区职工心理咨询服务中心")
    room = f.make_room(centre)
    counselling = f.make_service(centre)
    legal = f.make_service(centre, "法律咨询", "legal")
    counsellor_user = f.make_user("counsellor_wang")
    counsellor = f.make_provider(centre, "王咨询师", user=counsellor_user, services=[counselling])
    f.weekly(counsellor, 0, "09:00", "12:00", 60, room=room)
    lawyer = f.make_provider(centre, "陈律师", kind="lawyer", services=[legal])
    # The supervisor: a senior counsellor of the centre's union, without hours of their own here.
    supervisor = f.make_user("supervisor_li")
    f.make_provider(centre, "李督导", user=supervisor, services=[counselling])
    actions.centre_set_supervisor(actor=None, centre=centre, supervisor=supervisor)
    worker = f.make_worker(tree.grassroots, "林小青", username="worker_lin")
    return Centre_(
        centre, room, counselling, counsellor, counsellor_user, lawyer, supervisor, worker, worker.login.user
    )
