"""A page's rendered HTML is kept per address and language until the content changes; never a preview's or a query's.

``{% page_fragment %}`` (``tusenet/caching/templatetags/fragment_tags.py``) wraps the head and the body
of ``base.html``: the includes inside it (menu, language switcher, footer…) render only when the
kept HTML is missing. ``tests/test_fresh_content.py`` proves that every change shows at the next request.
"""

from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory
from wagtail.models import Locale

from tusenet.i18n import multilingual

from .builders import home_page

pytestmark = pytest.mark.django_db

MENU = "tags/main_menu.html"


@pytest.fixture
def site(small_site):
    return small_site


def rendered_templates(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return [template.name for template in response.templates]


def test_a_second_view_of_a_page_shows_the_kept_html_without_rendering_its_parts(client, site):
    url = site["networks"][1].url
    assert MENU in rendered_templates(client, url)
    assert MENU not in rendered_templates(client, url)
    assert client.get(url).content == client.get(url).content


def test_a_page_keeps_its_html_per_address_and_language(client, site):
    """Network 2 has no Swedish version: at its Swedish fallback address it shows in a Swedish frame."""
    page = site["networks"][2]
    swedish = multilingual.fallback_urls([page], Locale.objects.get(language_code="sv"))[page.pk]
    assert swedish.startswith("/sv/")
    rendered_templates(client, page.url)
    assert MENU in rendered_templates(client, swedish)
    assert ">Sök</a>" in client.get(swedish).content.decode()
    assert ">Search</a>" in client.get(page.url).content.decode()


def test_an_address_with_a_query_string_is_rendered_for_every_request(client, site):
    url = site["networks_index"].url + "?theme=tourism"
    assert MENU in rendered_templates(client, url)
    assert MENU in rendered_templates(client, url)


def test_a_preview_shows_the_draft_and_is_never_kept(client, site):
    page = site["about"]
    live_title = page.title
    page.title = "A draft title nobody has published"
    revision = page.save_revision()
    preview = revision.as_object().make_preview_request(RequestFactory().get(page.url))
    assert "A draft title nobody has published" in preview.rendered_content
    host = urlsplit(page.full_url).netloc  # the preview's address: the page's own
    assert MENU in rendered_templates(client, page.url, HTTP_HOST=host)
    shown = client.get(page.url, HTTP_HOST=host).content.decode()
    assert live_title in shown and "A draft title nobody has published" not in shown


def test_a_page_rendered_without_a_request_is_not_kept(site):
    """Rendering outside a request (an e-mail, a management command) has no address to keep it under."""
    from django.template.loader import render_to_string

    page = home_page().specific
    assert "Tusenet" in render_to_string("base.html", {"page": page})


def test_every_port_of_an_allowed_host_shares_one_kept_copy(client, site, settings):
    """Any port of an allowed host passes ``ALLOWED_HOSTS``: keys are made from the site, not the Host header."""
    settings.ALLOWED_HOSTS = ["*"]
    url = site["networks"][1].url
    assert MENU in rendered_templates(client, url, HTTP_HOST="127.0.0.1:8001")
    for port in range(8002, 8022):
        assert MENU not in rendered_templates(client, url, HTTP_HOST=f"127.0.0.1:{port}")


def test_while_debug_is_on_a_page_is_rendered_every_time(client, site, settings):
    """``make run``: a template just edited shows at the next request."""
    settings.DEBUG = True
    url = site["networks"][1].url
    assert MENU in rendered_templates(client, url)
    assert MENU in rendered_templates(client, url)
