import datetime as dt

from gonghui.meetings.demo import meetings_demo_load
from gonghui.meetings.models import Meeting, PassOn, Seat
from gonghui.meetings.report import passon_report
from gonghui.meetings.selectors import roster_on
from gonghui.orgs.models import Org


def test_demo_meetings_follow_the_seed_and_load_once(demo_federation):
    assert Meeting.objects.count() == 9
    assert meetings_demo_load(progress=lambda s: None) == 0  # once only

    plenary = Meeting.objects.get(name="广东省总工会十二届六次全委（扩大）会议")
    gd = plenary.committee
    before = {s.name: s.post for s in roster_on(gd, dt.date(2013, 3, 20))}
    after = {s.name: s.post for s in roster_on(gd, dt.date(2013, 3, 21))}
    assert before["邓维龙"] == "chair" and "黄业斌" not in before
    assert after["黄业斌"] == "chair" and "邓维龙" not in after
    assert Seat.objects.get(name="邓维龙").left_why == "replaced"

    zhuhai = Meeting.objects.get(name="珠海市总工会七届四次全委会议")
    assert zhuhai.elections.filter(status="confirmed").count() == 2
    audit = zhuhai.org.committees.get(kind="audit")
    names = {s.name for s in roster_on(audit, zhuhai.held_on)}
    assert {"罗甄", "黄建民", "邓斌", "黄萃"} <= names and len(names) == 7
    assert audit.seats.filter(left_why="replaced", left_on=zhuhai.held_on).count() == 3

    chaozhou = Org.objects.get(name="潮州市总工会")
    vice = {s.name for s in roster_on(chaozhou.committees.get(kind="committee"), dt.date(2013, 3, 29))
            if s.post == "vice_chair"}  # fmt: skip
    assert {"文及泰", "王剑锋"} <= vice

    report = passon_report(actor=None, meeting=plenary, subject=plenary.org)
    assert report.done == 12 and 0 < report.done < report.expected
    assert PassOn.objects.get(meeting=plenary, org__name="珠海市总工会").via == zhuhai
    assert PassOn.objects.get(meeting=plenary, org__name="深圳市总工会").status == "pending"
