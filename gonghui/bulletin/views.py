"""Pages of the work bulletin. Each view parses, calls one selector or action, renders; the buttons
a page shows are the record's abilities (`abilities.py`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import cleaning, web
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs import selectors as org_selectors

from . import actions, selectors, stats
from .abilities import (
    bulletin_abilities,
    desk_abilities,
    fact_abilities,
    issue_abilities,
    submission_abilities,
    union_abilities,
)
from .forms import (
    ArticleForm,
    BulletinForm,
    ImportForm,
    IssueCreateForm,
    IssueForm,
    SubmissionEditForm,
    SubmissionForm,
)
from .models import FactKind, FactStatus, Issue, IssueStatus, Submission, SubmissionStatus
from .render_docx import issue_docx
from .render_pdf import PdfUnavailable, issue_pdf_cached
from .workflow import SUBMISSION

# --- overview, archive -------------------------------------------------------------------


@login_required
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "bulletin/index.html",
        {
            "ab": desk_abilities(user),
            "bulletins": [
                (b, bulletin_abilities(user, b)) for b in selectors.bulletins_for_actor(actor=user)
            ],
            "issues": selectors.issues_for_actor(actor=user, status=IssueStatus.PUBLISHED)[:10],
            "drafts": selectors.issues_for_actor(actor=user, status=IssueStatus.DRAFT)[:10],
            "to_review": selectors.review_count_for_actor(actor=user),
            "founding": [
                o for o in selectors.founding_orgs(actor=user) if union_abilities(user, o).create_bulletin
            ],
        },
    )


@login_required
@require_GET
def archive(request: AuthedRequest) -> HttpResponse:
    pk = web.int_param(request, "bulletin")
    bulletin = selectors.bulletin_get_for_actor(actor=request.user, pk=pk) if pk else None
    rows, next_id = selectors.article_search_for_actor(
        actor=request.user,
        q=request.GET.get("q", ""),
        unit=request.GET.get("unit", ""),
        since=web.date_param(request, "since"),
        until=web.date_param(request, "until"),
        bulletin=bulletin,
        before_id=web.int_param(request, "before"),
    )
    return render(
        request,
        "bulletin/archive.html",
        {
            "rows": rows,
            "bulletin": bulletin,
            "chosen": bulletin.pk if bulletin else "",
            "bulletins": selectors.bulletins_for_actor(actor=request.user),
            "next_query": web.next_query(request, next_id),
            "searched": any(request.GET.get(k) for k in ("q", "unit", "since", "until", "bulletin")),
        },
    )


# --- submissions -------------------------------------------------------------------------


@login_required
@require_GET
def submission_list(request: AuthedRequest) -> HttpResponse:
    box = web.choice_param(request, "box", selectors.BOXES) or "all"
    status = web.choice_param(request, "status", SubmissionStatus.choices)
    rows, next_id = selectors.submissions_for_actor(
        actor=request.user,
        box=box,
        status=status,
        q=request.GET.get("q", ""),
        before_id=web.int_param(request, "before"),
    )
    return render(
        request,
        "bulletin/submissions.html",
        {
            "ab": desk_abilities(request.user),
            "rows": rows,
            "box": box,
            "boxes": selectors.BOXES.items(),
            "status": status,
            "statuses": SubmissionStatus.choices,
            "next_query": web.next_query(request, next_id),
        },
    )


@login_required
@require_GET
def submit_start(request: AuthedRequest) -> HttpResponse:
    """报送信息: straight to the form when the user writes for one union only."""
    user = request.user
    orgs = [o for o in selectors.submitting_orgs(actor=user) if union_abilities(user, o).submit]
    if not orgs:
        raise PermissionDenied("您没有可以报送稿件的单位（需要经办人或管理员角色，且上级工会已创办刊物）。")
    if len(orgs) == 1:
        return redirect("bulletin:submission_new", org_id=orgs[0].pk)
    return render(request, "bulletin/submit_start.html", {"orgs": orgs})


@login_required
@require_http_methods(["GET", "POST"])
def submission_new(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = org_selectors.org_get_for_actor(actor=request.user, pk=org_id)
    union_abilities(request.user, org).require(
        "submit",
        gettext("不能以「%(name)s」的名义报送稿件（须为其经办人，且上级工会已创办刊物）。")
        % {"name": org.name},
    )
    post, files = web.posted(request, files=True) or (None, None)
    form = SubmissionForm(post, files, initial={"unit": org.name})
    targets = {b.pk: b for b in selectors.bulletins_to_submit_to(org)}
    form.fields["bulletin"].choices = [(b.pk, str(b)) for b in targets.values()]  # type: ignore[attr-defined]
    submitting = request.POST.get("submit") == "1"
    return web.submit(
        request, form,
        act=lambda data: actions.submission_create(
            actor=request.user, org=org, bulletin=targets[data["bulletin"]], title=data["title"], body=data["body"],
            unit=data["unit"], authors=data["authors"], photos=data["photos"], submit=submitting,
        ),
        done=lambda sub: redirect("bulletin:submission", submission_id=sub.pk),
        message=gettext("已报送，等待上级工会审稿。") if submitting else gettext("已保存为草稿。"),
        template="bulletin/submission_form.html",
        context={"org": org, "title": gettext("报送信息 · %(name)s") % {"name": org.name}},
    )  # fmt: skip


def _submission_page(request: AuthedRequest, sub: Submission) -> HttpResponse:
    ab = submission_abilities(request.user, sub)
    return render(
        request,
        "bulletin/submission_detail.html",
        {
            "sub": sub,
            "ab": ab,
            "sections": sub.bulletin.sections,
            "draft_issues": selectors.draft_issues(sub.bulletin) if ab.place else [],
            "history": selectors.submission_history(sub),
            "photos": sub.photos.all(),
            "article": selectors.submission_article(sub),
            # What the reviewer chose, kept when the review is refused.
            "posted": {k: request.POST.get(k, "") for k in ("section", "issue", "comment")},
        },
    )


submission_detail = web.record_page(selectors.submission_get_for_actor, _submission_page)


@login_required
@require_http_methods(["GET", "POST"])
def submission_edit(request: AuthedRequest, submission_id: int) -> HttpResponse:
    sub = selectors.submission_get_for_actor(actor=request.user, pk=submission_id)
    submission_abilities(request.user, sub).require("edit", gettext("稿件已报送或已审，不能修改。"))
    initial = {"title": sub.title, "body": sub.body, "unit": sub.unit, "authors": sub.authors}
    post, files = web.posted(request, files=True) or (None, None)
    form = SubmissionEditForm(post, files, initial=initial)
    submitting = request.POST.get("submit") == "1"
    return web.submit(
        request, form,
        act=lambda data: actions.submission_update(
            actor=request.user, submission=sub, title=data["title"], body=data["body"], unit=data["unit"],
            authors=data["authors"], photos_add=data["photos"], submit=submitting,
            photos_remove=[int(p) for p in request.POST.getlist("remove_photo") if p.isdigit()],
        ),
        done=lambda s: redirect("bulletin:submission", submission_id=s.pk),
        message=gettext("已重新报送。") if submitting else gettext("已保存。"),
        template="bulletin/submission_form.html",
        context={"org": sub.org, "sub": sub, "photos": sub.photos.all(), "title": gettext("修改稿件「%(title)s」") % {"title": sub.title}},
    )  # fmt: skip


@login_required
@require_POST
def submission_transition(request: AuthedRequest, submission_id: int) -> HttpResponse:
    """Every button of the submission page: 报送, 撤回, and the review form's 采用 / 退回修改 /
    不予采用 (with its section, issue and comment)."""
    sub = selectors.submission_get_for_actor(actor=request.user, pk=submission_id)
    step = request.POST.get("action", "")
    issue_id = web.post_int(request, "issue")

    def act() -> Submission:
        issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id) if issue_id else None
        return actions.submission_transition(
            actor=request.user, submission=sub, action=step, comment=request.POST.get("comment", ""),
            section=request.POST.get("section", ""), issue=issue,
        )  # fmt: skip

    return web.step(
        request,
        act=act,
        done=lambda s: redirect("bulletin:submission", submission_id=s.pk),
        refused=lambda: _submission_page(request, sub),
        message=lambda s: (
            gettext("已%(label)s：%(title)s") % {"label": SUBMISSION.step(step).label, "title": s.title}
        ),
    )


@login_required
@require_GET
def photo(request: AuthedRequest, photo_id: int) -> HttpResponseBase:
    item = selectors.photo_get_for_actor(actor=request.user, pk=photo_id)
    fh = web.opened(item.image, "图片文件不存在")
    ext = "png" if item.content_type == "image/png" else "jpg"
    return web.download(fh, f"稿件图片{item.pk}.{ext}", item.content_type, inline=True)


# --- bulletins and issues ----------------------------------------------------------------


_bulletin_for = web.guarded(selectors.bulletin_get_for_actor, bulletin_abilities)


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_new(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = org_selectors.org_get_for_actor(actor=request.user, pk=org_id)
    union_abilities(request.user, org).require("create_bulletin")
    form = BulletinForm(web.posted(request))
    return web.submit(
        request, form,
        act=lambda data: actions.bulletin_create(
            actor=request.user, org=org, name=data["name"], office=data["office"], sections=form.section_list()
        ),
        done=lambda b: redirect("bulletin:bulletin", bulletin_id=b.pk),
        message=lambda b: gettext("已创办《%(name)s》。") % {"name": b.name},
        template="bulletin/form.html",
        context={"title": gettext("创办刊物 · %(name)s") % {"name": org.name}},
    )  # fmt: skip


@login_required
@require_GET
def bulletin_detail(request: AuthedRequest, bulletin_id: int) -> HttpResponse:
    """The editorial page of a publication (its own union and those above)."""
    bulletin = selectors.bulletin_get_for_actor(actor=request.user, pk=bulletin_id)
    ab = bulletin_abilities(request.user, bulletin)
    ab.require("editorial")
    return render(
        request,
        "bulletin/bulletin.html",
        {
            "bulletin": bulletin,
            "ab": ab,
            "issues": selectors.issues_for_actor(actor=request.user, bulletin=bulletin),
            "pending": actions.pending_adopted(bulletin),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_new(request: AuthedRequest, bulletin_id: int) -> HttpResponse:
    bulletin = _bulletin_for(request, bulletin_id, "create_issue")
    today = cleaning.today()
    initial = {
        "number": actions.next_number(bulletin, today.year), "date": today, "masthead": bulletin.name,
        "office": bulletin.office, "sections": "\n".join(bulletin.sections), "include_adopted": True,
    }  # fmt: skip
    form = IssueCreateForm(web.posted(request), initial=initial)
    return web.submit(
        request, form,
        act=lambda data: actions.issue_create(
            actor=request.user, bulletin=bulletin, number=data["number"], date=data["date"],
            masthead=data["masthead"], office=data["office"], sections=form.section_list(),
            include_adopted=data["include_adopted"],
        ),
        done=lambda issue: redirect("bulletin:issue", issue_id=issue.pk),
        message=lambda issue: gettext("已新建%(label)s，共编入 %(value)s 篇已采用稿件。") % {"label": issue.label, "value": issue.articles.count()},
        template="bulletin/form.html",
        context={"title": gettext("新建一期 · 《%(name)s》") % {"name": bulletin.name}, "bulletin": bulletin},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def issue_import(request: AuthedRequest, bulletin_id: int) -> HttpResponse:
    bulletin = _bulletin_for(request, bulletin_id, "import_issue")
    post, files = web.posted(request, files=True) or (None, None)
    form = ImportForm(post, files)
    return web.submit(
        request, form,
        act=lambda data: actions.issue_import(
            actor=request.user, bulletin=bulletin, number=data["number"], date=data["date"],
            data=data["file"].read(actions.MAX_IMPORT_BYTES + 1), filename=data["file"].name or "",
        ),
        done=lambda issue: redirect("bulletin:issue", issue_id=issue.pk),
        message=lambda issue: gettext("已导入%(label)s：%(value)s 篇文章。") % {"label": issue.label, "value": issue.articles.count()},
        template="bulletin/form.html",
        context={"title": gettext("导入旧简报 · 《%(name)s》") % {"name": bulletin.name}, "bulletin": bulletin, "multipart": True,
                 "intro": gettext("上传一期纯文本简报，系统识别栏目、标题、正文和署名，作为已发布的一期存入档案；识别失败时不做任何改动。")},
    )  # fmt: skip


def _issue_page(request: AuthedRequest, issue: Issue) -> HttpResponse:
    ab = issue_abilities(request.user, issue)
    return render(
        request,
        "bulletin/issue.html",
        {
            "issue": issue,
            "ab": ab,
            "contents": selectors.issue_contents(issue, skip_empty=not ab.edit),
            "pending": actions.pending_adopted(issue.bulletin).count() if ab.add_adopted else 0,
            "facts": selectors.fact_counts(issue) if ab.facts else {},
        },
    )


_issue_for = web.guarded(selectors.issue_get_for_actor, issue_abilities)

issue_detail = web.record_page(selectors.issue_get_for_actor, _issue_page)


@login_required
@require_http_methods(["GET", "POST"])
def issue_edit(request: AuthedRequest, issue_id: int) -> HttpResponse:
    issue = _issue_for(request, issue_id, "edit")
    initial = {
        "number": issue.number, "date": issue.date, "masthead": issue.masthead, "office": issue.office,
        "sections": "\n".join(issue.sections.order_by("order").values_list("name", flat=True)),
    }  # fmt: skip
    form = IssueForm(web.posted(request), initial=initial)
    return web.submit(
        request, form,
        act=lambda data: actions.issue_update(
            actor=request.user, issue=issue, number=data["number"], date=data["date"], masthead=data["masthead"],
            office=data["office"], sections=form.section_list(),
        ),
        done=lambda i: redirect("bulletin:issue", issue_id=i.pk),
        message=gettext("已保存。"),
        template="bulletin/form.html",
        context={"title": gettext("修改%(label)s") % {"label": issue.label}, "issue": issue},
    )  # fmt: skip


_issue_step = web.Steps(
    get=selectors.issue_get_for_actor, record="issue", page=_issue_page,
    done=lambda i: redirect("bulletin:issue", issue_id=i.pk),
)  # fmt: skip


issue_add_adopted = _issue_step(
    actions.issue_add_adopted,
    lambda placed: (
        gettext("已编入 %(count)s 篇已采用稿件。") % {"count": placed}
        if placed
        else gettext("没有待编入的已采用稿件。")
    ),
)
issue_publish = _issue_step(
    actions.issue_publish, lambda i: gettext("%(label)s已发布，下级工会可以阅读。") % {"label": i.label}
)
issue_delete = _issue_step(
    actions.issue_delete,
    lambda i: gettext("已删除%(label)s（草稿），其中的已采用稿件可编入下一期。") % {"label": i.label},
    done=lambda i: redirect("bulletin:bulletin", bulletin_id=i.bulletin_id),
)


@login_required
@require_GET
def issue_docx_download(request: AuthedRequest, issue_id: int) -> HttpResponseBase:
    issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id)
    return web.download(issue_docx(issue), f"{issue.file_stem}.docx", web.DOCX)


@login_required
@require_GET
def issue_pdf_download(request: AuthedRequest, issue_id: int) -> HttpResponseBase:
    issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id)
    try:
        data = issue_pdf_cached(issue)
    except PdfUnavailable as exc:
        return render(
            request, "bulletin/pdf_unavailable.html", {"issue": issue, "reason": str(exc)}, status=503
        )
    return web.download(data, f"{issue.file_stem}.pdf", web.PDF)


# The facts the meetings and honours records need most come first; dates last.
FACT_ORDER = ["meeting", "election", "person", "org", "money", "count", "date"]


@login_required
@require_GET
def issue_facts(request: AuthedRequest, issue_id: int) -> HttpResponse:
    user = request.user
    issue = _issue_for(request, issue_id, "facts")
    shown = web.choice_param(request, "status", [*FactStatus.values, "all"]) or FactStatus.SUGGESTED
    facts = selectors.facts_for_issue(actor=user, issue=issue, status="" if shown == "all" else shown)
    labels = dict(FactKind.choices)
    groups = [
        (labels[kind], [(f, fact_abilities(user, f)) for f in facts if f.kind == kind]) for kind in FACT_ORDER
    ]
    counts = selectors.fact_counts(issue)
    return render(
        request,
        "bulletin/facts.html",
        {
            "issue": issue,
            "groups": [g for g in groups if g[1]],
            "tabs": [(value, label, counts[value], value == shown) for value, label in FactStatus.choices],
            "all_shown": shown == "all",
        },
    )


@login_required
@require_POST
def fact_decide(request: AuthedRequest, fact_id: int) -> HttpResponse:
    fact = selectors.fact_get_for_actor(actor=request.user, pk=fact_id)
    try:
        fact = actions.fact_decide(actor=request.user, fact=fact, decision=request.POST.get("decision", ""))
    except ValidationError as exc:
        return web.refused_text(exc)
    if request.headers.get("HX-Request"):
        return render(
            request, "bulletin/_fact_row.html", {"f": fact, "ab": fact_abilities(request.user, fact)}
        )
    return redirect("bulletin:issue_facts", issue_id=fact.article.issue_id)


# --- articles ----------------------------------------------------------------------------


def _article_form(request: AuthedRequest, issue: Issue, initial: dict[str, str]) -> ArticleForm:
    sections = list(issue.sections.order_by("order").values_list("name", flat=True))
    return ArticleForm(web.posted(request), initial=initial, sections=sections)


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: AuthedRequest, issue_id: int) -> HttpResponse:
    issue = _issue_for(request, issue_id, "edit")
    form = _article_form(request, issue, {"section": request.GET.get("section", "")})
    return web.submit(
        request, form,
        act=lambda data: actions.article_create(actor=request.user, issue=issue, **data),
        done=lambda _a: redirect("bulletin:issue", issue_id=issue.pk),
        message=gettext("已添加文章。"),
        template="bulletin/form.html",
        context={"title": gettext("添加文章 · %(label)s") % {"label": issue.label}, "issue": issue},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request: AuthedRequest, article_id: int) -> HttpResponse:
    article = selectors.article_get_for_actor(actor=request.user, pk=article_id)
    issue = article.issue
    issue_abilities(request.user, issue).require("edit")
    initial = {
        "section": article.section.name if article.section else "", "title": article.title,
        "body": article.body, "source": article.source,
    }  # fmt: skip
    form = _article_form(request, issue, initial)
    return web.submit(
        request, form,
        act=lambda data: actions.article_update(actor=request.user, article=article, **data),
        done=lambda _a: redirect("bulletin:issue", issue_id=issue.pk),
        message=gettext("已保存。"),
        template="bulletin/form.html",
        context={"title": gettext("修改文章 · %(label)s") % {"label": issue.label}, "issue": issue},
    )  # fmt: skip


_article_step = web.Steps(
    get=selectors.article_get_for_actor, record="article", page=lambda request, a: _issue_page(request, a.issue),
    done=lambda a: redirect(f"{reverse('bulletin:issue', kwargs={'issue_id': a.issue_id})}#article-{a.pk}"),
)  # fmt: skip
article_move = _article_step(
    actions.article_move, extra=lambda request, _r: {"direction": request.POST.get("direction", "")}
)
article_remove = _article_step(
    actions.article_remove,
    lambda a: (gettext("已从本期移除「%(title)s」，稿件回到待编入状态。") if a.from_submission_id
               else gettext("已从本期移除「%(title)s」。")) % {"title": a.title or gettext("无题短讯")},
    done=lambda a: redirect("bulletin:issue", issue_id=a.issue_id),
)  # fmt: skip


# --- adoption statistics -----------------------------------------------------------------


def _report(request: AuthedRequest, org_id: int | None = None) -> stats.AdoptionReport:
    user = request.user
    org_id = org_id or web.int_param(request, "org")
    if org_id:
        org = org_selectors.org_get_for_actor(actor=user, pk=org_id)
    else:
        roots = selectors.report_orgs(actor=user)
        if not roots:
            raise PermissionDenied("您没有可查看的单位。")
        org = roots[0]
    bulletin_id = web.int_param(request, "bulletin")
    bulletin = selectors.bulletin_get_for_actor(actor=user, pk=bulletin_id) if bulletin_id else None
    month = web.choice_param(request, "month", [str(m) for m in range(1, 13)])
    # No month asked for: this month; an empty one (全年): the whole year.
    chosen = int(month) if month else None if "month" in request.GET else cleaning.today().month
    return stats.adoption_report(
        actor=user, org=org, year=web.year_param(request), month=chosen, bulletin=bulletin
    )


@login_required
@require_GET
def stats_page(request: AuthedRequest) -> HttpResponse:
    report = _report(request)
    this_year = cleaning.today().year
    return render(
        request,
        "bulletin/stats.html",
        {
            "report": report,
            "bulletin_id": report.bulletin.pk if report.bulletin else "",
            "ab": union_abilities(request.user, report.org),
            "chart": stats.report_chart(report),
            "monthly": stats.monthly_chart(report) if report.monthly else None,
            "years": range(this_year, this_year - 15, -1),
            "months": range(1, 13),
            "bulletins": selectors.bulletins_for_actor(actor=request.user),
            "roots": selectors.report_orgs(actor=request.user),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def stats_xlsx(request: AuthedRequest, org_id: int) -> HttpResponseBase:
    report = _report(request, org_id)
    data = actions.adoption_report_export(actor=request.user, report=report)
    return web.download(data, f"{report.title}.xlsx", web.XLSX)
