"""Pages of the work bulletin. Each view parses, calls one selector or action, renders."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import scope
from gonghui.kernel.web import apply_errors
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import Org

from . import actions, selectors, stats, workflow
from .forms import (
    ArticleForm,
    BulletinForm,
    ImportForm,
    IssueCreateForm,
    IssueForm,
    ReviewForm,
    SubmissionEditForm,
    SubmissionForm,
)
from .models import Article, Bulletin, FactKind, FactStatus, Issue, IssueStatus, Submission, SubmissionStatus
from .render_docx import issue_docx
from .render_pdf import PdfUnavailable, issue_pdf

# A form whose input an action refused is shown again with the reasons, as 422 (like the API).
REFUSED = 422


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- overview, archive -------------------------------------------------------------------


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    bulletins = selectors.bulletins_for_actor(actor=user)
    return render(
        request,
        "bulletin/index.html",
        {
            "bulletins": bulletins,
            "editorial": {b.pk for b in bulletins if scope.can(user, "view", b.org)},
            "issues": selectors.issues_for_actor(actor=user, status=IssueStatus.PUBLISHED)[:10],
            "drafts": selectors.issues_for_actor(actor=user, status=IssueStatus.DRAFT)[:10],
            "to_review": selectors.review_count_for_actor(actor=user),
            "can_submit": bool(selectors.submitting_orgs(actor=user)),
            "manageable": scope.root_orgs(user, "manage"),
        },
    )


@login_required
@require_GET
def archive(request: HttpRequest) -> HttpResponse:
    bulletin = None
    if _int(request.GET.get("bulletin")):
        bulletin = selectors.bulletin_get_for_actor(actor=request.user, pk=int(request.GET["bulletin"]))
    rows, next_id = selectors.article_search_for_actor(
        actor=request.user,
        q=request.GET.get("q", ""),
        unit=request.GET.get("unit", ""),
        since=_date(request.GET.get("since", "")),
        until=_date(request.GET.get("until", "")),
        bulletin=bulletin,
        before_id=_int(request.GET.get("before")),
    )
    params = request.GET.copy()
    if next_id:
        params["before"] = str(next_id)
    return render(
        request,
        "bulletin/archive.html",
        {
            "rows": rows,
            "bulletin": bulletin,
            "bulletins": selectors.bulletins_for_actor(actor=request.user),
            "next_query": params.urlencode() if next_id else "",
            "searched": any(request.GET.get(k) for k in ("q", "unit", "since", "until", "bulletin")),
        },
    )


# --- submissions -------------------------------------------------------------------------


@login_required
@require_GET
def submission_list(request: HttpRequest) -> HttpResponse:
    box = request.GET.get("box", "all")
    box = box if box in selectors.BOXES else "all"
    status = request.GET.get("status", "")
    rows, next_id = selectors.submissions_for_actor(
        actor=request.user,
        box=box,
        status=status if status in SubmissionStatus.values else "",
        q=request.GET.get("q", ""),
        before_id=_int(request.GET.get("before")),
    )
    params = request.GET.copy()
    if next_id:
        params["before"] = str(next_id)
    return render(
        request,
        "bulletin/submissions.html",
        {
            "rows": rows,
            "box": box,
            "boxes": selectors.BOXES.items(),
            "statuses": SubmissionStatus.choices,
            "next_query": params.urlencode() if next_id else "",
            "can_submit": bool(selectors.submitting_orgs(actor=request.user)),
        },
    )


@login_required
@require_GET
def submit_start(request: HttpRequest) -> HttpResponse:
    """报送信息: straight to the form when the user writes for one union only."""
    orgs = selectors.submitting_orgs(actor=request.user)
    if not orgs:
        raise PermissionDenied("您没有可以报送稿件的单位（需要经办人或管理员角色）。")
    if len(orgs) == 1:
        return redirect("bulletin:submission_new", org_id=orgs[0].pk)
    return render(request, "bulletin/submit_start.html", {"orgs": orgs})


def _submission_form_choices(form: SubmissionForm, org: Org) -> list[Bulletin]:
    targets = selectors.bulletins_to_submit_to(org)
    form.fields["bulletin"].choices = [(b.pk, str(b)) for b in targets]  # type: ignore[attr-defined]
    return targets


@login_required
@require_http_methods(["GET", "POST"])
def submission_new(request: HttpRequest, org_id: int) -> HttpResponse:
    org = org_selectors.org_get_for_actor(actor=request.user, pk=org_id, perm="edit")
    form = SubmissionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"unit": org.name},
    )
    targets = _submission_form_choices(form, org)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                bulletin = next(b for b in targets if b.pk == form.cleaned_data["bulletin"])
                sub = actions.submission_create(
                    actor=request.user, org=org, bulletin=bulletin, title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"], unit=form.cleaned_data["unit"],
                    authors=form.cleaned_data["authors"], photos=form.cleaned_data["photos"],
                    submit=request.POST.get("submit") == "1",
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                done = (
                    "已报送，等待上级工会审稿。"
                    if sub.status == SubmissionStatus.SUBMITTED
                    else "已保存为草稿。"
                )
                messages.success(request, done)
                return redirect("bulletin:submission", submission_id=sub.pk)
        status = REFUSED
    return render(
        request, "bulletin/submission_form.html",
        {"form": form, "org": org, "no_target": not targets, "title": f"报送信息 · {org.name}"}, status=status,
    )  # fmt: skip


def _submission_page(
    request: HttpRequest, sub: Submission, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    steps = workflow.allowed(request.user, sub)
    review = any(t.by == workflow.REVIEWER for t in steps)
    drafts = selectors.draft_issues_for_adoption(actor=request.user, bulletin=sub.bulletin) if review else []
    return render(
        request,
        "bulletin/submission_detail.html",
        {
            "sub": sub,
            "steps": [t for t in steps if t.by == workflow.SUBMITTER],
            "review": review,
            "sections": sub.bulletin.sections,
            "draft_issues": drafts,
            "can_edit": sub.status in workflow.EDITABLE and scope.can(request.user, "edit", sub.org),
            "history": selectors.submission_history(sub),
            "photos": sub.photos.all(),
            "article": Article.objects.filter(from_submission=sub).select_related("issue").first(),
            "errors": errors or [],
            "posted": request.POST if errors else {},
        },
        status=status,
    )


@login_required
@require_GET
def submission_detail(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _submission_page(request, selectors.submission_get_for_actor(actor=request.user, pk=submission_id))


@login_required
@require_http_methods(["GET", "POST"])
def submission_edit(request: HttpRequest, submission_id: int) -> HttpResponse:
    sub = selectors.submission_get_for_actor(actor=request.user, pk=submission_id, perm="edit")
    initial = {"title": sub.title, "body": sub.body, "unit": sub.unit, "authors": sub.authors}
    form = SubmissionEditForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.submission_update(
                    actor=request.user, submission=sub, title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"], unit=form.cleaned_data["unit"],
                    authors=form.cleaned_data["authors"], photos_add=form.cleaned_data["photos"],
                    photos_remove=[int(p) for p in request.POST.getlist("remove_photo") if p.isdigit()],
                )  # fmt: skip
                if request.POST.get("submit") == "1":
                    actions.submission_transition(actor=request.user, submission=sub, action="submit")
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已重新报送。" if request.POST.get("submit") == "1" else "已保存。")
                return redirect("bulletin:submission", submission_id=sub.pk)
        status = REFUSED
    return render(
        request, "bulletin/submission_form.html",
        {"form": form, "org": sub.org, "sub": sub, "photos": sub.photos.all(), "title": f"修改稿件「{sub.title}」"},
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def submission_transition(request: HttpRequest, submission_id: int) -> HttpResponse:
    sub = selectors.submission_get_for_actor(actor=request.user, pk=submission_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _submission_page(request, sub, errors=["操作无效，请重试。"], status=REFUSED)
    data = form.cleaned_data
    issue = None
    try:
        if data["issue"]:
            issue = selectors.issue_get_for_actor(actor=request.user, pk=data["issue"], perm="edit")
        actions.submission_transition(
            actor=request.user, submission=sub, action=data["action"], comment=data["comment"],
            section=data["section"], issue=issue,
        )  # fmt: skip
    except ValidationError as exc:
        sub.refresh_from_db()
        return _submission_page(request, sub, errors=exc.messages, status=REFUSED)
    step = workflow.TRANSITIONS[data["action"]]
    messages.success(request, f"已{step.label}：{sub.title}")
    return redirect("bulletin:submission", submission_id=sub.pk)


@login_required
@require_GET
def photo(request: HttpRequest, photo_id: int) -> FileResponse:
    item = selectors.photo_get_for_actor(actor=request.user, pk=photo_id)
    try:
        fh = item.image.open("rb")
    except (OSError, ValueError) as exc:
        raise Http404("图片文件不存在") from exc
    return FileResponse(fh, content_type=item.content_type)


# --- bulletins and issues ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_new(request: HttpRequest, org_id: int) -> HttpResponse:
    org = org_selectors.org_get_for_actor(actor=request.user, pk=org_id, perm="manage")
    form = BulletinForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                bulletin = actions.bulletin_create(
                    actor=request.user, org=org, name=form.cleaned_data["name"],
                    office=form.cleaned_data["office"], sections=form.section_list(),
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已创办《{bulletin.name}》。")
                return redirect("bulletin:bulletin", bulletin_id=bulletin.pk)
        status = REFUSED
    return render(
        request, "bulletin/form.html", {"form": form, "title": f"创办刊物 · {org.name}", "back": "bulletin:index"},
        status=status,
    )  # fmt: skip


@login_required
@require_GET
def bulletin_detail(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    """The editorial page of a publication (its own union and those above)."""
    bulletin = selectors.bulletin_get_for_actor(actor=request.user, pk=bulletin_id, perm="view")
    scope.require(request.user, "view", bulletin.org)
    return render(
        request,
        "bulletin/bulletin.html",
        {
            "bulletin": bulletin,
            "issues": selectors.issues_for_actor(actor=request.user, bulletin=bulletin),
            "pending": actions.pending_adopted(bulletin),
            "can_edit": scope.can(request.user, "edit", bulletin.org),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_new(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    bulletin = selectors.bulletin_get_for_actor(actor=request.user, pk=bulletin_id, perm="edit")
    today = timezone.localdate()
    initial = {
        "number": actions.next_number(bulletin, today.year), "date": today, "masthead": bulletin.name,
        "office": bulletin.office, "sections": "\n".join(bulletin.sections), "include_adopted": True,
    }  # fmt: skip
    form = IssueCreateForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                issue = actions.issue_create(
                    actor=request.user, bulletin=bulletin, number=form.cleaned_data["number"],
                    date=form.cleaned_data["date"], masthead=form.cleaned_data["masthead"],
                    office=form.cleaned_data["office"], sections=form.section_list(),
                    include_adopted=form.cleaned_data["include_adopted"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, f"已新建{issue.label}，共编入 {issue.articles.count()} 篇已采用稿件。"
                )
                return redirect("bulletin:issue", issue_id=issue.pk)
        status = REFUSED
    return render(
        request, "bulletin/form.html",
        {"form": form, "title": f"新建一期 · 《{bulletin.name}》", "bulletin": bulletin}, status=status,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def issue_import(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    bulletin = selectors.bulletin_get_for_actor(actor=request.user, pk=bulletin_id, perm="edit")
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                issue = actions.issue_import(
                    actor=request.user, bulletin=bulletin, number=form.cleaned_data["number"],
                    date=form.cleaned_data["date"], data=upload.read(actions.MAX_IMPORT_BYTES + 1),
                    filename=upload.name or "",
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已导入{issue.label}：{issue.articles.count()} 篇文章。")
                return redirect("bulletin:issue", issue_id=issue.pk)
        status = REFUSED
    return render(
        request, "bulletin/form.html",
        {"form": form, "title": f"导入旧简报 · 《{bulletin.name}》", "bulletin": bulletin, "multipart": True,
         "intro": "上传一期纯文本简报，系统识别栏目、标题、正文和署名，作为已发布的一期存入档案；识别失败时不做任何改动。"},
        status=status,
    )  # fmt: skip


@login_required
@require_GET
def issue_detail(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id)
    user = request.user
    can_edit = issue.is_draft and scope.can(user, "edit", issue.bulletin.org)
    return render(
        request,
        "bulletin/issue.html",
        {
            "issue": issue,
            "contents": selectors.issue_contents(issue, skip_empty=not can_edit),
            "can_edit": can_edit,
            "can_publish": issue.is_draft and scope.can(user, "approve", issue.bulletin.org),
            "can_facts": issue.is_published and scope.can(user, "edit", issue.bulletin.org),
            "pending": actions.pending_adopted(issue.bulletin).count() if can_edit else 0,
            "facts": selectors.fact_counts(issue) if issue.is_published else {},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_edit(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id, perm="edit")
    initial = {
        "number": issue.number, "date": issue.date, "masthead": issue.masthead, "office": issue.office,
        "sections": "\n".join(issue.sections.order_by("order").values_list("name", flat=True)),
    }  # fmt: skip
    form = IssueForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.issue_update(
                    actor=request.user, issue=issue, number=form.cleaned_data["number"],
                    date=form.cleaned_data["date"], masthead=form.cleaned_data["masthead"],
                    office=form.cleaned_data["office"], sections=form.section_list(),
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已保存。")
                return redirect("bulletin:issue", issue_id=issue.pk)
        status = REFUSED
    return render(
        request,
        "bulletin/form.html",
        {"form": form, "title": f"修改{issue.label}", "issue": issue},
        status=status,
    )


def _issue_post(request: HttpRequest, issue_id: int, perm: str = "edit") -> Issue:
    return selectors.issue_get_for_actor(actor=request.user, pk=issue_id, perm=perm)


@login_required
@require_POST
def issue_add_adopted(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = _issue_post(request, issue_id)
    try:
        placed = actions.issue_add_adopted(actor=request.user, issue=issue)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已编入 {placed} 篇已采用稿件。" if placed else "没有待编入的已采用稿件。")
    return redirect("bulletin:issue", issue_id=issue.pk)


@login_required
@require_POST
def issue_publish(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = _issue_post(request, issue_id, perm="approve")
    try:
        actions.issue_publish(actor=request.user, issue=issue)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"{issue.label}已发布，下级工会可以阅读。")
    return redirect("bulletin:issue", issue_id=issue.pk)


@login_required
@require_POST
def issue_delete(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = _issue_post(request, issue_id)
    bulletin_id = issue.bulletin_id
    try:
        actions.issue_delete(actor=request.user, issue=issue)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("bulletin:issue", issue_id=issue.pk)
    messages.success(request, f"已删除{issue.label}（草稿），其中的已采用稿件可编入下一期。")
    return redirect("bulletin:bulletin", bulletin_id=bulletin_id)


def _filename(issue: Issue, ext: str) -> str:
    return f"{issue.masthead}{issue.year}年第{issue.number}期.{ext}"


@login_required
@require_GET
def issue_docx_download(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id)
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(issue_docx(issue), _filename(issue, "docx"), docx_type)


@login_required
@require_GET
def issue_pdf_download(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id)
    # A published issue does not change: its PDF (seconds of font subsetting) is drawn once.
    key = f"bulletin:pdf:{issue.pk}:{issue.updated_at.timestamp()}"
    data = cache.get(key) if issue.is_published else None
    if data is None:
        try:
            data = issue_pdf(issue)
        except PdfUnavailable as exc:
            return render(
                request, "bulletin/pdf_unavailable.html", {"issue": issue, "reason": str(exc)}, status=503
            )
        if issue.is_published:
            cache.set(key, data, timeout=24 * 3600)
    return _download(data, _filename(issue, "pdf"), "application/pdf")


@login_required
@require_GET
def issue_facts(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id, perm="edit")
    status = request.GET.get("status", FactStatus.SUGGESTED)
    status = status if status in FactStatus.values or status == "all" else FactStatus.SUGGESTED
    facts = selectors.facts_for_issue(
        actor=request.user, issue=issue, status="" if status == "all" else status
    )
    # The facts the meetings and honours records need most come first; dates last.
    order = ["meeting", "election", "person", "org", "money", "count", "date"]
    labels = dict(FactKind.choices)
    groups = [(labels[kind], [f for f in facts if f.kind == kind]) for kind in order]
    return render(
        request,
        "bulletin/facts.html",
        {"issue": issue, "groups": [g for g in groups if g[1]], "status": status, "statuses": FactStatus.choices,
         "counts": selectors.fact_counts(issue)},
    )  # fmt: skip


@login_required
@require_POST
def fact_decide(request: HttpRequest, fact_id: int) -> HttpResponse:
    fact = selectors.fact_get_for_actor(actor=request.user, pk=fact_id)
    try:
        fact = actions.fact_decide(actor=request.user, fact=fact, decision=request.POST.get("decision", ""))
    except ValidationError as exc:
        return HttpResponse("；".join(exc.messages), status=REFUSED)
    if request.headers.get("HX-Request"):
        return render(request, "bulletin/_fact_row.html", {"f": fact})
    return redirect(f"{_issue_url(fact.article.issue_id)}facts/")


def _issue_url(issue_id: int) -> str:
    return reverse("bulletin:issue", kwargs={"issue_id": issue_id})


# --- articles ----------------------------------------------------------------------------


def _article_form(request: HttpRequest, issue: Issue, initial: dict[str, str]) -> ArticleForm:
    sections = list(issue.sections.order_by("order").values_list("name", flat=True))
    return ArticleForm(request.POST if request.method == "POST" else None, initial=initial, sections=sections)


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id, perm="edit")
    form = _article_form(request, issue, {"section": request.GET.get("section", "")})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.article_create(actor=request.user, issue=issue, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已添加文章。")
                return redirect("bulletin:issue", issue_id=issue.pk)
        status = REFUSED
    return render(
        request, "bulletin/form.html", {"form": form, "title": f"添加文章 · {issue.label}", "issue": issue},
        status=status,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request: HttpRequest, article_id: int) -> HttpResponse:
    article = selectors.article_get_for_actor(actor=request.user, pk=article_id, perm="edit")
    issue = article.issue
    initial = {
        "section": article.section.name if article.section else "", "title": article.title,
        "body": article.body, "source": article.source,
    }  # fmt: skip
    form = _article_form(request, issue, initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.article_update(actor=request.user, article=article, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已保存。")
                return redirect("bulletin:issue", issue_id=issue.pk)
        status = REFUSED
    return render(
        request, "bulletin/form.html", {"form": form, "title": f"修改文章 · {issue.label}", "issue": issue},
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def article_move(request: HttpRequest, article_id: int) -> HttpResponse:
    article = selectors.article_get_for_actor(actor=request.user, pk=article_id, perm="edit")
    try:
        actions.article_move(actor=request.user, article=article, direction=request.POST.get("direction", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect(f"{_issue_url(article.issue_id)}#article-{article.pk}")


@login_required
@require_POST
def article_remove(request: HttpRequest, article_id: int) -> HttpResponse:
    article = selectors.article_get_for_actor(actor=request.user, pk=article_id, perm="edit")
    try:
        actions.article_remove(actor=request.user, article=article)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        note = "，稿件回到待编入状态" if article.from_submission_id else ""
        messages.success(request, f"已从本期移除「{article.title or '无题短讯'}」{note}。")
    return redirect("bulletin:issue", issue_id=article.issue_id)


# --- adoption statistics -----------------------------------------------------------------


def _report(request: HttpRequest, org_id: int | None = None) -> stats.AdoptionReport:
    user = request.user
    org_id = org_id or _int(request.GET.get("org"))
    if org_id:
        org = org_selectors.org_get_for_actor(actor=user, pk=org_id)
    else:
        roots = scope.root_orgs(user, "view")
        if not roots:
            raise PermissionDenied("您没有可查看的单位。")
        org = roots[0]
    bulletin = None
    if _int(request.GET.get("bulletin")):
        bulletin = selectors.bulletin_get_for_actor(actor=user, pk=int(request.GET["bulletin"]))
    today = timezone.localdate()
    year = _int(request.GET.get("year")) or today.year
    year = year if 2000 <= year <= today.year + 1 else today.year
    month = _int(request.GET.get("month"))
    month = month if month and 1 <= month <= 12 else None
    if "month" not in request.GET:
        month = today.month
    return stats.adoption_report(actor=user, org=org, year=year, month=month, bulletin=bulletin)


@login_required
@require_GET
def stats_page(request: HttpRequest) -> HttpResponse:
    report = _report(request)
    today = timezone.localdate()
    return render(
        request,
        "bulletin/stats.html",
        {
            "report": report,
            "chart": stats.report_chart(report),
            "monthly": stats.monthly_chart(report) if report.monthly else None,
            "years": range(today.year, today.year - 15, -1),
            "months": range(1, 13),
            "bulletins": selectors.bulletins_for_actor(actor=request.user),
            "roots": scope.root_orgs(request.user, "view"),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def stats_xlsx(request: HttpRequest, org_id: int) -> HttpResponse:
    report = _report(request, org_id)
    data = actions.adoption_report_export(actor=request.user, report=report)
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(data, f"{report.title}.xlsx", xlsx_type)
