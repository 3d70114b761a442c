"""No deletion loses editors' or translators' work: refusals through the real admin, and the no-cascade check."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models
from django.test.utils import isolate_apps
from django.urls import reverse
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from partnerships.loading.translation import translate_object
from partnerships.models import (
    Module,
    Municipality,
    MunicipalityIndexPage,
    MunicipalityPage,
    StandardPage,
    WorkingArea,
)
from tusenet.ops import checks

from .builders import add_page, home_page, translate
from .factories import WorkingAreaFactory

pytestmark = pytest.mark.django_db


def saved_work():
    """What a deletion could take away: pages and every kind of wagtail-localize record."""
    return {
        "pages": Page.objects.count(),
        "sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "translated strings": StringTranslation.objects.count(),
    }


@pytest.fixture
def translated_about():
    """ "About Tusenet" and its child "History", both translated into Turkish and Swedish."""
    home = home_page()
    about = add_page(home, StandardPage, "About Tusenet")
    history = add_page(about, StandardPage, "History")
    for code in ("tr", "sv"):
        for page in (home, about, history):
            translate(Page.objects.get(pk=page.pk).specific, code)
    return {"about": about, "history": history}


def test_deleting_a_page_with_translations_is_refused_naming_them(admin_client_logged_in, translated_about):
    """The refusal lists the four translations (of the page and of its child); a forced POST deletes nothing."""
    about = translated_about["about"]
    url = reverse("wagtailadmin_pages:delete", args=[about.pk])
    before = saved_work()

    response = admin_client_logged_in.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "“About Tusenet” cannot be deleted yet: 4 pages in other languages are translated from it" in html
    for title in ("[tr] About Tusenet", "[sv] About Tusenet", "[tr] History", "[sv] History"):
        assert title in html
    assert "Yes, delete it" not in html, "no delete button"

    response = admin_client_logged_in.post(url)
    assert response.status_code == 409
    assert "Nothing has been deleted." in response.content.decode()
    assert saved_work() == before


def test_the_refusal_is_in_the_editors_language(admin_client_logged_in, translated_about, django_user_model):
    """A Turkish-speaking editor reads the refusal in Turkish."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(django_user_model.objects.get(username="admin"))
    profile.preferred_language = "tr"
    profile.save()
    url = reverse("wagtailadmin_pages:delete", args=[translated_about["about"].pk])
    html = admin_client_logged_in.get(url).content.decode()
    assert "henüz silinemez" in html


def test_deleting_a_translation_asks_and_keeps_the_source_and_other_translations(
    admin_client_logged_in, translated_about
):
    """The Turkish "History" has nothing translated from it: Wagtail's confirmation, then only it goes."""
    history = translated_about["history"]
    turkish = Page.objects.get(translation_key=history.translation_key, locale__language_code="tr")
    url = reverse("wagtailadmin_pages:delete", args=[turkish.pk])
    assert "Are you sure you want to delete this page?" in admin_client_logged_in.get(url).content.decode()
    swedish_strings = StringTranslation.objects.filter(locale__language_code="sv").count()

    response = admin_client_logged_in.post(url)
    assert response.status_code == 302
    assert not Page.objects.filter(pk=turkish.pk).exists()
    assert Page.objects.filter(pk=history.pk).exists()
    assert TranslationSource.objects.filter(object_id=history.translation_key).exists()
    assert StringTranslation.objects.filter(locale__language_code="sv").count() == swedish_strings


def test_deleting_an_untranslated_page_with_children_asks_with_the_count(admin_client_logged_in):
    """Wagtail's confirmation says how many child pages go with it; confirming deletes the three pages."""
    draft_section = add_page(home_page(), StandardPage, "Draft section")
    add_page(draft_section, StandardPage, "Draft one")
    add_page(draft_section, StandardPage, "Draft two")
    url = reverse("wagtailadmin_pages:delete", args=[draft_section.pk])
    html = admin_client_logged_in.get(url).content.decode()
    assert "Deleting this page will also delete 2 more child pages." in html

    pages = Page.objects.count()
    assert admin_client_logged_in.post(url).status_code == 302
    assert Page.objects.count() == pages - 3


def test_bulk_deleting_a_translated_page_is_refused(admin_client_logged_in, translated_about):
    """The explorer's bulk delete gets the same refusal and deletes nothing."""
    about = translated_about["about"]
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete")) + f"?id={about.pk}"
    before = saved_work()
    response = admin_client_logged_in.post(url)
    assert response.status_code == 409
    assert "cannot be deleted yet" in response.content.decode()
    assert saved_work() == before


@pytest.fixture
def kalmar_with_page(seed_data):
    """Kalmar, in networks 3 and 6, with its municipality page."""
    kalmar = Municipality.objects.get(slug="kalmar")
    index = add_page(home_page(), MunicipalityIndexPage, "Municipalities")
    add_page(index, MunicipalityPage, "Kalmar", municipality=kalmar)
    return kalmar


