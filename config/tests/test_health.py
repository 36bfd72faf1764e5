"""The probes and the metrics answer without a login, say only "ok" or "unavailable" per check,
and fail when the database or the job queue does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable

from config import health
from gonghui.core import jobs
from gonghui.core.models import Job
from gonghui.kernel.registry import registry

pytestmark = pytest.mark.django_db


def queued_job(waited: dt.timedelta = dt.timedelta(0)) -> Job:
    job = jobs.job_enqueue(actor=None, kind=sorted(registry.job_kinds())[0], params={}, title="导入会员")
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - waited)
    return job


def test_live_answers_without_a_login_or_a_database(client: Client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_checks_the_database_and_the_job_queue(client: Client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "job_queue": "ok"},
    }


def test_health_adds_the_queue_being_worked_off_and_the_upload_storage(client: Client):
    queued_job(dt.timedelta(minutes=1))
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "job_queue": "ok",
        "storage": "ok",
    }


def test_a_job_nobody_takes_fails_health_but_not_readiness(client: Client, settings):
    settings.GONGHUI_HEALTH_QUEUE_MAX_WAIT = 15 * 60
    queued_job(dt.timedelta(minutes=20))
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "migrations": "ok", "job_queue": "unavailable", "storage": "ok"},
    }
    # The web machines can still take requests (and enqueue): the load balancer keeps them.
    assert client.get("/health/ready").status_code == 200


def test_a_database_that_fails_is_unavailable_and_its_message_is_not_shown(client: Client, monkeypatch):
    secret = 'connection to server at "db-primary.internal" (10.20.30.40), port 5432 failed'

    def refuse(self):  # type: ignore[no-untyped-def]
        raise ServiceUnavailable(secret)

    def unreachable():  # type: ignore[no-untyped-def]
        raise DatabaseError(secret)

    monkeypatch.setattr(Database, "run", refuse)
    monkeypatch.setattr(health, "oldest_queued_job", unreachable)
    for url in ("/health/ready", "/health/"):
        response = client.get(url)
        assert response.status_code == 503
        assert response.json()["checks"]["database"] == "unavailable"
        assert response.json()["checks"]["job_queue"] == "unavailable"
        body = response.content.decode()
        assert "10.20.30.40" not in body and "db-primary" not in body


def test_a_database_without_this_versions_migrations_is_not_ready(client: Client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setattr(health, "unapplied_migrations", lambda: 2)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "unavailable", "job_queue": "ok"}
    # Once migrated, the machine is ready, and the migration files are not read again.
    monkeypatch.setattr(health, "unapplied_migrations", lambda: 0)
    assert client.get("/health/ready").status_code == 200
    monkeypatch.setattr(health, "unapplied_migrations", lambda: 1 / 0)
    assert client.get("/health/ready").status_code == 200


def test_the_real_migration_check_finds_none_missing_in_a_migrated_database():
    assert health.unapplied_migrations() == 0


def test_metrics_count_requests_and_the_job_queue_without_a_login(client: Client):
    queued_job(dt.timedelta(minutes=3))
    client.get("/health/live")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert (
        'django_http_requests_total_by_view_transport_method_total{method="GET",transport="http",view="health-live"}'
        in text
    )
    assert 'gonghui_jobs{status="queued"} 1.0' in text
    oldest = next(line for line in text.splitlines() if line.startswith("gonghui_job_oldest_queued_seconds "))
    assert 170 < float(oldest.split()[1]) < 3600


def test_metrics_hold_no_address_query_or_personal_number(client: Client, personas, login):
    login(personas.district).get("/members/", {"q": "440106198803121234"})
    Client().get("/members/no-such-page/", {"q": "13800138000"})
    text = Client().get("/metrics").content.decode()
    for leaked in ("440106198803121234", "13800138000", "no-such-page", personas.district.username):
        assert leaked not in text


def test_probes_and_metrics_do_not_touch_the_session(client: Client):
    for url in ("/health/live", "/health/ready", "/health/", "/metrics"):
        response = client.get(url)
        assert "sessionid" not in response.cookies, url
