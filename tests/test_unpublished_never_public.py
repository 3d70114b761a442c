"""Drafts, unpublished changes, private pages and unpublished translations never reach visitors.

Each hidden object carries its own made-up word in its title, slug and texts. On the real
content (``load_tusenet``), no public answer may contain any of those words: the page's own
address, its parent's listing and the menus, search in all three languages, the RSS and Atom
feeds, sitemap.xml, the open data files and Wagtail's pages API (listing, detail, find, search).
A last test publishes the objects and finds every word in those same answers, so the probes
are shown to see what they look for.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.strings import StringValue

from partnerships.loading.translation import translate_object
from partnerships.models import HomePage, MunicipalityPage, PostIndexPage, PostPage, ProductsPage, StandardPage

from .factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "tr", "sv")
SEARCH = {"en": "/en/search/", "tr": "/tr/ara/", "sv": "/sv/sok/"}
OPEN_DATA = [
    "/data/v1/networks.json",
    "/data/v1/municipalities.json",
    "/data/v1/municipalities.csv",
    "/data/v1/partners.geojson",
]

#: Hidden object → its word. Words are made up, so they appear nowhere else on the site.
WORDS = {
    "draft_post": "quokkadraft",
    "draft_section": "wombatdraft",
    "changed_about": "numbatchange",
    "changed_post": "dingochange",
    "private_post": "bilbyprivate",
    "private_section": "dugongprivate",
    "unpublished_translation": "kakapotranslation",
    "unpublished_section_translation": "takahetranslation",
}
ANY_WORD = re.compile("|".join(WORDS.values()), re.IGNORECASE)


def english(model, **filters):
    return model.objects.get(locale__language_code="en", **filters)


def draft(parent, model, word, **fields):
    """A page that was never published."""
    page = model(title=f"{word.title()} news", slug=f"{word}-news", intro=f"The {word} story.", live=False, **fields)
    parent.add_child(instance=page)
    page.save_revision()
    return page


def published(parent, model, word, **fields):
    page = model(title=f"{word.title()} pages", slug=f"{word}-pages", intro=f"The {word} story.", **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def with_pending_changes(page, word):
    """A newer draft revision with the word in every text and in the slug; the live row stays as it was."""
    page = page.specific
    page.title, page.slug = f"{page.title} {word}", f"{page.slug}-{word}"
    page.intro, page.body = f"{page.intro} {word}", f"{page.body}<p>{word}</p>"
    page.save_revision()
    return Page.objects.get(pk=page.pk).specific


def restricted(page, restriction_type, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type)
    restriction.groups.set(Group.objects.filter(name__in=groups))
    return page


def draft_translation(page, language, word):
    """A wagtail-localize translation of ``page``, every string carrying the word, saved and not published."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    strings = {}
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = StringValue(segment.string.data).render_text()
        strings[text] = f"{word}-{page.slug}" if segment.context.path == "slug" else f"{word.title()} {text}"
    return translate_object(page, Locale.objects.get(language_code=language), strings, publish=False)


@pytest.fixture(scope="module")
def hidden(loaded_content, django_db_blocker):
    """The hidden objects, made once for the module on the real content (rolled back with it)."""
    with django_db_blocker.unblock():
        home, posts = english(HomePage, depth=2), english(PostIndexPage)
        objects = {
            "draft_post": draft(posts, PostPage, WORDS["draft_post"], date=datetime.date.today()),
            "draft_section": draft(home, StandardPage, WORDS["draft_section"], show_in_menus=True),
            "changed_about": with_pending_changes(english(StandardPage, slug="about-tusenet"), WORDS["changed_about"]),
            "changed_post": with_pending_changes(
                PostPage.objects.filter(locale=home.locale).first(), WORDS["changed_post"]
            ),
            "private_post": restricted(
                published(posts, PostPage, WORDS["private_post"], date=datetime.date.today()), PageViewRestriction.LOGIN
            ),
            "private_section": restricted(
                published(home, StandardPage, WORDS["private_section"], show_in_menus=True),
                PageViewRestriction.GROUPS,
                groups=["Editors"],
            ),
            "unpublished_translation": draft_translation(
                english(MunicipalityPage, municipality__slug="istanbul"), "sv", WORDS["unpublished_translation"]
            ),
            "unpublished_section_translation": draft_translation(
                english(ProductsPage), "sv", WORDS["unpublished_section_translation"]
            ),
        }
        assert not any(page.live for key, page in objects.items() if "draft" in key or "unpublished" in key)
        return objects


