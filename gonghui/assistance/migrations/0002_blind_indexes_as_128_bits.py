"""Blind indexes become 128-bit keys, as in the member register (members 0002): the stored keys
are shortened to their first 32 hex digits, which PostgreSQL keeps in `uuid` columns."""

import gonghui.kernel.crypto
from django.db import migrations


def shorten(apps, schema_editor):
    with schema_editor.connection.cursor() as cur:
        if schema_editor.connection.vendor == "postgresql":
            # Checked at once, so that no trigger event is pending when the columns change type.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model in ("Household", "FamilyMember"):
            table = apps.get_model("assistance", model)._meta.db_table
            cur.execute(f"UPDATE {table} SET id_bidx = substr(id_bidx, 1, 32)")


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0001_hardship_files_funds_batches"),
        ("members", "0002_blind_indexes_as_128_bits"),
    ]

    operations = [
        migrations.RunPython(shorten, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="familymember",
            name="id_bidx",
            field=gonghui.kernel.crypto.BlindIndexField(db_index=True),
        ),
        migrations.AlterField(
            model_name="household",
            name="id_bidx",
            field=gonghui.kernel.crypto.BlindIndexField(db_index=True),
        ),
    ]
