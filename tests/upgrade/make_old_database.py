"""Make the database of ``test_upgrade.py``: what ``make run`` built before a change of the code's layout.

Made with the old code (commit 9a1fdb4, before the machinery moved out of ``partnerships``) by:

    DATABASE_URL=sqlite:////tmp/old.sqlite3 .venv/bin/python tests/upgrade/make_old_database.py

``--answers`` prints what the code of the checkout serves from the database instead (the test's other half).

It runs ``make run``'s steps (migrate, load_tusenet, ensure_admin), then edits the English "About Tusenet"
page and publishes a Swedish translation of a page that had none, as an editor and a translator would. It
writes the database file, compressed (``old_database.sqlite3.gz``; SQL text cannot hold the search index's
virtual tables), and what the old code served at every public
address (``old_pages.json``: status, title and main heading), for the test to compare with the new code.
"""

import gzip
import json
import os
import re
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tusenet.settings.dev")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

EDITED_SENTENCE = "This sentence was added by an editor before the upgrade."
SWEDISH_MARK = " (svensk översättning)"


def edit_about_page():
    """An editor's change to the English "About Tusenet", published as a new revision."""
    page = Page.objects.get(locale__language_code="en", slug="about-tusenet").specific
    page.body = f"{page.body}<p>{EDITED_SENTENCE}</p>"
    page.save_revision().publish()
    return page


def translate_into_swedish():
    """A translator's Swedish version of an English post that had none, made with wagtail-localize."""
    from wagtail_localize.models import StringSegment, TranslationSource
    from wagtail_localize.strings import StringValue

    from partnerships.loading.translation import translate_object

    swedish = Locale.objects.get(language_code="sv")
    untranslated = [
        page
        for page in Page.objects.filter(locale__language_code="en", depth__gt=3).live().specific()
        if not page.has_translation(swedish) and page.get_parent().has_translation(swedish)
    ]
    page = untranslated[0]
    source, _ = TranslationSource.get_or_create_from_instance(page)
    strings = {}
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        text = StringValue(segment.string.data).render_text()
        strings[text] = text + SWEDISH_MARK
    return translate_object(page, swedish, strings)


def served_pages():
    """What every live page answers: status, title, main heading and whether it shows the edit, by address."""
    client = Client()
    answers = {}
    for page in Page.objects.filter(depth__gt=1).live().order_by("path"):
        address = page.get_url()
        response = client.get(address)
        html = response.content.decode()
        answers[address] = {
            "status": response.status_code,
            "title": re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip(),
            "heading": re.sub(r"<[^>]+>|\s+", " ", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip(),
            "shows_the_edit": EDITED_SENTENCE in html,
        }
    return answers


def main():
    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_tusenet")
    call_command("ensure_admin")
    edit_about_page()
    translated = translate_into_swedish()
    pages = served_pages()
    (HERE / "old_pages.json").write_text(
        json.dumps(
            {
                "edited_sentence": EDITED_SENTENCE,
                "swedish_translation": translated.get_url(),
                "swedish_mark": SWEDISH_MARK,
                "pages": pages,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
    copy = HERE / "old_database.sqlite3"
    with sqlite3.connect(copy) as target:
        sqlite3.connect(connection.settings_dict["NAME"]).backup(target)
    with open(copy, "rb") as raw, gzip.open(f"{copy}.gz", "wb") as compressed:
        compressed.write(raw.read())
    copy.unlink()
    print(f"{len(pages)} pages recorded; Swedish translation at {translated.get_url()}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--answers"]:
        print(json.dumps(served_pages(), ensure_ascii=False))
    else:
        main()
