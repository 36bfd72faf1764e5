"""Demo data for the bulletin: the province's 《工作简报》 with the seed issue in its archive
(2013年第3期), this year's submissions from demo unions in every state, and an issue being
compiled. Everything goes through the real actions, as the demo personas where they exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.orgs.models import Org

from . import actions
from .models import Bulletin, Submission

SEED = Path(__file__).parent / "data" / "seed_2013_03.txt"
# The seed is a March 2013 round-up (its last events are of 29 March): the month's issue.
SEED_NUMBER, SEED_DATE = 3, dt.date(2013, 3, 31)

# (union, author, title, body, what happens to it, section)
ITEMS: list[tuple[str, str, str, str, str, str]] = [
    (
        "赤岗街道总工会",
        "林晓敏",
        "赤岗街道举办“春风行动”专场招聘会",
        "近日，赤岗街道总工会联合辖区人力资源服务站举办“春风行动”专场招聘会，56家企业提供岗位1200多个，"
        "现场达成就业意向320人。\n街道总工会同时设立维权咨询台，为进城务工人员解答劳动合同、社会保险等问题60余人次。",
        "adopt",
        "各地动态",
    ),
    (
        "新港街道总工会",
        "陈伟",
        "新港街道推进社区工会“会站家”一体化建设",
        "新港街道总工会以社区工会为依托，把工会服务站、职工之家建在社区，今年已建成服务站8个，"
        "为辖区1500多名职工提供法律咨询、心理疏导和技能培训服务。",
        "adopt",
        "工作交流",
    ),
    (
        "广州市海珠区总工会",
        "周敏",
        "海珠区总工会开展困难职工帮扶走访",
        "海珠区总工会组织机关干部分组走访困难职工家庭86户，送去慰问金172000元，并逐户更新困难职工档案。",
        "adopt",
        "短讯速递",
    ),
    (
        "九江镇总工会",
        "何志强",
        "九江镇总工会组织企业开展劳动技能竞赛",
        "九江镇总工会联合镇内12家企业开展酿酒、包装等工种劳动技能竞赛，300多名一线职工参赛，"
        "评出技术能手15名。",
        "submit",
        "",
    ),
    (
        "深圳市罗湖区总工会",
        "冯丽",
        "罗湖区总工会推动行业工资集体协商",
        "罗湖区总工会在餐饮、零售两个行业开展工资集体协商，覆盖企业210家、职工9000余人。",
        "submit",
        "",
    ),
    (
        "博铺镇总工会",
        "陈少霞",
        "博铺镇外来工工会开展法律知识讲座",
        "博铺镇外来工工会邀请律师为外来务工人员讲解劳动合同法，100多名职工参加。",
        "return",
        "请补充活动时间和主办单位，并提供现场照片。",
    ),
    (
        "长安镇总工会",
        "吴志钊",
        "长安镇总工会召开年度工作会议",
        "长安镇总工会召开年度工作会议，总结上年工作，部署今年任务。",
        "decline",
        "内容为常规会议，信息量不足，暂不采用。",
    ),
    (
        "火炬开发区总工会",
        "李雁",
        "火炬开发区职工心理咨询室揭牌",
        "火炬开发区总工会在园区职工服务中心设立心理咨询室，每周安排心理咨询师坐班，职工可在线预约。",
        "draft",
        "",
    ),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


@transaction.atomic
def bulletin_demo_load(*, progress: Callable[[str], None] = print) -> Bulletin | None:
    """Load the bulletin demo on the demo federation; does nothing if it is there already."""
    province = Org.objects.filter(parent__isnull=True, name="广东省总工会").first()
    if province is None or Bulletin.objects.filter(org=province).exists():
        return None
    bulletin = actions.bulletin_create(actor=None, org=province, name="工作简报", office="广东省总工会办公室")
    seed = actions.issue_import(
        actor=_user("province_admin"), bulletin=bulletin, number=SEED_NUMBER, date=SEED_DATE,
        data=SEED.read_bytes(), filename=SEED.name,
    )  # fmt: skip
    progress(f"  《工作简报》{seed.label}：{seed.articles.count()} 篇文章（旧简报导入）")

    officers = {"赤岗街道总工会": "street_officer", "新港街道总工会": "sibling_officer"}
    reviewer_for = {"赤岗街道总工会": "city_admin", "新港街道总工会": "city_admin"}
    now = timezone.now()
    made: list[Submission] = []
    for i, (where, author, title, body, fate, extra) in enumerate(ITEMS):
        org = Org.objects.filter(name=where).first()
        if org is None:
            continue
        writer = _user(officers.get(where, ""))
        sub = actions.submission_create(
            actor=writer, org=org, bulletin=bulletin, title=title, body=body, authors=author,
            submit=fate != "draft",
        )  # fmt: skip
        reviewer = _user(reviewer_for.get(where, "province_admin"))
        if fate == "adopt":
            actions.submission_transition(actor=reviewer, submission=sub, action="adopt", section=extra)
        elif fate in {"return", "decline"}:
            actions.submission_transition(actor=reviewer, submission=sub, action=fate, comment=extra)
        if sub.submitted_at is not None:
            # Spread the items over recent weeks, so that the statistics have a shape.
            Submission.objects.filter(pk=sub.pk).update(submitted_at=now - dt.timedelta(days=3 * i))
        made.append(sub)
    progress(f"  信息报送：{len(made)} 篇稿件（待审、已采用、已退回、未采用、草稿）")

    today = timezone.localdate()
    issue = actions.issue_create(
        actor=_user("province_admin"), bulletin=bulletin, number=actions.next_number(bulletin, today.year),
        date=today,
    )  # fmt: skip
    progress(f"  编辑中：{issue.label}，已编入 {issue.articles.count()} 篇已采用稿件")
    return bulletin
