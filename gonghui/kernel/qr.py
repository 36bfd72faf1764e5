"""QR codes drawn on the server as inline SVG (no image service, no outside call).

A code shown on a phone carries a signed token, never personal data in clear; the page that
reads one back (``kernel/scan.html``) decodes it in the browser with the vendored jsQR.
"""

import io

import qrcode
import qrcode.image.svg

# Every one of the eight masks gives a code any reader decodes; trying all eight and scoring
# each (the library's default) is six sevenths of the time a code takes, and the card page
# draws one on every visit.
MASK = 2


def svg(text: str, box_size: int = 10) -> str:
    """The SVG markup of a QR code for ``text`` (medium error correction, quiet zone of 4)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=box_size,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
        mask_pattern=MASK,
    )
    code.add_data(text)
    img = code.make_image()
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue().decode()
