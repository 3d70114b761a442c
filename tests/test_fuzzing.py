"""Fuzzing: random input to every public route and to the partnership data admin never gets a server error.

Hypothesis sends random paths, query strings, ``Accept-Language`` headers and cookies, search
queries, directory filters and API parameters to the public site with the real content loaded,
and random form data to the admin's add and edit views of the partnership data, as a data admin
and as a superuser. Every answer is below 500; a public 404 in HTML is the translated "Page not
found" page; a 200 has the content type of its route; invalid admin input gives the form back
with its field errors and writes nothing.

The examples are bounded so the module runs in a few minutes at most on a 2-core machine
(``FUZZ_SCALE=10`` runs ten times as many locally). Under CI (``CI=true``) the examples are
derandomized, so a failure there is reproducible; Hypothesis keeps no example database.
Each example runs in a transaction that is rolled back, so no example sees another's writes.
"""

import os
import re
from contextlib import contextmanager
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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.documents.models import Document
from wagtail.models import Page

from partnerships import directory, multilingual
from partnerships.models import Association, Country, Module, Municipality, MunicipalityKind, Network, WorkingArea
from partnerships.models.partners import Role

from .factories import UserFactory

pytestmark = pytest.mark.django_db

FUZZ_SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
LANGUAGES = [code for code, _name in django_settings.LANGUAGES]


def fuzz(max_examples):
    """Hypothesis settings for one fuzz test: bounded, no deadline, no example database."""
    return settings(
        max_examples=max(1, round(max_examples * FUZZ_SCALE)),
        deadline=None,
        database=None,
        derandomize=os.environ.get("CI") == "true",
        # The module-scoped content is shared on purpose; the autouse cache fixture is harmless.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


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


def path_segment():
    """One path segment: random or tricky text, percent-encoded or raw (but never a query or fragment)."""
    raw = st.one_of(st.text(max_size=20), tricky_text).map(
        lambda text: re.sub(r"[?#;]", lambda match: quote(match.group()), text)
    )
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


def random_path(real_addresses):
    """A prefix (a route's or a real page's address) followed by random segments."""
    prefix = st.one_of(st.sampled_from(PATH_PREFIXES), st.sampled_from(real_addresses))
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
    return addresses


def _route_names(patterns, prefix=""):
    """The names of the URL patterns anyone may request (all but the admin's)."""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern) == "admin/":
                continue
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


@fuzz(100)
@given(data=st.data())
def test_random_paths_get_a_clear_answer(public_addresses, data):
    """Unicode, control characters, escapes, ``..``, long and empty segments under every route."""
    path = data.draw(random_path(public_addresses), label="path")
    with rolled_back():
        assert_clear_answer(get(path))


@fuzz(80)
@given(data=st.data())
def test_random_query_strings_on_every_route_get_a_clear_answer(public_addresses, data):
    address = data.draw(st.sampled_from(public_addresses), label="address")
    query = data.draw(query_string(), label="query")
    with rolled_back():
        assert_clear_answer(get(address, query))


@fuzz(60)
@given(data=st.data())
def test_random_language_headers_and_cookies_get_a_clear_answer(public_addresses, data):
    """Malformed ``Accept-Language`` q-values and random language, session and CSRF cookies (also at the login)."""
    address = data.draw(st.sampled_from([*public_addresses, reverse("wagtailadmin_login")]), label="address")
    headers = {
        "HTTP_ACCEPT_LANGUAGE": data.draw(accept_language(), label="Accept-Language"),
        "HTTP_COOKIE": data.draw(cookie_header(), label="Cookie"),
    }
    with rolled_back():
        assert_clear_answer(get(address, **headers))


@fuzz(40)
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
    return {name: sorted(found) for name, found in values.items()}, addresses


def filter_value(known):
    """A value the directory knows, changed in case or trimmed, or random text."""
    return st.one_of(
        st.sampled_from(known),
        st.sampled_from(known).map(str.upper),
        st.sampled_from(known).map(str.lower),
        st.sampled_from(known).map(lambda value: value[:3]),
        any_text,
    )


@fuzz(40)
@given(data=st.data())
def test_random_directory_filters_give_the_directory(directory_choices, data):
    """Filters combine; unknown values are reported and ignored, never an error."""
    known, addresses = directory_choices
    language = data.draw(st.sampled_from(LANGUAGES), label="language")
    filters = data.draw(
        st.fixed_dictionaries({}, optional={name: filter_value(values) for name, values in known.items()}),
        label="filters",
    )
    with rolled_back():
        response = get(addresses[language], wsgi(urlencode(filters)))
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


@fuzz(80)
@given(data=st.data())
def test_random_api_parameters_get_json_or_a_clear_refusal(public_addresses, data):
    """The pages API answers any filter, order, field, paging, locale and search parameter clearly."""
    page_id = Page.objects.live().filter(depth=2).first().pk
    endpoint = data.draw(
        st.sampled_from(
            [
                "/api/v2/pages/",
                "/api/v2/pages/find/",
                f"/api/v2/pages/{page_id}/",
                "/api/v2/pages/999999999999/",
                "/api/v2/pages/0/",
            ]
        ),
        label="endpoint",
    )
    parameters = data.draw(st.fixed_dictionaries({}, optional=API_PARAMETERS), label="parameters")
    extra = data.draw(st.lists(st.tuples(any_text, any_text), max_size=2), label="extra")
    with rolled_back():
        response = get(endpoint, wsgi(urlencode([*parameters.items(), *extra])))
    assert_clear_answer(response)


