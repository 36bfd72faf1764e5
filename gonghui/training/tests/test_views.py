"""The pages: an officer's course page, attendance, scan, scores, certificates; a worker's
course page with their code; the public verification page; exports and statistics."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from gonghui.core.models import AuditEntry
from gonghui.members.actions import member_link_user
from gonghui.training import actions, tokens
from gonghui.training.models import Attendance, Course, Enrolment

from .factories import attend_all, certificate_of_chen, enrol, make_course, member_at, new_id

pytestmark = pytest.mark.django_db


def test_an_officer_creates_a_course_and_a_bad_one_answers_422(tree, personas, login):
    client = login(personas.street)
    r = client.post(f"/training/new/?org={tree.street.pk}", {"title": "", "subject": "skills", "capacity": "0",
                                                            "audience": "subtree", "min_attendance": "80"})  # fmt: skip
    assert r.status_code == 422 and "errorlist" in r.content.decode()
    assert not Course.objects.filter(org=tree.street).exists()
    r = client.post(f"/training/new/?org={tree.street.pk}", {
        "title": "安全生产培训班", "subject": "safety", "capacity": "30", "audience": "subtree",
        "min_attendance": "80", "requires_test": "on", "pass_mark": "60",
    })  # fmt: skip
    course = Course.objects.get(title="安全生产培训班")
    assert r.status_code == 302 and r.url == f"/training/{course.pk}/"


def test_a_session_with_bad_times_is_refused_on_the_course_page(tree, personas, login):
    course = make_course(tree.street, sessions=0, publish=False)
    r = login(personas.street).post(f"/training/{course.pk}/sessions/", {
        "on": "2013-03-27", "starts_at": "12:00", "ends_at": "09:00", "hours": "3"})  # fmt: skip
    assert r.status_code == 422 and "结束时间应晚于开始时间" in r.content.decode()


def test_attendance_by_ticks_and_by_scanning(tree, personas, login):
    course = make_course(tree.street)
    a, b = enrol(course, [member_at(tree.grassroots) for _ in range(2)])
    first, second = course.sessions.all()
    client = login(personas.street)
    assert client.post(f"/training/sessions/{first.pk}/attendance/", {"present": [a.pk]}).status_code == 302
    page = client.get(f"/training/sessions/{second.pk}/scan/").content.decode()
    assert 'data-scan-field="#id_code"' in page and 'id="id_code"' in page
    r = client.post(f"/training/sessions/{second.pk}/scan/", {"code": tokens.checkin_token(b.pk)})
    assert r.status_code == 200 and "签到成功" in r.content.decode()
    r = client.post(f"/training/sessions/{second.pk}/scan/", {"code": tokens.checkin_token(b.pk)})
    assert "不重复计算" in r.content.decode()
    r = client.post(f"/training/sessions/{second.pk}/scan/", {"code": "乱码"})
    assert r.status_code == 422 and "无法识别" in r.content.decode()
    assert Attendance.objects.filter(session__course=course).count() == 2


def test_scores_with_a_bad_value_answer_422_and_keep_nothing(tree, personas, login):
    course = make_course(tree.street)
    a, b = enrol(course, [member_at(tree.grassroots) for _ in range(2)])
    r = login(personas.street).post(
        f"/training/{course.pk}/scores/", {f"score_{a.pk}": "80", f"score_{b.pk}": "八十"}
    )
    assert r.status_code == 422
    assert not Enrolment.objects.filter(course=course, score__isnull=False).exists()


def test_certificate_pdf_and_public_verification(tree, personas, login, client):
    me, cert = certificate_of_chen(tree, personas.member)
    r = login(personas.member).get(f"/training/certificates/{cert.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content if r.streaming else [r.content]).startswith(b"%PDF")
    assert login(personas.sibling).get(f"/training/certificates/{cert.pk}/").status_code == 403
    client.logout()
    page = client.get("/training/verify/", {"code": tokens.code_display(cert.code)}).content.decode()
    assert (
        "陈*华" in page
        and "陈建华" not in page
        and cert.enrolment.course.title in page
        and tree.street.name in page
    )
    assert me.id_number not in page and me.id_number_masked not in page
    r = client.get(f"/training/verify/{tokens.verify_token(cert.code)}/")
    assert r.status_code == 200 and "真实有效" in r.content.decode()
    assert client.get(f"/training/verify/{cert.code}:forged/").status_code == 404
    assert client.get("/training/verify/", {"code": "AAAA-BBBB-CCCC"}).status_code == 404


def test_the_worker_sees_their_course_with_a_check_in_code(tree, personas, login):
    me = member_at(tree.grassroots)
    member_link_user(actor=None, member=me, user=personas.member)
    course = make_course(tree.street)
    client = login(personas.member)
    assert client.post(f"/training/courses/{course.pk}/enrol/").status_code == 302
    page = client.get(f"/training/courses/{course.pk}/").content.decode()
    assert "<svg" in page and "签到码" in page
    e = Enrolment.objects.get(course=course)
    assert tokens.checkin_enrolment_id(page.split('class="checkin-code">')[1].split("<")[0]) == e.pk
    assert client.get(f"/training/courses/{make_course(tree.sibling_street).pk}/").status_code == 403
    assert client.get(f"/training/{course.pk}/").status_code == 403


def test_reveal_is_audited(tree, personas, login):
    course = make_course(tree.street, audience="public")
    number = new_id()
    e = actions.enrol_person(actor=None, course=course, name="林秀英", id_number=number, phone="13800138000")
    page = login(personas.street).get(f"/training/{course.pk}/").content.decode()
    assert number not in page and e.id_number_masked in page
    r = login(personas.street).post(f"/training/trainees/{e.pk}/reveal/")
    assert number in r.content.decode()
    assert AuditEntry.objects.filter(action="training.trainee.reveal").count() == 1
    assert login(personas.district).post(f"/training/trainees/{e.pk}/reveal/").status_code == 403


def test_roster_export_masks_numbers_and_is_audited(tree, personas, login):
    course = make_course(tree.street, audience="public")
    number = new_id()
    actions.enrol_person(actor=None, course=course, name="林秀英", id_number=number, phone="13800138000")
    r = login(personas.street).get(f"/training/{course.pk}/export/?format=xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(r.streaming_content))).get_sheet_by_index(0)
    cells = [str(c) for row in sheet.to_python() for c in row]
    assert "林秀英" in cells and number not in cells and "13800138000" not in cells
    assert AuditEntry.objects.filter(action="training.roster.export").exists()


def test_statistics_roll_up_the_tree(tree, personas, login):
    for org, n in ((tree.street, 2), (tree.grassroots, 1), (tree.sibling_street, 3)):
        course = make_course(org, requires_test=False, hours="2")
        attend_all(course, enrol(course, [member_at(org if org.level == "grassroots" else tree.grassroots
                                                    if org == tree.street else tree.sibling_grassroots)
                                          for _ in range(n)]))  # fmt: skip
        actions.course_finish(actor=None, course=course)
    page = (
        login(personas.district)
        .get(f"/training/statistics/?within={tree.haizhu.pk}&year=2013")
        .content.decode()
    )
    assert tree.street.name in page and tree.sibling_street.name in page
    from gonghui.training.selectors import statistics

    stats = statistics(actor=personas.district, within=tree.haizhu, year=2013)
    by = {o.name: f for o, f in stats.by_union if o}
    assert (by[tree.street.name].courses, by[tree.street.name].trainees, by[tree.street.name].completed) == (
        2,
        3,
        3,
    )
    assert by[tree.street.name].hours == 3 * 2 * 2  # 3 trainees × 2 sessions × 2 hours
    assert stats.total.trainees == 6
    assert login(personas.sibling).get(f"/training/statistics/?within={tree.street.pk}").status_code == 403


def test_todos_list_what_they_count(tree, personas, login):
    from gonghui.training.selectors import attendance_due_count, to_certify_count

    course = make_course(tree.street, requires_test=False)
    trainees = enrol(course, [member_at(tree.grassroots)])
    assert attendance_due_count(personas.street) == 1
    attend_all(course, trainees)
    assert attendance_due_count(personas.street) == 0
    actions.course_finish(actor=None, course=course)
    assert to_certify_count(personas.street) == 1 and to_certify_count(personas.sibling) == 0
    page = login(personas.street).get("/training/?todo=certify").content.decode()
    assert course.title in page


def test_the_worker_is_offered_open_courses_of_their_unions_and_sees_them_on_the_home_page(tree, personas):
    from gonghui.kernel.registry import registry

    member_link_user(actor=None, member=member_at(tree.grassroots), user=personas.member)
    mine = make_course(tree.street, title="家政服务员培训班")
    make_course(tree.sibling_street, title="新港街道电工培训班")
    make_course(tree.street, title="筹备中的培训班", publish=False)
    offers = [o for o in registry.offers(personas.member) if o.key.startswith("course:")]
    assert [o.title for o in offers] == ["家政服务员培训班"] and "名额余10" in offers[0].note
    actions.enrol_self(actor=personas.member, course=mine)
    assert not [o for o in registry.offers(personas.member) if o.key.startswith("course:")]
    (panel,) = [p for p in registry.panels(personas.member) if p.key == "training.mine"]
    assert [line.text for line in panel.lines] == ["家政服务员培训班"]
    assert registry.shortcuts(personas.street, tree.street) and not [
        s for s in registry.shortcuts(personas.sibling, tree.street) if "training" in s[1]
    ]


def test_course_steps_from_the_page_and_an_unknown_one_answers_422(tree, personas, login):
    course = make_course(tree.street, publish=False)
    client = login(personas.street)
    assert client.post(f"/training/{course.pk}/step/", {"step": "publish"}).status_code == 302
    assert client.post(f"/training/{course.pk}/step/", {"step": "explode"}).status_code == 422
    assert client.post(f"/training/{course.pk}/step/", {"step": "publish"}).status_code == 422
    course.refresh_from_db()
    assert course.state == Course.State.OPEN


def test_the_statistics_page_draws_its_figures_with_the_vendored_echarts(tree, personas, login):
    import json

    course = make_course(tree.street, requires_test=False, hours="2", subject="safety")
    attend_all(course, enrol(course, [member_at(tree.grassroots) for _ in range(3)]))
    actions.course_finish(actor=None, course=course)
    page = login(personas.district).get(f"/training/statistics/?within={tree.haizhu.pk}&year=2013")
    html = page.content.decode()
    assert "/static/vendor/echarts/echarts.min.js" in html and "cdn" not in html.lower()
    subject = json.loads(
        html.split('id="training-subject-chart" type="application/json">')[1].split("</script>")[0]
    )
    assert subject["xAxis"]["data"] == ["安全生产"]
    assert [s["data"] for s in subject["series"]] == [[3], [3], [12.0]]  # trained, completed, 3×2×2 hours
    union = json.loads(
        html.split('id="training-union-chart" type="application/json">')[1].split("</script>")[0]
    )
    assert union["xAxis"]["data"] == [tree.street.name] and union["series"][0]["data"] == [3]
