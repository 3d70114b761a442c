"""Fuzzing: random input to every public route and to the partnership data admin never gets a server error.

Hypothesis sends random paths, query strings, ``Accept-Language`` headers and cookies, search
queries, directory filters and API parameters to the public site with the real content loaded,
and random form data to the admin's add and edit views of the partnership data, as a data admin
and as a superuser. Every answer is below 500; a public 404 in HTML is the translated "Page not
found" page; a 200 has the content type of its route; invalid admin input gives the form back
with its field errors and writes nothing.

Two Hypothesis settings profiles (registered below):

- ``fuzz``, the default (``make test``, CI): derandomized, so every run on every machine tries the
  same examples and a failure is reproduced by running the test again; few examples, so the module
  takes well under a minute on SQLite.
- ``fuzz-long``, switched on with ``FUZZ_LONG=1``: random examples, twenty times as many, and a
  failure prints a ``@reproduce_failure`` blob to replay it, e.g.
  ``FUZZ_LONG=1 make test PYTEST_ARGS=tests/test_fuzzing.py``.

``FUZZ_SCALE=10`` multiplies either profile's examples by ten. Every input that once failed is an
explicit ``@example`` on its property, run first in every profile; Hypothesis keeps no example
database. Each example runs in a transaction that is rolled back, so no example sees another's writes.
"""

import os
import re
from contextlib import contextmanager
from typing import NamedTuple
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from wagtail.documents.models import Document
from wagtail.models import Page

from partnerships import directory
from partnerships.models import Association, Country, Module, Municipality, MunicipalityKind, Network, WorkingArea
from partnerships.models.partners import Role
from tusenet.i18n import multilingual

from .factories import UserFactory

pytestmark = pytest.mark.django_db

FUZZ_SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
LANGUAGES = [code for code, _name in django_settings.LANGUAGES]