# --- The partnership data admin ---------------------------------------------------------------


@pytest.fixture(scope="module")
def admin_users(loaded_content, django_db_blocker):
    """A member of the "Data admins" group (partnerships/roles.py) and a superuser."""
    with django_db_blocker.unblock():
        assert Group.objects.filter(name="Data admins").exists()
        return [UserFactory(role="Data admins"), UserFactory(is_superuser=True)]


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


@fuzz(8)
@pytest.mark.parametrize("model", PARTNERSHIP_FORMS, ids=lambda model: model._meta.model_name)
@given(data=st.data())
def test_random_input_to_the_admin_add_forms_is_saved_or_refused_with_field_errors(admin_users, model, data):
    user = data.draw(st.sampled_from(admin_users), label="user")
    fields = data.draw(st.fixed_dictionaries({}, optional=PARTNERSHIP_FORMS[model]()), label="fields")
    url = admin_url(model, "add")
    if model is WorkingArea:
        url += "?" + urlencode({"locale": data.draw(st.sampled_from(LANGUAGES), label="locale")})
    with rolled_back():
        before, count_before = snapshot(model), model.objects.count()
        response = post_form(user, url, form_data(fields))
        assert_refused_or_saved(response, before, model)
        if response.status_code == 302:
            assert model.objects.count() == count_before + 1


@fuzz(8)
@pytest.mark.parametrize("model", PARTNERSHIP_FORMS, ids=lambda model: model._meta.model_name)
@given(data=st.data())
def test_random_input_to_the_admin_edit_forms_is_saved_or_refused_with_field_errors(admin_users, model, data):
    user = data.draw(st.sampled_from(admin_users), label="user")
    fields = data.draw(st.fixed_dictionaries({}, optional=PARTNERSHIP_FORMS[model]()), label="fields")
    obj = model.objects.order_by("pk").first()
    with rolled_back():
        before = snapshot(model)
        assert_refused_or_saved(post_form(user, admin_url(model, "edit", obj), form_data(fields)), before, model)


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
        "latitude": ["abc", "1000", "1.234567"],
    },
    Module: {"number": ["-1", "abc", "40000", "1.5", ""], "slug": ["", "no spaces please"]},
    Network: {"number": ["-3", "99999999", "x"], "slug": ["", "ağ"], "module": ["", "999999", "abc"]},
    WorkingArea: {"name": ["", "\x00", "w" * 201], "module": ["", "-1", "abc"]},
}


@fuzz(8)
@pytest.mark.parametrize("model", PARTNERSHIP_FORMS, ids=lambda model: model._meta.model_name)
@given(data=st.data())
def test_invalid_admin_input_gives_field_errors_and_writes_nothing(admin_users, model, data):
    """One field certainly invalid, the others random or missing: the form comes back naming that field."""
    user = data.draw(st.sampled_from(admin_users), label="user")
    field = data.draw(st.sampled_from(sorted(INVALID_VALUES[model])), label="field")
    fields = data.draw(st.fixed_dictionaries({}, optional=PARTNERSHIP_FORMS[model]()), label="fields")
    fields[field] = data.draw(st.sampled_from(INVALID_VALUES[model][field]), label="invalid value")
    edit = data.draw(st.booleans(), label="edit")
    url = admin_url(model, "edit", model.objects.order_by("pk").first()) if edit else admin_url(model, "add")
    with rolled_back():
        before = snapshot(model)
        response = post_form(user, url, form_data(fields))
        assert response.status_code == 200
        assert field in form_errors(response)
        assert snapshot(model) == before


@fuzz(20)
@given(data=st.data())
def test_random_admin_listing_searches_and_filters_get_a_clear_answer(admin_users, data):
    """The data admin's listings answer any search text, filter value, ordering and page number."""
    user = data.draw(st.sampled_from(admin_users), label="user")
    model = data.draw(st.sampled_from(list(PARTNERSHIP_FORMS)), label="model")
    parameters = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                "q": st.one_of(any_text, st.sampled_from(["İstanbul", "umea", "Kalmar"])),
                "country": st.one_of(st.sampled_from(["SE", "TR"]), any_text),
                "kind": any_text,
                "network": numbers,
                "module": numbers,
                "locale": st.one_of(st.sampled_from(LANGUAGES), any_text),
                "ordering": st.one_of(st.sampled_from(["name", "-name", "country", "nope"]), any_text),
                "p": numbers,
            },
        ),
        label="parameters",
    )
    client = Client()
    client.force_login(user)
    with rolled_back():
        response = client.get(admin_url(model, "list"), QUERY_STRING=wsgi(urlencode(parameters)))
    assert response.status_code in (200, 302, 404), response
