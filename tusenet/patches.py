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


def remember_sites(version):
    """Find a request's site once per host, port and ``version()`` in each process, not with a query per request.

    ``Site.find_for_request`` keeps the site only on the request, so every request runs the query of
    ``wagtail.models.sites.get_site_for_hostname`` (about a seventh of an uncached page's time here);
    the name it calls is rebound to remember the answers under ``version()``, the site's content now
    (``None``: ask the database). Upstream: caching the lookup was proposed and closed unmerged
    (wagtail/wagtail#4014, wagtail/wagtail#4142).
    """
    from wagtail.models import sites

    lookup = sites.get_site_for_hostname
    remembered = {}  # (hostname, port) -> the site, or None for no site, under version remembered_for[0]
    remembered_for = [None]
    most_remembered = 64  # hosts and ports come from the request: a bound, not a guess at the real number

    def get_site_for_hostname(hostname, port):
        current = version()
        if current is None:
            return lookup(hostname, port)
        if remembered_for[0] != current or len(remembered) >= most_remembered:
            remembered.clear()
            remembered_for[0] = current
        if (hostname, port) not in remembered:
            try:
                remembered[hostname, port] = lookup(hostname, port)
            except sites.Site.DoesNotExist:
                remembered[hostname, port] = None
        site = remembered[hostname, port]
        if site is None:
            raise sites.Site.DoesNotExist
        return site

    sites.get_site_for_hostname = get_site_for_hostname


def localize_translation_comment_dates():
    """Write the date under a translated text in the admin's language ("6 Aralık 2026", not "6 December 2026").

    wagtail-localize's ``StringTranslation.get_comment`` ("Translated manually on …", shown under each text
    in the translation editor) formats its date with ``strftime`` and its ``DATE_FORMAT``, whose month
    names are English in every language; the method is replaced by one that puts Django's localized date
    in the place of that one. Upstream: no issue found in wagtail/wagtail-localize's tracker (to report).
    """
    from django.utils.formats import date_format
    from django.utils.timezone import localtime
    from wagtail_localize import models as localize_models

    upstream = localize_models.StringTranslation.get_comment

    def get_comment(self):
        comment = upstream(self)
        english_date = self.updated_at.strftime(localize_models.DATE_FORMAT)
        return comment and comment.replace(english_date, date_format(localtime(self.updated_at), "j F Y"))

    get_comment.upstream = upstream
    localize_models.StringTranslation.get_comment = get_comment
