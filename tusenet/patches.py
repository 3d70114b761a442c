"""The only place that reaches into third-party code: each patch names the upstream issue it works around.

``tests/test_patches.py`` checks, for each patch, that upstream still behaves the way the patch relies
on, so an upgrade that changes it fails there first, with the name of this patch.
"""


def transliterate_translated_page_slugs(ascii_slugify):
    """Make wagtail-localize turn a translated page slug into ASCII by transliterating (``Şırnak`` → ``sirnak``).

    ``TranslationSource.create_or_update_translation`` passes the translator's slug through
    ``slugify``, which drops letters it cannot decompose (the Turkish ``ı``: ``srnak``), and offers
    no hook; the name it calls is rebound here. Upstream: Wagtail does not transliterate slugs by
    design (wagtail/wagtail#1443, restated in wagtail/wagtail#7255); wagtail-localize follows it.
    """
    from wagtail_localize import models as localize_models

    localize_models.slugify = ascii_slugify


def translated_segments(source, locale):
    """The translated segments of ``source`` in ``locale``, to apply to a page in memory, not to the database.

    wagtail-localize applies translations only by writing them into the page row
    (``Translation.save_target``), which on a live page is what visitors see at once; holding a
    translation for a moderator needs the segments themselves. Upstream: no public API for draft
    translations of live pages (wagtail/wagtail-localize#655, open). Raises wagtail-localize's
    ``MissingTranslationError`` when a string is not translated yet.
    """
    return source._get_segments_for_translation(locale)
