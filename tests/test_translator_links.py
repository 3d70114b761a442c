"""A translator replaces a link's address only with a web, mail or phone address, never with script.

wagtail-localize's translation editor lets a translator override each link of the source's rich text
(``tusenet/editorial/safe_links.py`` checks it before wagtail-localize saves it). Drafts with such
content are previewed under the public site's policy, which runs no script from content.
"""

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation, TranslationSource

from partnerships.loading.translation import translate_object
from partnerships.models import StandardPage
from tusenet.editorial.safe_links import is_safe_address

from .builders import add_page
from .factories import UserFactory

pytestmark = pytest.mark.django_db

SOURCE_LINK = "https://skr.se/"


@pytest.fixture
def link_override(small_site):
    """The Turkish translation of a page whose body links to SKR, and the overridable address of that link."""
    page = add_page(small_site["home"], StandardPage, "Partners abroad", body=f'<p><a href="{SOURCE_LINK}">SKR</a></p>')
    turkish = Locale.objects.get(language_code="tr")
    strings = {page.title: "Yurt dışındaki ortaklar", page.slug: "yurt-disindaki-ortaklar", page.intro: "Ortaklar"}
    strings["SKR"] = "SKR"
    translate_object(page, turkish, strings)
    source = TranslationSource.objects.get_for_instance(page)
    translation = Translation.objects.get(source=source, target_locale=turkish)
    segment = OverridableSegment.objects.get(source=source)
    assert segment.data == SOURCE_LINK
    return translation, segment


def put_override(client, translation, segment, value):
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])
    return client.put(url, encode_multipart(BOUNDARY, {"value": value}), content_type=MULTIPART_CONTENT)


@pytest.fixture
def turkish_translator(client):
    client.force_login(UserFactory(role="Turkish translators"))
    return client


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "jav\tascript:alert(1)",
        " javascript:alert(1)",
        "java&#115;cript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_a_translator_cannot_replace_a_link_with_script(turkish_translator, link_override, address):
    translation, segment = link_override
    response = put_override(turkish_translator, translation, segment, address)
    assert response.status_code == 400
    assert "https" in response.json()["value"][0]
    assert not SegmentOverride.objects.filter(context=segment.context).exists()


@pytest.mark.parametrize("address", ["https://www.skr.se/en/", "mailto:info@skr.se", "tel:+46855234000", "/tr/"])
def test_a_translator_replaces_a_link_with_a_web_mail_or_phone_address(turkish_translator, link_override, address):
    translation, segment = link_override
    assert put_override(turkish_translator, translation, segment, address).status_code == 201
    assert SegmentOverride.objects.get(context=segment.context).data == address


def test_an_override_sent_without_a_value_gets_a_clear_answer(turkish_translator, link_override):
    translation, segment = link_override
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])
    response = turkish_translator.put(url, '{"value": "https://skr.se/"}', content_type="application/json")
    assert response.status_code == 400


def test_another_languages_translator_still_may_not_override(client, link_override):
    client.force_login(UserFactory(role="Swedish translators"))
    translation, segment = link_override
    assert put_override(client, translation, segment, "https://www.skr.se/en/").status_code == 403


@pytest.mark.parametrize(
    ("address", "safe"),
    [
        ("https://skr.se", True),
        ("HTTP://skr.se", True),
        ("//skr.se/x", True),
        ("#members", True),
        ("?q=kalmar", True),
        ("ftp://skr.se/", False),
        ("javascript\n:alert(1)", False),
        ("&#106;avascript:x", False),
    ],
)
def test_only_relative_web_mail_and_phone_addresses_are_safe(address, safe):
    assert is_safe_address(address) is safe