def forget_references_to(obj):
    """Empty Wagtail's reference index for ``obj``: only the database's foreign keys still know."""
    content_type = ContentType.objects.get_for_model(obj)
    ReferenceIndex.objects.filter(to_content_type=content_type, to_object_id=str(obj.pk)).delete()


def test_deleting_a_used_municipality_is_refused_naming_its_users(admin_client_logged_in, kalmar_with_page):
    """The delete page names the page and memberships using Kalmar; a POST is refused with the same message."""
    kalmar = kalmar_with_page
    url = reverse("wagtailsnippets_partnerships_municipality:delete", args=[kalmar.pk])
    response = admin_client_logged_in.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "“Kalmar” cannot be deleted because it is still used by:" in html
    for user in ("Municipality page “Kalmar”", "Membership “Network 3: Kalmar”", "Membership “Network 6: Kalmar”"):
        assert user in html

    forget_references_to(kalmar)  # the database still refuses, and the admin says so instead of a 500
    response = admin_client_logged_in.post(url, follow=True)
    assert response.status_code == 200
    assert "“Kalmar” cannot be deleted because it is still used by:" in response.content.decode()
    assert Municipality.objects.filter(pk=kalmar.pk).exists()


def test_bulk_deleting_a_used_municipality_is_refused_with_a_message(admin_client_logged_in, kalmar_with_page):
    """Bulk delete, even when Wagtail's reference index has no record of the users: a message, no 500."""
    kalmar = kalmar_with_page
    forget_references_to(kalmar)
    url = reverse("wagtail_bulk_action", args=("partnerships", "municipality", "delete")) + f"?id={kalmar.pk}"
    response = admin_client_logged_in.post(url, follow=True)
    assert response.status_code == 200
    assert "“Kalmar” cannot be deleted because it is still used by:" in response.content.decode()
    assert Municipality.objects.filter(pk=kalmar.pk).exists()


def test_deleting_a_module_with_translated_working_areas_is_refused(admin_client_logged_in):
    """A module's working areas (translators' labels) protect it: they are deleted first, never with it."""
    area = WorkingAreaFactory(name="Tourism")
    module = area.module
    url = reverse("wagtailsnippets_partnerships_module:delete", args=[module.pk])
    response = admin_client_logged_in.post(url, follow=True)
    assert response.status_code == 200
    assert "Working area “Tourism”" in response.content.decode()
    assert Module.objects.filter(pk=module.pk).exists() and type(area).objects.filter(pk=area.pk).exists()


def test_deleting_a_working_area_with_translations_is_refused(admin_client_logged_in):
    """The Turkish label is translated from the English one: the English cannot go first; the Turkish can."""
    area = WorkingAreaFactory(name="Tourism")
    turkish = translate_object(area, Locale.objects.get(language_code="tr"), {"Tourism": "Turizm"})
    url = reverse("wagtailsnippets_partnerships_workingarea:delete", args=[area.pk])
    before = saved_work()

    response = admin_client_logged_in.get(url, follow=True)
    assert response.status_code == 200
    assert "“Tourism” cannot be deleted yet: “Turizm” (Turkish) translated from it" in response.content.decode()
    admin_client_logged_in.post(url)
    assert saved_work() == before and WorkingArea.objects.filter(pk=area.pk).exists()

    turkish_url = reverse("wagtailsnippets_partnerships_workingarea:delete", args=[turkish.pk])
    assert admin_client_logged_in.post(turkish_url).status_code == 302
    assert not WorkingArea.objects.filter(pk=turkish.pk).exists()


def test_no_foreign_key_of_ours_cascades_without_a_reason():
    """The system check passes on the real models, and `manage.py check` with it."""
    assert checks.check_no_cascading_deletes() == []
    call_command("check", fail_level="ERROR", stdout=open("/dev/null", "w"))
    checked = {checks.field_label(field) for field in checks.relations_to_check()}
    assert {"partnerships.WorkingArea.module", "partnerships.MunicipalityPage.municipality"} <= checked


@isolate_apps("partnerships")
def test_the_check_fails_on_a_cascade_that_would_delete_work():
    """A model whose rows vanish with a municipality is an error; the same link with PROTECT is not."""

    class Note(models.Model):  # noqa: DJ008
        municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)

        class Meta:
            app_label = "partnerships"

    class KeptNote(models.Model):  # noqa: DJ008
        municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)

        class Meta:
            app_label = "partnerships"

    errors = checks.cascade_errors(Note._meta.local_fields)
    assert [error.id for error in errors] == ["partnerships.E001"]
    assert errors[0].msg.startswith("partnerships.Note.municipality deletes its rows")
    assert checks.cascade_errors(KeptNote._meta.local_fields) == []


def test_the_allow_list_names_only_real_cascades():
    """An allow-list entry for a field that does not cascade is an error too."""
    fields = list(checks.relations_to_check())
    errors = checks.stale_allowances(fields, allowed={"partnerships.Network.module": "it is PROTECT"})
    assert [error.id for error in errors] == ["partnerships.E002"]
    assert checks.stale_allowances(fields) == []
