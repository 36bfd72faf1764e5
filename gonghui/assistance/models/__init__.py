"""Hardship assistance (困难职工帮扶): household files, the 低保 lines they are measured against,
applications and the rules that route them, special funds with their ledger, batch relief."""

from .households import ApprovalRule, Attachment, FamilyMember, Household, SubsistenceLine, attachment_path
from .money import Application, Batch, Fund, FundEntry, Payment

__all__ = [
    "Application", "ApprovalRule", "Attachment", "Batch", "FamilyMember", "Fund", "FundEntry", "Household",
    "Payment", "SubsistenceLine", "attachment_path",
]  # fmt: skip
