"""The programme's products and newsletters: listed as their sources list them, a file linked only when attached."""

import csv
import json
import re
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from partnerships.loading.content import CONTENT_FILE, SOURCES_FILE
from partnerships.loading.data import DATA_DIR
from partnerships.models import Publication

from .factories import PublicationFactory

pytestmark = pytest.mark.django_db

SOURCES = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))
RESEARCH = json.loads((DATA_DIR.parents[1] / "docs/research/tusenet-sources.json").read_text(encoding="utf-8"))
LIBRARY_LANGUAGES = {"Only in English": "en", "in English and Turkish": "en tr"}


def listed_rows():
    with (DATA_DIR / "publications.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def excerpts_of(source_key):
    """The research's verbatim excerpts of the page a source entry points to."""
    url = SOURCES[source_key]["url"]
    return " ".join(fact["excerpt"] for fact in RESEARCH["facts"] if fact["source"]["url"] == url)


def test_every_listed_document_is_in_its_sources_excerpt_with_that_year_and_language():
    """Title, number, year and language of each row are what the cited source's excerpt says, and nothing more."""
    rows = listed_rows()
    assert len(rows) == 6
    for row in rows:
        excerpt = excerpts_of(row["source"])
        if row["kind"] == "newsletter":
            entry = re.search(rf"Newsletter {re.escape(row['issue'])}: ([^()]*)\(([^)]*)\)", excerpt)
            assert entry and entry[1].startswith(row["title"]), row
            assert LIBRARY_LANGUAGES[entry[2]] == row["languages"], row
            assert row["year"] == row["issue"][-4:], row
        else:
            assert row["title"].removesuffix("…") in excerpt and not row["year"] and not row["languages"], row


@pytest.fixture
def pages(small_site):
    return small_site


def module_one(pages, language="en"):
    page = pages["modules"][1]
    return page if language == "en" else page.get_translations().get(locale__language_code=language)


def attach_file(publication, name="results.pdf"):
    publication.document = Document.objects.create(title=name, file=ContentFile(b"%PDF-1.4\n", name=name))
    publication.save()
    return publication.document


def test_a_module_page_lists_its_product_as_not_available_until_a_file_is_attached(client, pages):
    """The product's title, unknown year and language are said as such; once attached, the title links the file."""
    url = module_one(pages).url
    html = client.get(url).content.decode()
    assert "<cite>Results of Environmental Protection, Technical Infrastructure, Water, Was…</cite>" in html
    assert "year not known" in html and "language not known" in html and "Not available on this site." in html

    document = attach_file(Publication.objects.get(slug="results-module-1"))
    html = client.get(url).content.decode()
    assert f'<a href="{document.url}">Results of Environmental' in html and "(PDF, " in html
    assert "Not available on this site." not in html


def test_a_module_without_a_listed_product_says_no_source_lists_one(client, pages):
    """Modules whose products no found source lists say so, instead of promising documents."""
    html = client.get(pages["modules"][2].url).content.decode()
    assert "None of the public sources found so far lists a product of this module." in html


def test_the_library_lists_newsletters_by_number_title_year_and_language_in_the_page_language(client, pages):
    """Turkish page: Turkish labels, the English titles marked as English, a single-language file with hreflang."""
    attach_file(Publication.objects.get(slug="newsletter-1-2007"), "newsletter-1-2007.pdf")
    english = client.get(pages["products"].url).content.decode()
    assert "Newsletter 2/2009:" in english and "<cite>Focus on outputs in final phase of project</cite>" in english
    assert "2009 ·\n    in English and Turkish ·\n    in 3 parts" in english
    turkish_page = pages["products"].get_translations().get(locale__language_code="tr")
    turkish = client.get(turkish_page.url).content.decode()
    assert (
        "Bülten 2/2009:" in turkish and '<cite lang="en">Focus on outputs in final phase of project</cite>' in turkish
    )
    assert "2009 ·\n    İngilizce ve Türkçe ·\n    3 bölüm" in turkish and "Bu sitede bulunmuyor." in turkish
    assert 'hreflang="en" lang="en">Intensive launch for cooperation between Sweden and Turkey</a>' in turkish


def test_the_source_of_a_listed_document_is_among_the_pages_sources(client, pages):
    """A page that cites no source itself still lists, under "Sources", the source that lists its documents."""
    PublicationFactory(kind="product", module=pages["modules"][3].module, issue="")
    html = client.get(pages["modules"][3].url).content.decode()
    assert '<h2 id="sources-heading">Sources</h2>' in html
    assert 'Example publisher: <a href="https://example.org/list-' in html


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_cost_the_same_queries_with_ten_times_the_documents_without_the_fragment_cache(client, pages, settings):
    """Without Redis nothing is kept between requests: the documents and their files still come in fixed queries."""
    settings.TUSENET_FRAGMENT_CACHE = False
    urls = [pages["products"].url, module_one(pages).url, module_one(pages, "tr").url]
    before = {url: count_queries(client, url) for url in urls}
    for number in range(10):
        document = attach_file(PublicationFactory(), f"newsletter-{number}.pdf")
        PublicationFactory(kind="product", module=pages["modules"][1].module, issue="", document=document)
    assert {url: count_queries(client, url) for url in urls} == before


def test_loading_again_keeps_an_attached_file_and_an_editors_title(pages):
    """The data loader creates missing rows only: an editor's title and attached file stay as they are."""
    product = Publication.objects.get(slug="results-module-1")
    document = attach_file(product)
    Publication.objects.filter(slug="newsletter-3-2007").update(title="An editor's title")
    count = Publication.objects.count()

    call_command("load_tusenet", data_only=True, stdout=StringIO())

    assert Publication.objects.get(slug="results-module-1").document == document
    assert Publication.objects.get(slug="newsletter-3-2007").title == "An editor's title"
    assert Publication.objects.count() == count


def test_no_network_page_sends_visitors_to_the_products_page_for_what_it_shows_itself():
    """Network pages show their module's working areas: their text no longer points to the products page for them."""
    content = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    for texts in content["networks"].values():
        for language in texts.values():
            assert not any("Products" in str(block) or "Ürünleri" in str(block) for block in language["body"])
