"""An officer's journey through the training pages, in the Chinese UI, in Chromium.

The street officer opens a course, adds a session, opens enrolment, enrols two members found in
the register, ticks who came, enters the test scores, finishes the course and issues the
certificates: the trainee who attended and passed gets one, the one who missed the session
gets none. The certificate's code, typed on the public verification page by someone not signed
in, shows the course, the issuing union and the name masked.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from gonghui.conftest import Personas, Tree
from gonghui.tests.browser.steps import sign_in
from gonghui.training.models import Certificate, Course
from gonghui.training.tokens import code_display

from .factories import member_at

pytestmark = pytest.mark.browser


def test_officer_runs_a_course_and_a_certificate_verifies(
    page: Page, browser: Browser, live_server, personas: Personas, tree: Tree
) -> None:
    member_at(tree.grassroots, name="陈建华")
    member_at(tree.grassroots, name="陈秀英")
    sign_in(page, personas.street.username)
    page.get_by_role("link", name="职工培训").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("培训班")
    page.get_by_role("link", name="开设培训班").click()
    page.get_by_label("培训班名称").fill("安全生产培训班")
    page.get_by_label("培训类别").select_option("安全生产")
    page.get_by_label("名额").fill("30")
    page.get_by_label("结业出勤率（%）").fill("80")
    page.get_by_label("考核合格分").fill("60")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("安全生产培训班")

    page.get_by_label("日期").fill("2013-06-29")
    page.get_by_label("开始时间").fill("09:00")
    page.get_by_label("结束时间").fill("12:00")
    page.get_by_label("学时").fill("3")
    page.locator("#id_topic").fill("安全生产法解读")
    page.get_by_role("button", name="添加课次").click()
    expect(page.locator("table.list").first).to_contain_text("安全生产法解读")
    page.get_by_role("button", name="开放报名").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("报名中")

    page.get_by_role("link", name="登记会员学员").click()
    page.get_by_label("姓名或身份证号码").fill("陈")
    page.get_by_role("button", name="查找会员").click()
    page.get_by_label("陈建华").check()
    page.get_by_label("陈秀英").check()
    page.get_by_role("button", name="登记所选会员").click()
    expect(page.locator(".messages, [role=status], body").first).to_contain_text("已登记2名学员")

    page.get_by_role("link", name="点名").click()
    page.get_by_label("陈建华").check()
    page.get_by_role("button", name="保存出勤").click()
    expect(page.locator("body")).to_contain_text("到1人，缺1人")

    page.get_by_role("link", name="登记考核成绩").click()
    page.get_by_label("陈建华").fill("88")
    page.get_by_label("陈秀英").fill("92")
    page.get_by_role("button", name="保存成绩").click()
    page.get_by_role("button", name="办理结业").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已结业")
    page.get_by_role("button", name="发放结业证书").click()
    expect(page.locator("body")).to_contain_text("已发放1份结业证书")

    trainees = page.locator("#trainees")
    expect(trainees.locator("tr", has_text="陈建华")).to_contain_text("已结业")
    expect(trainees.locator("tr", has_text="陈秀英")).to_contain_text("未结业")
    course = Course.objects.get(title="安全生产培训班")
    cert = Certificate.objects.get(enrolment__course=course)
    assert cert.enrolment.name == "陈建华"
    assert not Certificate.objects.filter(enrolment__course=course, enrolment__name="陈秀英").exists()
    expect(trainees.locator("tr", has_text="陈建华")).to_contain_text(cert.number)

    # Anyone, not signed in, checks the code printed on the certificate.
    public = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    public.goto("/training/verify/")
    public.get_by_label("证书验证码").fill(code_display(cert.code))
    public.get_by_role("button", name="核验").click()
    verified = public.locator("#verified")
    expect(verified).to_contain_text("真实有效")
    expect(verified).to_contain_text("陈*华")
    expect(verified).to_contain_text("安全生产培训班")
    expect(verified).to_contain_text(tree.street.name)
    expect(verified).not_to_contain_text("陈建华")
    public.context.close()
