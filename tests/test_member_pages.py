"""A new municipality is offered its page: without one it is shown unlinked on network pages and the map."""

import pytest
from django.urls import reverse

from partnerships.models import Municipality

from .factories import UserFactory
from .test_admin import in_admin_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_admin_client(client):
    client.force_login(UserFactory(role="Data admins"))
    return client


def add_konak(client):
    """Konak, İzmir, added through the admin form."""
    return client.post(
        reverse("wagtailsnippets_partnerships_municipality:add"),
        {
            "name": "Konak",
            "official_name": "Konak Belediyesi",
            "slug": "konak",
            "country": "TR",
            "kind": "district",
            "region": "İzmir",
            "latitude": "38.4189",
            "longitude": "27.1287",
        },
        follow=True,
    )


def test_a_new_municipality_is_offered_its_page_and_gets_it_as_an_english_draft(admin_client_logged_in, small_site):
    """It appeared unlinked on network pages and the map, and nothing in the admin said a page was needed."""
    from partnerships.models import MunicipalityPage

    in_admin_language("tr")
    response = add_konak(admin_client_logged_in)
    konak = Municipality.objects.get(slug="konak")
    create = reverse("partnerships_create_municipality_page", args=[konak.pk])
    warning = [str(m) for m in response.context["messages"] if "Konak" in str(m) and m.level_tag == "warning"]
    assert warning and create in response.content.decode()
    assert admin_client_logged_in.get(create).status_code == 200
    page_edit = admin_client_logged_in.post(create)
    page = MunicipalityPage.objects.get(municipality=konak)
    assert page_edit["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert (page.locale.language_code, page.slug, page.live) == ("en", "konak", False)
    assert admin_client_logged_in.post(create)["Location"] == page_edit["Location"]  # asked again: the same page


def test_a_data_admin_is_told_an_editor_creates_the_page(data_admin_client, small_site):
    response = add_konak(data_admin_client)
    konak = Municipality.objects.get(slug="konak")
    assert "An editor creates it under Municipalities." in response.content.decode()
    assert data_admin_client.post(reverse("partnerships_create_municipality_page", args=[konak.pk])).status_code in (
        302,
        403,
    )
    assert not konak.pages.exists()
