import pytest
from django.db import connection

from gonghui.kernel.crypto import blind_index, decrypt, encrypt
from gonghui.kernel.masking import mask_bank_account, mask_phone
from gonghui.orgs.models import Org


def test_round_trip_and_fresh_nonce():
    a, b = encrypt("440305199001011234"), encrypt("440305199001011234")
    assert a != b
    assert decrypt(a) == decrypt(b) == "440305199001011234"


def test_tampered_ciphertext_is_refused():
    token = encrypt("13812345678")
    body = bytearray(token.encode())
    body[-3] = ord("A") if body[-3] != ord("A") else ord("B")
    with pytest.raises(Exception):  # noqa: B017 - cryptography raises InvalidTag or a decode error
        decrypt(body.decode())


def test_blind_index_is_deterministic_and_separated_by_purpose(settings):
    assert blind_index("13812345678", purpose="phone") == blind_index("13812345678", purpose="phone")
    assert blind_index("13812345678", purpose="phone") != blind_index("13812345678", purpose="id")
    before = blind_index("13812345678", purpose="phone")
    settings.GONGHUI_DATA_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI="
    assert blind_index("13812345678", purpose="phone") != before


def test_encrypted_field_cannot_be_searched_by_content(tree):
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError):
        list(Org.objects.filter(bank_account__contains="6222"))


def test_encrypted_field_stores_ciphertext(tree):
    Org.objects.filter(pk=tree.street.pk).update(bank_account="6222021234567890")
    with connection.cursor() as cur:
        cur.execute("SELECT bank_account FROM orgs_org WHERE id = %s", [tree.street.pk])
        assert cur.fetchone()[0].startswith("v1:")
    assert Org.objects.get(pk=tree.street.pk).bank_account == "6222021234567890"


def test_masks():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_bank_account("6222021234567890") == "**** **** 7890"
