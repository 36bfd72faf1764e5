"""The QR codes we draw are read back by the reader we ship (the vendored jsQR in Chromium)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

from gonghui.kernel import qr

JSQR = Path(settings.BASE_DIR) / "gonghui" / "static" / "vendor" / "jsqr" / "jsQR.js"

DECODE = """async (src) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth * 2;
  canvas.height = img.naturalHeight * 2;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const code = jsQR(data.data, data.width, data.height);
  return code ? code.data : null;
}"""


def test_the_code_is_svg_and_depends_on_the_text() -> None:
    one, other = qr.svg("gh1:abc"), qr.svg("gh1:abd")
    assert one.lstrip().startswith("<?xml") or "<svg" in one[:200]
    assert "<path" in one
    assert one != other
    assert qr.svg("gh1:abc") == one


@pytest.mark.browser
def test_a_signed_token_survives_the_round_trip_through_the_shipped_reader(page: Page) -> None:
    token = "gh1:0123456789abcdef:Zm9vYmFy-_:1Ae2Xz:kQ3v9y-7AbC_dEfGhIjKlMnOpQrStUvWxYz012"
    page.set_content("<!doctype html><title>qr</title>")
    page.add_script_tag(content=JSQR.read_text())
    src = "data:image/svg+xml;base64," + base64.b64encode(qr.svg(token).encode()).decode()
    assert page.evaluate(DECODE, src) == token
