import pytest
from django.db import DatabaseError, connection, transaction

from gonghui.core.models import AuditEntry
from gonghui.kernel.audit import audit
from gonghui.orgs.actions import org_update
from gonghui.orgs.models import Org


def test_audit_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(RuntimeError):
        audit(actor=None, action="x.y")


def test_audit_row_rolls_back_with_the_change(tree, personas):
    before = AuditEntry.objects.count()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        org_update(actor=personas.street, org=tree.street, short_name="临时")
        1 / 0  # noqa: B018
    assert AuditEntry.objects.count() == before
    assert Org.objects.get(pk=tree.street.pk).short_name == ""


def test_audit_rows_cannot_be_changed_or_deleted_through_the_model(tree, personas):
    org_update(actor=personas.street, org=tree.street, short_name="赤岗")
    entry = AuditEntry.objects.latest("id")
    entry.action = "tampered"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_trigger_refuses_update_and_delete(tree, personas):
    org_update(actor=personas.street, org=tree.street, short_name="赤岗")
    pk = AuditEntry.objects.latest("id").pk
    for sql in (
        "UPDATE core_auditentry SET action = 'x' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(sql, [pk])
    assert AuditEntry.objects.get(pk=pk).action == "org.update"


def test_audit_records_the_client_ip(tree, personas, login):
    client = login(personas.street)
    client.post(
        f"/orgs/{tree.street.pk}/edit/",
        {"name": "赤岗街道总工会", "kind": "federation", "division": "440105"},
        REMOTE_ADDR="10.1.2.3",
    )
    entry = AuditEntry.objects.filter(action="org.update").latest("id")
    assert entry.ip == "10.1.2.3" and entry.actor == personas.street and entry.via == "web"
