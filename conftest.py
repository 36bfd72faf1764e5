from hypothesis import HealthCheck, settings

# Property tests state what holds, never how long it takes: on a loaded two-core machine one
# example may take seconds (speed is measured by the scripts in bench/).
settings.register_profile("gonghui", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("gonghui")

# The browser harness is a plugin so that every module's Playwright journey shares one Chromium.
pytest_plugins = ["gonghui.tests.browser.plugin"]


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_setup"}


def pytest_addoption(parser):  # type: ignore[no-untyped-def]
    parser.addoption(
        "--db-only",
        action="store_true",
        help="run only the tests that touch the database (the second database's run: the others "
        "ran in the first, and do not depend on it)",
    )


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    if not config.getoption("--db-only"):
        return
    keep, drop = [], []
    for item in items:
        uses_db = DB_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("django_db")
        (keep if uses_db and not item.get_closest_marker("first_database_only") else drop).append(item)
    items[:] = keep
    config.hook.pytest_deselected(items=drop)
