from gonghui.core.models import AuditEntry
from gonghui.orgs.models import Org


def form_data(org, **changes):
    data = {"name": org.name, "short_name": org.short_name, "kind": org.kind, "division": org.division,
            "credit_code": org.credit_code or "", "address": org.address}  # fmt: skip
    data.update(changes)
    return data


def test_edit_own_union_and_see_it_audited(tree, personas, login):
    client = login(personas.street)
    r = client.post(f"/orgs/{tree.street.pk}/edit/", form_data(tree.street, address="海珠区赤岗路 1 号"))
    assert r.status_code == 302
    assert Org.objects.get(pk=tree.street.pk).address == "海珠区赤岗路 1 号"
    page = client.get(f"/audit/?org={tree.street.pk}").content.decode()
    assert "org.update" in page and "海珠区赤岗路 1 号" in page


def test_bad_credit_code_in_the_form_shows_chinese_message_and_changes_nothing(tree, personas, login):
    client = login(personas.street)
    r = client.post(
        f"/orgs/{tree.street.pk}/edit/",
        form_data(tree.street, credit_code="81440105000000001A", address="新地址"),
    )
    assert r.status_code == 422 and "统一社会信用代码校验位错误" in r.content.decode()
    assert Org.objects.get(pk=tree.street.pk).address == ""


def test_impossible_move_is_explained(tree, personas, login):
    client = login(personas.city)
    r = client.post(f"/orgs/{tree.haizhu.pk}/move/", {"new_parent": tree.street.pk})
    assert r.status_code == 422 and "不能把组织调整到它自己或它的下级组织之下" in r.content.decode()
    r = client.post(f"/orgs/{tree.haizhu.pk}/move/", {})
    assert "请先查找并选择一个工会" in r.content.decode()


def test_tree_navigator_loads_one_level_at_a_time(tree, personas, login):
    client = login(personas.district)
    roots = client.get("/orgs/tree/").content.decode()
    assert "广州市海珠区总工会" in roots and "赤岗街道总工会" not in roots
    level = client.get("/orgs/tree/", {"parent": tree.haizhu.pk}).content.decode()
    assert "赤岗街道总工会" in level and "新港街道总工会" in level and "赤岗街道联合工会" not in level


def test_reveal_bank_account_is_audited(tree, personas, login):
    from gonghui.orgs.actions import org_update

    org_update(actor=personas.street, org=tree.street, bank_name="工商银行", bank_account="6222021234567890")
    detail = login(personas.district).get(f"/orgs/{tree.street.pk}/").content.decode()
    assert (
        "**** **** 7890" in detail and "6222021234567890" not in detail and "显示（将记入审计）" not in detail
    )
    assert login(personas.district).post(f"/orgs/{tree.street.pk}/reveal/bank-account/").status_code == 403
    client = login(personas.street)
    r = client.post(f"/orgs/{tree.street.pk}/reveal/bank-account/")
    assert "6222021234567890" in r.content.decode()
    assert AuditEntry.objects.filter(action="pii.reveal", org=tree.street, actor=personas.street).count() == 1


def test_merge_page(tree, personas, login):
    client = login(personas.city)
    r = client.post(f"/orgs/{tree.sibling_street.pk}/merge/", {"target": tree.street.pk, "note": "合并"})
    assert r.status_code == 302
    assert Org.objects.get(pk=tree.sibling_street.pk).status == "merged"


def test_create_child_page(tree, personas, login):
    client = login(personas.street)
    r = client.post(f"/orgs/{tree.street.pk}/new/", {"level": "grassroots", "kind": "enterprise", "name": "赤岗新厂工会",
                                                     "division": "440105"})  # fmt: skip
    assert r.status_code == 302
    assert Org.objects.get(name="赤岗新厂工会").parent_id == tree.street.pk
    r = client.post(f"/orgs/{tree.street.pk}/new/", {"level": "city", "kind": "federation", "name": "错误"})
    assert "不能设在" in r.content.decode()


def test_dissolve_and_split_pages(tree, personas, login):
    client = login(personas.city)
    r = client.post(
        f"/orgs/{tree.street.pk}/split/",
        {"new_name": "赤岗北街道总工会", "children": [str(tree.grassroots.pk)]},
    )
    assert r.status_code == 302
    new = Org.objects.get(name="赤岗北街道总工会")
    assert Org.objects.get(pk=tree.grassroots.pk).parent_id == new.pk
    r = client.post(f"/orgs/{tree.street.pk}/dissolve/", {"reason": ""})
    assert "请填写撤销原因" in r.content.decode()
    r = client.post(f"/orgs/{tree.street.pk}/dissolve/", {"reason": "并街"})
    assert r.status_code == 302 and Org.objects.get(pk=tree.street.pk).status == "dissolved"


def test_a_crowded_level_is_cut_with_a_link_to_the_full_list(tree, personas, login, monkeypatch):
    from gonghui.conftest import make_org
    from gonghui.orgs import views

    for i in range(4):
        make_org(tree.grassroots.parent, f"赤岗第{i}厂工会", "grassroots", kind="enterprise")
    monkeypatch.setattr(views, "TREE_LEVEL_LIMIT", 3)
    page = login(personas.street).get("/orgs/tree/", {"parent": tree.street.pk}).content.decode()
    assert page.count('class="node"') == 3
    assert f"/orgs/?within={tree.street.pk}" in page and "还有 2 个" in page


def test_malformed_ids_are_not_found(tree, personas, login):
    client = login(personas.street)
    for url in ("/orgs/tree/?parent=abc", "/orgs/?within=1%3B", "/audit/?org=x"):
        assert client.get(url).status_code == 404


def test_home_counts_the_subtree_by_level(tree, personas, login):
    page = login(personas.city).get("/").content.decode()
    assert "广州市总工会" in page
    # 广州: one district, two streets, two grassroots unions below it.
    assert '<span class="n">1</span><span class="l">县(市、区)总工会</span>' in page
    assert '<span class="n">2</span><span class="l">镇(街道)总工会</span>' in page
    assert '<span class="n">2</span><span class="l">基层工会</span>' in page
