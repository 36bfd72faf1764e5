"""DATABASE_URL with several hosts (a failover cluster) reaches libpq as its host and port lists."""

from __future__ import annotations

import pytest

from config.database import parse


def test_one_host_is_read_as_dj_database_url_reads_it() -> None:
    config = parse("postgres://gonghui:pw@db.internal:5433/gonghui", conn_max_age=60)
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.internal",
        5433,
        "gonghui",
        "gonghui",
    )
    assert config["CONN_MAX_AGE"] == 60


def test_several_hosts_become_libpq_lists_with_the_session_attribute() -> None:
    url = "postgres://gonghui:p%40ss@10.0.0.1:5432,10.0.0.2,db3:6432/gonghui?target_session_attrs=read-write"
    config = parse(url, conn_max_age=60, conn_health_checks=True)
    assert config["HOST"] == "10.0.0.1,10.0.0.2,db3"
    assert config["PORT"] == "5432,5432,6432"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("gonghui", "gonghui", "p@ss")
    assert config["OPTIONS"]["target_session_attrs"] == "read-write"
    assert config["CONN_HEALTH_CHECKS"] is True


def test_an_empty_host_in_the_list_is_refused() -> None:
    with pytest.raises(ValueError, match="empty host"):
        parse("postgres://u@db1:5432,:5433/gonghui")


def test_a_replica_url_prefers_a_standby_and_mirrors_the_default_in_tests() -> None:
    from config.database import replica

    config = replica("postgres://gonghui@db2:5432,db3:5432,db1:5432/gonghui?load_balance_hosts=random")
    assert (config["HOST"], config["PORT"]) == ("db2,db3,db1", "5432,5432,5432")
    assert config["OPTIONS"] == {"load_balance_hosts": "random", "target_session_attrs": "prefer-standby"}
    assert config["TEST"] == {"MIRROR": "default"}
    standby_only = replica("postgres://gonghui@db2/gonghui?target_session_attrs=standby")
    assert standby_only["OPTIONS"]["target_session_attrs"] == "standby"


SHOW_DATABASES = (
    "from django.conf import settings; "
    "print(sorted(settings.DATABASES), settings.GONGHUI_READ_REPLICA, settings.GONGHUI_PIN_AFTER_WRITE_SECONDS)"
)


@pytest.mark.parametrize("module", ["config.settings.dev", "config.settings.production"])
def test_without_a_replica_url_there_is_one_database_and_with_it_two(module: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import base64
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "GONGHUI_"))}
    env.update(
        DJANGO_SETTINGS_MODULE=module, DATABASE_URL="postgres://gonghui@db1/gonghui",
        DJANGO_SECRET_KEY="s" * 50, DJANGO_ALLOWED_HOSTS="gonghui.example.org",
        GONGHUI_DATA_KEY=base64.urlsafe_b64encode(b"k" * 32).decode(),
    )  # fmt: skip

    def show(**extra: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {SHOW_DATABASES}"],
            cwd=Path(__file__).resolve().parents[2], env={**env, **extra}, capture_output=True, text=True,
            check=True, timeout=120,
        ).stdout.strip()  # fmt: skip

    assert show() == "['default'] None 15"
    assert show(
        DATABASE_REPLICA_URL="postgres://gonghui@db2,db1/gonghui", GONGHUI_PIN_AFTER_WRITE_SECONDS="30"
    ) == ("['default', 'replica'] replica 30")
