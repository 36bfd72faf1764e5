"""Demo committees, plenaries, elections and passing-on from the seed bulletin (March 2013).

省总工会十二届六次全委（扩大）会议 elects 黄业斌 chairman in place of 邓维龙 and is sent down to the
cities to pass on; 珠海 adds six committee members and replaces three 经审 members; 东莞 elects nine
standing-committee members and 陈寿恒 vice-chair of its audit committee; 潮州 elects two
vice-chairs; twelve cities record how they passed the provincial plenary on, the rest not yet.
Named people are those of the seed; the other committee members are generated names.

    from gonghui.meetings.demo import meetings_demo_load
    meetings_demo_load()       # after demo_load(); does nothing if committees exist already
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction

from gonghui.accounts.models import User
from gonghui.orgs.models import Org

from . import actions
from .models import (
    AgendaKind,
    AgendaOutcome,
    Committee,
    CommitteeKind,
    Meeting,
    MeetingKind,
    PassOn,
    Post,
    Seat,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文斌玲红辉鹏飞俊峰海燕晓东"
PROVINCIAL_PLENARY = dt.date(2013, 3, 21)


def meetings_demo_loaded() -> bool:
    return Committee.objects.exists()


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def take(self, n: int) -> list[str]:
        out: list[str] = []
        while len(out) < n:
            name = self.rng.choice(SURNAMES) + "".join(
                self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2)))
            )
            if name not in self.used:
                self.used.add(name)
                out.append(name)
        return out


def _seat(people: Sequence[tuple[str, str] | str], default: str) -> list[actions.SeatIn]:
    out = []
    for p in people:
        if isinstance(p, tuple):
            out.append(actions.SeatIn(p[0], p[1]))
        else:
            out.append(actions.SeatIn(p, default))
    return out


def _committee(
    org: Org, kind: str, term: int, starts: dt.date, named: Sequence[tuple[str, str]], others: int,
    names: _Names, *, planned: int | None = None, actor: Any = None,
) -> Committee:  # fmt: skip
    committee = actions.committee_create(
        actor=actor, org=org, kind=kind, term=term, starts_on=starts, seats_planned=planned
    )
    default = {
        CommitteeKind.COMMITTEE: Post.MEMBER, CommitteeKind.STANDING: Post.STANDING,
        CommitteeKind.AUDIT: Post.AUDIT_MEMBER, CommitteeKind.WOMEN: Post.WOMEN_MEMBER,
    }[CommitteeKind(kind)]  # fmt: skip
    people = _seat([*named, *names.take(others)], default)
    actions.seats_register(actor=actor, committee=committee, people=people, on=starts)
    return committee


def _meeting(
    org: Org, kind: str, held_on: dt.date, sequence: int, *, place: str = "", presided_by: str = "",
    agenda: Sequence[tuple[str, str, str, str, str]] = (), absent: int = 0, actor: Any = None,
    rng: random.Random | None = None, enlarged: bool = True, **extra: Any,
) -> Meeting:  # fmt: skip
    meeting = actions.meeting_create(
        actor=actor, org=org, kind=kind, held_on=held_on, sequence=sequence, enlarged=enlarged, place=place,
        presided_by=presided_by, **extra,
    )  # fmt: skip
    if absent:
        rows = list(meeting.attendance.filter(role="member").exclude(title__in=["主席", "常务副主席"]))
        chosen = (rng or random.Random(sequence)).sample(rows, min(absent, len(rows)))
        notes = {a.pk: random.Random(a.pk).choice(["出差", "因公请假", "病假", "外出学习"]) for a in chosen}
        actions.attendance_set(actor=actor, meeting=meeting, absent={a.pk for a in chosen}, notes=notes)
    for kind_, title, speaker, post, outcome in agenda:
        actions.agenda_add(actor=actor, meeting=meeting, kind=kind_, title=title, speaker=speaker,
                           speaker_post=post, outcome=outcome)  # fmt: skip
    actions.meeting_record(actor=actor, meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def _elect(
    meeting: Meeting, committee: Committee, kind: str, post: str, votes: dict[str, int], *,
    replaces: dict[str, Seat] | None = None, actor: Any = None,
) -> None:  # fmt: skip
    election = actions.election_create(
        actor=actor, meeting=meeting, committee=committee, kind=kind, post=post, seats=len(votes),
        candidates=[actions.CandidateIn(n) for n in votes],
    )  # fmt: skip
    present = meeting.attendance.filter(role="member", present=True).count()
    ids = {c.name: c.pk for c in election.candidates.all()}
    tally = actions.Tally(
        ballots_issued=present, ballots_returned=present, ballots_valid=present,
        votes={ids[n]: v for n, v in votes.items()},
        replaces={ids[n]: s.pk for n, s in (replaces or {}).items()},
    )  # fmt: skip
    actions.election_confirm(actor=actor, election=election, tally=tally)


def _org(name: str) -> Org:
    return (
        Org.objects.get(name=name, parent__isnull=False)
        if name != "广东省总工会"
        else Org.objects.get(name=name, parent__isnull=True)
    )


@transaction.atomic
def meetings_demo_load(*, seed: int = 20130321, progress: Callable[[str], None] = print) -> int:
    """Add the seed's committees and meetings to a loaded demo tree; returns the number of meetings."""
    if meetings_demo_loaded() or not Org.objects.filter(name="广东省总工会", parent__isnull=True).exists():
        return 0
    rng = random.Random(seed)
    names = _Names(rng)
    province_admin = User.objects.filter(username="province_admin").first()
    city_admin = User.objects.filter(username="city_admin").first()
    R, A = AgendaOutcome.ADOPTED, AgendaOutcome.NONE
    W, AR, SP, PO, BU = (
        AgendaKind.WORK_REPORT,
        AgendaKind.AUDIT_REPORT,
        AgendaKind.SPEECH,
        AgendaKind.PASS_ON,
        AgendaKind.BUDGET,
    )
    PASS = "传达学习省总工会十二届六次全委会议精神"

    # 广东省总工会: 十二届六次全委（扩大）会议 elects 黄业斌 chairman.
    province = _org("广东省总工会")
    gd = _committee(province, CommitteeKind.COMMITTEE, 12, dt.date(2008, 5, 22),
                    [("邓维龙", Post.CHAIR), ("王丽华", Post.VICE_CHAIR), ("林锡明", Post.VICE_CHAIR)], 58, names,
                    actor=province_admin)  # fmt: skip
    plenary = _meeting(
        province, MeetingKind.PLENARY, PROVINCIAL_PLENARY, 6, place="广州珠岛宾馆", presided_by="省总工会党组",
        absent=5, actor=province_admin, rng=rng,
        agenda=[(SP, "重要讲话", "朱明国", "省委副书记、省政协主席、省委政法委书记", A),
                (W, "省总工会第十二届委员会工作报告", "邓维龙", "省人大常委会原副主任、省总工会主席", R),
                (AgendaKind.ELECTION, "选举省总工会主席", "", "", A),
                (SP, "当选讲话", "黄业斌", "省人大常委会副主任", A)],
        summary="会议对2013年全省工会工作作了部署。",
    )  # fmt: skip
    chair = gd.seats.get(name="邓维龙", left_on__isnull=True)
    _elect(plenary, gd, "elect", Post.CHAIR, {"黄业斌": 55}, replaces={"黄业斌": chair}, actor=province_admin)
    actions.passon_require(actor=province_admin, meeting=plenary, depth=1, due=dt.date(2013, 4, 15))
    made = [plenary]

    # 珠海: 七届四次全体委员会议 adds six members and replaces three 经审 members.
    zhuhai = _org("珠海市总工会")
    zh = _committee(zhuhai, CommitteeKind.COMMITTEE, 7, dt.date(2010, 6, 18),
                    [("尤镇城", Post.CHAIR), ("李奕根", Post.EXEC_VICE_CHAIR), ("黄萃", Post.VICE_CHAIR)], 32, names,
                    planned=41)  # fmt: skip
    zh_audit = _committee(
        zhuhai, CommitteeKind.AUDIT, 7, dt.date(2010, 6, 18), [("黄萃", Post.AUDIT_HEAD)], 6, names
    )
    zh_meeting = _meeting(
        zhuhai, MeetingKind.PLENARY, dt.date(2013, 3, 29), 4, presided_by="尤镇城", absent=2, rng=rng,
        agenda=[(PO, PASS, "", "", A),
                (W, "2012年全市工会工作总结和2013年工作安排", "李奕根", "市总工会常务副主席、党组书记", R),
                (AR, "经审工作报告", "黄萃", "市总工会副主席、经审委主任", R),
                (SP, "讲话", "王衍诗", "市委副书记、纪委书记", A)],
        enlarged=False,
    )  # fmt: skip
    added = ["文华", "方碧", "万景平", "齐丽娟", "吴爱苹", "黄卫国"]
    _elect(zh_meeting, zh, "add", Post.MEMBER, {n: 33 - i % 3 for i, n in enumerate(added)})
    leaving = list(zh_audit.seats.filter(post=Post.AUDIT_MEMBER).order_by("id")[:3])
    _elect(zh_meeting, zh_audit, "replace", Post.AUDIT_MEMBER, {"罗甄": 32, "黄建民": 31, "邓斌": 33},
           replaces=dict(zip(["罗甄", "黄建民", "邓斌"], leaving, strict=True)))  # fmt: skip
    made.append(zh_meeting)

    # 东莞: 第十四届四次委员（扩大）会议 elects nine standing-committee members, 陈寿恒 audit vice-head.
    dongguan = _org("东莞市总工会")
    _committee(dongguan, CommitteeKind.COMMITTEE, 14, dt.date(2011, 4, 26),
                    [("郭水", Post.CHAIR), ("马凤彪", Post.EXEC_VICE_CHAIR)], 48, names)  # fmt: skip
    dg_standing = _committee(dongguan, CommitteeKind.STANDING, 14, dt.date(2011, 4, 26),
                             [("郭水", Post.CHAIR), ("马凤彪", Post.EXEC_VICE_CHAIR)], 4, names)  # fmt: skip
    dg_audit = _committee(dongguan, CommitteeKind.AUDIT, 14, dt.date(2011, 4, 26), [("陈寿恒", Post.AUDIT_MEMBER)],
                          8, names)  # fmt: skip
    dg_meeting = _meeting(
        dongguan, MeetingKind.PLENARY, dt.date(2013, 3, 28), 4, absent=3, rng=rng,
        agenda=[(PO, "传达全国总工会十五届七次执委会议和省总工会十二届六次全委会议精神", "马凤彪", "市总工会常务副主席", A),
                (SP, "部署2013年全市工会工作", "郭水", "市人大常委会副主任、市总工会主席", A),
                (AgendaKind.OTHER, "部署市第八届劳模和先进集体推荐评选工作", "", "", A)],
    )  # fmt: skip
    standing = ["叶俊杰", "卢英", "卢凤嫦", "申忠", "李平康", "李伟雄", "吴宗耀", "邱建国", "韩卓华"]
    _elect(dg_meeting, dg_standing, "elect", Post.STANDING, {n: 45 - i % 4 for i, n in enumerate(standing)})
    _elect(dg_meeting, dg_audit, "elect", Post.AUDIT_VICE, {"陈寿恒": 44})
    made.append(dg_meeting)

    # 潮州: 十三届十一次全委（扩大）会议 elects 文及泰 and 王剑锋 vice-chairs, unanimously.
    chaozhou = _org("潮州市总工会")
    cz = _committee(chaozhou, CommitteeKind.COMMITTEE, 13, dt.date(2008, 9, 25),
                    [("黄潮标", Post.CHAIR), ("李锦才", Post.VICE_CHAIR)], 33, names)  # fmt: skip
    cz_meeting = _meeting(
        chaozhou, MeetingKind.PLENARY, dt.date(2013, 3, 29), 11, presided_by="黄奇思", absent=2, rng=rng,
        agenda=[(PO, PASS, "李锦才", "市总工会副主席", A),
                (SP, "通报分析今年来全市工会工作情况", "黄潮标", "市人大常委会副主任、市总工会主席", A),
                (SP, "讲话", "蔡泽辉", "市委副书记", A)],
    )  # fmt: skip
    present = cz_meeting.attendance.filter(role="member", present=True).count()
    _elect(cz_meeting, cz, "by_election", Post.VICE_CHAIR, {"文及泰": present, "王剑锋": present})
    made.append(cz_meeting)

    # Other cities' plenaries of the month (no elections).
    plain = [
        ("惠州市总工会", 13, dt.date(2009, 7, 1), 8, dt.date(2013, 3, 29), "朱挺青",
         [(SP, "讲话", "陈训廷", "市委副书记", A), (W, "2012年工会工作回顾和2013年工作任务", "朱挺青", "市人大常委会副主任、市总工会主席", R)]),
        ("茂名市总工会", 11, dt.date(2010, 8, 12), 4, dt.date(2013, 3, 26), "",
         [(AR, "经审工作报告", "刘文海", "市总工会副主席", R), (PO, PASS, "黄家进", "市总工会常务副主席、调研员", A),
          (W, "学习贯彻党的十八大精神团结动员全市职工为建设美丽的现代化滨海新茂名作出新贡献", "梁昌灿", "市人大常委会副主任、市总工会主席", R)]),
        ("肇庆市总工会", 11, dt.date(2009, 11, 20), 5, dt.date(2013, 3, 29), "蓝达青",
         [(PO, PASS, "蓝达青", "市总工会党组书记、常务副主席", A), (W, "肇庆市总工会十一届常委会工作报告", "温桂安", "市人大常委会副主任、市总工会主席", R),
          (AR, "2012年经费审查工作情况和2013年工作安排的报告", "", "市总工会经审委员会", R), (SP, "讲话", "吴华钦", "市委副书记", A)]),
        ("云浮市总工会", 4, dt.date(2010, 12, 8), 5, dt.date(2013, 3, 29), "",
         [(PO, PASS, "", "", A), (SP, "讲话", "金繁丰", "市人大常委会副主任、市总工会主席", A)]),
    ]  # fmt: skip
    local: dict[str, Meeting] = {}
    for org_name, term, starts, seq, held, presided, agenda in plain:
        org = _org(org_name)
        _committee(org, CommitteeKind.COMMITTEE, term, starts, [], 25, names)
        local[org_name] = _meeting(org, MeetingKind.PLENARY, held, seq, presided_by=presided, absent=2, rng=rng,
                                   agenda=agenda)  # fmt: skip
        made.append(local[org_name])

    # 广州: 十七届二次常委（扩大）会议 adopts the 2013 budget and passes the plenary on.
    guangzhou = _org("广州市总工会")
    _committee(guangzhou, CommitteeKind.COMMITTEE, 17, dt.date(2012, 11, 28), [("赵小穗", Post.CHAIR)], 40, names,
               actor=city_admin)  # fmt: skip
    _committee(guangzhou, CommitteeKind.STANDING, 17, dt.date(2012, 11, 28), [("赵小穗", Post.CHAIR)], 10, names,
               actor=city_admin)  # fmt: skip
    gz_meeting = _meeting(
        guangzhou, MeetingKind.STANDING, dt.date(2013, 3, 25), 2, presided_by="赵小穗", absent=1, rng=rng,
        actor=city_admin,
        agenda=[(PO, "传达贯彻省总工会十二届六次全会精神", "", "", A),
                (BU, "广州市总工会2013年经费收支预算", "", "", R)],
    )  # fmt: skip
    made.append(gz_meeting)

    # Passing the provincial plenary on: some cities have, the rest not yet.
    via = {"珠海市总工会": zh_meeting, "东莞市总工会": dg_meeting, "潮州市总工会": cz_meeting,
           "茂名市总工会": local["茂名市总工会"], "肇庆市总工会": local["肇庆市总工会"],
           "云浮市总工会": local["云浮市总工会"], "广州市总工会": gz_meeting}  # fmt: skip
    reported = [
        ("江门市总工会", dt.date(2013, 3, 22), "party_group", "召开市总工会党组会议组织学习；3月28日召开全市工会工作会议传达部署"),
        ("汕头市总工会", dt.date(2013, 3, 25), "meeting", "召开会议传达，市总领导班子、机关各部门及事业单位负责人参加"),
        ("阳江市总工会", dt.date(2013, 3, 25), "study", "组织机关和直属单位全体工作人员学习传达"),
        ("揭阳市总工会", dt.date(2013, 3, 25), "meeting", "召开全机关干部职工大会传达学习"),
        ("汕尾市总工会", dt.date(2013, 3, 27), "meeting", "召开全市各县（市、区）总工会和机关干部会议传达贯彻"),
    ]  # fmt: skip
    tasks = {t.org.name: t for t in PassOn.objects.filter(meeting=plenary).select_related("org")}
    for org_name, meeting in via.items():
        actor = city_admin if org_name == "广州市总工会" else None
        actions.passon_record(
            actor=actor, task=tasks[org_name], on=meeting.held_on, how="meeting", via=meeting
        )
    for org_name, on, how, note in reported:
        actions.passon_record(actor=None, task=tasks[org_name], on=on, how=how, note=note)
    done = len(via) + len(reported)
    progress(
        f"  {len(made)} 次会议，{Committee.objects.count()} 个委员会，省总全委会已传达 {done}/{len(tasks)}"
    )
    return len(made)
