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
import uuid
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


BLIND_INDEX_HEX = 32  # 128 bits: no two of a province's people (or phones) share one


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed, deterministic digest of a normalised value, as 32 hex digits; `purpose` keeps
    indexes apart."""
    _, key = _keys(settings.GONGHUI_DATA_KEY)
    return hmac.new(key, f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()[:BLIND_INDEX_HEX]


def blind_index_text(value: Any) -> str:
    """A blind index as Python code holds it (32 hex digits), from what a raw query returns."""
    return value.hex if isinstance(value, uuid.UUID) else str(value)


class BlindIndexField(models.Field):  # type: ignore[type-arg]
    """A column of blind indexes. PostgreSQL keeps each in a 16-byte `uuid`, compared as bytes:
    a third of the size of its hex text in every index, and no collation rules to apply on each
    comparison (a million-row import inserts into these indexes a million times). Elsewhere it is
    the 32 hex digits. Python code always sees the hex digits (or None)."""

    description = "Blind index (128 bits)"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["editable"] = False
        kwargs["max_length"] = BLIND_INDEX_HEX
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("editable", None)
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def db_type(self, connection: Any) -> str:
        return "uuid" if connection.vendor == "postgresql" else f"char({BLIND_INDEX_HEX})"

    def get_internal_type(self) -> str:
        # The column is a UUIDField's on every backend; saying so lets Django's bulk_create on
        # PostgreSQL send each column as one array (UNNEST) instead of a placeholder per value.
        return "UUIDField"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        return None if value is None else blind_index_text(value)

    def to_python(self, value: Any) -> str | None:
        return None if value is None else blind_index_text(value)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        value = self.to_python(value)
        if value is None or connection.vendor != "postgresql":
            return value
        return uuid.UUID(hex=value)


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


# -- changing the data key (manage.py rotate_data_key, docs/operations.md) ----------------------


class Keyring:
    """Sealing, opening and blind indexing under one given key rather than the configured one:
    what a key rotation needs, with the old key and the new one side by side."""

    def __init__(self, master_b64: str) -> None:
        self.aead, self.index_key = _keys(master_b64)

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(12)
        return PREFIX + base64.b64encode(nonce + self.aead.encrypt(nonce, plaintext.encode(), None)).decode()

    def decrypt(self, token: str) -> str:
        """The plaintext; `InvalidTag` when the value was not sealed under this key."""
        if not token.startswith(PREFIX):
            raise ValueError("not an encrypted value")
        raw = base64.b64decode(token[len(PREFIX) :])
        return self.aead.decrypt(raw[:12], raw[12:], None).decode()

    def blind_index(self, value: str, *, purpose: str) -> str:
        digest = hmac.new(self.index_key, f"{purpose}\0{value}".encode(), hashlib.sha256)
        return digest.hexdigest()[:BLIND_INDEX_HEX]


def key_check(master_b64: str) -> None:
    """Refuse anything but 32 bytes in urlsafe base64 (a truncated copy, a wrong file)."""
    try:
        raw = base64.urlsafe_b64decode(master_b64.strip().encode())
    except (ValueError, TypeError):
        raise ValueError("the data key is not urlsafe base64") from None
    if len(raw) != 32:
        raise ValueError(f"the data key must be 32 bytes, not {len(raw)}")


def protected_columns() -> list[tuple[type[models.Model], list[Any], list[Any]]]:
    """Every model that holds encrypted or blind-indexed columns, with those columns:
    (model, encrypted fields, blind index fields)."""
    from django.apps import apps

    found: list[tuple[type[models.Model], list[Any], list[Any]]] = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = model._meta.concrete_fields
        sealed = [f for f in fields if isinstance(f, EncryptedTextField)]
        indexed = [f for f in fields if isinstance(f, BlindIndexField)]
        if sealed or indexed:
            found.append((model, sealed, indexed))
    return found
