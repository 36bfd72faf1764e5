"""A unit's, a contract's and a union's ledgers' doings are offered exactly when their actions
succeed, for every persona (and a viewer and an approver), and the pages show exactly those."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from gonghui.conftest import make_org, make_user
from gonghui.kernel import cleaning
from gonghui.orgs.actions import org_dissolve
from gonghui.tests.contract import assert_abilities_agree, assert_page_offers
from gonghui.units import actions, importer
from gonghui.units.abilities import contract_abilities, unit_abilities, units_abilities
from gonghui.units.models import Unit, UnitStatus
from gonghui.units.selectors import UnitFilter

from .factories import make_contract, make_unit, unit_code


@pytest.fixture
def actors(tree, personas):
    """The shared personas, and a viewer and an approver of the district: they see, never write."""
    extra = {
        "viewer": make_user("viewer_user", tree.haizhu, "viewer"),
        "approver": make_user("approver_user", tree.haizhu, "approver"),
    }
    return [*personas.items(), *extra.items()]


@pytest.fixture
def dissolved(tree):
    """A joint union of the street that covered a unit, dissolved since."""
    union = make_org(tree.street, "赤岗二联合工会", "grassroots", kind="joint")
    make_unit(tree.street, "赤岗庚厂", 60, covering=union)
    org_dissolve(actor=None, org=union, reason="合并到街道联合工会", on=dt.date(2020, 1, 1))
    union.refresh_from_db()
    return union


# ---- units ---------------------------------------------------------------------------------

UNIT_ATTEMPTS = {
    "edit": lambda actor, u: actions.unit_update(actor=actor, unit=u, employees=u.employees + 1),
    "close": lambda actor, u: actions.unit_close(actor=actor, unit=u, reason="歇业"),
}


def test_unit_abilities_agree_with_the_actions(tree, actors, register, dissolved):
    actions.unit_close(actor=None, unit=register.wu, reason="迁出", on=dt.date(2014, 1, 1))
    records = [
        register.jia,  # covered by the street's joint union
        register.ding,  # listed by the street, no union
        register.wu,  # closed down
        register.xg_yi,  # the sibling street's
        register.luohu,  # another city's
        register.haizhu,  # the district's own ledger
        Unit.objects.get(name="赤岗庚厂"),  # its union dissolved
    ]
    assert_abilities_agree(actors=actors, records=records, abilities=unit_abilities, attempts=UNIT_ATTEMPTS)


def test_the_unit_page_shows_exactly_the_offered_buttons(tree, actors, register, login):
    actions.unit_close(actor=None, unit=register.wu, reason="迁出", on=dt.date(2014, 1, 1))
    for unit in Unit.objects.filter(pk__in=[register.jia.pk, register.wu.pk, register.xg_yi.pk]):
        for name, user in actors:
            r = login(user).get(f"/units/{unit.pk}/")
            if r.status_code == 403:
                assert not unit_abilities(user, unit), name
                continue
            assert_page_offers(
                r.content.decode(),
                unit_abilities(user, unit),
                {
                    "edit": f"/units/{unit.pk}/edit/",
                    "close": f"/units/{unit.pk}/close/",
                    "audit": f"/audit/?org={unit.org_id}",
                },
            )


# ---- contracts -----------------------------------------------------------------------------


def _end(actor, contract):
    # The form asks for the day it ended: the day after it was signed is always in its term.
    return actions.contract_end(
        actor=actor, contract=contract, reason="企业改制", on=contract.signed_on + dt.timedelta(days=1)
    )


@pytest.fixture
def contracts(tree, register):
    today = cleaning.today()
    in_force = make_contract(
        tree.grassroots, [register.bing], title="赤岗丙铺集体合同",
        signed_on=today - dt.timedelta(days=400), expires_on=today + dt.timedelta(days=300),
    )  # fmt: skip
    ended = make_contract(tree.grassroots, [register.yi], title="赤岗乙店集体合同")
    ended = actions.contract_end(actor=None, contract=ended, reason="企业改制", on=dt.date(2014, 1, 1))
    # signed today: it can end no earlier than tomorrow
    fresh = make_contract(
        tree.sibling_grassroots, [register.xg_jia], title="新港甲厂新集体合同",
        signed_on=today, expires_on=today + dt.timedelta(days=700),
    )  # fmt: skip
    return [register.regional, register.single, in_force, ended, fresh]


def test_contract_abilities_agree_with_the_actions(actors, contracts):
    assert_abilities_agree(
        actors=actors, records=contracts, abilities=contract_abilities, attempts={"end": _end}
    )


def test_the_contract_page_shows_exactly_the_offered_buttons(actors, contracts, login):
    for contract in contracts:
        for name, user in actors:
            r = login(user).get(f"/units/contracts/{contract.pk}/")
            if r.status_code == 403:
                assert not contract_abilities(user, contract), name
                continue
            offered = contract_abilities(user, contract)
            assert_page_offers(r.content.decode(), offered, {"end": f"/units/contracts/{contract.pk}/end/"})


# ---- a union's ledgers ---------------------------------------------------------------------


def _unit_under(org):
    return (
        Unit.objects.filter(org__path__startswith=org.path, status=UnitStatus.ACTIVE).order_by("pk").first()
    )


def _contract(actor, org):
    unit = _unit_under(org)
    return actions.contract_create(
        actor=actor, org=org, kind="single", title="新签集体合同", signed_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2022, 12, 31), workers_covered=1, units=[unit] if unit else [],
    )  # fmt: skip


def _import(actor, org):
    upload = io.BytesIO(
        f"统一社会信用代码,单位名称,行业,单位类别,职工人数\n{unit_code()},导入厂,03,170,30\n".encode()
    )
    return importer.import_enqueue(actor=actor, org=org, upload=upload, filename="台账.csv")


def _export(actor, org):
    actions.units_export_record(actor=actor, f=UnitFilter(within=org), fmt="csv")
    actions.contracts_export_record(actor=actor, fmt="csv", within=org)


def _create(actor, org):
    return actions.unit_create(
        actor=actor, registered_org=org, credit_code=unit_code(), name="新登记单位", industry="03",
        unit_type="170", employees=30,
    )  # fmt: skip


LEDGER_ATTEMPTS = {
    "create": _create,
    "import": _import,
    "create_contract": _contract,
    "export": _export,
    "report_export": lambda actor, org: actions.report_export_record(
        actor=actor, org=org, fmt="csv", on=cleaning.today(), threshold=25
    ),
}


def test_ledger_abilities_agree_with_the_actions(tree, actors, register, dissolved, media):
    group = make_org(tree.grassroots, "赤岗甲厂工会小组", "group", kind="group")
    records = [
        tree.province, tree.haizhu, tree.street, tree.grassroots, tree.sibling_grassroots, tree.luohu,
        dissolved, group,
    ]  # fmt: skip
    assert_abilities_agree(
        actors=actors, records=records, abilities=units_abilities, attempts=LEDGER_ATTEMPTS
    )


def test_nobody_is_offered_anything_without_a_union(personas):
    assert not units_abilities(personas.member, None)


def test_the_list_pages_show_exactly_the_offered_buttons(tree, actors, register, login):
    for name, user in actors:
        client = login(user)
        for query in ({}, {"within": tree.street.pk}):
            units = client.get("/units/", query)
            contracts = client.get("/units/contracts/", query)
            if units.status_code == 403:
                assert contracts.status_code == 403, name
                continue
            org = units.context["org"]
            offered = units_abilities(user, org)
            pk = org.pk if org else 0
            assert_page_offers(
                units.content.decode(),
                offered,
                {
                    "create": f"/units/new/?org={pk}",
                    "import": f"/units/import/?org={pk}",
                    "export": "/units/export/?",
                },
            )
            assert_page_offers(
                contracts.content.decode(),
                offered,
                {"create_contract": f"/units/contracts/new/?org={pk}", "export": "/units/contracts/export/?"},
            )
        report = client.get("/units/report/", {"org": tree.street.pk})
        if report.status_code == 200:
            offered = units_abilities(user, tree.street)
            assert_page_offers(report.content.decode(), offered, {"report_export": "/units/report/export/"})


def test_the_sub_menu_links_the_import_page_only_for_those_who_keep_a_ledger(tree, actors, login):
    actors = dict(actors)
    link = 'href="/units/import/"'
    assert link in login(actors["district"]).get("/units/").content.decode()
    for name in ("viewer", "approver"):
        page = login(actors[name]).get("/units/").content.decode()
        assert link not in page and "/units/new/" not in page and "/units/contracts/new/" not in page


def test_a_form_for_a_doing_the_person_may_not_do_is_refused_before_it_is_shown(
    tree, actors, register, contracts, login
):
    actors = dict(actors)
    for name in ("viewer", "approver"):
        client = login(actors[name])
        for url in ("/units/new/", "/units/import/", "/units/contracts/new/",
                    f"/units/{register.ding.pk}/edit/", f"/units/{register.ding.pk}/close/",
                    f"/units/contracts/{register.regional.pk}/end/"):  # fmt: skip
            assert client.get(url).status_code == 403, (name, url)
    clerk = login(actors["district"])
    assert clerk.get(f"/units/{register.ding.pk}/edit/").status_code == 200
    actions.unit_close(actor=None, unit=register.ding, reason="迁出")
    assert clerk.get(f"/units/{register.ding.pk}/edit/").status_code == 403  # closed: changes no more
    ended = next(c for c in contracts if c.ended_on)
    assert clerk.get(f"/units/contracts/{ended.pk}/end/").status_code == 403
    assert clerk.get(f"/units/new/?org={tree.street.pk}").status_code == 200
