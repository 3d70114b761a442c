"""Turkish and Swedish for the Wagtail and wagtail-localize admin screens editors use.

The packages ship incomplete catalogues (wagtail-localize's Turkish one covers 17 %
of its strings). ``locale/admin/<language>/LC_MESSAGES/`` supplies every missing
string; it is listed in ``LOCALE_PATHS``, which Django reads before the packages'
own catalogues. Coverage is measured against each package's English catalogue,
which lists all of its strings.
"""

from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import polib
from django.conf import settings

#: The packages whose screens editors and translators use, by import name.
EDITOR_PACKAGES = [
    "wagtail",
    "wagtail.admin",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.sites",
    "wagtail.embeds",
    "wagtail.search",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail_localize",
    "wagtail_localize.locales",
]
DOMAINS = ("django", "djangojs")
LANGUAGES = ("tr", "sv")
ADMIN_LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "admin"


def package_catalogue(package, language, domain):
    """The path of a package's catalogue, or None when the package has none."""
    spec = find_spec(package)
    path = Path(spec.origin).parent / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    return path if path.exists() else None


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _translated_keys(path):
    if path is None or not path.exists():
        return set()
    return {_key(entry) for entry in polib.pofile(str(path)) if entry.translated() and not entry.obsolete}


def source_entries(package, domain):
    """Every string of a package's catalogue, from its English catalogue."""
    path = package_catalogue(package, "en", domain)
    if path is None:
        return []
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def installed_translations(language, domain):
    """What the installed packages already translate, across all of them (Django merges them)."""
    keys = set()
    for package in EDITOR_PACKAGES:
        keys |= _translated_keys(package_catalogue(package, language, domain))
    return keys


def project_catalogue_path(language, domain):
    return ADMIN_LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


@dataclass
class Coverage:
    package: str
    domain: str
    language: str
    total: int
    shipped: int
    with_project: int

    @staticmethod
    def percent(part, total):
        return 100.0 if total == 0 else round(100 * part / total, 1)


def measure():
    """Coverage of every editor package and domain, per language, before and after our catalogue."""
    rows = []
    for language in LANGUAGES:
        for domain in DOMAINS:
            ours = _translated_keys(project_catalogue_path(language, domain))
            for package in EDITOR_PACKAGES:
                keys = {_key(entry) for entry in source_entries(package, domain)}
                if not keys:
                    continue
                # Django merges all catalogues of a domain: a string translated by another package counts.
                installed = installed_translations(language, domain)
                shipped = keys & installed
                merged = keys & (installed | ours)
                rows.append(Coverage(package, domain, language, len(keys), len(shipped), len(merged)))
    return rows


def missing_entries(language, domain):
    """Strings of the editor packages that no installed catalogue translates, one entry each."""
    translated = installed_translations(language, domain)
    seen, missing = set(), []
    for package in EDITOR_PACKAGES:
        for entry in source_entries(package, domain):
            if _key(entry) in translated or _key(entry) in seen:
                continue
            seen.add(_key(entry))
            missing.append(entry)
    return missing


def update_project_catalogue(language, domain):
    """Add every missing string to our catalogue (keeping existing translations); return how many are new."""
    path = project_catalogue_path(language, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue = polib.pofile(str(path)) if path.exists() else polib.POFile()
    plural_forms = "nplurals=2; plural=(n != 1);"
    catalogue.metadata = {
        "Project-Id-Version": "Tusenet admin strings for Wagtail and wagtail-localize",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms,
    }
    present = {_key(entry) for entry in catalogue}
    added = 0
    for entry in missing_entries(language, domain):
        if _key(entry) in present:
            continue
        new = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr="", flags=list(entry.flags))
        if entry.msgid_plural:
            new.msgid_plural = entry.msgid_plural
            new.msgstr_plural = {0: "", 1: ""}
        new.occurrences = entry.occurrences[:3]
        catalogue.append(new)
        added += 1
    catalogue.save(str(path))
    return added
