"""Words of Wagtail's admin that Turkish and Swedish editors read wrongly put together, put right here."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(client, role, language):
    user = UserFactory(role=role)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    client.force_login(user)
    return user


def listing_count(response):
    """The count above a page listing, as a reader reads it."""
    html = response.content.decode()
    header = re.search(r'<th[^>]*class="[^"]*title[^"]*".*?</th>', html, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", header)).strip()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("tr", r"\b\d+ sayfa arasından 1-\d+\b"), ("sv", r"\b1-\d+ av \d+ sidor\b"), ("en", r"\b1-\d+ of \d+ pages\b")],
)
def test_the_page_search_counts_pages_with_the_numbers_plural(client, small_site, language, expected):
    """Wagtail wrote "1-3 of 3 None" (no name given) and would write "4 sayfalar" (Turkish keeps the singular)."""
    signed_in(client, "Editors", language)
    count = listing_count(client.get(reverse("wagtailadmin_pages:search"), {"q": "network"}))
    assert re.search(expected, count), count


def test_a_search_in_a_section_offers_the_whole_site_in_turkish_word_order(client, small_site):
    """Wagtail's Turkish "Arama 'Ağlar' içinde" reads "Search 'Networks' in"; "'Ağlar' içinde ara" is Turkish."""
    signed_in(client, "Editors", "tr")
    home = small_site["home"]
    count = listing_count(
        client.get(reverse("wagtailadmin_explore", args=[home.pk]), {"q": "network", "search_all": 1})
    )
    assert re.search(rf"'{re.escape(home.title)}' içinde ara", count), count


def test_a_refusal_reaches_a_turkish_admin_in_turkish(client, small_site):
    """Wagtail writes "Sorry, you do not have permission…" after its view has left the admin's language."""
    signed_in(client, "Turkish translators", "tr")
    response = client.get(reverse("wagtailsnippets_partnerships_municipality:list"), follow=True)
    messages = [str(message).strip() for message in response.context["messages"]]
    assert messages == ["Üzgünüm, bu alana erişim yetkiniz yok."]


def test_the_headers_actions_are_named_in_the_admins_language(client, small_site):
    """Screen readers announced the header's buttons as "Actions" in a Swedish admin (Wagtail's template)."""
    signed_in(client, "Editors", "sv")
    html = client.get(reverse("wagtailadmin_explore", args=[small_site["home"].pk])).content.decode()
    assert '<nav aria-label="Handlingar" id="w-slim-header-buttons"' in html


def test_a_page_published_by_no_one_has_no_none_for_its_publisher(client, small_site):
    """The aging pages report named the loader's publications "None"."""
    signed_in(client, "Editors", "sv")
    html = client.get(reverse("wagtailadmin_reports:aging_pages")).content.decode()
    assert small_site["home"].title in html
    assert not re.search(r">\s*None\s*<", html)


@pytest.mark.parametrize(
    ("language", "english", "corrected"),
    [
        ("sv", "Workflow state", "Arbetsflödesstatus"),  # was "Arbetsflöde status"
        ("sv", "Workflow states", "Arbetsflödesstatusar"),
        ("sv", "Task states", "Uppgiftsstatusar"),  # was "Uppgift status"
        ("tr", "Locale", "Dil"),  # was "Yerel" ("local") in the page filters and the status panel
        ("tr", "Locales", "Diller"),  # was "Yerelleştirmeler" on "Translate this page"
        ("sv", "Locale", "Språk"),  # was "Plats" ("place")
        ("sv", "locale", "språk"),  # was "översättning" ("translation")
    ],
)
def test_wagtails_wrong_words_are_corrected(language, english, corrected):
    from django.utils import translation

    with translation.override(language):
        assert translation.gettext(english) == corrected
