import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.conftest import union_code
from gonghui.core.models import AuditEntry
from gonghui.kernel.codes import credit_code_make
from gonghui.orgs.actions import org_create
from gonghui.orgs.models import Org, OrgEvent


def enterprise_union(personas, parent, **fields):
    """The street officer sets up an enterprise's grassroots union under `parent`."""
    return org_create(actor=personas.street, parent=parent, level="grassroots", kind="enterprise", **fields)


def test_created_under_parent_gets_path_depth_history_and_audit(tree, personas):
    org = enterprise_union(
        personas, tree.street, name="赤岗某科技有限公司工会", credit_code=union_code(), division="440105"
    )
    assert org.path.startswith(tree.street.path) and len(org.path) == len(tree.street.path) + 4
    assert org.depth == tree.street.depth + 1
    assert Org.objects.get(pk=tree.street.pk).child_count == 2
    assert OrgEvent.objects.filter(org=org, kind="created").exists()
    entry = AuditEntry.objects.get(action="org.create", object_id=str(org.pk))
    assert entry.actor == personas.street and entry.org == org


def test_street_officer_cannot_create_under_sibling_street(tree, personas):
    before = Org.objects.count()
    with pytest.raises(PermissionDenied):
        enterprise_union(personas, tree.sibling_street, name="越权")
    assert Org.objects.count() == before


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91440101MA59ABCDE1", "校验位"),
        ("123", "18位"),
        ("81440105I00000001X", "不允许的字符"),
        pytest.param(credit_code_make("91", "440105", 12345), "81", id="a-company-code-is-not-a-union-code"),
        pytest.param("held", "赤岗街道联合工会", id="a-code-already-held-names-the-holder"),
    ],
)
def test_bad_credit_code_is_refused_in_chinese_and_nothing_changes(tree, personas, code, message):
    if code == "held":
        code = tree.grassroots.credit_code
    before = (Org.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as exc:
        enterprise_union(personas, tree.street, name="新工会", credit_code=code)
    assert message in exc.value.message_dict["credit_code"][0]
    assert (Org.objects.count(), AuditEntry.objects.count()) == before


def test_level_must_fit_under_parent(tree, personas):
    with pytest.raises(ValidationError) as exc:
        org_create(actor=personas.street, parent=tree.street, level="city", name="错层级")
    assert "不能设在" in exc.value.message_dict["level"][0]


def test_unknown_division_and_missing_name_are_refused(tree, personas):
    with pytest.raises(ValidationError) as exc:
        enterprise_union(personas, tree.street, name=" ", division="999999")
    assert set(exc.value.message_dict) == {"name", "division"}


def test_bank_account_is_stored_encrypted_and_read_back(tree, personas):
    from django.db import connection

    org = enterprise_union(
        personas, tree.street, name="有账号的工会", bank_name="工商银行", bank_account="6222 0212 3456 7890"
    )
    with connection.cursor() as cur:
        cur.execute("SELECT bank_account FROM orgs_org WHERE id = %s", [org.pk])
        raw = cur.fetchone()[0]
    assert "6222" not in raw and raw.startswith("v1:")
    assert Org.objects.get(pk=org.pk).bank_account == "6222021234567890"
    entry = AuditEntry.objects.get(action="org.create", object_id=str(org.pk))
    assert "6222021234567890" not in str(entry.detail)
