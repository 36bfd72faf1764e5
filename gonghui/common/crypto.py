"""Encryption at rest for personal data, and keyed blind indexes for exact lookup.

Values are sealed with AES-256-GCM under a key derived from GONGHUI_DATA_KEY; the blind index is
an HMAC-SHA256 under a second derived key, so equal plaintexts can be found without decrypting
and the index alone reveals nothing to someone without the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

PREFIX = "v1:"


@lru_cache(maxsize=4)
def _keys(master_b64: str) -> tuple[AESGCM, bytes]:
    master = base64.urlsafe_b64decode(master_b64)

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    return AESGCM(derive(b"gonghui encryption")), derive(b"gonghui blind index")


def encrypt(plaintext: str) -> str:
    aead, _ = _keys(settings.GONGHUI_DATA_KEY)
    nonce = os.urandom(12)
    sealed = aead.encrypt(nonce, plaintext.encode(), None)
    return PREFIX + base64.b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    aead, _ = _keys(settings.GONGHUI_DATA_KEY)
    raw = base64.b64decode(token[len(PREFIX) :])
    return aead.decrypt(raw[:12], raw[12:], None).decode()


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed, deterministic digest of a normalised value; `purpose` keeps indexes apart."""
    _, key = _keys(settings.GONGHUI_DATA_KEY)
    return hmac.new(key, f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()[:40]


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; read back as plaintext. Only `isnull` can be queried:
    look values up through their blind index column instead."""

    description = "Encrypted text"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in {"isnull", "exact"}:
            return None
        return super().get_lookup(lookup_name)
