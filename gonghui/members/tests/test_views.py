"""The member pages, as the personas use them."""

from __future__ import annotations

import csv
import io
import zipfile

from python_calamine import CalamineWorkbook

from gonghui.core.models import AuditEntry, Job
from gonghui.members.actions import member_apply, member_link_user
from gonghui.members.models import Member, Transfer

from .conftest import ledger_row, make_member, new_id


def test_list_filters_and_pages_without_counting(tree, personas, login, django_assert_max_num_queries):
    for i in range(7):
        make_member(tree.grassroots, name="张" + "一二三四五六七"[i])
    other = make_member(tree.sibling_grassroots, name="张八")
    client = login(personas.street)
    page = client.get("/members/", {"name": "张"}).content.decode()
    assert "张一" in page and "张八" not in page and "440***" in page
    from gonghui.members import selectors

    first, cursor = selectors.member_list_for_actor(actor=personas.street, limit=3)
    second, _ = selectors.member_list_for_actor(actor=personas.street, limit=3, after=cursor)
    assert [m.name for m in first + second] == ["张一", "张二", "张三", "张四", "张五", "张六"]
    r = client.get("/members/", {"id_number": other.id_number})
    assert "张八" not in r.content.decode()
    district = (
        login(personas.district).get("/members/", {"id_number": other.id_number.lower()}).content.decode()
    )
    assert "张八" in district and "张一" not in district
    with django_assert_max_num_queries(12) as captured:
        client.get("/members/", {"within": tree.grassroots.pk, "after": first[-1].pk})
    assert not any("COUNT(" in q["sql"].upper() for q in captured.captured_queries)


def test_a_member_is_found_by_mobile_number_within_scope_only(tree, personas, login):
    mine = make_member(tree.grassroots, name="李手机", phone="13912345678")
    theirs = make_member(tree.sibling_grassroots, name="王手机", phone="13712345678")
    make_member(tree.grassroots, name="赵无号")
    street = login(personas.street)
    # Typed as people type it: spaces, a +86 prefix; the number itself never appears on the page.
    page = street.get("/members/", {"phone": "+86 139 1234 5678"}).content.decode()
    assert "李手机" in page and "赵无号" not in page and "13912345678" not in page
    assert "王手机" not in street.get("/members/", {"phone": "13712345678"}).content.decode()
    district = login(personas.district).get("/members/", {"phone": "13712345678"}).content.decode()
    assert "王手机" in district and "李手机" not in district
    assert "没有符合条件的会员" in street.get("/members/", {"phone": "1391234"}).content.decode()
    api = street.get("/api/members/", {"phone": "13912345678"}).json()
    assert [m["name"] for m in api["items"]] == ["李手机"]
    assert Member.objects.get(pk=mine.pk).phone_bidx != Member.objects.get(pk=theirs.pk).phone_bidx
    export = street.get(
        "/members/export/", {"within": tree.street.pk, "phone": "13912345678", "name": "李", "format": "csv"}
    )
    assert "李手机" in b"".join(export.streaming_content).decode()
    entry = AuditEntry.objects.filter(action="member.export").latest("id")
    assert entry.detail["filters"] == {"name": "李"}  # the typed phone number is not kept


def test_detail_is_masked_and_reveal_is_audited(tree, personas, login):
    m = make_member(tree.grassroots, phone="13800138000")
    page = login(personas.street).get(f"/members/{m.pk}/").content.decode()
    assert m.id_number not in page and "138****8000" in page and "显示完整号码" in page
    r = login(personas.street).post(f"/members/{m.pk}/reveal/")
    assert m.id_number in r.content.decode() and "13800138000" in r.content.decode()
    assert AuditEntry.objects.filter(action="pii.reveal", object_id=str(m.pk)).count() == 1
    # A clerk may view but not reveal.
    clerk = login(personas.district)
    assert "显示完整号码" not in clerk.get(f"/members/{m.pk}/").content.decode()
    assert clerk.post(f"/members/{m.pk}/reveal/").status_code == 403
    assert login(personas.sibling).get(f"/members/{m.pk}/").status_code == 403


