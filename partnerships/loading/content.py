"""Build the Tusenet page tree from ``data/site_content.json`` in English, Turkish and Swedish.

A fact beyond the seed is a ``{"fact": ..., "source": ...}`` block (or a row of a
``{"facts": [...]}`` list) naming its entry in ``data/sources.json``; each page lists
the sources its facts cite, in the order they are first cited.

English pages are created and published first; Turkish and Swedish pages are then
made as real wagtail-localize translations of them. Pages that already exist are
left alone, so running the loader again changes nothing and never undoes an
editor's work; posts the file retired are unpublished only if nobody edited them
(``retired.py``).
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Page

from ..models import (
    Association,
    AssociationPage,
    HomePage,
    Module,
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
from .retired import retire_pages
from .translation import translate_object

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CONTENT_FILE = DATA_DIR / "site_content.json"
SOURCES_FILE = DATA_DIR / "sources.json"


def body_html(blocks):
    """Turn the content file's paragraphs, headings (``{"heading": ...}``) and lists into rich text HTML."""
    parts = []
    for block in blocks:
        if isinstance(block, dict) and "heading" in block:
            parts.append(f"<h2>{escape(block['heading'])}</h2>")
        elif isinstance(block, dict) and "fact" in block:
            parts.append(f"<p>{escape(block['fact'])}</p>")
        elif isinstance(block, dict):
            items = "".join(f"<li>{escape(item)}</li>" for item in _list_items(block))
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{escape(block)}</p>")
    return "".join(parts)


def _list_items(block):
    return block["list"] if "list" in block else [row["fact"] for row in block["facts"]]


def plain_texts(blocks):
    for block in blocks:
        if isinstance(block, dict) and "heading" in block:
            yield block["heading"]
        elif isinstance(block, dict) and "fact" in block:
            yield block["fact"]
        elif isinstance(block, dict):
            yield from _list_items(block)
        else:
            yield block


def fact_rows(blocks):
    """The facts of a page's body, standalone or in a list: each names its source."""
    for block in blocks:
        if isinstance(block, dict) and "fact" in block:
            yield block
        elif isinstance(block, dict) and "facts" in block:
            yield from block["facts"]


def cited_sources(blocks, sources):
    """The sources the facts cite, once each in the order first cited, as the page's ``sources`` stream."""
    cited = dict.fromkeys(row["source"] for row in fact_rows(blocks))
    return [("source", sources[key]) for key in cited]


def string_map(source, target):
    """Pair every source-language string of a page with its translation."""
    pairs = {source["title"]: target["title"], source["slug"]: target["slug"]}
    if source["intro"]:
        pairs[source["intro"]] = target["intro"]
    pairs.update(zip(plain_texts(source["body"]), plain_texts(target["body"]), strict=True))
    return pairs


@dataclass
class PlannedPage:
    """One page of the tree: its type, texts per language and its data record."""

    model: type
    texts: dict
    parent: "PlannedPage | None" = None
    record: dict = field(default_factory=dict)
    #: Fields set when the page is created, not used to find it again (a post's date).
    fields: dict = field(default_factory=dict)
    show_in_menus: bool = False
    page: Page | None = None

    @property
    def english(self):
        return self.texts["en"]


