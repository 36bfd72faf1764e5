"""Writes of the targets module: the catalogue, targets, reports, the circular, public progress
(targets.py), and competitions (competitions.py)."""

from .competitions import (
    competition_close,
    competition_create,
    competition_start,
    entrant_add,
    item_add,
    scores_record,
)
from .targets import (
    Share,
    circular_export_record,
    circular_send,
    evidence_add,
    indicator_create,
    number,
    number_or_none,
    publication_set,
    report_correct,
    report_submit,
    target_cascade,
    target_publish,
    target_set,
    targets_compute,
    targets_compute_due,
    targets_follow_merge,
)

__all__ = [
    "Share",
    "circular_export_record",
    "circular_send",
    "competition_close",
    "competition_create",
    "competition_start",
    "entrant_add",
    "evidence_add",
    "indicator_create",
    "item_add",
    "number",
    "number_or_none",
    "publication_set",
    "report_correct",
    "report_submit",
    "scores_record",
    "target_cascade",
    "target_publish",
    "target_set",
    "targets_compute",
    "targets_compute_due",
    "targets_follow_merge",
]  # fmt: skip
