"""The workbench: what each person sees first."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from gonghui.conftest import make_user
from gonghui.kernel.codes import id_number_make
from gonghui.members.actions import member_apply
from gonghui.services.tests import factories as f


def _apply(org, n: int, name: str = "王小明"):  # type: ignore[no-untyped-def]
    number = id_number_make("440105", dt.date(1991, 1, 1) + dt.timedelta(days=n), n)
    return member_apply(actor=None, org=org, name=name, id_number=number, on=dt.date(2026, 1, 5))


def _todo(page: str, key: str) -> tuple[int, str] | None:
    """The count and link of one to-do on the home page, None when it is not there."""
    m = re.search(
        rf'<a class="todo" href="([^"]+)" data-todo="{re.escape(key)}">\s*<span class="n">(\d+)</span>', page
    )
    return (int(m[2]), m[1].replace("&amp;", "&")) if m else None


def test_a_join_application_appears_among_the_grassroots_officers_to_dos(tree, personas, login):
    client = login(personas.grassroots)
    assert _todo(client.get("/").content.decode(), "members.joins_to_decide") is None
    _apply(tree.grassroots, 1)
    count, url = _todo(client.get("/").content.decode(), "members.joins_to_decide")
    assert (count, url) == (1, "/members/?todo=1")
    _apply(tree.grassroots, 2, "李小红")
    assert _todo(client.get("/").content.decode(), "members.joins_to_decide")[0] == 2
    # The link opens the list of exactly those applications.
    listed = client.get(url).content.decode()
    assert "王小明" in listed and "李小红" in listed


def test_a_sibling_street_does_not_count_what_waits_elsewhere(tree, personas, login):
    _apply(tree.grassroots, 3)
    assert _todo(login(personas.sibling).get("/").content.decode(), "members.joins_to_decide") is None


def test_own_work_is_named_in_words_not_codes(tree, personas, login):
    member_apply(
        actor=personas.grassroots, org=tree.grassroots, name="赵大勇",
        id_number=id_number_make("440105", dt.date(1985, 5, 5), 7), on=dt.date(2026, 1, 5),
    )  # fmt: skip
    page = login(personas.grassroots).get("/").content.decode()
    assert "我最近办理的事项" in page and "登记入会" in page and "赵大勇" in page
    assert "member.apply" not in page
    # Another officer's home does not list it as theirs.
    assert "赵大勇" not in login(personas.street).get("/").content.decode()


def test_officers_home_shows_the_unions_figures_and_what_they_may_start(tree, personas, login):
    page = login(personas.district).get("/").content.decode()
    assert "广州市海珠区总工会" in page
    assert '<span class="l">会员（人）</span>' in page
    assert f'href="/members/join/?within={tree.haizhu.pk}">登记入会</a>' in page


def test_a_worker_gets_their_own_home(tree, login):
    worker = f.make_worker(tree.grassroots, "林小青", username="lin")
    page = login(worker.login.user).get("/").content.decode()
    assert "尚未分配管辖组织" not in page
    assert 'data-panel="members.mine"' in page and "赤岗街道联合工会" in page and "正常" in page
    assert 'data-panel="services.my_bookings"' in page and 'data-panel="services.my_threads"' in page


def test_a_worker_sees_the_booking_they_made(tree, login):
    centre = f.make_centre(tree.haizhu)
    provider = f.make_provider(centre, "李心怡")
    day = f.next_weekday(2)
    f.weekly(provider, day.weekday())
    worker = f.make_worker(tree.grassroots, "林小青", username="lin")
    f.book(worker, provider, f.at(day, 9))
    page = login(worker.login.user).get("/").content.decode()
    assert "个体心理咨询 · 李心怡" in page and f"{day:%m-%d} 09:00" in page


def test_a_counsellor_sees_todays_sessions_and_open_threads(tree, login):
    user = make_user("xinyi", None)
    centre = f.make_centre(tree.haizhu)
    provider = f.make_provider(centre, "李心怡", user=user)
    today = timezone.localdate()
    f.weekly(provider, today.weekday(), start="00:00", end="23:59", minutes=60, valid_from=today)
    page = login(user).get("/").content.decode()
    assert "尚未分配管辖组织" not in page
    assert 'data-panel="services.sessions_today"' in page and 'data-panel="services.open_threads"' in page
    assert "今天没有预约的咨询" in page


def test_a_centre_supervisor_sees_the_centres_day(tree, login):
    supervisor = make_user("zhiyuan", None)
    centre = f.make_centre(tree.haizhu)
    f.make_provider(centre, "梁志远", user=supervisor)
    centre.supervisor = supervisor
    centre.save(update_fields=["supervisor"])
    page = login(supervisor).get("/").content.decode()
    assert 'data-panel="services.centre_day"' in page and "中心今日" in page


def test_someone_with_no_role_and_no_membership_is_told_so(tree, login):
    page = login(make_user("nobody", None)).get("/").content.decode()
    assert "您的账号尚未分配管辖组织" in page


def test_a_read_only_officer_is_offered_nothing_to_start(tree, personas, login):
    viewer = make_user("viewer_user", tree.street, "viewer")
    approver = make_user("approver_user", tree.grassroots, "approver")
    for user, org in ((viewer, tree.street), (approver, tree.grassroots)):
        client = login(user)
        for page in (client.get("/").content.decode(), client.get(f"/orgs/{org.pk}/").content.decode()):
            for label in ("登记入会", "导入会员名册", "新建困难职工档案", "报送信息"):
                assert f">{label}</a>" not in page, (user.username, label)


def test_a_clerk_is_offered_what_the_clerk_may_start(tree, personas, login):
    page = login(personas.grassroots).get("/").content.decode()
    assert f'href="/members/org/{tree.grassroots.pk}/join/">登记入会</a>' in page
    assert f'href="/assistance/households/new/?org={tree.grassroots.pk}">新建困难职工档案</a>' in page
