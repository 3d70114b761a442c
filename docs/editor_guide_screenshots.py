"""Take the screenshots of docs/editors.md and docs/editors.tr.md from the running site.

Start the site first (`make run`), then run `make editor-guide-screenshots`
(or `.venv/bin/python docs/editor_guide_screenshots.py [BASE_URL]`). The admin
account `make run` prints is used; its admin language is switched to English and
Turkish in turn and restored afterwards. Needs Debian's Chromium at /usr/bin/chromium.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tusenet.settings.dev")
# Playwright's sync API runs an event loop; the ORM calls here are plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.users.models import UserProfile  # noqa: E402
from wagtail_localize.models import TranslationSource  # noqa: E402

from partnerships.models import NetworkIndexPage, NetworkPage  # noqa: E402

BASE_URL = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
USERNAME = os.environ.get("ADMIN_USERNAME", "admin")
PASSWORD = os.environ.get("ADMIN_PASSWORD") or (ROOT / ".admin-password").read_text().strip()
OUTPUT = ROOT / "docs" / "images"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def screens():
    """(file name, admin path) of every screen the guide shows."""
    turkish = Locale.objects.get(language_code="tr")
    english_network = NetworkPage.objects.get(locale__language_code="en", network__number=1)
    turkish_network = english_network.get_translation(turkish)
    turkish_index = NetworkIndexPage.objects.get(locale=turkish)
    source = TranslationSource.objects.get_for_instance(english_network)
    return [
        ("dashboard", "/admin/"),
        ("translation-status", "/admin/translation-status/?language=tr"),
        ("explorer", f"/admin/pages/{turkish_index.pk}/"),
        ("translation-editor", f"/admin/pages/{turkish_network.pk}/edit/"),
        ("sync", f"/admin/localize/update/{source.pk}/"),
        ("submit-for-approval", f"/admin/pages/{turkish_network.pk}/submit-for-approval/"),
    ]


def main():
    user = get_user_model().objects.get(username=USERNAME)
    profile = UserProfile.get_for_user(user)
    original_language = profile.preferred_language
    shots = screens()
    assert Page.objects.filter(depth=2).count() >= 3, "load the content first: make run"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
            for language in ("en", "tr"):
                profile.preferred_language = language
                profile.save()
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                page.goto(f"{BASE_URL}/admin/login/")
                page.fill("input[name=username]", USERNAME)
                page.fill("input[name=password]", PASSWORD)
                page.locator("button[type=submit]").click()
                page.wait_for_url(f"{BASE_URL}/admin/")
                (OUTPUT / language).mkdir(parents=True, exist_ok=True)
                for name, path in shots:
                    page.goto(f"{BASE_URL}{path}")
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(OUTPUT / language / f"{name}.png"))
                    print(f"docs/images/{language}/{name}.png")
                page.close()
            browser.close()
    finally:
        profile.preferred_language = original_language
        profile.save()


if __name__ == "__main__":
    main()
