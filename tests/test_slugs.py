"""Every page has a readable ASCII slug in every language, and old addresses keep working."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import rich_text

from partnerships.loading.translation import translate_object
from partnerships.models import StandardPage
from tusenet.i18n.slugs import ascii_slugify

from .builders import add_page, home_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Şırnak", "sirnak"),
        ("Büyükçekmece", "buyukcekmece"),
        ("Umeå", "umea"),
        ("Ağlar", "aglar"),
        ("İSTANBUL", "istanbul"),
        ("Malmö stad", "malmo-stad"),
        ("Karşıyaka Belediyesi", "karsiyaka-belediyesi"),
        ("Nätverk & moduler", "natverk-moduler"),
        ("Sveriges Kommuner och Regioner (SKR)", "sveriges-kommuner-och-regioner-skr"),
    ],
)
def test_ascii_slugify_transliterates_turkish_and_swedish(text, slug):
    assert ascii_slugify(text) == slug


def test_page_saved_without_slug_gets_a_transliterated_one(db):
    """Where Wagtail derives a slug on the server (pages made in code, imports), ours transliterates.

    In the admin the editor's browser fills the slug: tests/browser/test_admin_slugs.py.
    """
    page = StandardPage(title="Şırnak ağları")
    home_page().add_child(instance=page)
    assert page.slug == "sirnak-aglari"


def test_non_ascii_slug_typed_in_the_admin_is_transliterated(admin_client_logged_in):
    home = home_page()
    url = reverse("wagtailadmin_pages:add", args=("partnerships", "standardpage", home.pk))
    data = {
        "title": "Umeå",
        "slug": "umeå-ağlar",
        "intro": "",
        "body": rich_text(""),
        "sources-count": "0",
        "action-publish": "publish",
    }
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 302
    page = StandardPage.objects.get(title="Umeå")
    assert page.slug == "umea-aglar" and page.live
    assert page.url == "/en/umea-aglar/"


def test_a_typed_slug_a_sibling_has_once_transliterated_gets_a_field_error(admin_client_logged_in):
    """``secret-lögin`` beside ``secret-login``: the form says so; saving it was a server error."""
    home = home_page()
    add_page(home, StandardPage, "Secret login", slug="secret-login")
    url = reverse("wagtailadmin_pages:add", args=("partnerships", "standardpage", home.pk))
    data = {
        "title": "Another",
        "slug": "secret-lögin",
        "intro": "",
        "body": rich_text(""),
        "sources-count": "0",
        "action-publish": "publish",
    }
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 200
    assert "secret-login" in str(response.context["form"].errors["slug"])
    assert not StandardPage.objects.filter(title="Another").exists()


def test_translations_made_by_wagtail_localize_get_transliterated_slugs(db):
    turkish = Locale.objects.get(language_code="tr")
    home = home_page()
    english = add_page(home, StandardPage, "Networks", slug="networks")
    assert translate_object(home, turkish, {home.title: "Ana sayfa", "home": "home-tr"}).slug == "home-tr"
    strings = {"Networks": "Ağlar", "networks": "Şırnak ağları", "Networks intro": "Ağlar"}
    translated = translate_object(english, turkish, strings)
    assert translated.slug == "sirnak-aglari"
    assert translated.url == "/tr/sirnak-aglari/"


def test_old_address_redirects_after_a_slug_change(client, db, django_capture_on_commit_callbacks):
    page = add_page(home_page(), StandardPage, "About", slug="about")
    assert client.get("/en/about/").status_code == 200
    page.slug = "about-tusenet"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get("/en/about/")
    assert response.status_code == 301
    assert response["Location"].endswith("/en/about-tusenet/")
    assert client.get(response["Location"]).status_code == 200


def test_a_slug_held_by_an_abandoned_draft_is_named_on_the_first_tab(admin_client_logged_in):
    """The slug's error sat on the Promote tab, out of sight: the title now says which page holds it and why."""
    home = home_page()
    abandoned = add_page(home, StandardPage, "Autumn meeting", slug="autumn-meeting")
    abandoned.save_revision().publish()
    StandardPage.objects.get(pk=abandoned.pk).unpublish()
    url = reverse("wagtailadmin_pages:add", args=("partnerships", "standardpage", home.pk))
    data = {
        "title": "Autumn meeting",
        "slug": "autumn-meeting",
        "intro": "",
        "body": rich_text(""),
        "sources-count": "0",
    }
    response = admin_client_logged_in.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 200
    title_errors = " ".join(response.context["form"].errors["title"])
    assert "“Autumn meeting” already has the address “autumn-meeting” here" in title_errors
    assert "on the Promote tab" in title_errors
    assert "a draft that was never published" not in title_errors  # it was published once
    StandardPage.objects.filter(pk=abandoned.pk).update(last_published_at=None)
    response = admin_client_logged_in.post(url, {**data, "action-publish": "publish"})
    assert "a draft that was never published: delete it if nobody needs it" in " ".join(
        response.context["form"].errors["title"]
    )
