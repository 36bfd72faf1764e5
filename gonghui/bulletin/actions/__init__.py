"""Every write of the bulletin: scoped, validated, audited in the same transaction."""

from .exports import adoption_report_export
from .facts import fact_decide, store_facts
from .issues import (
    article_create,
    article_move,
    article_remove,
    article_update,
    bulletin_create,
    clean_source,
    issue_add_adopted,
    issue_create,
    issue_delete,
    issue_publish,
    issue_update,
    next_number,
    pending_adopted,
    place_submission,
)
from .legacy import MAX_IMPORT_BYTES, issue_import, parse_upload
from .structure import bulletin_follow_merge
from .submissions import MAX_PHOTOS, submission_create, submission_transition, submission_update

__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_PHOTOS",
    "adoption_report_export",
    "article_create",
    "article_move",
    "article_remove",
    "article_update",
    "bulletin_create",
    "bulletin_follow_merge",
    "clean_source",
    "fact_decide",
    "issue_add_adopted",
    "issue_create",
    "issue_delete",
    "issue_import",
    "issue_publish",
    "issue_update",
    "next_number",
    "parse_upload",
    "pending_adopted",
    "place_submission",
    "store_facts",
    "submission_create",
    "submission_transition",
    "submission_update",
]
