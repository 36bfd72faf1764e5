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
