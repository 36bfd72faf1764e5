"""Shared personas on a small tree with branches, like Healthchecks' alice/bob/charlie.

广东省总工会 ─┬─ 广州市总工会 ─ 海珠区总工会 ─┬─ 赤岗街道总工会 ─ 赤岗街道联合工会 (grassroots)
             │                               └─ 新港街道总工会 ─ 新港社区工会
             ├─ 深圳市总工会 ─ 罗湖区总工会
             └─ 广东省海员工会
外省总工会 ─ 外省某市总工会   (a second root nobody but a superuser sees)
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from gonghui.accounts.actions import role_grant, user_create
from gonghui.accounts.models import User
from gonghui.demo.loader import demo_loaded
from gonghui.kernel.codes import credit_code_make
from gonghui.orgs.actions import org_create
from gonghui.orgs.models import Org

PASSWORD = "correct-horse-battery-9"
_serial = itertools.count(30_000_001)


def union_code(division: str = "440105") -> str:
    return credit_code_make("81", division, next(_serial))


@dataclass
class Tree:
    province: Org
    guangzhou: Org
    haizhu: Org
    street: Org
    grassroots: Org
    sibling_street: Org
    sibling_grassroots: Org
    shenzhen: Org
    luohu: Org
    seamen: Org
    foreign_root: Org
    foreign_city: Org

    def all(self) -> list[Org]:
        return list(vars(self).values())


def make_org(parent: Org | None, name: str, level: str, division: str = "440105", **extra: object) -> Org:
    return org_create(
        actor=None, parent=parent, level=level, name=name, division=division,
        credit_code=union_code(division), on=dt.date(2000, 1, 1), **extra,
    )  # fmt: skip


def build_tree() -> Tree:
    province = make_org(None, "广东省总工会", "province", "440000")
    guangzhou = make_org(province, "广州市总工会", "city", "440100")
    haizhu = make_org(guangzhou, "广州市海珠区总工会", "county", "440105")
    street = make_org(haizhu, "赤岗街道总工会", "town")
    grassroots = make_org(street, "赤岗街道联合工会", "grassroots", kind="joint")
    sibling_street = make_org(haizhu, "新港街道总工会", "town")
    sibling_grassroots = make_org(sibling_street, "新港社区工会", "grassroots", kind="community")
    shenzhen = make_org(province, "深圳市总工会", "city", "440300")
    luohu = make_org(shenzhen, "深圳市罗湖区总工会", "county", "440303")
    seamen = make_org(province, "广东省海员工会", "industry", "440000")
    foreign_root = make_org(None, "外省总工会", "province", "450000")
    foreign_city = make_org(foreign_root, "外省某市总工会", "city", "450000")
    return Tree(
        province, guangzhou, haizhu, street, grassroots, sibling_street, sibling_grassroots,
        shenzhen, luohu, seamen, foreign_root, foreign_city,
    )  # fmt: skip


# The tree and the personas are built once per test process, committed, and each test that
# asks for them reads them back (two queries) inside its own transaction, which is rolled back:
# every test starts from the same rows, as if it had built them. A transactional test (a browser
# journey, a concurrency test) empties the database when it ends; the next test builds them again.
_BUILT: dict[str, dict[str, int]] = {}


def _built_and_present() -> bool:
    return bool(_BUILT) and Org.objects.filter(pk=_BUILT["tree"]["province"]).exists()


def _build_once() -> None:
    tree = build_tree()
    users = {
        name: make_user(f"{name}_user", getattr(tree, where), kind)
        for name, (where, kind) in PERSONA_ROLES.items()
    }
    _BUILT["tree"] = {name: org.pk for name, org in vars(tree).items()}
    _BUILT["personas"] = {name: user.pk for name, user in users.items()}


@pytest.fixture(autouse=True)
def _persona_tree(request: pytest.FixtureRequest) -> None:
    """Before a test's transaction begins: the tree and personas are in the database, unless the
    test reads the demo federation (`demo_federation`). A test that follows the demo federation's
    tests finds the database as it would without them."""
    names = set(request.fixturenames)
    if "demo_federation" in names:
        return
    if _DEMO and (
        names & {"db", "transactional_db", "tree", "live_server"}
        or request.node.get_closest_marker("django_db")
    ):
        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            _flush()
    if "tree" not in names:
        return
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        if not _built_and_present():
            _build_once()


def _flush() -> None:
    call_command("flush", interactive=False, verbosity=0)
    _BUILT.clear()
    _DEMO.clear()


# The demo federation as `make demo` loads it, at the size of a test (some 200 grassroots unions
# instead of 2,000; its 3,000 members): loaded once per test process, committed, and read by each
# module's demo test in its own transaction, which is rolled back. Those tests run last in their
# process (the collection hook below), so the load is done once; a test after them finds the
# database emptied.
_DEMO: dict[str, str] = {}
DEMO_SIZE = {"grassroots": 200, "members": 3000}


@pytest.fixture
def demo_federation(request: pytest.FixtureRequest) -> str:
    """The demo federation, loaded by the `demo_load` command; returns what the command printed."""
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        if not (_DEMO and demo_loaded()):
            _flush()
            out = io.StringIO()
            call_command("demo_load", stdout=out, **DEMO_SIZE)
            _DEMO["printed"] = out.getvalue()
    request.getfixturevalue("db")
    return _DEMO["printed"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The demo federation's tests last, so that each test process loads it once. They use the
    database (`db`, after the load: the fixture asks for it), which pytest-django learns from the
    names of their fixtures, so that it sets the test database up when only they run."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is not None and "demo_federation" in names and "db" not in names:
            names.append("db")
    items.sort(key=lambda item: "demo_federation" in getattr(item, "fixturenames", ()))


@pytest.fixture
def tree(db: None) -> Tree:
    # In a browser test `live_server` is among the fixtures, which makes `db` transactional: the
    # rows are committed for real and the live server's thread sees them.
    orgs = Org.objects.in_bulk(_BUILT["tree"].values())
    return Tree(**{name: orgs[pk] for name, pk in _BUILT["tree"].items()})


def make_user(username: str, org: Org | None, kind: str = "admin", **extra: object) -> User:
    user = user_create(actor=None, username=username, password=PASSWORD, full_name=username)
    for k, v in extra.items():
        setattr(user, k, v)
    if extra:
        user.save()
    if org is not None:
        role_grant(actor=None, user=user, org=org, kind=kind)
    return user


@dataclass
class Personas:
    province: User
    city: User
    district: User
    street: User
    grassroots: User
    member: User
    sibling: User

    def items(self) -> list[tuple[str, User]]:
        return list(vars(self).items())


# Where each persona's role sits.
PERSONA_ROLES = {
    "province": ("province", "admin"),
    "city": ("guangzhou", "admin"),
    "district": ("haizhu", "clerk"),
    "street": ("street", "admin"),
    "grassroots": ("grassroots", "admin"),
    "member": ("grassroots", "member"),
    "sibling": ("sibling_street", "admin"),
}


@pytest.fixture
def personas(tree: Tree) -> Personas:
    users = User.objects.in_bulk(_BUILT["personas"].values())
    return Personas(**{name: users[pk] for name, pk in _BUILT["personas"].items()})


@pytest.fixture
def login(client):  # type: ignore[no-untyped-def]
    """Sign a persona in, second factor included (province and city administrators need it)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _login(user: User):  # type: ignore[no-untyped-def]
        client.force_login(user)
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return client

    return _login