def test_join_approve_and_leave_through_the_pages(tree, personas, login):
    client = login(personas.street)
    number = new_id()
    r = client.post(
        f"/members/org/{tree.grassroots.pk}/join/",
        {"name": "刘备", "id_number": number, "political_status": "cpc"},
    )
    m = Member.objects.get(name="刘备")
    assert r.status_code == 302 and m.status == "pending"
    r = client.post(f"/members/org/{tree.grassroots.pk}/join/", {"name": "刘备", "id_number": number})
    assert r.status_code == 422 and "一人只能有一个会籍" in r.content.decode()
    assert client.post(f"/members/{m.pk}/approve/", {"on": "2024-05-01"}).status_code == 302
    assert Member.objects.get(pk=m.pk).status == "active"
    r = client.post(f"/members/{m.pk}/leave/", {"note": ""})
    assert r.status_code == 422 and "请填写退会原因" in r.content.decode()
    client.post(f"/members/{m.pk}/leave/", {"note": "调离"})
    assert Member.objects.get(pk=m.pk).status == "left"
    page = client.get(f"/members/{m.pk}/").content.decode()
    assert "批准入会" in page and "退会" in page


def test_transfer_pages_for_both_unions(tree, personas, login):
    m = make_member(tree.grassroots)
    street = login(personas.street)
    r = street.post(
        f"/members/{m.pk}/transfer/", {"to_org": tree.sibling_grassroots.credit_code, "reason": "调动"}
    )
    transfer_url = r.url
    sibling = login(personas.sibling)
    page = sibling.get(transfer_url).content.decode()
    assert m.name in page and m.id_number not in page and "转入工会（新港社区工会）" in page
    assert sibling.post(transfer_url, {"side": "in", "decision": "approve"}).status_code == 302
    street = login(personas.street)
    assert street.post(transfer_url, {"side": "out", "decision": "approve"}).status_code == 302
    assert Member.objects.get(pk=m.pk).org_id == tree.sibling_grassroots.pk
    assert "没有转会申请" in street.get("/members/transfers/").content.decode()


def test_import_page_reports_rows_then_imports_the_good_ones(tree, personas, login, ledger):
    client = login(personas.street)
    path = ledger([ledger_row("好人"), ledger_row("坏人", "4.40305E+17")])
    with path.open("rb") as f:
        r = client.post("/members/import/", {"org": tree.grassroots.pk, "file": f})
    assert r.status_code == 302
    page = client.get(r.url).content.decode()
    assert "第 4 行" in page and "身份证号码" in page and "已经丢失" in page and "未导入任何数据" in page
    assert Member.objects.count() == 0
    job = Job.objects.get(kind="members.import")
    r = client.post(f"/members/import/{job.pk}/good-rows/")
    page = client.get(r.url).content.decode()
    assert "已导入 1 名会员" in page and Member.objects.get().name == "好人"


def test_import_page_refuses_other_unions_and_other_files(tree, personas, login, ledger, tmp_path):
    client = login(personas.street)
    with ledger([ledger_row("好人")]).open("rb") as f:
        r = client.post("/members/import/", {"org": tree.sibling_grassroots.pk, "file": f})
    assert r.status_code == 422 and Member.objects.count() == 0
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"x")
    with doc.open("rb") as f:
        r = client.post("/members/import/", {"org": tree.grassroots.pk, "file": f})
    assert r.status_code == 422 and "只能导入" in r.content.decode()


def test_big_files_wait_for_the_worker_and_show_progress(tree, personas, login, ledger, monkeypatch):
    from gonghui.core.jobs import job_run_pending
    from gonghui.members import views

    monkeypatch.setattr(views, "INLINE_IMPORT_BYTES", 0)
    client = login(personas.street)
    with ledger([ledger_row("好人")]).open("rb") as f:
        r = client.post("/members/import/", {"org": tree.grassroots.pk, "file": f})
    page = client.get(r.url, HTTP_HX_REQUEST="true").content.decode()
    assert "排队中" in page and 'hx-trigger="every 1s"' in page
    assert job_run_pending() == 1
    page = client.get(r.url, HTTP_HX_REQUEST="true").content.decode()
    assert "已导入 1 名会员" in page and "every 1s" not in page


def test_export_is_masked_watermarked_and_audited(tree, personas, login):
    m = make_member(tree.grassroots, phone="13800138000")
    make_member(tree.sibling_grassroots, name="外人")
    client = login(personas.district)  # a clerk: may view, may not reveal
    r = client.get("/members/export/", {"within": tree.haizhu.pk, "format": "csv"})
    text = b"".join(r.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0].startswith("导出人：district_user") and "已遮盖" in rows[0][0]
    names = [row[0] for row in rows[2:]]
    assert sorted(names) == ["外人", "张三"] and m.id_number not in text and "138****8000" in text
    entry = AuditEntry.objects.get(action="member.export")
    assert entry.actor == personas.district and entry.detail["revealed"] is False
    assert client.get("/members/export/", {"within": tree.haizhu.pk, "reveal": "1"}).status_code == 403


