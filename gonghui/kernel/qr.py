"""QR codes drawn on the server as inline SVG (no image service, no outside call).

A code shown on a phone carries a signed token, never personal data in clear; the page that
reads one back (``kernel/scan.html``) decodes it in the browser with the vendored jsQR.
"""

import io

import qrcode
import qrcode.image.svg


def svg(text: str, box_size: int = 10) -> str:
    """The SVG markup of a QR code for ``text`` (medium error correction, quiet zone of 4)."""
    img = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=box_size,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue().decode()
