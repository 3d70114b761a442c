"""Build real page trees, with real wagtail-localize translations, for tests."""

import datetime

from wagtail.models import Locale, Page

from partnerships.loading.translation import translate_object
from partnerships.models import (
    Association,
    AssociationPage,
    HomePage,
    ModulePage,
    Municipality,
    MunicipalityIndexPage,
    MunicipalityPage,
    Network,
    NetworkIndexPage,
    NetworkPage,
    PostIndexPage,
    PostPage,
    ProductsPage,
    StandardPage,
)

#: Fake but recognisable translations: "[tr] Title".
PREFIX = {"tr": "[tr] ", "sv": "[sv] "}
#: The pages of the small site that are translated into Swedish (the rest is English and Turkish only).
SMALL_SITE_SWEDISH = ("home", "about", "networks_index", "municipalities_index")


def home_page():
    return HomePage.objects.get(depth=2, locale=Locale.get_default())


def add_page(parent, model, title, **fields):
    page = model(title=title, slug=fields.pop("slug", None) or _slug(title), intro=f"{title} intro", **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _slug(title):
    from django.utils.text import slugify

    return slugify(title)


def translate(page, language_code, *, publish=True):
    """Translate a page with wagtail-localize, every string prefixed by the language code."""
    locale = Locale.objects.get(language_code=language_code)
    if page.depth == 2:
        strings = {page.title: PREFIX[language_code] + page.title, page.slug: f"home-{language_code}"}
    else:
        strings = {page.title: PREFIX[language_code] + page.title, page.slug: f"{page.slug}-{language_code}"}
    if page.intro:
        strings[page.intro] = PREFIX[language_code] + page.intro
    return translate_object(page, locale, strings, publish=publish)


def build_site(languages=("tr", "sv")):
    """A page for every network, municipality, association and module in the database.

    Returns the English pages by kind; every page is translated into ``languages``.
    """
    home = home_page()
    home.intro = "Welcome"
    home.save_revision().publish()
    about = add_page(home, StandardPage, "About Tusenet", show_in_menus=True)
    networks_index = add_page(home, NetworkIndexPage, "Partnership networks", show_in_menus=True)
    municipalities_index = add_page(home, MunicipalityIndexPage, "Municipalities", show_in_menus=True)
    products = add_page(home, ProductsPage, "Tusenet Products", show_in_menus=True)
    posts = add_page(home, PostIndexPage, "Recent posts", show_in_menus=True)
    pages = {"home": home, "about": about, "networks_index": networks_index, "products": products}
    pages["municipalities_index"] = municipalities_index
    pages["posts_index"] = posts
    pages["post"] = add_page(posts, PostPage, "A post", date=datetime.date(2007, 2, 5))
    pages["networks"] = {
        n.number: add_page(networks_index, NetworkPage, f"Network {n.number}", network=n) for n in Network.objects.all()
    }
    pages["municipalities"] = {
        m.slug: add_page(municipalities_index, MunicipalityPage, m.name, slug=m.slug, municipality=m)
        for m in Municipality.objects.all()
    }
    pages["associations"] = {
        a.slug: add_page(municipalities_index, AssociationPage, a.acronym, slug=a.slug, association=a)
        for a in Association.objects.all()
    }
    modules = {n.module for n in Network.objects.select_related("module")}
    pages["modules"] = {
        m.number: add_page(products, ModulePage, f"Module {m.number}", slug=m.slug, module=m) for m in modules
    }
    for code in languages:
        for page in Page.objects.filter(locale=Locale.get_default(), depth__gte=2).order_by("path"):
            translate(page.specific, code)
    return pages


def small_site():
    """The real partnership data, a page for each record in English and Turkish, and a part in Swedish.

    Swedish: ``SMALL_SITE_SWEDISH``, network 1 and Stockholm; every other page falls back in Swedish.
    Returns the pages' ids in ``build_site``'s shape (``fetch_pages`` gives the pages back).
    """
    from partnerships.loading.data import load_partnership_data

    load_partnership_data()
    pages = build_site(languages=("tr",))
    # Read afresh: a stale copy would differ from the source and re-sync it, leaving Turkish out of date.
    for page in [
        *(pages[key] for key in SMALL_SITE_SWEDISH),
        pages["networks"][1],
        pages["municipalities"]["stockholm"],
    ]:
        translate(Page.objects.get(pk=page.pk).specific, "sv")
    return _map_pages(pages, lambda page: page.pk)


def fetch_pages(page_ids):
    """``build_site``'s shape of pages, read afresh from the database, from the same shape of ids."""
    return _map_pages(page_ids, lambda pk: Page.objects.get(pk=pk).specific)


def _map_pages(pages, function):
    return {
        key: _map_pages(value, function) if isinstance(value, dict) else function(value) for key, value in pages.items()
    }
