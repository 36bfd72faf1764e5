"""How personal data is shown to someone who may not reveal it (ID numbers: codes.id_number_mask)."""

from __future__ import annotations


def mask_middle(value: str, *, keep_start: int, keep_end: int, char: str = "*") -> str:
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return char * len(value)
    return value[:keep_start] + char * (len(value) - keep_start - keep_end) + value[len(value) - keep_end :]


def mask_phone(value: str) -> str:
    """`13812345678` → `138****5678`."""
    return mask_middle(value, keep_start=3, keep_end=4)


def mask_bank_account(value: str) -> str:
    """Only the last four digits, as banks print them: `**** **** 1234`."""
    digits = value.replace(" ", "")
    return f"**** **** {digits[-4:]}" if len(digits) > 4 else "*" * len(digits)