def secrets_in(response, *more_words):
    """The hidden words (and ``more_words``) a response gives away."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    words = re.compile("|".join([*WORDS.values(), *more_words]), re.IGNORECASE)
    return sorted({word.lower() for word in words.findall(content.decode())})


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, path
    return response


@pytest.mark.parametrize("name", ["draft_post", "draft_section"])
def test_a_draft_has_no_address(client, hidden, name):
    response = client.get(hidden[name].url)
    assert response.status_code == 404
    assert secrets_in(response) == []


@pytest.mark.parametrize("name", ["private_post", "private_section"])
def test_a_private_page_asks_visitors_to_sign_in(client, hidden, name):
    page = hidden[name]
    response = client.get(page.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert page.title not in client.get(response["Location"]).content.decode()  # its address is echoed, no more


def test_a_private_page_is_not_shown_to_the_wrong_group_nor_kept_for_visitors(client, hidden):
    """Signed in but not an editor: refused. An editor sees it; a visitor after them is still refused."""
    url = hidden["private_section"].url
    client.force_login(UserFactory(role="Swedish translators"))
    assert secrets_in(client.get(url)) == []
    client.force_login(UserFactory(role="Editors"))
    assert WORDS["private_section"] in secrets_in(get(client, url))
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and secrets_in(response) == []


def test_a_page_made_private_leaves_the_cached_menus(client, hidden, django_capture_on_commit_callbacks):
    """In the cached menus while public; once restricted, neither the page nor its menu entry is served."""
    word = "kiwilater"
    page = published(english(HomePage, depth=2), StandardPage, word, show_in_menus=True)
    cache.clear()
    for url in (page.url, "/en/", "/sv/"):
        client.get(url)
        response = get(client, url)
        assert word in secrets_in(response, word), url
    with django_capture_on_commit_callbacks(execute=True):
        restricted(page, PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert secrets_in(get(client, "/en/"), word) == secrets_in(get(client, "/sv/"), word) == []


@pytest.mark.parametrize("name", ["changed_about", "changed_post"])
def test_a_page_with_unpublished_changes_shows_its_live_version(client, hidden, name):
    page = hidden[name]
    live = Page.objects.get(pk=page.pk)
    assert live.has_unpublished_changes and WORDS[name] not in live.url
    assert secrets_in(get(client, live.url)) == []
    assert client.get(live.url.rstrip("/") + f"-{WORDS[name]}/").status_code == 404  # the draft slug


@pytest.mark.parametrize("name", ["unpublished_translation", "unpublished_section_translation"])
def test_an_unpublished_translation_shows_the_source_in_its_place(client, hidden, name):
    """Its address falls back to the live English page (README: Languages), never to the draft's text."""
    response = get(client, hidden[name].url)
    assert response.context["page"].locale.language_code == "en"
    assert secrets_in(response) == []


def listing_pages():
    """Every page that lists or links the hidden pages' places: homes (menus, recent posts) and parents."""
    return [
        *(f"/{code}/" for code in LANGUAGES),
        "/en/recent-posts/",
        "/tr/son-yazilar/",
        "/sv/recent-posts/",
        "/en/municipalities-and-associations/",
        "/sv/kommuner-och-forbund/",
        "/sv/tusenet-products/",
        "/en/tusenet-products/",
        "/en/about-tusenet/",
        "/sv/om-tusenet/",
    ]


@pytest.mark.parametrize("path", listing_pages())
def test_listings_and_menus_show_none_of_them(client, hidden, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert secrets_in(response) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(WORDS))
def test_search_finds_none_of_them(client, hidden, language, name):
    response = get(client, SEARCH[language], q=WORDS[name])
    assert response.context["count"] == 0
    assert list(response.context["shown"]) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_show_none_of_them(client, hidden, language, kind):
    assert secrets_in(get(client, f"/{language}/feeds/posts.{kind}")) == []


def test_the_sitemap_shows_none_of_them(client, hidden):
    assert secrets_in(get(client, "/sitemap.xml")) == []


@pytest.mark.parametrize("path", OPEN_DATA)
def test_open_data_shows_none_of_them(client, hidden, path):
    assert secrets_in(get(client, path)) == []


def api_listing(client, **params):
    """Every item of the pages API for these parameters, page by page."""
    items, offset = [], 0
    while True:
        document = get(client, "/api/v2/pages/", offset=offset, limit=20, **params).json()
        items += document["items"]
        offset += 20
        if offset >= document["meta"]["total_count"]:
            return items


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_api_lists_none_of_them(client, hidden, language):
    items = api_listing(client, locale=language, fields="*")
    ids = {item["id"] for item in items}
    assert ids and not ids & {page.pk for name, page in hidden.items() if not name.startswith("changed")}
    assert ANY_WORD.search(str(items)) is None


@pytest.mark.parametrize("name", list(WORDS))
def test_the_pages_api_hides_each_of_them(client, hidden, name):
    page = hidden[name]
    detail = client.get(f"/api/v2/pages/{page.pk}/", {"fields": "*"})
    if name.startswith("changed"):
        assert detail.status_code == 200 and secrets_in(detail) == []  # the live version only
    else:
        assert detail.status_code == 404
    found = client.get("/api/v2/pages/find/", {"html_path": page.url}, follow=True)
    assert secrets_in(found) == []
    assert get(client, "/api/v2/pages/", search=WORDS[name]).json()["meta"]["total_count"] == 0


def test_the_probes_see_the_words_once_everything_is_published(client, hidden):
    """Publish every draft and lift the restrictions: now each channel shows the words it hid."""
    for page in hidden.values():
        Page.objects.get(pk=page.pk).get_latest_revision().publish()
    PageViewRestriction.objects.filter(page__in=[hidden["private_post"], hidden["private_section"]]).delete()
    cache.clear()
    post_words = {WORDS["draft_post"], WORDS["private_post"], WORDS["changed_post"]}
    assert post_words <= set(secrets_in(get(client, "/en/feeds/posts.rss")))
    assert post_words <= set(secrets_in(get(client, "/en/recent-posts/")))
    assert {WORDS["draft_section"], WORDS["private_section"]} <= set(secrets_in(get(client, "/en/")))
    assert WORDS["unpublished_translation"] in secrets_in(get(client, "/data/v1/municipalities.json"))
    assert set(WORDS.values()) == set(secrets_in(get(client, "/sitemap.xml")))
    for name, word in WORDS.items():
        language = "sv" if "translation" in name else "en"
        assert get(client, SEARCH[language], q=word).context["count"] >= 1, name
        assert get(client, "/api/v2/pages/", search=word).json()["meta"]["total_count"] >= 1, name
        assert client.get(f"/api/v2/pages/{hidden[name].pk}/").status_code == 200, name
