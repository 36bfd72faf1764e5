"""Files whose rigid outlays exceeded their income were stored with a negative monthly figure per
person; it is 0.00 (nothing left to live on), as the assessment now computes it."""

from decimal import Decimal

from django.db import migrations


def clamp(apps, schema_editor):  # type: ignore[no-untyped-def]
    Household = apps.get_model("assistance", "Household")
    Household.objects.filter(per_capita__lt=0).update(per_capita=Decimal("0.00"))


class Migration(migrations.Migration):
    dependencies = [("assistance", "0003_fund_entry_merge_kinds")]
    operations = [migrations.RunPython(clamp, migrations.RunPython.noop)]
