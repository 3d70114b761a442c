"""Search that ignores case and accents in Turkish and Swedish, the same way on SQLite and PostgreSQL.

Every page indexes an ASCII-folded copy of its text and of the facts it shows from
the partnership data (``ContentPage.search_text``), and the query is folded the same
way, so ``İSTANBUL``, ``i̇stanbul`` (Python's lower case of İstanbul) and ``istanbul``
are one word, as are ``sirnak`` and ``Şırnak`` or ``umea`` and ``Umeå``. Folding with
anyascii sidesteps the database: Wagtail's database backend has one text-search
configuration for all languages, and SQLite and PostgreSQL fold accents differently.
"""

import re
from dataclasses import dataclass

from anyascii import anyascii
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from tusenet.i18n import multilingual

#: A bound on the pages one query considers (the whole site has a few hundred).
MAX_RESULTS = 500
WORD = re.compile(r"[a-z0-9]+")


def fold(text):
    """Lower-case ASCII: ``İstanbul`` → ``istanbul``, ``Şırnak`` → ``sirnak``, ``Umeå`` → ``umea``."""
    return anyascii(str(text)).lower()


def terms(query):
    """The folded words of a query."""
    return WORD.findall(fold(query))


def highlight(text, words):
    """``text`` escaped, with every occurrence of a folded word wrapped in ``<mark>``."""
    text = str(text)
    folded, origin = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded.append(folded_char)
            origin.append(index)
    folded = "".join(folded)
    spans = []
    for word in set(words):
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(word), folded)]
    marks, last_end = [], 0
    for start, end in sorted(spans):
        begin, finish = origin[start], origin[end - 1] + 1
        if begin < last_end:
            continue
        marks.append((begin, finish))
        last_end = finish
    html, position = [], 0
    for begin, finish in marks:
        html += [escape(text[position:begin]), "<mark>", escape(text[begin:finish]), "</mark>"]
        position = finish
    html.append(escape(text[position:]))
    markup = "".join(html)
    # Safe: only escape()d text between literal <mark> tags.
    return mark_safe(markup)  # nosec B308, B703


@dataclass
class Result:
    page: Page
    title: str
    summary: str
    other_language: str = ""

    @property
    def other_language_name(self):
        return multilingual.NAMES_IN_TEXT.get(self.other_language, "")


def search_pages(query, locale):
    """Live pages matching every word: the visitor's language first, then pages found only in another.

    A page whose translation in ``locale`` exists is shown once, in ``locale``.
    """
    words = terms(query)
    if not words:
        return [], words
    found = list(Page.objects.live().public().search(" ".join(words), operator="and")[:MAX_RESULTS])
    here = [page for page in found if page.locale_id == locale.pk]
    translated_here = set(
        Page.objects.live()
        .filter(locale=locale, translation_key__in={page.translation_key for page in found})
        .values_list("translation_key", flat=True)
    )
    elsewhere = {}
    for page in found:
        if page.locale_id == locale.pk or page.translation_key in translated_here:
            continue
        if page.translation_key not in elsewhere or multilingual.locales.language_of(page.locale_id) == "en":
            elsewhere[page.translation_key] = page
    return here + list(elsewhere.values()), words


def present(pages, words, locale):
    """The results of one result page, with their specific fields, addresses and highlights."""
    specific = {page.pk: page for page in Page.objects.filter(pk__in=[page.pk for page in pages]).specific()}
    ordered = multilingual.mark_fallbacks([specific[page.pk] for page in pages if page.pk in specific], locale)
    return [
        Result(
            page=page,
            title=highlight(page.title, words),
            summary=highlight(getattr(page, "intro", "") or "", words),
            other_language=page.content_language if page.is_fallback else "",
        )
        for page in ordered
    ]
