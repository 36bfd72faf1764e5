from gonghui.accounts.models import User
from gonghui.conftest import DEMO_SIZE
from gonghui.members.demo import members_demo_load
from gonghui.members.models import Member, Transfer
from gonghui.members.selectors import member_for_user
from gonghui.tests.portal_home import panel, portal_home


def test_demo_members_load_once_and_the_demo_member_has_a_record(demo_federation):
    # The loaded members and the demo worker, and those the portal's demo joins made members.
    assert Member.objects.filter(status="active").count() > DEMO_SIZE["members"]
    assert Member.objects.filter(status="pending").count() == 1
    assert Transfer.objects.filter(state="requested").count() == 1
    me = member_for_user(user=User.objects.get(username="member"))
    assert me is not None and me.org.name == "广东九江酒厂有限公司工会"
    assert members_demo_load(count=500, progress=lambda s: None) == 0


def test_the_demo_member_sees_their_membership_history_on_the_portal(demo_federation, login):
    page = portal_home(login(User.objects.get(username="member")))
    history = panel(page, "会籍变动")
    assert "批准入会 · 广东九江酒厂有限公司工会" in history and "2012-05-10" in history
