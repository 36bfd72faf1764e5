"""The demo follows the seed: 潮州's lecture with its partners, 中山's 学雷锋 month with volunteers,
the province's 送清凉 in three cities with its 防暑降温慰问品券; and the demo member has an activity
to sign up for and a voucher to claim."""

from __future__ import annotations

from decimal import Decimal

from gonghui.accounts.models import User
from gonghui.activities import selectors
from gonghui.activities.demo import activities_demo_load
from gonghui.activities.models import Activity, Benefit, Campaign, ServiceHours, Volunteer, Voucher
from gonghui.tests.portal_home import panel, portal_home


def test_demo_activities_follow_the_seed_and_load_once(demo_federation):
    count = Activity.objects.count()
    activities_demo_load(progress=lambda s: None)
    assert Activity.objects.count() == count

    lecture = Activity.objects.get(title__contains="阳光生活、快乐工作")
    assert lecture.org.name == "潮州市总工会" and lecture.state == "done" and lecture.people_served == 180
    assert {p.name for p in lecture.partners.all()} == {
        "潮州市职工服务类社会组织联合会",
        "韩山师范学院教育系",
    }

    leifeng = Campaign.objects.get(kind="leifeng")
    assert leifeng.org.name == "中山市总工会" and leifeng.activities.count() == 4
    assert Volunteer.objects.filter(org=leifeng.org).count() == 16
    assert ServiceHours.objects.filter(activity__campaign=leifeng).exists()

    cool = Campaign.objects.get(kind="cool")
    progress = selectors.campaign_progress(cool, cool.org)
    cities = [r.label for r in progress.rows if r.activities]
    assert sorted(cities) == ["佛山市总工会", "广州市总工会", "茂名市总工会"]
    assert progress.total.people == 320 + 260 + 1500 and progress.total.money == Decimal("45000.00")
    assert Activity.objects.get(title__contains="茂名石化").fund.org.name == "茂名市总工会"
    goals = {r.label: r.goal_people for r in progress.rows if r.has_goal}
    assert goals == {"广州市总工会": 12000, "佛山市总工会": 9000, "茂名市总工会": 9000}
    visit = Activity.objects.get(title="户外一线职工冬日暖心慰问")
    # Fifteen places for 赤岗街道's front-line workers, as many of them as its demo members give.
    assert visit.audience == "group" and 0 < visit.group.entries.count() <= visit.capacity == 15

    member = User.objects.get(username="member")
    offered = {a.title for a in selectors.open_to_worker(member)}
    assert "迎新春职工联谊会" in offered and "新就业形态劳动者劳动权益讲座" in offered


def test_demo_cool_campaign_carries_a_voucher_and_the_demo_member_has_one_to_claim(demo_federation):
    cool = Benefit.objects.get(campaign__kind="cool")
    assert cool.title == "防暑降温慰问品券" and cool.campaign.org.name == "广东省总工会"
    assert cool.campaign.starts_on <= cool.claim_from <= cool.claim_until <= cool.campaign.ends_on
    assert cool.issued == Voucher.objects.filter(benefit=cool).count() <= cool.total
    # In the hot months the demo member claims the 防暑降温慰问品券; out of them, 九江酒厂's own
    # New Year 慰问品券, which its officer redeems.
    member = User.objects.get(username="member")
    claimable = selectors.benefits_open_to_worker(member)
    where = member.member_login.member.org.path
    assert claimable and all(where.startswith(b.campaign.org.path) for b in claimable)


def test_the_demo_member_sees_the_activity_they_attended_on_the_portal(demo_federation, login):
    page = portal_home(login(User.objects.get(username="member")))
    assert "九江酒厂高温岗位慰问" in panel(page, "我参加过的活动")
