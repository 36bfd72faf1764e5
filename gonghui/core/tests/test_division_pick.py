"""The division picker: province → city → county, or the 6-digit code typed."""

from __future__ import annotations

import re

import pytest
from django import forms

from gonghui.core.widgets import DivisionField, division_levels
from gonghui.orgs.models import Org
from gonghui.orgs.tests.test_views import form_data


def _selected(page: str, level: str) -> str:
    m = re.search(rf'<select id="[^"]+-{level}"[^>]*>(.*?)</select>', page, re.S)
    assert m, level
    chosen = re.search(r'<option value="(\d*)" selected>', m[1])
    return chosen[1] if chosen else ""


def _options(page: str, level: str) -> list[str]:
    m = re.search(rf'<select id="[^"]+-{level}"[^>]*>(.*?)</select>', page, re.S)
    assert m, level
    return re.findall(r'<option value="(\d+)"', m[1])


@pytest.mark.parametrize(
    ("code", "levels"),
    [
        ("440105", ("440000", "440100", "440105")),  # 海珠区
        ("441900", ("440000", "441900", "")),  # 东莞市: no county level
        ("440000", ("440000", "", "")),
        ("450000", ("450000", "", "")),  # another province, not broken down in the table
        ("440199", ("440000", "440100", "")),  # an unknown county of 广州市
        ("999999", ("", "", "")),
        ("4401", ("", "", "")),
        ("", ("", "", "")),
    ],
)
def test_a_code_stands_for_its_province_city_and_county(code: str, levels: tuple[str, str, str]) -> None:
    assert division_levels(code) == levels


class _Form(forms.Form):
    place = DivisionField(label="户口所在地行政区划")


@pytest.mark.parametrize(
    ("typed", "ok"),
    [("440105", True), (" 441900 ", True), ("440199", False), ("44010", False), ("广州", False)],
)
def test_the_field_takes_a_known_six_digit_code_only(typed: str, ok: bool) -> None:
    form = _Form({"place": typed})
    assert form.is_valid() is ok
    if ok:
        assert form.cleaned_data["place"] == typed.strip()
    else:
        assert "行政区划代码无效" in str(form.errors["place"])


def test_the_picker_opens_on_the_chosen_division() -> None:
    page = str(_Form({"place": "440105"})["place"])
    assert (_selected(page, "province"), _selected(page, "city"), _selected(page, "county")) == (
        "440000",
        "440100",
        "440105",
    )
    assert 'name="place" id="id_place" value="440105"' in page and " required" in page
    # The cities of 广东 and the districts of 广州 are offered; not those of 深圳.
    assert "440300" in _options(page, "city") and "440303" not in _options(page, "county")
    # An empty picker offers provinces only.
    empty = str(_Form()["place"])
    assert "440000" in _options(empty, "province") and _options(empty, "city") == []
    assert re.search(r'<select id="id_place-city"[^>]*disabled', empty)


def test_the_server_fills_the_next_level_for_the_code_chosen(tree, personas, login) -> None:
    client = login(personas.street)
    r = client.get("/divisions/pick/", {"name": "division", "id": "id_division", "division": "440100"})
    page = r.content.decode()
    assert r.status_code == 200 and _selected(page, "city") == "440100" and _selected(page, "county") == ""
    assert "440105" in _options(page, "county")
    assert 'value="440100"' in page and "required" not in page
    bad = client.get("/divisions/pick/", {"name": 'x" onclick="y', "id": "id_division"})
    assert bad.status_code == 400


def test_a_unions_division_is_chosen_and_checked_through_its_form(tree, personas, login) -> None:
    client = login(personas.street)
    page = client.get(f"/orgs/{tree.street.pk}/edit/").content.decode()
    assert _selected(page, "county") == "440105"  # the street's division, shown as its three levels
    r = client.post(f"/orgs/{tree.street.pk}/edit/", form_data(tree.street, division="440106"))
    assert r.status_code == 302 and Org.objects.get(pk=tree.street.pk).division == "440106"
    r = client.post(f"/orgs/{tree.street.pk}/edit/", form_data(tree.street, division="440199"))
    assert r.status_code == 422 and "行政区划代码无效" in r.content.decode()
    assert Org.objects.get(pk=tree.street.pk).division == "440106"
