from django.db import migrations


def fillfactor(value: int):  # type: ignore[no-untyped-def]
    def apply(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE targets_target SET (fillfactor = {value})")

    return apply


class Migration(migrations.Migration):
    dependencies = [("targets", "0005_competition_honours")]

    operations = [
        migrations.RemoveIndex(model_name="target", name="target_year_flag"),
        # Room on each page for a second version of every row: the monthly run rewrites them all.
        migrations.RunPython(fillfactor(50), fillfactor(100)),
    ]
