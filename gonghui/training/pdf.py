"""A certificate (结业证书) as a PDF: fpdf2 with the server's Noto CJK fonts, as the bulletin draws
its issues, with the verification code and a QR code of the public verification address."""

from __future__ import annotations

import io
from typing import Any

from gonghui.bulletin.render_pdf import PdfUnavailable, find_fonts
from gonghui.kernel import qr

from .models import Certificate
from .tokens import code_display

__all__ = ["PdfUnavailable", "certificate_pdf", "certificate_response"]

RED = (180, 20, 30)


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The certificate, landscape A4; `verify_url` is the public page its QR code opens."""
    from fpdf import FPDF

    fonts = find_fonts()
    pdf: Any = FPDF(orientation="L", unit="mm", format="A4")
    for family, role in (("serif", "serif"), ("serifb", "serif-bold")):
        path, index = fonts[role]
        try:
            pdf.add_font(family, "", path, collection_font_number=index)
        except Exception as exc:  # a damaged or unreadable font file
            raise PdfUnavailable("服务器缺少中文字体 fonts-noto-cjk，无法生成 PDF") from exc
    pdf.set_auto_page_break(False)
    pdf.set_title("结业证书")
    pdf.add_page()
    enrolment = certificate.enrolment
    course = enrolment.course
    # A double red frame.
    pdf.set_draw_color(*RED)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, 269, 182)

    pdf.set_text_color(*RED)
    pdf.set_font("serifb", "", 36)
    pdf.set_y(32)
    pdf.cell(0, 18, "结 业 证 书", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("serif", "", 12)
    pdf.cell(0, 8, f"证书编号：{certificate.number}", align="C", new_x="LMARGIN", new_y="NEXT")

    when = ""
    if course.starts_on and course.ends_on:
        when = (
            f"{course.starts_on:%Y年%m月%d日}"
            if course.starts_on == course.ends_on
            else f"{course.starts_on:%Y年%m月%d日}至{course.ends_on:%Y年%m月%d日}"
        )
    hours = f"{course.total_hours.normalize():f}"
    body = (
        f"{enrolment.name}同志于{when}参加{course.org.name}举办的“{course.title}”"
        f"（{course.get_subject_display()}类，共{hours}学时），完成规定课程，考核合格，准予结业。"
    )
    pdf.set_font("serif", "", 18)
    pdf.set_xy(40, 78)
    pdf.multi_cell(217, 13, body, align="L")

    pdf.set_font("serif", "", 16)
    pdf.set_xy(150, 140)
    pdf.cell(110, 10, course.org.name, align="C", new_x="LEFT", new_y="NEXT")
    pdf.cell(110, 10, f"{certificate.issued_on:%Y年%m月%d日}", align="C")

    pdf.image(io.BytesIO(qr.svg(verify_url, box_size=4).encode()), x=30, y=138, w=36, h=36)
    pdf.set_font("serif", "", 9)
    pdf.set_xy(22, 176)
    pdf.cell(60, 5, f"验证码：{code_display(certificate.code)}", align="C", new_x="LEFT", new_y="NEXT")
    pdf.cell(60, 5, "扫码或登录工会网站核验", align="C")
    return bytes(pdf.output())


def certificate_response(request: Any, certificate: Certificate) -> Any:
    """The certificate as a download (pages and API alike), its QR code opening this site's
    public verification page; 503 with the reason when the fonts are missing."""
    from django.http import HttpResponse
    from django.urls import reverse

    from gonghui.kernel import web

    from .tokens import verify_token

    url = request.build_absolute_uri(
        reverse("training:verify_signed", kwargs={"signed": verify_token(certificate.code)})
    )
    try:
        content = certificate_pdf(certificate, url)
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    name = f"结业证书_{certificate.enrolment.name}_{certificate.number}.pdf"
    return web.download(content, name, web.PDF)
