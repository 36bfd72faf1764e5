"""The work bulletin."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Structure, Todo

from .actions import bulletin_follow_merge
from .home import bulletin_shortcuts
from .selectors import returned_count_for_actor, review_count_for_actor

AUDIT = {
    "bulletin.create": ("新建简报", "Bulletin created"),
    "bulletin.issue.create": ("新建一期简报", "Issue created"),
    "bulletin.issue.update": ("修改简报期次", "Issue changed"),
    "bulletin.issue.delete": ("删除简报期次", "Issue deleted"),
    "bulletin.issue.publish": ("发布简报", "Issue published"),
    "bulletin.issue.import": ("导入往期简报", "Past issue imported"),
    "bulletin.issue.add_adopted": ("编入采用稿件", "Adopted items placed"),
    "bulletin.article.create": ("添加简报文章", "Article added"),
    "bulletin.article.update": ("修改简报文章", "Article changed"),
    "bulletin.article.move": ("调整文章顺序", "Article moved"),
    "bulletin.article.remove": ("移除简报文章", "Article removed"),
    "bulletin.submission.create": ("撰写稿件", "Item drafted"),
    "bulletin.submission.update": ("修改稿件", "Item changed"),
    "bulletin.submission.submit": ("报送稿件", "Item submitted"),
    "bulletin.submission.withdraw": ("撤回稿件", "Item withdrawn"),
    "bulletin.submission.adopt": ("采用稿件", "Item adopted"),
    "bulletin.submission.return": ("退回修改稿件", "Item returned for changes"),
    "bulletin.submission.decline": ("不予采用稿件", "Item declined"),
    "bulletin.fact.accept": ("采纳文中事实", "Fact accepted"),
    "bulletin.fact.dismiss": ("忽略文中事实", "Fact dismissed"),
    "bulletin.stats.export": ("导出采用统计", "Adoption statistics exported"),
    "bulletin.follow_merge": ("稿件与刊物随工会合并", "Items and bulletins followed a merge"),
}
DETAILS = {
    "sections": ("栏目", "Sections"),
    "issue": ("期次", "Issue"),
    "adopted_placed": ("编入采用稿件数", "Adopted items placed"),
    "placed": ("编入稿件数", "Items placed"),
    "masthead": ("报头", "Masthead"),
    "office": ("编发单位", "Office"),
    "articles": ("文章数", "Articles"),
    "facts": ("事实数", "Facts"),
    "skipped_lines": ("跳过行数", "Lines skipped"),
    "changed": ("修改内容", "Changed"),
    "direction": ("方向", "Direction"),
    "submission_id": ("稿件编号", "Item no."),
    "article_id": ("文章编号", "Article no."),
    "section": ("栏目", "Section"),
    "bulletin": ("简报", "Bulletin"),
    "photos": ("照片数", "Photos"),
    "photos_added": ("新增照片", "Photos added"),
    "photos_removed": ("删除照片", "Photos removed"),
    "text": ("原文", "Text"),
    "value": ("值", "Value"),
    "submissions": ("稿件数", "Items"),
    "bulletins": ("刊物数", "Bulletins"),
    "renamed": ("更名的刊物", "Bulletins renamed"),
    "silent": ("未报送单位数", "Units without items"),
    "units": ("单位数", "Units"),
}

MODULE = Module(
    name="bulletin",
    title=_("工作简报"),
    nav=(Nav(_("工作简报"), "bulletin:index", order=70),),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        # The merged union's items (with their history and photos) and its publications (with
        # their issues) go to the union that absorbed it; see bulletin_follow_merge.
        merged=bulletin_follow_merge,
        why_unchanged=(
            "Items and publications hang on their union by id, and a union keeps its id when it moves "
            "or its parent splits: they go with it. A dissolved union's items and issues stay as its "
            "history (the unions above still read and review them; it submits no more)."
        ),
    ),
    exports=(Export("bulletin.adoption_stats", "信息报送采用情况"),),
    shortcuts=bulletin_shortcuts,
    todos=(
        # Items waiting for a review this person may give (a union above the submitting one).
        Todo(
            "bulletin.to_review",
            _("待审稿件"),
            count=lambda actor: review_count_for_actor(actor=actor),
            url="/bulletin/submissions/?box=review",
        ),
        # Items the editors returned to a union this person writes for.
        Todo(
            "bulletin.returned",
            _("退回待修改稿件"),
            count=lambda actor: returned_count_for_actor(actor=actor),
            url="/bulletin/submissions/?box=mine&status=returned",
        ),
    ),
)
