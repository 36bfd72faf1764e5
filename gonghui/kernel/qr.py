"""QR codes drawn on the server as inline SVG (no image service, no outside call).

A code shown on a phone carries a signed token, never personal data in clear; the page that
reads one back (``kernel/scan.html``) decodes it in the browser with the vendored jsQR.
"""

import qrcode

# Every one of the eight masks gives a code any reader decodes; trying all eight and scoring
# each (the library's default) is six sevenths of the time a code takes, and the card page
# draws one on every visit.
MASK = 2
BORDER = 4


def svg(text: str, box_size: int = 10) -> str:
    """The SVG markup of a QR code for ``text`` (medium error correction, quiet zone of 4):
    one path, a rectangle per run of dark modules in a row."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER, mask_pattern=MASK)
    code.add_data(text)
    code.make(fit=True)
    rows = code.get_matrix()  # the quiet zone included
    runs: list[str] = []
    for y, row in enumerate(rows):
        x, width = 0, len(row)
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            runs.append(f"M{start},{y}h{x - start}v1h-{x - start}z")
    size = len(rows)
    mm = size * box_size / 10  # a module of box_size tenths of a millimetre, as before
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f'<svg width="{mm:g}mm" height="{mm:g}mm" version="1.1" viewBox="0 0 {size} {size}" '
        f'xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">'
        f'<path d="{"".join(runs)}" fill="#000"/></svg>'
    )
