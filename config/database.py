"""DATABASE_URL → Django's DATABASES entry, including the multi-host form a failover cluster needs:

    postgres://gonghui@db1:5432,db2:5432/gonghui?target_session_attrs=read-write

libpq tries the hosts in order and keeps the first that accepts writes, so after a failover the
application finds the new primary without a change of configuration. dj-database-url reads only
one host; the list is passed through to libpq as its comma-separated `host` and `port`.
"""

from __future__ import annotations

import re
from typing import Any

import dj_database_url

_NETLOC = re.compile(r"^(?P<scheme>[a-z0-9+]+://)(?P<auth>[^@/]*@)?(?P<hosts>[^/?]*)(?P<rest>.*)$", re.I)


def parse(url: str, **kwargs: Any) -> dict[str, Any]:
    found = _NETLOC.match(url)
    if not found or "," not in found["hosts"]:
        return dict(dj_database_url.parse(url, **kwargs))
    hosts, ports = [], []
    for part in found["hosts"].split(","):
        host, _, port = part.rpartition(":") if re.search(r":\d+$", part) else (part, "", "")
        if not host:
            raise ValueError(f"DATABASE_URL: empty host in {found['hosts']!r}")
        hosts.append(host)
        ports.append(port or "5432")
    single = f"{found['scheme']}{found['auth'] or ''}{hosts[0]}:{ports[0]}{found['rest']}"
    config = dict(dj_database_url.parse(single, **kwargs))
    config["HOST"] = ",".join(hosts)
    config["PORT"] = ",".join(ports)
    return config


REPLICA_ALIAS = "replica"


def replica(url: str, **kwargs: Any) -> dict[str, Any]:
    """DATABASE_REPLICA_URL → the `replica` alias (gonghui/kernel/replica.py routes to it).

    Several hosts may be listed, standbys first and the primary last:

        postgres://gonghui@db2,db3,db1/gonghui?load_balance_hosts=random

    Unless the URL says otherwise, libpq is asked for `target_session_attrs=prefer-standby`: a
    standby when one answers, else whichever host does (the primary), so that reports go on being
    served while every standby is down. In tests the alias mirrors the default database."""
    config = parse(url, **kwargs)
    if config["ENGINE"].endswith("postgresql"):
        config.setdefault("OPTIONS", {}).setdefault("target_session_attrs", "prefer-standby")
    config["TEST"] = {"MIRROR": "default"}
    return config