settings.register_profile(
    "fuzz",
    derandomize=True,
    deadline=None,
    database=None,
    # The module-scoped content is shared on purpose; the autouse cache fixture is harmless.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("fuzz-long", settings.get_profile("fuzz"), derandomize=False, print_blob=True)
PROFILE = "fuzz-long" if os.environ.get("FUZZ_LONG") == "1" else "fuzz"
#: How many times the examples a test names (``fuzz(n)``) each profile runs.
EXAMPLES_FACTOR = {"fuzz": 1, "fuzz-long": 20}


def fuzz(max_examples):
    """One fuzz test's settings: the chosen profile, with ``max_examples`` times its factor and ``FUZZ_SCALE``."""
    scaled = max_examples * EXAMPLES_FACTOR[PROFILE] * FUZZ_SCALE
    return settings(settings.get_profile(PROFILE), max_examples=max(1, round(scaled)))


# Examples per test in the ``fuzz`` profile (the explicit examples come on top); a request to the
# admin costs several times one to the public site.
PATHS = 20
QUERY_STRINGS = 15
HEADERS_AND_COOKIES = 12
SEARCHES = 8
DIRECTORY_FILTERS = 8
API_REQUESTS = 15
ADMIN_FORMS = 20
LISTINGS = 10


@contextmanager
def rolled_back():
    """Run one example in a transaction that is undone, also after a database error."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def wsgi(text):
    """``text`` as a WSGI server hands it over: its UTF-8 bytes read as Latin-1."""
    return text.encode("utf-8").decode("latin-1")


# --- Strategies -------------------------------------------------------------------------------

#: Inputs known to break web applications, with the letters this site lives on.
TRICKY = [
    "İstanbul",
    "ISTANBUL",
    "i̇stanbul",
    "ıIiİ",
    "ŞşĞğÇçÖöÜü",
    "Şırnak",
    "Umeå",
    "MALMÖ",
    "åäöÅÄÖ",
    "🇹🇷🇸🇪",
    "👩‍👩‍👧",
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f",
    "\u202e\u200b\ufeff",
    "\r\n",
    "\t",
    " ",
    "..",
    ".",
    "%",
    "%00",
    "%ff%fe",
    "%C4%B0",
    "%2e%2e",
    "%2f",
    "%%",
    "'\"<>&",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "a" * 3000,
    "-1",
    "0",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "null",
    "[]",
    "{}",
]
tricky_text = st.sampled_from(TRICKY)
any_text = st.one_of(st.text(max_size=30), tricky_text, st.text(alphabet="İıŞşĞğåäö%/.?&=#;\x00 ", max_size=20))
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "0", "-0", "1e3", "1.5", "0x10", " 1", "١٢", "²", "NaN", "Infinity", "9" * 30]),
)


#: What the module's fixtures found in the database, by name, for the strategies below to draw from.
FOUND = {}


@st.composite
def found(draw, name):
    """One of the values a fixture found (``FOUND[name]``), looked up when an example is drawn, after the fixtures."""
    return draw(st.sampled_from(FOUND[name]))


def quote_query_marks(text):
    """``text`` with ``?``, ``#`` and ``;`` percent-encoded, so that it stays in the path.

    It once passed ``quote`` itself to ``re.sub``, which quoted the match object, not its text: a
    TypeError in the strategy whenever a segment had one of them (the example on the paths test).
    """
    return re.sub(r"[?#;]", lambda match: quote(match.group()), text)


def path_segment():
    """One path segment: random or tricky text, percent-encoded or raw (but never a query or fragment)."""
    raw = st.one_of(st.text(max_size=20), tricky_text).map(quote_query_marks)
    encoded = st.one_of(st.text(max_size=20), tricky_text).map(lambda text: quote(text, safe=""))
    return st.one_of(raw, encoded)


PATH_PREFIXES = [
    "/",
    "//",
    *(f"/{code}/" for code in LANGUAGES),
    "/en//",
    "/EN/",
    "/Tr/",
    "/tr-TR/",
    "/sv-se/",
    "/de/",
    "/zh-hans/",
    "/xx-yyyyyyyyy/",
    "/api/v2/pages/",
    "/api/v2/",
    "/data/v1/",
    "/en/feeds/",
    "/documents/",
    "/tr/ara/",
    "/sv/sok/",
    "/sitemap.xml/",
]


def random_path():
    """A prefix (a route's or a real page's address) followed by random segments."""
    prefix = st.one_of(st.sampled_from(PATH_PREFIXES), found("public addresses"))
    segments = st.lists(path_segment(), max_size=4)
    return st.builds(
        lambda start, parts, slash: start + "/".join(parts) + ("/" if slash and parts else ""),
        prefix,
        segments,
        st.booleans(),
    )


QUERY_KEYS = [
    "q",
    "page",
    "p",
    "theme",
    "swedish",
    "province",
    "country",
    "type",
    "fields",
    "order",
    "limit",
    "offset",
    "locale",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "html_path",
    "id",
    "format",
    "lang",
    "next",
]


def query_string():
    """A raw query string: random or known keys, repeated keys, huge or broken values and escapes."""
    pairs = st.lists(
        st.tuples(st.one_of(st.sampled_from(QUERY_KEYS), any_text), st.one_of(any_text, numbers)), max_size=6
    )
    encoded = pairs.map(lambda items: urlencode(items))
    raw = pairs.map(lambda items: "&".join(f"{key}={value}" for key, value in items).replace("#", "%23"))
    huge = st.sampled_from(["q=" + "x" * 20_000, "&" * 500, "theme=" + "İ" * 5000, "=" * 100])
    return st.one_of(encoded, raw, huge).map(wsgi)


def accept_language():
    """``Accept-Language`` headers: well-formed, with broken q-values, or random text."""
    tag = st.one_of(
        st.sampled_from(["en", "tr", "sv", "de", "tr-TR", "sv-SE", "en-GB", "zh-Hant-TW", "*", "", "İ", "ı", "TR"]),
        st.text(max_size=12),
    )
    weight = st.one_of(
        st.sampled_from(
            ["", ";q=1", ";q=0", ";q=0.5", ";q=abc", ";q=-1", ";q=1e9", ";q=NaN", ";q=", ";q=0.8;x=1", ";;"]
        ),
        st.text(max_size=6).map(lambda text: ";q=" + text),
    )
    header = st.lists(st.builds(str.__add__, tag, weight), max_size=6).map(", ".join)
    return st.one_of(header, st.text(max_size=100), st.just("en;q=0.1," * 400)).map(wsgi)


def cookie_header():
    """A ``Cookie`` header with random values for the language, session and CSRF cookies (or others)."""
    names = st.sampled_from(
        [
            django_settings.LANGUAGE_COOKIE_NAME,
            django_settings.SESSION_COOKIE_NAME,
            django_settings.CSRF_COOKIE_NAME,
            "messages",
        ]
    )
    values = st.one_of(
        any_text,
        st.sampled_from(LANGUAGES + ["de", "TR", "tr-TR", "sv_SE", "İ"]),
        st.text(min_size=8, max_size=40),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789\x00", min_size=32, max_size=32),
    )
    pairs = st.lists(st.tuples(st.one_of(names, st.text(max_size=8)), values), max_size=4)
    return pairs.map(lambda items: "; ".join(f"{name}={value}" for name, value in items)).map(wsgi)


# --- What a clear answer is -----------------------------------------------------------------

#: Content types of the routes that do not answer HTML, by the end of their address.
CONTENT_TYPES = {
    "robots.txt": ("text/plain",),
    "sitemap.xml": ("application/xml",),
    "healthz": ("application/json",),
    "networks.json": ("application/json",),
    "municipalities.json": ("application/json",),
    "municipalities.csv": ("text/csv",),
    "partners.geojson": ("application/geo+json",),
    "posts.rss": ("application/rss+xml",),
    "posts.atom": ("application/atom+xml",),
}


def expected_content_types(path):
    if path.startswith("/api/"):
        return ("application/json",)
    for ending, types in CONTENT_TYPES.items():
        if path.endswith(ending):
            return types
    return ("text/html",)


def assert_translated_404(html):
    language = re.search(r'<html lang="([^"]*)"', html)
    assert language is not None and language.group(1) in LANGUAGES, html[:500]
    with translation.override(language.group(1)):
        heading = gettext("Page not found")
    assert f"<h1>{escape(heading)}</h1>" in html, html[:500]


def assert_clear_answer(response):
    """Never a server error: a page of the right type, a redirect, or a clear refusal."""
    status = response.status_code
    content_type = response.get("Content-Type", "")
    assert status < 500, response
    if status == 200:
        assert content_type.startswith(expected_content_types(response.wsgi_request.path)), content_type
    elif status in (301, 302, 307, 308):
        assert response["Location"]
    elif status >= 400 and content_type.startswith("application/json"):
        assert response.json().get("message")
    elif status == 404:
        assert_translated_404(response.content.decode())
    elif status >= 400:
        assert "Traceback" not in response.content.decode(errors="replace")


def get(path, query="", **headers):
    """GET as a fresh visitor; a server error raises, so Hypothesis shrinks it to the smallest input."""
    return Client().get(path, QUERY_STRING=query, **headers)


# --- The public site ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def public_addresses(loaded_content, django_db_blocker):
    """One address per public route and per page type in every language, with the real content."""
    with django_db_blocker.unblock():
        pages = {}
        for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
            pages.setdefault((type(page), page.locale_id), page.url)
        home = Page.objects.live().filter(depth=2).first()
        document = Document.objects.order_by("pk").first()
    addresses = [
        "/",
        "/robots.txt",
        "/sitemap.xml",
        "/healthz",
        reverse("csp_report"),
        reverse("open_data_networks"),
        reverse("open_data_municipalities"),
        reverse("open_data_municipalities_csv"),
        reverse("open_data_partners"),
        "/api/v2/pages/",
        f"/api/v2/pages/{home.pk}/",
        "/api/v2/pages/find/",
        document.url if document else reverse("wagtaildocs_serve", args=[1, "missing.pdf"]),
        reverse("wagtaildocs_authenticate_with_password", args=[1]),
        *sorted(pages.values()),
    ]
    for language in LANGUAGES:
        with translation.override(language):
            addresses += [reverse(name) for name in ("search", "posts_rss", "posts_atom", "wagtailcore_login")]
            addresses.append(reverse("wagtailcore_authenticate_with_password", args=[1, home.pk]))
    FOUND["public addresses"] = addresses
    FOUND["public addresses and the admin login"] = [*addresses, reverse("wagtailadmin_login")]
    return addresses


def _route_names(patterns, prefix=""):
    """The names of the URL patterns anyone may request (all but the admin's)."""
    names = set()
    for pattern in patterns:
        if str(pattern.pattern).startswith("admin/"):
            continue
        if isinstance(pattern, URLResolver):
            names |= _route_names(pattern.url_patterns, f"{prefix}{pattern.namespace or ''}:")
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{prefix}{pattern.name}".lstrip(":"))
    return names


def _route_of(address):
    """The route name of an address; a language's addresses resolve only while it is active."""
    for language in LANGUAGES:
        with translation.override(language):
            try:
                match = resolve(address)
            except Resolver404:
                continue
        return f"{match.namespace}:{match.url_name}".lstrip(":")
    raise AssertionError(f"{address} resolves to no route")


def test_the_fuzzed_addresses_cover_every_public_route(public_addresses):
    """A new route without an address here fails; page types come from the content, so new ones are in."""
    assert _route_names(get_resolver().url_patterns) <= {_route_of(address) for address in public_addresses}


@fuzz(PATHS)
@example(path="/en/" + quote_query_marks("a?b#c;d") + "/")  # the strategy's own TypeError (git log 971a9d2)
@given(path=random_path())
def test_random_paths_get_a_clear_answer(public_addresses, path):
    """Unicode, control characters, escapes, ``..``, long and empty segments under every route."""
    with rolled_back():
        assert_clear_answer(get(path))


@fuzz(QUERY_STRINGS)
@given(address=found("public addresses"), query=query_string())
def test_random_query_strings_on_every_route_get_a_clear_answer(public_addresses, address, query):
    with rolled_back():
        assert_clear_answer(get(address, query))


@fuzz(HEADERS_AND_COOKIES)
# A session cookie with a NUL character was a PostgreSQL DataError at the admin login (git log a19c32c).
@example(address="/admin/login/", accept_language="", cookie=f"{django_settings.SESSION_COOKIE_NAME}=abc\x00def")
@given(address=found("public addresses and the admin login"), accept_language=accept_language(), cookie=cookie_header())
def test_random_language_headers_and_cookies_get_a_clear_answer(public_addresses, address, accept_language, cookie):
    """Malformed ``Accept-Language`` q-values and random language, session and CSRF cookies (also at the login)."""
    with rolled_back():
        assert_clear_answer(get(address, HTTP_ACCEPT_LANGUAGE=accept_language, HTTP_COOKIE=cookie))


@fuzz(SEARCHES)
@given(
    language=st.sampled_from(LANGUAGES),
    words=st.lists(
        st.one_of(any_text, st.sampled_from(["İstanbul", "sirnak", "umea", "Network", "module"])), max_size=4
    ),
    page=st.one_of(numbers, any_text),
)
def test_random_search_queries_get_a_results_page(loaded_content, language, words, page):
    """Any query and result page number gives the search page in the address's language."""
    with translation.override(language):
        address = reverse("search")
    with rolled_back():
        response = get(address, wsgi(urlencode({"q": " ".join(words), "page": page})))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.fixture(scope="module")
def directory_choices(loaded_content, django_db_blocker):
    """Every filter value the network directory offers, in every language, and its networks index address."""
    with django_db_blocker.unblock():
        values = {name: set() for name in directory.FILTER_LABELS}
        addresses = {}
        for language in LANGUAGES:
            locale = multilingual.locales.for_language(language)
            for name, options in directory.choices(locale).items():
                values[name] |= {text for option in options for text in option}
            index = Page.objects.live().filter(locale=locale, content_type__model="networkindexpage").first()
            addresses[language] = index.url
    for name, known in values.items():
        FOUND[f"directory {name}"] = sorted(known)
    return addresses


def filter_value(name):
    """A value the directory offers for filter ``name``, changed in case or trimmed, or random text."""
    known = found(f"directory {name}")
    return st.one_of(
        known,
        known.map(str.upper),
        known.map(str.lower),
        known.map(lambda value: value[:3]),
        any_text,
    )


@fuzz(DIRECTORY_FILTERS)
@given(
    language=st.sampled_from(LANGUAGES),
    filters=st.fixed_dictionaries({}, optional={name: filter_value(name) for name in directory.FILTER_LABELS}),
)
def test_random_directory_filters_give_the_directory(directory_choices, language, filters):
    """Filters combine; unknown values are reported and ignored, never an error."""
    with rolled_back():
        response = get(directory_choices[language], wsgi(urlencode(filters)))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


API_PARAMETERS = {
    "type": st.one_of(
        st.sampled_from(
            [
                "partnerships.NetworkPage",
                "wagtailcore.Page",
                "partnerships.HomePage,partnerships.PostPage",
                "partnerships.Municipality",
                "partnerships.Nope",
                "nope",
                "a.b.c",
                ",",
            ]
        ),
        any_text,
    ),
    "fields": st.one_of(
        st.sampled_from(
            ["*", "-title", "title,intro", "_,id", "parent(title)", "body", "nope", "*,-*", "title(", "))"]
        ),
        any_text,
    ),
    "order": st.one_of(
        st.sampled_from(["title", "-title", "random", "id,-first_published_at", "nope", "--id"]), any_text
    ),
    "limit": numbers,
    "offset": numbers,
    "locale": st.one_of(st.sampled_from([*LANGUAGES, "de", "", "EN", "tr-TR"]), any_text),
    "search": st.one_of(any_text, st.sampled_from(["İstanbul", "umea", "network"])),
    "search_operator": st.one_of(st.sampled_from(["and", "or", "nand", ""]), any_text),
    "child_of": st.one_of(numbers, st.just("root"), any_text),
    "descendant_of": st.one_of(numbers, st.just("root"), any_text),
    "ancestor_of": st.one_of(numbers, any_text),
    "translation_of": st.one_of(numbers, st.just("root"), any_text),
    "html_path": st.one_of(st.sampled_from(["/", "/partnership-networks/", "/ağlar/", ""]), any_text),
    "id": numbers,
    "slug": any_text,
    "title": any_text,
    "show_in_menus": st.one_of(st.sampled_from(["true", "false", "1", "0", "yes"]), any_text),
    "site": st.one_of(st.sampled_from(["localhost", "127.0.0.1:8000", "testserver"]), any_text),
    "rich_text_format": st.one_of(st.sampled_from(["html", "markdown", "db_html"]), any_text),
    "format": st.sampled_from(["json", "api", "xml", "", "ſ"]),
}


API_ENDPOINTS = [
    "/api/v2/pages/",
    "/api/v2/pages/find/",
    "/api/v2/pages/{home}/",
    "/api/v2/pages/999999999999/",
    "/api/v2/pages/0/",
]


@fuzz(API_REQUESTS)
# Each was a server error (git log a19c32c): a NUL character in a parameter (a PostgreSQL DataError),
# an offset past the integer range, an unknown search operator, ?id=abc on /find/, and ?format=.
@example(endpoint="/api/v2/pages/", parameters={"locale": "en\x00"}, extra=[])
@example(endpoint="/api/v2/pages/", parameters={"search": "\x00"}, extra=[])
@example(endpoint="/api/v2/pages/find/", parameters={"html_path": "/\x00"}, extra=[])
@example(endpoint="/api/v2/pages/", parameters={"site": "\x00"}, extra=[])
@example(endpoint="/api/v2/pages/", parameters={"offset": "9" * 30}, extra=[])
@example(endpoint="/api/v2/pages/", parameters={"search": "network", "search_operator": "nand"}, extra=[])
@example(endpoint="/api/v2/pages/find/", parameters={"id": "abc"}, extra=[])
@example(endpoint="/api/v2/pages/", parameters={"format": "xml"}, extra=[])
@example(endpoint="/api/v2/pages/{home}/", parameters={"format": "api"}, extra=[])
# Found by a random run: a page's address with ?search= was a 404 whose JSON message was empty.
@example(endpoint="/api/v2/pages/{home}/", parameters={"search": ""}, extra=[])
@given(
    endpoint=st.sampled_from(API_ENDPOINTS),
    parameters=st.fixed_dictionaries({}, optional=API_PARAMETERS),
    extra=st.lists(st.tuples(any_text, any_text), max_size=2),
)
def test_random_api_parameters_get_json_or_a_clear_refusal(public_addresses, endpoint, parameters, extra):
    """The pages API answers any filter, order, field, paging, locale and search parameter clearly."""
    home = Page.objects.live().filter(depth=2).first().pk
    with rolled_back():
        response = get(endpoint.format(home=home), wsgi(urlencode([*parameters.items(), *extra])))
    assert_clear_answer(response)


# --- The partnership data admin ---------------------------------------------------------------


@pytest.fixture(scope="module")
def admin_users(loaded_content, django_db_blocker):
    """A member of the "Data admins" group (tusenet/editorial/roles.py) and a superuser, by ``ADMIN_USERS`` name."""
    with django_db_blocker.unblock():
        assert Group.objects.filter(name="Data admins").exists()
        return {"data admin": UserFactory(role="Data admins"), "superuser": UserFactory(is_superuser=True)}


ADMIN_USERS = ["data admin", "superuser"]
admin_user = st.sampled_from(ADMIN_USERS)


def text_field(max_length, existing=()):
    """Text for a field: random, tricky, too long, or a value another record already has."""
    choices = [any_text, st.text(min_size=max_length + 1, max_size=max_length + 20)]
    if existing:
        choices.append(st.sampled_from(sorted(existing)))
    return st.one_of(*choices)


def choice_field(choices):
    return st.one_of(st.sampled_from([value for value, _label in choices]), any_text)


coordinate = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats(min_value=-200, max_value=200).map(lambda number: f"{number:.5f}"),
    st.sampled_from(["-90", "90.00001", "-180.5", "1e400", "12.345678", "56,6634", "", "-0"]),
    any_text,
)
small_number = st.one_of(st.integers(min_value=-5, max_value=40_000).map(str), numbers, any_text)


def existing(model, field):
    return set(model.objects.values_list(field, flat=True))


def municipality_fields():
    return {
        "name": text_field(100, existing(Municipality, "name")),
        "official_name": text_field(150),
        "slug": text_field(100, existing(Municipality, "slug")),
        "country": choice_field(Country.choices),
        "kind": choice_field(MunicipalityKind.choices),
        "region": text_field(100, existing(Municipality, "region")),
        "latitude": coordinate,
        "longitude": coordinate,
    }


def association_fields():
    return {
        "name": text_field(150, existing(Association, "name")),
        "acronym": text_field(20, existing(Association, "acronym")),
        "local_name": text_field(150),
        "local_acronym": text_field(20),
        "slug": text_field(100, existing(Association, "slug")),
        "country": choice_field(Country.choices),
        "latitude": coordinate,
        "longitude": coordinate,
    }


def module_fields():
    return {"number": small_number, "slug": text_field(100, existing(Module, "slug"))}


def module_choice():
    return st.one_of(st.sampled_from(sorted(existing(Module, "pk"))).map(str), numbers, any_text)


def network_fields():
    member = st.fixed_dictionaries(
        {},
        optional={
            "municipality": st.one_of(st.sampled_from(sorted(existing(Municipality, "pk"))).map(str), numbers),
            "association": st.one_of(st.sampled_from(sorted(existing(Association, "pk"))).map(str), numbers),
            "role": choice_field(Role.choices),
            "ORDER": small_number,
            "id": numbers,
            "DELETE": st.sampled_from(["on", ""]),
        },
    )
    return {
        "number": small_number,
        "slug": text_field(100, existing(Network, "slug")),
        "module": module_choice(),
        "memberships": st.lists(member, max_size=4),
        "memberships-TOTAL_FORMS": st.one_of(st.integers(min_value=0, max_value=5).map(str), numbers, any_text),
        "memberships-INITIAL_FORMS": st.one_of(st.sampled_from(["0", "1", "4"]), numbers),
    }


def working_area_fields():
    return {"module": module_choice(), "name": text_field(200, existing(WorkingArea, "name"))}


PARTNERSHIP_FORMS = {
    Municipality: municipality_fields,
    Association: association_fields,
    Module: module_fields,
    Network: network_fields,
    WorkingArea: working_area_fields,
}


class Form(NamedTuple):
    """What is posted to a model's admin form: ``fields`` as ``form_data`` spreads them."""

    model: type
    fields: dict


def partnership_forms():
    """A model and random, missing, oversized or duplicate values for its form's fields.

    The model is drawn (not a pytest parameter), so that an ``@example`` names the model its input
    belongs to; the fields' strategies read the existing values when the example is drawn.
    """
    return st.sampled_from(list(PARTNERSHIP_FORMS)).flatmap(
        lambda model: st.fixed_dictionaries({}, optional=PARTNERSHIP_FORMS[model]()).map(
            lambda fields: Form(model, fields)
        )
    )


def form_data(fields):
    """The POST body: inline members become ``memberships-<n>-<field>`` entries."""
    data = dict(fields)
    for index, member in enumerate(data.pop("memberships", [])):
        data.update({f"memberships-{index}-{name}": value for name, value in member.items()})
    return data


def snapshot(model):
    """Every row of the model (and a network's members), to show that a refused form wrote nothing."""
    rows = [model_to_dict(obj) for obj in model.objects.order_by("pk")]
    if model is Network:
        rows += [model_to_dict(member) for member in Network.memberships.rel.related_model.objects.order_by("pk")]
    return rows


def admin_url(model, view, obj=None):
    name = f"wagtailsnippets_partnerships_{model._meta.model_name}:{view}"
    return reverse(name, args=[obj.pk]) if obj else reverse(name)


def form_errors(response):
    """The errors shown with a form: its fields', its own and its inline members'."""
    form = response.context["form"]
    errors = dict(form.errors)
    for name, formset in getattr(form, "formsets", {}).items():
        if formset.is_bound and not formset.is_valid():
            errors[name] = [*formset.non_form_errors(), *(error for error in formset.errors if error)]
    return errors


def post_form(user, url, data):
    client = Client()
    client.force_login(user)
    return client.post(url, data)


def assert_refused_or_saved(response, before, model):
    """Saved: a redirect. Refused: the form again with its errors, and the data unchanged."""
    assert response.status_code in (200, 302), response
    if response.status_code == 200:
        assert form_errors(response), "a refused form must say why"
        assert 'class="error-message"' in response.content.decode() or "w-field__errors" in response.content.decode()
        assert snapshot(model) == before


#: ``make test`` failed once on SQLite, which does not enforce PositiveSmallIntegerField's range: a module
#: numbered 40000 was saved (302) where a field error was expected (the invalid-input test below). A module
#: or network number is 1 to 99 now (partnerships/models/partners.py); the add and edit properties post it too.
MODULE_40000 = Form(Module, {"number": "40000", "slug": "module-40000"})


@fuzz(ADMIN_FORMS)
@example(user="data admin", form=MODULE_40000, locale="en")
# A tampered chooser id made Wagtail's snippet chooser fail while showing the form again (git log 6f301e2).
@example(
    user="superuser",
    form=Form(Network, {"module": "abc", "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0"}),
    locale="en",
)
@example(
    user="data admin",
    form=Form(
        Network,
        {"memberships": [{"municipality": "1.5"}], "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0"},
    ),
    locale="en",
)
@example(user="data admin", form=Form(WorkingArea, {"module": ":", "name": "Tourism"}), locale="sv")
# Found by a random run: partnerships/forms.py mended the ids of the first 1000 member rows only, while the
# formset reads up to its absolute maximum (2000): a KeyError, a server error.
@example(
    user="superuser",
    form=Form(Network, {"memberships-TOTAL_FORMS": "9" * 30, "memberships-INITIAL_FORMS": "9" * 30}),
    locale="en",
)
@given(user=admin_user, form=partnership_forms(), locale=st.sampled_from(LANGUAGES))
def test_random_input_to_the_admin_add_forms_is_saved_or_refused_with_field_errors(admin_users, user, form, locale):
    """``locale`` is the add view's ``?locale=`` for working areas, the only translatable model."""
    model = form.model
    event(model.__name__)  # how many examples each model got: pytest --hypothesis-show-statistics
    url = admin_url(model, "add")
    if model is WorkingArea:
        url += "?" + urlencode({"locale": locale})
    with rolled_back():
        before, count_before = snapshot(model), model.objects.count()
        response = post_form(admin_users[user], url, form_data(form.fields))
        assert_refused_or_saved(response, before, model)
        if response.status_code == 302:
            assert model.objects.count() == count_before + 1


#: A network's existing member rows sent back without a usable id were a server error (git log 0239585).
TAMPERED_MEMBER_ROWS = [
    Form(Network, {"memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "1"}),
    Form(Network, {"memberships": [{"id": "²"}], "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "1"}),
]


@fuzz(ADMIN_FORMS)
@example(user="superuser", form=MODULE_40000)
@example(user="data admin", form=TAMPERED_MEMBER_ROWS[0])
@example(user="superuser", form=TAMPERED_MEMBER_ROWS[1])
@given(user=admin_user, form=partnership_forms())
def test_random_input_to_the_admin_edit_forms_is_saved_or_refused_with_field_errors(admin_users, user, form):
    model = form.model
    event(model.__name__)  # how many examples each model got: pytest --hypothesis-show-statistics
    obj = model.objects.order_by("pk").first()
    with rolled_back():
        before = snapshot(model)
        response = post_form(admin_users[user], admin_url(model, "edit", obj), form_data(form.fields))
        assert_refused_or_saved(response, before, model)


#: For each model, values that are certainly invalid for one of its fields.
INVALID_VALUES = {
    Municipality: {
        "name": ["", "a\x00b", "x" * 101],
        "slug": ["with space", "şırnak", "", "a/b"],
        "country": ["XX", "", "se"],
        "kind": ["castle", ""],
        "latitude": ["abc", "NaN", "1e9", "12.345678", "-90.5", ""],
        "longitude": ["Infinity", "180.00001", "", "--1"],
    },
    Association: {
        "name": ["", "\x00", "y" * 151],
        "acronym": ["", "z" * 21],
        "slug": ["ümit", "a b"],
        "country": ["DE", ""],
        "latitude": ["abc", "1000", "1.234567", "90.5", "-91"],
        "longitude": ["180.00001", "-200", "x"],
    },
    Module: {"number": ["-1", "abc", "40000", "1.5", "", "0", "100"], "slug": ["", "no spaces please"]},
    Network: {
        "number": ["-3", "99999999", "x", "0", "100", "40000"],
        "slug": ["", "ağ"],
        "module": ["", "999999", "abc"],
    },
    WorkingArea: {"name": ["", "\x00", "w" * 201], "module": ["", "-1", "abc"]},
}


class InvalidForm(NamedTuple):
    """A form whose ``field`` is certainly invalid (its value is one of ``INVALID_VALUES``)."""

    model: type
    fields: dict
    field: str


@st.composite
def invalid_forms(draw):
    """One field certainly invalid, the others random or missing."""
    model, fields = draw(partnership_forms())
    field = draw(st.sampled_from(sorted(INVALID_VALUES[model])))
    return InvalidForm(model, {**fields, field: draw(st.sampled_from(INVALID_VALUES[model][field]))}, field)


@fuzz(ADMIN_FORMS)
@example(user="data admin", form=InvalidForm(Module, {"number": "40000"}, "number"), edit=False)
@example(user="superuser", form=InvalidForm(Module, {"number": "40000", "slug": "module-40000"}, "number"), edit=True)
# Saved before the numbers and the seat's coordinates had their ranges (tests/test_admin.py has the details).
@example(user="data admin", form=InvalidForm(Network, {"number": "100"}, "number"), edit=True)
@example(user="data admin", form=InvalidForm(Association, {"latitude": "90.5"}, "latitude"), edit=True)
@example(user="superuser", form=InvalidForm(Association, {"longitude": "-200"}, "longitude"), edit=False)
@given(user=admin_user, form=invalid_forms(), edit=st.booleans())
def test_invalid_admin_input_gives_field_errors_and_writes_nothing(admin_users, user, form, edit):
    """One field certainly invalid, the others random or missing: the form comes back naming that field."""
    model = form.model
    event(model.__name__)  # how many examples each model got: pytest --hypothesis-show-statistics
    url = admin_url(model, "edit", model.objects.order_by("pk").first()) if edit else admin_url(model, "add")
    with rolled_back():
        before = snapshot(model)
        response = post_form(admin_users[user], url, form_data(form.fields))
        assert response.status_code == 200
        assert form.field in form_errors(response)
        assert snapshot(model) == before


LISTING_PARAMETERS = {
    "q": st.one_of(any_text, st.sampled_from(["İstanbul", "umea", "Kalmar"])),
    "country": st.one_of(st.sampled_from(["SE", "TR"]), any_text),
    "kind": any_text,
    "network": numbers,
    "module": numbers,
    "locale": st.one_of(st.sampled_from(LANGUAGES), any_text),
    "ordering": st.one_of(st.sampled_from(["name", "-name", "country", "nope"]), any_text),
    "p": numbers,
}


@fuzz(LISTINGS)
# Searching sorted by a column raised OrderByFieldError (git log 6f301e2).
@example(user="data admin", model=Municipality, parameters={"q": "0", "ordering": "name"})
@example(user="superuser", model=Association, parameters={"q": "0", "ordering": "name"})
@given(
    user=admin_user,
    model=st.sampled_from(list(PARTNERSHIP_FORMS)),
    parameters=st.fixed_dictionaries({}, optional=LISTING_PARAMETERS),
)
def test_random_admin_listing_searches_and_filters_get_a_clear_answer(admin_users, user, model, parameters):
    """The data admin's listings answer any search text, filter value, ordering and page number."""
    event(model.__name__)
    client = Client()
    client.force_login(admin_users[user])
    with rolled_back():
        response = client.get(admin_url(model, "list"), QUERY_STRING=wsgi(urlencode(parameters)))
    assert response.status_code in (200, 302, 404), response
