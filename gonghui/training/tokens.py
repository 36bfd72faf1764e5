"""Signed tokens: a trainee's check-in code (expires soon after it is shown) and a certificate's
public verification address."""

from __future__ import annotations

import re
import secrets

from django.core import signing

CHECKIN_SALT = "gonghui.training.checkin"
VERIFY_SALT = "gonghui.training.verify"
# A code on a phone that was photographed is of no use after this many seconds.
CHECKIN_MAX_AGE = 15 * 60
# Certificate codes: no 0/O, 1/I/L, so that a code read from paper is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def checkin_token(enrolment_id: int) -> str:
    return signing.TimestampSigner(salt=CHECKIN_SALT).sign(f"T{enrolment_id}")


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def checkin_enrolment_id(token: str) -> int:
    """The enrolment a check-in code names; TokenExpired or TokenInvalid."""
    try:
        value = signing.TimestampSigner(salt=CHECKIN_SALT).unsign(token.strip(), max_age=CHECKIN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if not value.startswith("T") or not value[1:].isdigit() or len(value) > 19:
        raise TokenInvalid
    return int(value[1:])


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_display(code: str) -> str:
    """ABCDEFGHJKMN → ABCD-EFGH-JKMN"""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_normalize(raw: str) -> str:
    """What a person typed (dashes, spaces, lower case) → the stored code, or "" when it cannot be one."""
    code = re.sub(r"[\s\-－—]", "", raw or "").upper()
    return code if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code) else ""


def verify_token(code: str) -> str:
    """The signed part of a certificate's public address."""
    return signing.Signer(salt=VERIFY_SALT).sign(code)


def verify_code(token: str) -> str:
    """The code a public address names, or "" when its signature does not hold."""
    try:
        return code_normalize(signing.Signer(salt=VERIFY_SALT).unsign(token))
    except signing.BadSignature:
        return ""


ENROLMENT_SALT = "gonghui.training.enrolment"


def enrolment_code(enrolment_id: int) -> str:
    """A self-enrolled person's own address to their enrolment (kept on their phone: it shows the
    enrolment, the check-in code and, on completion, the certificate), and what the officer at
    the door may scan. It does not expire; it names one enrolment and nothing else."""
    return signing.Signer(salt=ENROLMENT_SALT).sign(f"E{enrolment_id}")


def enrolment_id_from_code(code: str) -> int | None:
    """The enrolment an enrolment code names, or None when it is not one (or was tampered with)."""
    try:
        value = signing.Signer(salt=ENROLMENT_SALT).unsign((code or "").strip())
    except signing.BadSignature:
        return None
    if not value.startswith("E") or not value[1:].isdigit() or len(value) > 19:
        return None
    return int(value[1:])
