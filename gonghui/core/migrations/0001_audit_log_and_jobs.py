"""The audit log and jobs, once the `common` app's: a database made before keeps its rows (the
tables are renamed), a new one gets them created."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

OLD = {"AuditEntry": "common_auditentry", "Job": "common_job"}


def create_or_adopt(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for name, old in OLD.items():
        model = apps.get_model("core", name)
        if old in existing:
            schema_editor.alter_db_table(model, old, model._meta.db_table)
        else:
            schema_editor.create_model(model)


def drop(apps, schema_editor):
    for name in OLD:
        schema_editor.delete_model(apps.get_model("core", name))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("orgs", "0001_org_tree"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('action', models.CharField(db_index=True, max_length=64)),
                        ('object_type', models.CharField(max_length=64)),
                        ('object_id', models.CharField(blank=True, max_length=64)),
                        ('object_repr', models.CharField(blank=True, max_length=200)),
                        ('ip', models.GenericIPAddressField(blank=True, null=True)),
                        ('via', models.CharField(default='web', max_length=16)),
                        ('detail', models.JSONField(blank=True, default=dict)),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('org', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit_entries', to='orgs.org')),
                    ],
                    options={
                        'verbose_name': '审计记录',
                        'verbose_name_plural': '审计记录',
                        'ordering': ['-at', '-id'],
                        'indexes': [models.Index(fields=['org', '-at'], name='audit_org_at')],
                    },
                ),
                migrations.CreateModel(
                    name='Job',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=64, verbose_name='任务类型')),
                        ('title', models.CharField(blank=True, max_length=200, verbose_name='任务')),
                        ('status', models.CharField(choices=[('queued', '排队中'), ('running', '进行中'), ('done', '已完成'), ('failed', '失败')], db_index=True, default='queued', max_length=16, verbose_name='状态')),
                        ('params', models.JSONField(blank=True, default=dict)),
                        ('result', models.JSONField(blank=True, default=dict)),
                        ('done', models.PositiveIntegerField(default=0)),
                        ('total', models.PositiveIntegerField(blank=True, null=True)),
                        ('message', models.CharField(blank=True, max_length=200)),
                        ('error', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('org', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org')),
                    ],
                    options={
                        'verbose_name': '后台任务',
                        'verbose_name_plural': '后台任务',
                        'ordering': ['-id'],
                        'indexes': [models.Index(fields=['status', 'id'], name='job_status_id')],
                    },
                ),
            ],
        ),
        migrations.RunPython(create_or_adopt, drop),
    ]
