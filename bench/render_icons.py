"""Render static/favicon.svg to the PNG icons of the web manifest (static/icons/icon-192.png, icon-512.png).

Run once after changing the favicon: ``.venv/bin/python bench/render_icons.py`` (Debian's Chromium
through Playwright, then Pillow to store the PNGs optimised). The PNGs are committed.
"""

import base64
import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "static" / "favicon.svg"
SIZES = (192, 512)


def main():
    data = base64.b64encode(SVG.read_bytes()).decode()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                f'<body style="margin:0"><img src="data:image/svg+xml;base64,{data}" '
                f'width="{size}" height="{size}" style="display:block"></body>'
            )
            page.wait_for_load_state()
            png = page.screenshot(omit_background=True)
            target = ROOT / "static" / "icons" / f"icon-{size}.png"
            Image.open(io.BytesIO(png)).save(target, optimize=True)
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