def test_export_xlsx_reveals_only_for_those_who_may(tree, personas, login):
    m = make_member(tree.grassroots)
    r = login(personas.street).get(
        "/members/export/", {"within": tree.street.pk, "format": "xlsx", "reveal": "1"}
    )
    data = b"".join(r.streaming_content)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert "含完整身份证号" in sheet[0][0] and sheet[2][3] == m.id_number
    assert AuditEntry.objects.get(action="member.export").detail["revealed"] is True
    assert (
        login(personas.street).get("/members/export/", {"within": tree.sibling_street.pk}).status_code == 403
    )


def test_template_has_drop_down_lists(tree, personas, login):
    r = login(personas.district).get(f"/members/org/{tree.haizhu.pk}/template.xlsx")
    assert r.status_code == 200
    data = b"".join(r.streaming_content)  # a download, through web.download
    book = zipfile.ZipFile(io.BytesIO(data))
    sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count('type="list"') >= 7 and "选项" in sheet
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    header = wb.get_sheet_by_index(0).to_python()[1]
    assert header[:3] == ["姓名", "身份证号码", "手机号码"] and "所属基层工会" in header
    options = wb.get_sheet_by_name("选项").to_python()
    flat = {c for row in options for c in row}
    assert {"中共党员", "农转居", "下(待)岗", "赤岗街道联合工会"} <= flat and "深圳市罗湖区总工会" not in flat


def test_a_member_sees_only_their_own_record(tree, personas, login):
    mine = make_member(tree.grassroots, name="会员本人")
    other = make_member(tree.grassroots, name="同事甲")
    client = login(personas.member)
    assert "尚未关联" in client.get("/members/me/").content.decode()
    member_link_user(actor=None, member=mine, user=personas.member)
    page = client.get("/members/me/").content.decode()
    assert "会员本人" in page and "显示完整号码" not in page and "修改信息" not in page
    assert client.get(f"/members/{mine.pk}/").status_code == 200
    assert client.get(f"/members/{other.pk}/").status_code == 403
    assert client.get("/members/").content.decode().count("同事甲") == 0


def test_refused_input_answers_422_and_changes_nothing(tree, personas, login):
    m = make_member(tree.grassroots)
    street = login(personas.street)
    r = street.post(f"/members/{m.pk}/transfer/", {"to_org": "没有这个工会"})
    assert r.status_code == 422 and "没有找到这个基层工会" in r.content.decode()
    r = street.post(f"/members/{m.pk}/retain/", {"on": "2019-01-01"})
    assert r.status_code == 422 and "日期不能早于" in r.content.decode()
    # The approve form was open in two tabs: the second answer is told why, and nothing changes.
    applied = member_apply(actor=None, org=tree.grassroots, name="关羽", id_number=new_id())
    assert street.post(f"/members/{applied.pk}/approve/", {}).status_code == 302
    r = street.post(f"/members/{applied.pk}/approve/", {})
    assert r.status_code == 422 and "不能批准入会" in r.content.decode()
    assert street.get(f"/members/{applied.pk}/approve/").status_code == 403
    r = street.post(f"/members/{m.pk}/transfer/", {"to_org": tree.sibling_grassroots.credit_code})
    transfer_url = r.url
    sibling = login(personas.sibling)
    r = sibling.post(transfer_url, {"side": "in", "decision": "reject", "reason": " "})
    assert r.status_code == 422 and "请填写拒绝理由" in r.content.decode()
    assert sibling.post(transfer_url, {"side": "in"}).status_code == 422  # no decision
    assert sibling.post(transfer_url, {"decision": "approve"}).status_code == 422  # no side
    assert Transfer.objects.get().state == "requested"
    street = login(personas.street)
    assert street.get("/members/export/").status_code == 422
    assert street.get("/members/export/", {"within": tree.grassroots.pk, "format": "pdf"}).status_code == 422


def test_a_side_answers_once_on_the_transfer_page(tree, personas, login):
    m = make_member(tree.grassroots)
    street = login(personas.street)
    transfer_url = street.post(f"/members/{m.pk}/transfer/", {"to_org": tree.sibling_grassroots.name}).url
    page = street.get(transfer_url).content.decode()
    assert 'id="approve_out"' in page and 'id="approve_in"' not in page and 'id="cancel"' in page
    assert street.post(transfer_url, {"side": "out", "decision": "approve"}).status_code == 302
    page = street.get(transfer_url).content.decode()
    assert 'id="approve_out"' not in page and 'id="reject_out"' not in page and "已答复" in page
    # Answering again (a second tab) is refused with the reason.
    r = street.post(transfer_url, {"side": "out", "decision": "approve"})
    assert r.status_code == 422 and "不能由转出工会同意" in r.content.decode()


