"""Blind indexes become 128-bit keys: PostgreSQL keeps them in `uuid` columns (16 bytes, compared
as bytes) instead of 40 hex characters. The digests themselves do not change: the new key is the
first 32 hex digits of the old one, so every stored key is shortened in place. A member without
a phone has no phone key (NULL) instead of an empty one."""

import gonghui.kernel.crypto
from django.db import migrations, models


def shorten(apps, schema_editor):
    table = apps.get_model("members", "Member")._meta.db_table
    with schema_editor.connection.cursor() as cur:
        if schema_editor.connection.vendor == "postgresql":
            # Checked at once, so that no trigger event is pending when the columns change type.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute(f"UPDATE {table} SET phone_bidx = NULL WHERE phone_bidx = ''")
        cur.execute(
            f"UPDATE {table} SET id_number_bidx = substr(id_number_bidx, 1, 32), "
            "phone_bidx = substr(phone_bidx, 1, 32)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_member_register"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="member", name="member_phone_bidx"),
        migrations.AlterField(
            model_name="member",
            name="phone_bidx",
            field=models.CharField(blank=True, editable=False, max_length=40, null=True),
        ),
        migrations.RunPython(shorten, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="member",
            name="id_number_bidx",
            field=gonghui.kernel.crypto.BlindIndexField(),
        ),
        migrations.AlterField(
            model_name="member",
            name="phone_bidx",
            field=gonghui.kernel.crypto.BlindIndexField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                condition=models.Q(("phone_bidx__isnull", False)), fields=["phone_bidx"], name="member_phone_bidx"
            ),
        ),
    ]
