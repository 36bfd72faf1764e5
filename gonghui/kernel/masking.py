"""How personal data is shown to someone who may not reveal it (ID numbers: codes.id_number_mask)."""

from __future__ import annotations

from .codes import id_number_mask


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


class MasksIdNumber:
    """For a record with an `id_number`: the number as shown to someone who may not reveal it."""

    id_number: str

    @property
    def id_number_masked(self) -> str:
        return id_number_mask(self.id_number) if self.id_number else ""


class MasksPersonalNumbers(MasksIdNumber):
    """For a record of a person with an `id_number` and a mobile `phone`: both as shown to
    someone who may not reveal them."""

    phone: str

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone) if self.phone else ""