def plan_tree(content):
    """Describe every page to load, parents before children."""
    home = PlannedPage(HomePage, content["home"])
    plan = [home]

    def add(model, texts, parent, **kwargs):
        planned = PlannedPage(model, texts, parent, **kwargs)
        plan.append(planned)
        return planned

    add(StandardPage, content["about"], home, show_in_menus=True)
    add(StandardPage, content["open_data"], home)
    add(StandardPage, content["accessibility"], home)
    networks_index = add(NetworkIndexPage, content["networks_index"], home, show_in_menus=True)
    for number, texts in content["networks"].items():
        add(NetworkPage, texts, networks_index, record={"network": Network.objects.get(number=int(number))})
    municipalities_index = add(MunicipalityIndexPage, content["municipalities_index"], home, show_in_menus=True)
    for slug, texts in content["municipalities"].items():
        record = {"municipality": Municipality.objects.get(slug=slug)}
        add(MunicipalityPage, texts, municipalities_index, record=record)
    for slug, texts in content["associations"].items():
        record = {"association": Association.objects.get(slug=slug)}
        add(AssociationPage, texts, municipalities_index, record=record)
    products = add(ProductsPage, content["products"], home, show_in_menus=True)
    for number, texts in content["modules"].items():
        add(ModulePage, texts, products, record={"module": Module.objects.get(number=int(number))})
    posts_index = add(PostIndexPage, content["posts_index"], home, show_in_menus=True)
    for texts in content["posts"]:
        add(PostPage, texts, posts_index, fields={"date": datetime.date.fromisoformat(texts["date"])})
    return plan


def find_existing(planned, locale):
    """The already-loaded English page for this plan entry, if any."""
    if planned.parent is None:
        return HomePage.objects.filter(depth=2, locale=locale).first()
    children = planned.model.objects.child_of(planned.parent.page)
    if planned.record:
        return children.filter(**planned.record).first()
    if planned.model in (StandardPage, PostPage):
        return children.filter(slug=planned.english["slug"]).first()
    return children.first()


def fill(page, texts, sources):
    page.title = texts["title"]
    page.intro = texts["intro"]
    page.body = body_html(texts["body"])
    page.sources = cited_sources(texts["body"], sources)


def create_english(planned, locale, sources):
    texts = planned.english
    if planned.parent is None:
        # The home page row comes from a migration; give it its content once.
        page = find_existing(planned, locale)
        if not page.intro:
            fill(page, texts, sources)
            page.save_revision().publish()
        return page, False
    page = find_existing(planned, locale)
    if page is not None:
        return page, False
    page = planned.model(slug=texts["slug"], show_in_menus=planned.show_in_menus, **planned.record, **planned.fields)
    fill(page, texts, sources)
    planned.parent.page.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def load_site_content(*, content_file=CONTENT_FILE, sources_file=SOURCES_FILE, progress=print):
    """Load the page tree; yield a summary line per language."""
    content = json.loads(Path(content_file).read_text(encoding="utf-8"))
    sources = json.loads(Path(sources_file).read_text(encoding="utf-8"))
    english = Locale.objects.get(language_code="en")
    targets = list(Locale.objects.exclude(pk=english.pk).order_by("language_code").reverse())
    created = {"en": 0}
    # One transaction per page rather than one for the whole tree: Wagtail and
    # wagtail-localize run some publishing steps when a transaction commits.
    plan = plan_tree(content)
    progress(f"  [1/{1 + len(targets)}] English pages ({len(plan)})")
    for planned in plan:
        with transaction.atomic():
            planned.page, is_new = create_english(planned, english, sources)
        created["en"] += is_new
    for step, locale in enumerate(targets, start=2):
        code = locale.language_code
        wanted = [planned for planned in plan if code in planned.texts]
        progress(f"  [{step}/{1 + len(targets)}] {locale.get_display_name()} translations ({len(wanted)})")
        created[code] = 0
        for planned in wanted:
            if planned.page.get_translations().filter(locale=locale).exists():
                continue
            strings = string_map(planned.english, planned.texts[code])
            if planned.parent is None:
                # Translated home pages are siblings of the English one: give them clear slugs.
                strings[planned.page.slug] = f"home-{code}"
            with transaction.atomic():
                translate_object(planned.page, locale, strings)
            created[code] += 1
    for code, number in created.items():
        yield f"{code}: {number} pages created" if number else f"{code}: all pages already present"
    retired = retire_pages(PostPage, content["retired_posts"], english)
    if retired:
        yield f"{retired} retired posts unpublished (in every language)"
