"""The Turkish and Swedish catalogues hold every interface string, all translated."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("tr", "sv")
#: What makemessages reads: our code and templates (not the virtualenv).
SOURCES = ("manage.py", "tusenet", "partnerships", "templates", "locale")


def catalogue(language, root=ROOT):
    return polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_fully_translated_without_fuzzy_entries(language):
    po = catalogue(language)
    assert len(po) > 100
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert po.percent_translated() == 100


def test_no_turkish_translation_starts_with_a_letter_capfirst_would_get_wrong():
    """Django and Wagtail capitalise labels with capfirst, which is str.upper: "il" became "Il", not "İl".

    So a Turkish translation never starts with a lowercase i or ı; it is written capitalised itself.
    """
    admin = polib.pofile(str(ROOT / "locale" / "admin" / "tr" / "LC_MESSAGES" / "django.po"))
    assert [entry.msgstr for po in (catalogue("tr"), admin) for entry in po if entry.msgstr[:1] in ("i", "ı")] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    """A translation that drops or renames %(name)s would raise or show raw text at runtime."""
    import re

    placeholder = re.compile(r"%\(\w+\)s|\{\{ *\w+ *\}\}")
    for entry in catalogue(language):
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(set(placeholder.findall(text))) == sorted(set(placeholder.findall(entry.msgid))), entry.msgid


def test_every_string_in_code_and_templates_is_in_the_catalogues(tmp_path):
    """Extract the strings again (GNU gettext): nothing new may be missing or untranslated."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is needed to check the catalogues; .ci/run installs it")
        pytest.skip("GNU gettext (xgettext) is not installed: apt-get install gettext")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, tmp_path / name)
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"]
    command += [f"--locale={language}" for language in LANGUAGES]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tusenet.settings.test"}
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True)
    for language in LANGUAGES:
        po = catalogue(language, tmp_path)
        missing = [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()]
        assert missing == [], f"untranslated in locale/{language}: {missing} (run `make messages` and translate)"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_catalogue_is_complete_and_keeps_placeholders(language, domain):
    """locale/admin supplies what Wagtail and wagtail-localize miss; every entry translated, placeholders kept."""
    import re

    po = polib.pofile(str(ROOT / "locale" / "admin" / language / "LC_MESSAGES" / f"{domain}.po"))
    assert len(po) > 10
    assert po.percent_translated() == 100 and not po.fuzzy_entries()
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
    for entry in po:
        pairs = (
            [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for source, translation in pairs:
            expected = set(placeholder.findall(source))
            if entry.msgid_plural and source == entry.msgid and not expected:
                continue  # "Delete 1 page": the singular may name its number in words
            assert set(placeholder.findall(translation)) == expected, entry.msgid


def test_admin_strings_editors_use_are_all_translated():
    """Measured against each package's English catalogue, nothing an editor sees is left in English."""
    from tusenet.i18n.admin_catalogues import measure

    rows = measure()
    assert {row.language for row in rows} == set(LANGUAGES)
    incomplete = [(row.package, row.domain, row.language) for row in rows if row.with_project != row.total]
    assert incomplete == []
    localize = next(
        row for row in rows if (row.package, row.domain, row.language) == ("wagtail_localize", "django", "tr")
    )
    assert localize.shipped < localize.total / 2  # what the package alone gives: why locale/admin exists


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_supplement_takes_effect_at_runtime(language, settings):
    """Django serves every string of locale/admin in the admin language, before the packages' catalogues."""
    from django.utils import translation
    from django.utils.translation.trans_real import DjangoTranslation

    from tusenet.i18n.admin_catalogues import package_catalogue

    po = polib.pofile(str(ROOT / "locale" / "admin" / language / "LC_MESSAGES" / "django.po"))
    ours = {(entry.msgctxt, entry.msgid) for entry in catalogue(language)}  # first in LOCALE_PATHS: it wins
    with translation.override(language):
        for entry in po:
            if (entry.msgctxt, entry.msgid) in ours:
                continue
            if entry.msgid_plural:
                plural = (
                    translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 2)
                    if entry.msgctxt
                    else translation.ngettext(entry.msgid, entry.msgid_plural, 2)
                )
                assert plural == entry.msgstr_plural[1], entry.msgid
            elif entry.msgctxt:
                assert translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid
    # The translation editor's JavaScript catalogue, as wagtail-localize's jsi18n view builds it.
    package_dir = package_catalogue("wagtail_localize", "en", "djangojs").parents[2]
    javascript = DjangoTranslation(language, domain="djangojs", localedirs=[str(package_dir)])
    js_po = polib.pofile(str(ROOT / "locale" / "admin" / language / "LC_MESSAGES" / "djangojs.po"))
    singular = [entry for entry in js_po if not entry.msgid_plural and not entry.msgctxt]
    assert all(javascript.gettext(entry.msgid) == entry.msgstr for entry in singular)


def test_admin_dashboard_renders_in_the_editors_language(admin_client_logged_in, django_user_model):
    from django.urls import reverse
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(django_user_model.objects.get(username="admin"))
    for language, word in {"tr": "Sayfalar", "sv": "Sidor"}.items():
        profile.preferred_language = language
        profile.save()
        html = admin_client_logged_in.get(reverse("wagtailadmin_home")).content.decode()
        assert f'<html lang="{language}"' in html and word in html
