from django.core.management import call_command

from gonghui.accounts.models import User
from gonghui.kernel.codes import credit_code_check
from gonghui.orgs.models import Org


def test_demo_federation_loads_once_with_real_names_and_valid_codes(demo_federation, capsys):
    assert "正在载入广东演示数据" in demo_federation and "演示数据载入完成" in demo_federation
    assert Org.objects.filter(level="city").count() == 21
    for name in ("广州市海珠区总工会", "深圳市罗湖区总工会", "佛山市南海区总工会", "湛江市吴川市总工会",
                 "赤岗街道总工会", "九江镇总工会", "博铺镇总工会", "广东省财贸工会", "广东机场集团公司工会"):  # fmt: skip
        assert Org.objects.filter(name=name).exists(), name
    assert Org.objects.get(name="博铺镇总工会").parent.name == "湛江市吴川市总工会"
    assert Org.objects.get(name="长安镇总工会").parent.name == "东莞市总工会"
    for code in Org.objects.values_list("credit_code", flat=True):
        assert credit_code_check(code).startswith("81")
    count = Org.objects.count()
    call_command("demo_load")
    assert Org.objects.count() == count
    assert "演示数据已存在" in capsys.readouterr().out
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "street_officer" in out and "gonghui-demo-2026" in out
    assert User.objects.get(username="street_officer").check_password("gonghui-demo-2026")
