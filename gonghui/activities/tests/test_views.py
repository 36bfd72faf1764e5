"""The pages: the worker signs up on the phone, shows the code, the officer checks them in by
the code or by name; results, partners, volunteers, campaign progress and the files."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.activities import actions, rules
from gonghui.activities.models import Activity, Campaign, Partner, SignUp, Volunteer

from .factories import later_today, make_activity, make_campaign, make_worker, worker_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(tree):
    start = later_today()
    return make_activity(tree.street, title="高温慰问进工地", starts_at=start, capacity=1)


def test_a_worker_signs_up_sees_the_code_and_the_officer_checks_them_in(tree, personas, login, today):
    worker = make_worker(tree.grassroots, "林小青")
    client = login(worker_user(worker))
    page = client.get(reverse("activities:open")).content.decode()
    assert "高温慰问进工地" in page
    r = client.post(reverse("activities:signup_create", args=[today.pk]))
    signup = SignUp.objects.get(activity=today)
    assert r.status_code == 302 and r.url == reverse("activities:signup", args=[signup.pk])
    page = client.get(r.url).content.decode()
    assert "<svg" in page and "签到二维码" in page
    token = re.search(r'id="token">([^<]+)<', page).group(1)
    assert rules.token_read(token, today) == signup.pk

    officer = login(personas.street)
    url = reverse("activities:checkin", args=[today.pk])
    page = officer.get(url).content.decode()
    assert 'data-scan-field="#id_code"' in page and "jsQR.js" in page
    r = officer.post(url, {"code": token})
    assert r.status_code == 200 and "林小青 签到成功" in r.content.decode()
    r = officer.post(url, {"code": token})
    assert "不重复计数" in r.content.decode()
    assert SignUp.objects.filter(activity=today, checked_in_at__isnull=False).count() == 1
    r = officer.post(url, {"code": token[:-2] + "xx"})
    assert r.status_code == 422 and "签到码无效" in r.content.decode()


def test_the_officer_finds_a_member_by_name_and_checks_them_in(tree, personas, login, today):
    s = actions.signup_create(actor=worker_user(make_worker(tree.grassroots, "陈大明")), activity=today)
    client = login(personas.street)
    url = reverse("activities:checkin", args=[today.pk])
    page = client.get(url, {"q": "大明"}).content.decode()
    assert "陈大明" in page
    r = client.post(url, {"signup": s.pk})
    assert "陈大明 签到成功" in r.content.decode()


def test_a_full_activity_puts_the_worker_on_the_waiting_list_and_a_cancellation_moves_them_up(
    tree, login, today
):
    first = make_worker(tree.grassroots, "王先到")
    second = make_worker(tree.grassroots, "李后到")
    login(worker_user(first)).post(reverse("activities:signup_create", args=[today.pk]))
    client = login(worker_user(second))
    page = client.get(reverse("activities:activity", args=[today.pk])).content.decode()
    assert "报名候补" in page
    r = client.post(reverse("activities:signup_create", args=[today.pk]), follow=True)
    assert "您已进入候补名单" in r.content.decode() and "第 1 位" in r.content.decode()
    mine = SignUp.objects.get(activity=today, state="confirmed")
    r = login(worker_user(first)).post(reverse("activities:signup_cancel", args=[mine.pk]), follow=True)
    assert "报名已取消" in r.content.decode()
    assert SignUp.objects.get(activity=today, member=second).state == "confirmed"


def test_a_sign_up_the_worker_may_not_take_is_refused_with_422(tree, login, today):
    outsider = make_worker(tree.sibling_grassroots)
    r = login(worker_user(outsider)).post(reverse("activities:signup_create", args=[today.pk]))
    assert r.status_code == 403


def test_officer_creates_a_campaign_and_an_activity_in_it_and_records_the_result(tree, personas, login):
    client = login(personas.city)
    today = timezone.localdate()
    r = client.post(f"{reverse('activities:campaign_create')}?org={tree.guangzhou.pk}", {
        "kind": "cool", "title": "2026年广州市送清凉活动", "starts_on": today - dt.timedelta(days=1),
        "ends_on": today + dt.timedelta(days=30), "goal_people": "500", "goal_money": "", "goal_goods": "20000",
    })  # fmt: skip
    assert r.status_code == 302, r.content.decode()
    campaign = Campaign.objects.get()
    client = login(personas.street)
    start = timezone.localtime() - dt.timedelta(hours=2)
    r = client.post(f"{reverse('activities:activity_create')}?org={tree.street.pk}", {
        "title": "工地送清凉", "kind": "visit", "campaign": campaign.pk, "place": "赤岗某工地",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "50", "audience": "subtree", "signup_until": "",
    })  # fmt: skip
    assert r.status_code == 302, r.content.decode()
    activity = Activity.objects.get(title="工地送清凉")
    assert activity.campaign == campaign
    r = client.post(reverse("activities:result", args=[activity.pk]), {
        "people_served": "80", "goods": "凉茶、毛巾", "goods_value": "4000", "money": "", "summary": "顺利",
    })  # fmt: skip
    assert r.status_code == 302
    page = login(personas.city).get(reverse("activities:campaign", args=[campaign.pk])).content.decode()
    assert 'id="stat-people">80<' in page and "json" in page and "16%" in page
    client = login(personas.street)
    page = client.get(
        reverse("activities:campaign", args=[campaign.pk]), {"org": tree.street.pk}
    ).content.decode()
    assert "工地送清凉" in page
    assert client.get(reverse("activities:campaign", args=[campaign.pk])).status_code == 403


def test_a_refused_form_answers_422_with_the_reason(tree, personas, login):
    client = login(personas.street)
    start = timezone.localtime() + dt.timedelta(days=2)
    r = client.post(f"{reverse('activities:activity_create')}?org={tree.street.pk}", {
        "title": "讲座", "kind": "lecture", "place": "会议室", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), "capacity": "10", "audience": "subtree",
    })  # fmt: skip
    assert r.status_code == 422 and "结束时间不能早于开始时间" in r.content.decode()
    assert not Activity.objects.exists()


def test_partners_and_volunteers_are_registered_on_their_pages(tree, personas, login):
    client = login(personas.street)
    r = client.post(f"{reverse('activities:partners')}?org={tree.street.pk}",
                    {"name": "赤岗社区卫生服务中心", "kind": "hospital"})  # fmt: skip
    assert r.status_code == 302 and Partner.objects.get().org == tree.street
    r = client.post(
        f"{reverse('activities:volunteers')}?org={tree.street.pk}", {"name": "何志愿", "skills": "急救"}
    )
    assert r.status_code == 302 and Volunteer.objects.get().name == "何志愿"
    page = client.get(reverse("activities:volunteers"), {"org": tree.street.pk}).content.decode()
    assert "何志愿" in page and "急救" in page
    assert client.post(reverse("activities:volunteers"), {"name": "无工会"}).status_code == 404


def test_a_worker_registers_as_a_volunteer(tree, login):
    worker = make_worker(tree.grassroots, "黄志愿")
    client = login(worker_user(worker))
    r = client.post(reverse("activities:volunteer_join"), {"skills": "摄影"}, follow=True)
    assert "您已登记为志愿者" in r.content.decode() and "累计服务 0" in r.content.decode()


def test_the_files_download(tree, personas, login, today):
    actions.signup_create(actor=worker_user(make_worker(tree.grassroots, "林小青")), activity=today)
    client = login(personas.street)
    r = client.get(reverse("activities:roster_export", args=[today.pk]), {"format": "csv"})
    assert r.status_code == 200 and "林小青" in b"".join(r.streaming_content).decode()
    r = client.get(reverse("activities:export"), {"within": tree.street.pk, "format": "xlsx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    assert client.get(reverse("activities:export"), {"within": tree.sibling_street.pk}).status_code == 403


def test_the_list_shows_the_todo_of_results_to_record(tree, personas, login):
    over = make_activity(tree.street, title="已结束未登记", starts_at=timezone.now() - dt.timedelta(hours=5))
    make_activity(tree.street, title="尚未开始")
    make_campaign(tree.haizhu)
    from gonghui.activities.selectors import results_due_count

    assert results_due_count(personas.street) == 1 and results_due_count(personas.sibling) == 0
    page = login(personas.street).get(reverse("activities:list"), {"todo": "1"}).content.decode()
    assert over.title in page and "尚未开始" not in page


def test_the_officer_finds_a_member_and_signs_them_up(tree, personas, login, today):
    worker = make_worker(tree.grassroots, "郑无机")
    make_worker(tree.sibling_grassroots, "郑外人")
    client = login(personas.street)
    page = client.get(reverse("activities:activity", args=[today.pk]), {"member_q": "郑"}).content.decode()
    assert "郑无机" in page and "郑外人" not in page
    r = client.post(reverse("activities:signup_add", args=[today.pk]), {"member": worker.pk}, follow=True)
    assert "报名成功" in r.content.decode()
    assert SignUp.objects.get(activity=today).member == worker
    r = login(personas.sibling).post(reverse("activities:signup_add", args=[today.pk]), {"member": worker.pk})
    assert r.status_code == 403


def test_an_officer_keeps_a_group_and_opens_an_activity_to_it(tree, personas, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gonghui.activities.models import Group, GroupMember
    from gonghui.kernel.exporting import Sheet, xlsx_bytes

    listed, other = make_worker(tree.grassroots, "林一线"), make_worker(tree.grassroots, "陈办公")
    client = login(personas.street)
    r = client.post(f"{reverse('activities:groups')}?org={tree.street.pk}",
                    {"name": "高温一线职工", "kind": "frontline", "description": "户外作业岗位"})  # fmt: skip
    group = Group.objects.get(org=tree.street, name="高温一线职工")
    assert r.status_code == 302 and r.url == reverse("activities:group", args=[group.pk])
    bad = xlsx_bytes(Sheet("名单", header=["姓名", "身份证号"], rows=[[listed.name, "440105"]]), marked=False)
    r = client.post(reverse("activities:group_import", args=[group.pk]),
                    {"file": SimpleUploadedFile("名单.xlsx", bad)})  # fmt: skip
    assert r.status_code == 422 and "第2行：身份证号有误" in r.content.decode()
    good = xlsx_bytes(
        Sheet("名单", header=["姓名", "身份证号"], rows=[[listed.name, listed.id_number]]), marked=False
    )
    r = client.post(reverse("activities:group_import", args=[group.pk]),
                    {"file": SimpleUploadedFile("名单.xlsx", good)})  # fmt: skip
    assert r.status_code == 302
    assert list(GroupMember.objects.filter(group=group).values_list("member_id", flat=True)) == [listed.pk]
    page = client.get(reverse("activities:group", args=[group.pk]), {"member_q": "陈"}).content.decode()
    assert "陈办公" in page and "林一线" in page

    start = timezone.now() + dt.timedelta(days=2)
    r = client.post(f"{reverse('activities:activity_create')}?org={tree.street.pk}", {
        "title": "一线职工送清凉", "kind": "visit", "place": "赤岗工地", "capacity": 20, "audience": "group",
        "group": group.pk, "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    })  # fmt: skip
    activity = Activity.objects.get(title="一线职工送清凉")
    assert r.status_code == 302 and activity.group == group
    assert "一线职工送清凉" in login(worker_user(listed)).get(reverse("activities:open")).content.decode()
    other_client = login(worker_user(other))
    assert "一线职工送清凉" not in other_client.get(reverse("activities:open")).content.decode()
    r = other_client.post(reverse("activities:signup_create", args=[activity.pk]))
    assert r.status_code in (403, 404, 422)
    assert not SignUp.objects.filter(activity=activity).exists()
