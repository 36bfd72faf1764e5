from gonghui.accounts.models import User
from gonghui.demo.loader import demo_load
from gonghui.members.demo import members_demo_load
from gonghui.members.models import Member, Transfer
from gonghui.members.selectors import member_for_user


def test_demo_members_load_once_and_the_demo_member_has_a_record(empty_database):
    demo_load(grassroots_target=60, progress=lambda s: None)
    assert members_demo_load(count=500, progress=lambda s: None) == 500
    assert Member.objects.filter(status="active").count() == 501
    assert Member.objects.filter(status="pending").count() == 1
    assert Transfer.objects.filter(state="requested").count() == 1
    me = member_for_user(user=User.objects.get(username="member"))
    assert me is not None and me.org.name == "广东九江酒厂有限公司工会"
    assert members_demo_load(count=500, progress=lambda s: None) == 0
