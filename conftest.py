import pytest
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
    parser.addoption(
        "--second-follows",
        action="store_true",
        help="a second database's run follows (scripts/run_tests.py): leave it the tests marked "
        "second_database_only",
    )


def in_second_run(item) -> bool:  # type: ignore[no-untyped-def]
    """Is the test the second database's alone when both run? Those marked so. A browser test
    runs once, in the first run (SQLite): it proves what a person sees and clicks through the real
    pages, and what the pages read and write is proven on both databases by the tests below the
    browser. There the live server shares the test's in-memory database, and a journey takes
    about 30 % less time than on PostgreSQL; the second run takes other work instead (the scope
    walk's personas, test_scope_walk.py)."""
    return bool(item.get_closest_marker("second_database_only"))


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """Tests that do not depend on the database run once: in the first run (SQLite), or — those
    marked second_database_only, to share the work — in the second (PostgreSQL) when one follows.
    Browser tests run in the first (`in_second_run`)."""
    second_follows, db_only = config.getoption("--second-follows"), config.getoption("--db-only")
    if not (second_follows or db_only):
        return
    keep, drop = [], []
    for item in items:
        uses_db = DB_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("django_db")
        browser = "page" in getattr(item, "fixturenames", ())
        if db_only:
            ours = in_second_run(item) or not (browser or item.get_closest_marker("first_database_only"))
            wanted = uses_db and ours
        else:
            wanted = not in_second_run(item)
        (keep if wanted else drop).append(item)
    items[:] = keep
    config.hook.pytest_deselected(items=drop)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():  # type: ignore[no-untyped-def]
    """A test, or a request it made in English, leaves the next test in the default language
    (the language is the thread's, and one process runs many tests)."""
    yield
    from django.utils import translation

    translation.deactivate()
