import datetime as dt
from decimal import Decimal

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.orgs.models import Org
from gonghui.services.demo import services_demo_load
from gonghui.services.models import Article, Booking, Centre, Provider, RightsCase, Thread
from gonghui.services.selectors import centre_supervisor, free_slots, providers_for_member, thread_role
from gonghui.services.stats import case_stats


def test_demo_services_load_once_with_bookable_counsellors_and_bopu_cases(demo_federation):
    assert Centre.objects.exists()
    assert services_demo_load(progress=lambda s: None) == 0  # once only

    harbour = Centre.objects.get(name="“心灵港湾”职工心理咨询服务中心")
    assert harbour.org.name == "中山市总工会" and harbour.rooms.count() == 4
    counsellors = Provider.objects.filter(centre=harbour, kind="counsellor")
    assert counsellors.count() == 2 and Provider.objects.filter(centre=harbour, kind="lawyer").exists()
    today = timezone.localdate()
    assert all(free_slots(p, first=today, last=today + dt.timedelta(days=7)) for p in counsellors)
    assert Article.objects.filter(centre=harbour, published=True).count() == 3

    # The demo member (九江) can book the counsellor who signs in as `counsellor`.
    from gonghui.members.models import MemberLogin

    member = MemberLogin.objects.get(user__username="member").member
    assert any(p.user and p.user.username == "counsellor" for p in providers_for_member(member))
    assert Thread.objects.filter(member=member).exists()
    # `centre_supervisor` counsels at both centres' unions, so it supervises (and reads) them.
    supervisor = User.objects.get(username="centre_supervisor")
    for thread in Thread.objects.filter(member=member):
        assert centre_supervisor(thread.centre) == supervisor
        assert thread_role(supervisor, thread) == "supervisor"
    assert centre_supervisor(harbour) == supervisor
    assert Booking.objects.filter(centre=harbour, status="booked").count() == 2
    booking = Booking.objects.get(member=member)
    assert booking.provider.user.username == "counsellor" and booking.status == "booked"

    bopu = Org.objects.get(name="博铺镇总工会")
    stats = case_stats(actor=User.objects.get(username="province_admin"), org=bopu)
    # 博铺's seven cases (a worker's request elsewhere may have become a case of its own).
    assert stats.total.cases == RightsCase.objects.filter(org__path__startswith=bopu.path).count() == 7
    assert stats.total.people == 177 and stats.total.recovered == Decimal("3816000.00")
