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
