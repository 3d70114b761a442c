"""Take the README's pictures of the public site from the running site, so they stay true.

Start the site first (`make run`), then run `make readme-screenshots`
(or `.venv/bin/python docs/readme_screenshots.py [BASE_URL]`). The addresses of the network
and municipality pages come from the site's own open data (each record links to its page in
every language), About's from the content file and the newest news item's from the home page's
"Recent posts" box, so the script needs no database. Writes
docs/images/readme-<page>-<language>[-phone].png, reduced to 256 colours to keep them small.
Needs Debian's Chromium at /usr/bin/chromium.
"""

import io
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

from PIL import Image
from playwright.sync_api import sync_playwright

BASE_URL = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
OUTPUT = Path(__file__).resolve().parent / "images"
CONTENT_FILE = Path(__file__).resolve().parent.parent / "partnerships" / "data" / "site_content.json"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LANGUAGES = ("en", "tr", "sv")
#: The network shown (Kalmar with Manisa, Karşıyaka and Bornova) and one of its members.
NETWORK, MUNICIPALITY = 3, "kalmar"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def page_paths():
    """{language: {page name: path}} of the pages to show, read from the site's open data."""
    networks = fetch_json("/data/v1/networks.json")["networks"]
    municipalities = fetch_json("/data/v1/municipalities.json")["municipalities"]
    network = next(record for record in networks if record["number"] == NETWORK)
    municipality = next(record for record in municipalities if record["id"] == MUNICIPALITY)
    about = json.loads(CONTENT_FILE.read_text())["about"]
    return {
        language: {
            "home": f"/{language}/",
            "about": f"/{language}/{about[language]['slug']}/",
            "news": newest_post_path(language),
            "network": urlsplit(network["pages"][language]).path,
            "municipality": urlsplit(municipality["pages"][language]).path,
        }
        for language in LANGUAGES
    }


def newest_post_path(language):
    """The address of the first news item in the home page's "Recent posts" box."""
    with urlopen(f"{BASE_URL}/{language}/") as response:
        home = response.read().decode()
    return re.search(r'class="recent-posts".*?<a href="([^"]+)"', home, re.S).group(1)


def fetch_json(path):
    with urlopen(f"{BASE_URL}{path}") as response:
        return json.load(response)


def save_small(png, name):
    """Save a screenshot in 256 colours (about a third of the size; text stays sharp)."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    path = OUTPUT / f"readme-{name}.png"
    image.save(path, optimize=True)
    print(f"{path.relative_to(OUTPUT.parent.parent)} ({path.stat().st_size // 1024} KiB)")


def shoot(browser, viewport, shots):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    for name, path, scroll_to in shots:
        response = tab.goto(f"{BASE_URL}{path}")
        if response.status != 200:
            raise SystemExit(f"{BASE_URL}{path} answered {response.status}.")
        if scroll_to:
            tab.locator(scroll_to).first.scroll_into_view_if_needed()
        save_small(tab.screenshot(animations="disabled"), name)
    context.close()


def main():
    desktop_shots, phone_shots = [], []
    for language, paths in page_paths().items():
        desktop_shots += [(f"{name}-{language}", path, None) for name, path in paths.items()]
        phone_shots.append((f"network-{language}-phone", paths["network"], None))
    OUTPUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        shoot(browser, DESKTOP, desktop_shots)
        shoot(browser, PHONE, phone_shots)
        browser.close()


if __name__ == "__main__":
    main()
