"""Where each page's translations stand: up to date, changed, out of date, draft or missing.

A translation made with wagtail-localize is *up to date* when the source has not
changed since it was last synced (``TranslationSource.last_updated_at``), every
string of the synced source is translated, and the translation was published after
that sync. It is *changed* when texts were translated (in the editor or by a PO
file) after it was last published: work waiting to be submitted or published. A
translation edited by hand (no wagtail-localize ``Translation``) is up to date when
it was published after the source's last change. The report is built in a fixed
number of queries, however many pages there are.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from tusenet.i18n.multilingual import name_in_text

UP_TO_DATE, CHANGED, OUT_OF_DATE, DRAFT, MISSING = "up_to_date", "changed", "out_of_date", "draft", "missing"
STATUS_LABELS = {
    UP_TO_DATE: _("Up to date"),
    CHANGED: _("Changed, not yet published"),
    OUT_OF_DATE: _("Out of date"),
    DRAFT: _("Draft"),
    MISSING: _("Missing"),
}


@dataclass
class Cell:
    """One page in one language."""

    language: str
    status: str
    page: Page | None = None
    translated_at: object = None
    translated_strings: int = 0
    total_strings: int = 0
    translation: Translation | None = None
    #: Whether the translation source holds the source page's last published texts.
    source_synced: bool = True

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def can_sync(self):
        """The English changed since the last sync: syncing brings its new texts into the translation editor."""
        return self.status == OUT_OF_DATE and self.translation is not None and not self.source_synced

    @property
    def ready_to_submit(self):
        """Every text is translated but the page does not show them yet: submitting sends them to a moderator."""
        translated = self.total_strings and self.translated_strings == self.total_strings
        return self.status == CHANGED or (self.status == OUT_OF_DATE and self.source_synced and bool(translated))

    @property
    def language_name(self):
        return name_in_text(self.language)


@dataclass
class Row:
    """A source page and the state of its translation in each language."""

    source: Page
    source_changed_at: object
    translation_source: TranslationSource | None
    cells: dict = field(default_factory=dict)


def translation_languages():
    """The languages pages are translated into (every configured language but the default)."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]


def languages_for(user):
    """The languages a user may translate into: those whose tree they may edit."""
    homes = Page.objects.filter(depth=2, locale__language_code__in=translation_languages()).select_related("locale")
    return [home.locale.language_code for home in homes if home.permissions_for_user(user).can_edit()]


def _progress(translation_sources, locale):
    """(translated, total) strings per translation source id, for one target locale."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale=locale,
        has_error=False,
    )
    rows = (
        StringSegment.objects.filter(source__in=translation_sources)
        .annotate(is_translated=Exists(translated))
        .values("source_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_translated=True)))
    )
    return {row["source_id"]: (row["done"], row["total"]) for row in rows}


def _last_translated(translation_sources, locale):
    """When a string of each translation source was last translated into ``locale`` (editor or PO file)."""
    rows = (
        StringTranslation.objects.filter(locale=locale, translation_of__segments__source__in=translation_sources)
        # The same text may be translated elsewhere (another page, another place): only this source's places count.
        .filter(context_id=F("translation_of__segments__context_id"))
        .values("translation_of__segments__source_id")
        .annotate(last=Max("updated_at"))
    )
    return {row["translation_of__segments__source_id"]: row["last"] for row in rows}


def _status(source, version, translation_source, translation, progress, last_translated=None):
    if version is None:
        return MISSING
    if not version.live:
        return DRAFT
    changed_at = source.last_published_at
    published_at = version.last_published_at
    if translation is None or translation_source is None:
        return OUT_OF_DATE if changed_at and published_at and changed_at > published_at else UP_TO_DATE
    done, total = progress
    synced_at = translation_source.last_updated_at
    if changed_at and changed_at > synced_at:
        return OUT_OF_DATE  # the source changed after its last sync
    if done < total:
        return OUT_OF_DATE  # synced strings are waiting for translation
    if published_at and published_at < synced_at:
        return OUT_OF_DATE  # translated, but not published since the sync
    if last_translated and published_at and last_translated > published_at:
        return CHANGED  # texts translated since the last publish wait to be submitted or published
    return UP_TO_DATE


def build_report(languages):
    """One row per source page (default language), with a cell per language in ``languages``."""
    default = Locale.get_default()
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=languages)}
    sources = list(Page.objects.filter(locale=default, depth__gte=2).order_by("path"))
    keys = [page.translation_key for page in sources]
    versions = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales.values())
    }
    translation_sources = {
        source.object_id: source for source in TranslationSource.objects.filter(object_id__in=keys, locale=default)
    }
    translations = {
        (translation.source_id, translation.target_locale_id): translation
        for translation in Translation.objects.filter(
            source__in=translation_sources.values(), target_locale__in=locales.values(), enabled=True
        )
    }
    progress = {code: _progress(translation_sources.values(), locale) for code, locale in locales.items()}
    last_translated = {code: _last_translated(translation_sources.values(), locale) for code, locale in locales.items()}
    rows = []
    for source in sources:
        translation_source = translation_sources.get(source.translation_key)
        row = Row(source, source.last_published_at, translation_source)
        for code in languages:
            locale = locales[code]
            version = versions.get((source.translation_key, locale.pk))
            translation = translations.get((translation_source.pk, locale.pk)) if translation_source else None
            done, total = progress[code].get(translation_source.pk, (0, 0)) if translation_source else (0, 0)
            changed_at = last_translated[code].get(translation_source.pk) if translation_source else None
            status = _status(source, version, translation_source, translation, (done, total), changed_at)
            translated_at = version.last_published_at or version.latest_revision_created_at if version else None
            synced = translation_source is None or not (
                source.last_published_at and source.last_published_at > translation_source.last_updated_at
            )
            row.cells[code] = Cell(code, status, version, translated_at, done, total, translation, synced)
        rows.append(row)
    return rows


def counts(rows, languages):
    """Number of pages in each status, per language."""
    totals = {code: dict.fromkeys(STATUS_LABELS, 0) for code in languages}
    for row in rows:
        for code in languages:
            totals[code][row.cells[code].status] += 1
    return totals
