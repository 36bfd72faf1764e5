"""The honour kinds every union may select for: national ones and the province's (a union adds
its own, such as 首席员工 or 十佳海嫂, from the honours pages)."""

from django.db import migrations

from gonghui.honours.kinds import KINDS


def add(apps, schema_editor):
    HonourKind = apps.get_model("honours", "HonourKind")
    for order, (name, level, category, body, collective) in enumerate(KINDS, start=1):
        HonourKind.objects.get_or_create(
            org=None, name=name,
            defaults={"level": level, "category": category, "awarding_body": body, "collective": collective,
                      "order": order},
        )  # fmt: skip


def remove(apps, schema_editor):
    apps.get_model("honours", "HonourKind").objects.filter(org=None, name__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("honours", "0001_honours")]
    operations = [migrations.RunPython(add, remove)]
