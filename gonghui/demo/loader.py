"""Loads the demo federation through the real actions (so it is audited like any change)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts.actions import role_grant, user_create
from gonghui.accounts.models import User
from gonghui.kernel.codes import credit_code_make, division_name, divisions_under
from gonghui.orgs.actions import org_create
from gonghui.orgs.models import Level, Org

from .data import BRANDS, DEMO_PASSWORD, PERSONAS, PROVINCE, PROVINCIAL, TOWNS, TRADES

FOUNDED = dt.date(1950, 5, 1)
# Demo authenticator keys, printed by `demo_logins` so that a visitor can add them to an app.
TOTP_KEYS = {
    "province_admin": "3132333435363738393031323334353637383930",
    "city_admin": "3938373635343332313039383736353433323130",
}


def demo_loaded() -> bool:
    return Org.objects.filter(parent__isnull=True, name=PROVINCE[0]).exists()


def _credit_code(division: str, serial: int) -> str:
    return credit_code_make("81", division, serial)


@transaction.atomic
def demo_load(
    *, grassroots_target: int = 2000, seed: int = 20130321, progress: Callable[[str], None] = print
) -> Org:
    rng = random.Random(seed)
    serial = iter(range(10_000_001, 99_999_999))

    def make(
        parent: Org | None, name: str, level: str, division: str, short: str = "", **extra: object
    ) -> Org:
        return org_create(
            actor=None, parent=parent, level=level, on=FOUNDED, name=name, short_name=short,
            division=division, credit_code=_credit_code(division, next(serial)), **extra,
        )  # fmt: skip

    province = make(None, PROVINCE[0], Level.PROVINCE, PROVINCE[2], PROVINCE[1], kind="federation")
    for name, short, level, kind in PROVINCIAL:
        make(province, name, level, "440000", short, kind=kind)
    counties: dict[str, Org] = {}
    cities: dict[str, Org] = {}
    for city_code, city_name in divisions_under("440000"):
        city = make(
            province, f"{city_name}总工会", Level.CITY, city_code, f"{city_name[:-1]}市总", kind="federation"
        )
        cities[city_code] = city
        for county_code, county_name in divisions_under(city_code):
            if county_name == "市辖区":
                continue
            counties[county_code] = make(
                city, f"{city_name}{county_name}总工会", Level.COUNTY, county_code, f"{county_name}总工会",
                kind="federation",
            )  # fmt: skip
    progress(f"  {len(cities)} 个市总工会，{len(counties)} 个县(市、区)总工会")
    towns: list[Org] = []
    for code, town_name, unions in TOWNS:
        parent = counties.get(code) or cities[code]
        town = make(parent, town_name, Level.TOWN, code, kind="federation")
        towns.append(town)
        for union_name, kind in unions:
            make(town, union_name, Level.GRASSROOTS, code, kind=kind)
    hosts = list(counties.values()) + towns
    made = Org.objects.filter(level=Level.GRASSROOTS).count()
    used: set[str] = set()
    while made < grassroots_target:
        host = hosts[made % len(hosts)]
        trade, _industry = rng.choice(TRADES)
        place = division_name(host.division) or ""
        place = place[:-1] if len(place) > 2 else place
        name = f"{place}{rng.choice(BRANDS)}{rng.choice(BRANDS)}{trade}有限公司工会"
        if name in used:
            continue
        used.add(name)
        make(host, name, Level.GRASSROOTS, host.division, kind="enterprise")
        made += 1
    progress(f"  {Org.objects.count()} 个组织")
    for username, full_name, kind, where in PERSONAS:
        user = user_create(actor=None, username=username, password=DEMO_PASSWORD, full_name=full_name)
        role_grant(actor=None, user=user, org=Org.objects.get(name=where), kind=kind)
        if username in TOTP_KEYS:
            TOTPDevice.objects.create(user=user, name="演示验证器", key=TOTP_KEYS[username], confirmed=True)
    from gonghui.bulletin.demo import bulletin_demo_load

    bulletin_demo_load(progress=progress)
    from gonghui.units.demo import units_demo_load

    units_demo_load(progress=progress)
    return province


# Demo accounts that hold no role at a union: they sign in as what the services module made
# them (a counsellor sees their bookings and threads; a supervisor reads the centre's threads).
PROVIDER_LOGINS = (
    ("counsellor", "心理咨询师", "中山市总工会“心灵港湾”职工心理咨询服务中心"),
    ("centre_supervisor", "中心督导", "中山市总工会“心灵港湾”职工心理咨询服务中心"),
)


def demo_users() -> list[tuple[User, str, str]]:
    """(user, role label, org name) for every demo persona that exists."""
    out = []
    for username, _full, _kind, _where in PERSONAS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for role in user.roles.select_related("org"):
            out.append((user, role.get_kind_display(), role.org.name))
    for username, label, where in PROVIDER_LOGINS:
        user = User.objects.filter(username=username).first()
        if user is not None:
            out.append((user, label, where))
    return out
