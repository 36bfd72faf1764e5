"""The service places page draws the places on the outline of Guangdong shipped with the project."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

from gonghui.portal import actions

from .factories import member_with_login

CITIES = {
    "广州市", "韶关市", "深圳市", "珠海市", "汕头市", "佛山市", "江门市", "湛江市", "茂名市", "肇庆市", "惠州市",
    "梅州市", "汕尾市", "河源市", "阳江市", "清远市", "东莞市", "中山市", "潮州市", "揭阳市", "云浮市",
}  # fmt: skip


def _chart(page: str) -> dict:
    return json.loads(
        re.search(r'<script id="places-chart" type="application/json">(.*?)</script>', page, re.S)[1]
    )


def test_the_vendored_outline_has_the_21_cities_of_guangdong_and_stays_modest():
    path = Path(finders.find("portal/guangdong.json"))
    assert path.stat().st_size < 400_000
    outline = json.loads(path.read_text(encoding="utf-8"))
    assert outline["type"] == "FeatureCollection" and len(outline["features"]) == 21
    assert {f["properties"]["name"] for f in outline["features"]} == CITIES
    for feature in outline["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (r for polygon in polygons for r in polygon):
            assert len(ring) >= 4 and ring[0] == ring[-1]
            assert all(109 < x < 118 and 20 < y < 26 for x, y in ring)  # inside Guangdong's box
    assert (path.parent / "guangdong.README.md").exists()


def test_the_places_page_draws_the_places_on_the_outline_without_an_outside_call(client, tree):
    actions.place_register(actor=None, org=tree.street, kind="outdoor", name="赤岗户外劳动者服务站",
                           address="赤岗路1号", lng="113.335", lat="23.096", hours="全天")  # fmt: skip
    client.force_login(member_with_login(tree.grassroots).login.user)
    page = client.get(reverse("portal:places")).content.decode()
    assert 'data-geo="/static/portal/guangdong.json"' in page and "portal/places-map.js" in page
    assert "http://" not in page.split("<main", 1)[1] and "https://" not in page.split("<main", 1)[1]
    chart = _chart(page)
    assert chart["geo"]["map"] == "guangdong" and "center" not in chart["geo"]
    assert chart["series"][0]["coordinateSystem"] == "geo"
    assert chart["series"][0]["data"] == [{"name": "赤岗户外劳动者服务站", "value": [113.335, 23.096]}]
    script = Path(finders.find("portal/places-map.js")).read_text(encoding="utf-8")
    assert 'registerMap("guangdong"' in script

    located = _chart(client.get(reverse("portal:places"), {"lat": "23.1", "lng": "113.33"}).content.decode())
    assert located["geo"]["center"] == [113.33, 23.1]
    assert located["series"][1]["data"][0]["value"] == [113.33, 23.1]


def test_the_login_page_and_the_code_sign_in_link_to_each_other(client):
    login = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("portal:sign_in")}"' in login and "会员用手机验证码登录" in login
    code = client.get(reverse("portal:sign_in")).content.decode()
    assert f'href="{reverse("accounts:login")}"' in code
    english = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Members: sign in with a code sent to your mobile" in english