def test_importing_the_good_rows_twice_is_refused_with_422(tree, personas, login, ledger):
    client = login(personas.street)
    with ledger([ledger_row("好人"), ledger_row("坏人", "4.40305E+17")]).open("rb") as f:
        client.post("/members/import/", {"org": tree.grassroots.pk, "file": f})
    job = Job.objects.get(kind="members.import")
    assert "只导入其中无误的" in client.get(f"/members/import/{job.pk}/").content.decode()
    clerk = login(personas.district).get(f"/members/import/{job.pk}/").content.decode()
    assert "只导入其中无误的" in clerk  # a clerk over the union may import too
    assert login(personas.street).post(f"/members/import/{job.pk}/good-rows/").status_code == 302
    assert "只导入其中无误的" not in client.get(f"/members/import/{job.pk}/").content.decode()
    r = client.post(f"/members/import/{job.pk}/good-rows/")  # done, and the file is gone now
    assert r.status_code == 422 and "不能再按" in r.content.decode()
    assert Member.objects.count() == 1


def _edit_fields(page: str) -> dict[str, str]:
    """The text inputs of a rendered form, by name, with the value each shows."""
    import re

    return {
        m.group(1): m.group(2) for m in re.finditer(r'<input type="text" name="(\w+)" value="([^"]*)"', page)
    }


def test_the_edit_form_shows_the_phone_masked_and_keeps_it_when_sent_back(tree, personas, login):
    m = make_member(tree.grassroots, phone="13800138000", education="大学本科")
    clerk = login(personas.district)  # may edit, may not reveal
    page = clerk.get(f"/members/{m.pk}/edit/").content.decode()
    assert "13800138000" not in page
    shown = _edit_fields(page)
    assert shown["phone"] == "138****8000"
    assert "显示完整号码" not in page
    audited = AuditEntry.objects.filter(action="pii.reveal").count()
    # Sent back as shown, with another field changed: the stored number stays.
    r = clerk.post(f"/members/{m.pk}/edit/", {**shown, "education": "10"})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.phone == "13800138000" and m.education == "10"
    assert AuditEntry.objects.filter(action="pii.reveal").count() == audited
    # A new number typed over the masked one replaces it.
    r = clerk.post(f"/members/{m.pk}/edit/", {**shown, "education": "10", "phone": "139 1234 5678"})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.phone == "13912345678"
    entry = AuditEntry.objects.filter(action="member.update").latest("id")
    assert "13912345678" not in str(entry.detail) and "13800138000" not in str(entry.detail)


def test_a_masked_phone_that_is_not_the_stored_one_is_refused(tree, personas, login):
    m = make_member(tree.grassroots, phone="13800138000")
    clerk = login(personas.district)
    shown = _edit_fields(clerk.get(f"/members/{m.pk}/edit/").content.decode())
    r = clerk.post(f"/members/{m.pk}/edit/", {**shown, "phone": "139****8000"})
    assert r.status_code == 422 and "请输入完整的11位号码" in r.content.decode()
    m.refresh_from_db()
    assert m.phone == "13800138000"


def test_who_may_reveal_reveals_the_phone_into_the_edit_form_audited(tree, personas, login):
    m = make_member(tree.grassroots, phone="13800138000")
    street = login(personas.street)  # an administrator: may reveal
    page = street.get(f"/members/{m.pk}/edit/").content.decode()
    assert "13800138000" not in page and "显示完整号码" in page
    r = street.post(f"/members/{m.pk}/reveal/?field=phone")
    body = r.content.decode()
    assert r.status_code == 200 and 'name="phone"' in body and 'value="13800138000"' in body
    assert m.id_number not in body
    entry = AuditEntry.objects.filter(action="pii.reveal", object_id=str(m.pk)).latest("id")
    assert entry.actor == personas.street and entry.detail == {"fields": ["phone"]}
    # The revealed number sent back is the stored one: nothing changes.
    fields = {**_edit_fields(page), "phone": "13800138000"}
    assert street.post(f"/members/{m.pk}/edit/", fields).status_code == 302
    assert not AuditEntry.objects.filter(action="member.update", object_id=str(m.pk)).exists()
