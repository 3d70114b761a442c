"""The partnership data in the Wagtail admin: lists, filters, export, validation, delete protection."""

import csv
import io
import re

import pytest
from django.urls import reverse

from partnerships.models import Association, Module, Municipality, Network

pytestmark = pytest.mark.django_db

MUNICIPALITIES = "/admin/snippets/partnerships/municipality/"


def rows(response):
    return response.content.decode().count('data-object-pk="') or response.content.decode().count("<tr")


def test_municipality_list_shows_all_29(admin_client_logged_in, seed_data):
    """The list view names every municipality, with correct letters."""
    response = admin_client_logged_in.get(MUNICIPALITIES)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Şırnak", "İstanbul", "Umeå", "Malmö", "Büyükçekmece"):
        assert name in html
    assert "29" in html


@pytest.mark.parametrize(("query", "expected"), [("country=SE", 6), ("country=TR", 23)])
def test_municipalities_filter_by_country(admin_client_logged_in, seed_data, query, expected):
    """Filtering by country gives 6 Swedish and 23 Turkish municipalities (counted in the CSV export)."""
    response = admin_client_logged_in.get(f"{MUNICIPALITIES}?{query}&export=csv")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) - 1 == expected


def test_municipalities_filter_by_network(admin_client_logged_in, seed_data):
    """Filtering by network 3 lists Kalmar, Manisa, Karşıyaka and Bornova only."""
    network = Network.objects.get(number=3)
    response = admin_client_logged_in.get(f"{MUNICIPALITIES}?network={network.pk}&export=csv")
    body = b"".join(response.streaming_content).decode()
    names = sorted(line.split(",")[0] for line in body.strip().splitlines()[1:])
    assert names == ["Bornova", "Kalmar", "Karşıyaka", "Manisa"]


def test_municipalities_export_as_csv_and_xlsx(admin_client_logged_in, seed_data):
    """CSV and XLSX exports are offered and contain every municipality."""
    csv_response = admin_client_logged_in.get(f"{MUNICIPALITIES}?export=csv")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(csv_response.streaming_content).decode()
    assert len(body.strip().splitlines()) == 30
    assert "Şırnak Belediyesi" in body
    xlsx_response = admin_client_logged_in.get(f"{MUNICIPALITIES}?export=xlsx")
    assert xlsx_response.status_code == 200
    assert "spreadsheetml" in xlsx_response["Content-Type"]


def exported_rows(client, url):
    """The rows of a CSV export, and whether the file starts with a byte-order mark."""
    content = b"".join(client.get(f"{url}?export=csv").streaming_content)
    text = content.decode("utf-8")
    return content.startswith(b"\xef\xbb\xbf"), list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize(
    ("language", "headings", "kalmar"),
    [
        (
            "en",
            ["Name", "Country", "Kind", "Networks"],
            ["Kalmar", "Sweden", "Municipality (kommun)", "Network 3, Network 6"],
        ),
        ("tr", ["Ad", "Ülke", "Tür", "Ağlar"], ["Kalmar", "İsveç", "Belediye (kommun)", "Ağ 3, Ağ 6"]),
        ("sv", ["Namn", "Land", "Typ", "Nätverk"], ["Kalmar", "Sverige", "Kommun", "Nätverk 3, Nätverk 6"]),
    ],
)
def test_the_municipalities_export_opens_in_a_spreadsheet_in_the_admins_language(
    admin_client_logged_in, seed_data, language, headings, kalmar
):
    """A byte-order mark (Excel reads UTF-8 then), country and kind by name, and each one's networks."""
    in_admin_language(language)
    has_mark, rows = exported_rows(admin_client_logged_in, MUNICIPALITIES)
    assert has_mark
    columns = [rows[0].index(heading) for heading in headings]
    row = next(row for row in rows if row[0] == "Kalmar")
    assert [row[column] for column in columns] == kalmar


def test_the_associations_export_names_their_network(admin_client_logged_in, seed_data):
    has_mark, rows = exported_rows(admin_client_logged_in, "/admin/snippets/partnerships/association/")
    networks = rows[0].index("Networks")
    assert has_mark and {row[0]: row[networks] for row in rows[1:]} == {"SALAR": "Network 7", "UMT": "Network 7"}


def test_the_export_costs_the_same_queries_however_many_networks(admin_client_logged_in, seed_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import network_with_members

    def queries():
        with CaptureQueriesContext(connection) as captured:
            exported_rows(admin_client_logged_in, MUNICIPALITIES)
        return len(captured)

    queries()  # the admin's first request creates their profile (the admin language)
    before = queries()
    for _ in range(5):
        network_with_members(swedish=1, turkish=3)
    assert queries() == before


def test_municipality_list_is_sortable_and_searchable(admin_client_logged_in, seed_data):
    """Columns sort and the search box finds a municipality by name."""
    response = admin_client_logged_in.get(f"{MUNICIPALITIES}?ordering=-name")
    assert response.status_code == 200
    response = admin_client_logged_in.get(f"{MUNICIPALITIES}?q=Nacka")
    html = response.content.decode()
    assert "Nacka kommun" in html and "Stockholms stad" not in html


def municipality_form(municipality, **changes):
    data = {
        "name": municipality.name,
        "official_name": municipality.official_name,
        "official_name_today": municipality.official_name_today,
        "slug": municipality.slug,
        "country": municipality.country,
        "kind": municipality.kind,
        "region": municipality.region,
        "latitude": str(municipality.latitude),
        "longitude": str(municipality.longitude),
        "website": municipality.website,
    }
    data.update(changes)
    return data


def test_editing_coordinates_into_another_country_gives_a_field_error(admin_client_logged_in, seed_data):
    """Moving Umeå to Ankara is refused with a field error and nothing changes."""
    umea = Municipality.objects.get(slug="umea")
    url = reverse("wagtailsnippets_partnerships_municipality:edit", args=[umea.pk])
    response = admin_client_logged_in.post(url, municipality_form(umea, latitude="39.9", longitude="32.8"))
    assert response.status_code == 200
    assert "latitude" in response.context["form"].errors
    assert "Sweden lies between latitudes 55.0 and 69.1." in response.content.decode()
    umea.refresh_from_db()
    assert str(umea.latitude) == "63.82580"


def test_editing_a_valid_change_saves(admin_client_logged_in, seed_data):
    """A valid edit through the admin is saved."""
    nacka = Municipality.objects.get(slug="nacka")
    url = reverse("wagtailsnippets_partnerships_municipality:edit", args=[nacka.pk])
    response = admin_client_logged_in.post(url, municipality_form(nacka, region="Stockholm County"))
    assert response.status_code == 302
    nacka.refresh_from_db()
    assert nacka.region == "Stockholm County"


def test_an_admin_edits_the_website_and_a_bad_address_is_a_field_error(admin_client_logged_in, seed_data):
    """The website is edited in the snippet form (https when typed without it); a non-web address is a field error."""
    kalmar = Municipality.objects.get(slug="kalmar")
    url = reverse("wagtailsnippets_partnerships_municipality:edit", args=[kalmar.pk])
    for wrong in ("kalmar kommun", "ftp://www.kalmar.se/"):
        response = admin_client_logged_in.post(url, municipality_form(kalmar, website=wrong))
        assert response.status_code == 200 and "website" in response.context["form"].errors, wrong
    response = admin_client_logged_in.post(url, municipality_form(kalmar, website="kalmar.se/en/"))
    assert response.status_code == 302
    kalmar.refresh_from_db()
    assert kalmar.website == "https://kalmar.se/en/" and kalmar.official_name == "Kalmar kommun"


def test_duplicate_name_in_a_country_gives_a_field_error(admin_client_logged_in, seed_data):
    """Creating a second Swedish “Kalmar” is refused on the name field."""
    kalmar = Municipality.objects.get(slug="kalmar")
    url = reverse("wagtailsnippets_partnerships_municipality:add")
    response = admin_client_logged_in.post(url, municipality_form(kalmar, slug="kalmar-2"))
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def network_form(network, members):
    data = {"number": network.number, "slug": network.slug, "module": network.module_id}
    data.update(
        {
            "memberships-TOTAL_FORMS": str(len(members)),
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        }
    )
    for index, (municipality, role) in enumerate(members):
        data[f"memberships-{index}-municipality"] = municipality.pk
        data[f"memberships-{index}-association"] = ""
        data[f"memberships-{index}-role"] = role
        data[f"memberships-{index}-ORDER"] = str(index + 1)
        data[f"memberships-{index}-id"] = ""
    return data


def test_network_without_a_swedish_member_is_refused(admin_client_logged_in, seed_data):
    """A new network with only Turkish members gives a clear error and is not created."""
    template = Network.objects.get(number=3)
    turkish = Municipality.objects.filter(country="TR")[:2]
    data = network_form(template, [(m, "turkish_partner") for m in turkish])
    data.update({"number": 8, "slug": "network-8"})
    response = admin_client_logged_in.post(reverse("wagtailsnippets_partnerships_network:add"), data)
    assert response.status_code == 200
    assert "A network needs at least one Swedish and one Turkish member." in response.content.decode()
    assert not Network.objects.filter(number=8).exists()


def test_network_with_both_sides_is_created_with_its_members(admin_client_logged_in, seed_data):
    """The inline members are saved with the network."""
    template = Network.objects.get(number=3)
    members = [
        (Municipality.objects.get(slug="kalmar"), "swedish_partner"),
        (Municipality.objects.get(slug="amasya"), "turkish_partner"),
    ]
    data = network_form(template, members)
    data.update({"number": 8, "slug": "network-8"})
    response = admin_client_logged_in.post(reverse("wagtailsnippets_partnerships_network:add"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert Network.objects.get(number=8).memberships.count() == 2


def test_deleting_a_municipality_in_a_network_is_refused(admin_client_logged_in, seed_data):
    """Kalmar is used by two networks: the delete page says so and a forced delete changes nothing."""
    kalmar = Municipality.objects.get(slug="kalmar")
    url = reverse("wagtailsnippets_partnerships_municipality:delete", args=[kalmar.pk])
    response = admin_client_logged_in.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "referenced 2 times" in html and "prevent it from being deleted" in html
    admin_client_logged_in.post(url)
    assert Municipality.objects.filter(slug="kalmar").exists()


def test_the_refusal_to_delete_links_to_what_uses_the_record(admin_client_logged_in, seed_data):
    """Not a dead end: each network that has Kalmar as a member is a link to its edit form, in the admin's language."""
    in_admin_language("sv")
    kalmar = Municipality.objects.get(slug="kalmar")
    response = admin_client_logged_in.get(reverse("wagtailsnippets_partnerships_municipality:delete", args=[kalmar.pk]))
    message = " ".join(str(message) for message in response.context["messages"])
    assert message.startswith("”Kalmar” kan inte tas bort")
    for number in (3, 6):
        network = Network.objects.get(number=number)
        edit = reverse("wagtailsnippets_partnerships_network:edit", args=[network.pk])
        assert f'<a href="{edit}">' in message
        assert f'<a href="{edit}">' in response.content.decode()


def test_deleting_an_unused_municipality_works(admin_client_logged_in, seed_data):
    """A municipality no network or page uses can be deleted."""
    from .factories import MunicipalityFactory

    spare = MunicipalityFactory()
    url = reverse("wagtailsnippets_partnerships_municipality:delete", args=[spare.pk])
    response = admin_client_logged_in.post(url)
    assert response.status_code == 302
    assert not Municipality.objects.filter(pk=spare.pk).exists()


def test_deleting_a_module_a_network_runs_is_refused(admin_client_logged_in, seed_data):
    """Module 1 is run by network 1: deleting it is refused with a message."""
    module = Network.objects.get(number=1).module
    url = reverse("wagtailsnippets_partnerships_module:delete", args=[module.pk])
    response = admin_client_logged_in.post(url, follow=True)
    assert response.status_code in (200, 403)
    assert type(module).objects.filter(pk=module.pk).exists()


def test_the_admin_account_can_save_its_language_preference(client, db, monkeypatch, tmp_path):
    """ensure_admin fills the name and e-mail Wagtail's account form requires, so preferences can be saved."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.users.models import UserProfile

    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-test-password")
    call_command("ensure_admin", stdout=open("/dev/null", "w"))
    user = get_user_model().objects.get(username="admin")
    assert user.first_name and user.last_name and user.email
    client.force_login(user)
    data = {
        "name_email-first_name": user.first_name,
        "name_email-last_name": user.last_name,
        "name_email-email": user.email,
        "locale-preferred_language": "tr",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "theme-keyboard_shortcuts": "on",
    }
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302
    assert UserProfile.get_for_user(user).preferred_language == "tr"


@pytest.mark.parametrize(
    ("model", "data"),
    [
        ("network", {"module": "abc", "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0"}),
        ("workingarea", {"module": ":", "name": "Tourism"}),
    ],
)
def test_a_tampered_chooser_id_gives_the_form_with_its_field_error(admin_client_logged_in, seed_data, model, data):
    """Wagtail's chooser looked ``module=abc`` up to show it again: a server error (found by test_fuzzing.py)."""
    response = admin_client_logged_in.post(reverse(f"wagtailsnippets_partnerships_{model}:add"), data)
    assert response.status_code == 200
    assert "module" in response.context["form"].errors


@pytest.mark.parametrize("ordering", ["name", "-official_name", "region"])
def test_searching_the_municipalities_sorted_by_a_column_works(admin_client_logged_in, seed_data, ordering):
    """Sorting search results needs the column as a search filter field; it was a server error."""
    response = admin_client_logged_in.get(MUNICIPALITIES, {"q": "Kalmar", "ordering": ordering})
    assert response.status_code == 200
    assert "Kalmar kommun" in response.content.decode()


@pytest.mark.parametrize("row_id", [None, "abc", "²", "-1"])
def test_a_tampered_member_row_id_gives_the_form_not_a_server_error(admin_client_logged_in, seed_data, row_id):
    """modelcluster read ``memberships-0-id`` unchecked: missing, it was a server error (found by test_fuzzing.py)."""
    network = Network.objects.get(number=3)
    data = network_form(network, [(Municipality.objects.get(slug="kalmar"), "swedish_partner")])
    data["memberships-INITIAL_FORMS"] = "1"
    if row_id is None:
        del data["memberships-0-id"]
    else:
        data["memberships-0-id"] = row_id
    url = reverse("wagtailsnippets_partnerships_network:edit", args=[network.pk])
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors or response.context["form"].formsets["memberships"].non_form_errors()
    assert network.memberships.count() == Network.objects.get(number=3).memberships.count()


def test_a_network_form_claiming_too_many_member_rows_is_bounded_and_its_row_ids_mended():
    """Counts past the most members are lowered to one too many; usable row ids are kept, others blanked."""
    from django.http import QueryDict
    from wagtail.admin.panels import get_edit_handler

    from partnerships.forms import with_rows_bounded_and_ids_mended
    from partnerships.models.partners import MAX_NETWORK_MEMBERS

    formsets = get_edit_handler(Network).get_form_class().formsets
    data = QueryDict(mutable=True)
    data.update({"memberships-TOTAL_FORMS": "9" * 30, "memberships-INITIAL_FORMS": "9" * 30})
    data.update({"memberships-0-id": "7", "memberships-1-id": "²"})
    mended = with_rows_bounded_and_ids_mended(data, formsets)
    most = str(MAX_NETWORK_MEMBERS + 1)
    assert (mended["memberships-TOTAL_FORMS"], mended["memberships-INITIAL_FORMS"]) == (most, most)
    assert (mended["memberships-0-id"], mended["memberships-1-id"], mended["memberships-2-id"]) == ("7", "", "")
    assert f"memberships-{MAX_NETWORK_MEMBERS}-id" in mended and f"memberships-{most}-id" not in mended
    broken = QueryDict("memberships-INITIAL_FORMS=x")
    assert with_rows_bounded_and_ids_mended(broken, formsets) == broken  # Django reports the management form
    assert with_rows_bounded_and_ids_mended(None, formsets) is None


def test_a_network_form_with_too_many_member_rows_says_so(admin_client_logged_in, seed_data):
    """The formset's own "at most" error, in the editor's language; nothing is written."""
    network = Network.objects.get(number=3)
    data = network_form(network, [(Municipality.objects.get(slug="kalmar"), "swedish_partner")])
    data["memberships-TOTAL_FORMS"] = "500"
    url = reverse("wagtailsnippets_partnerships_network:edit", args=[network.pk])
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 200
    assert "Please submit at most 40 forms." in response.context["form"].formsets["memberships"].non_form_errors()
    assert network.memberships.count() == Network.objects.get(number=3).memberships.count()


@pytest.fixture
def data_admin_client(client):
    """A member of the "Data admins" group, logged in."""
    from .factories import UserFactory

    client.force_login(UserFactory(role="Data admins"))
    return client


def association_form(association, **changes):
    data = {
        name: "" if getattr(association, name) is None else str(getattr(association, name))
        for name in ("name", "acronym", "local_name", "local_acronym", "slug", "country", "latitude", "longitude")
    }
    data.update(changes)
    return data


def snapshot(model):
    return list(model.objects.order_by("pk").values())


def assert_refused_on(response, field, message, model, before):
    """The form is shown again with ``message`` on ``field`` (a 302 would mean it was saved) and nothing is written."""
    assert response.status_code == 200, f"saved: {field} was accepted"
    assert message in response.context["form"].errors.get(field, []), response.context["form"].errors
    assert message in response.content.decode()
    assert snapshot(model) == before


@pytest.mark.parametrize(
    ("number", "message"),
    [
        # Found by test_fuzzing.py: SQLite does not enforce PositiveSmallIntegerField's range, so 40000 was saved.
        ("40000", "Ensure this value is less than or equal to 99."),
        ("100", "Ensure this value is less than or equal to 99."),
        ("0", "Ensure this value is greater than or equal to 1."),
    ],
)
@pytest.mark.parametrize("view", ["add", "edit"])
def test_an_out_of_range_module_number_is_a_field_error(data_admin_client, seed_data, number, message, view):
    """A module number is a small positive count (1 to 99) on SQLite as on PostgreSQL: nothing is saved."""
    module = Module.objects.get(number=2)
    if view == "add":
        url, data = reverse("wagtailsnippets_partnerships_module:add"), {"number": number, "slug": "module-new"}
    else:
        url, data = (
            reverse("wagtailsnippets_partnerships_module:edit", args=[module.pk]),
            {"number": number, "slug": module.slug},
        )
    before = snapshot(Module)
    assert_refused_on(data_admin_client.post(url, data), "number", message, Module, before)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("40000", "Ensure this value is less than or equal to 99."),
        ("100", "Ensure this value is less than or equal to 99."),
        ("0", "Ensure this value is greater than or equal to 1."),
    ],
)
def test_an_out_of_range_network_number_is_a_field_error(admin_client_logged_in, seed_data, number, message):
    """A new network with valid members but number 0, 100 or 40000 is refused on the number; nothing is created."""
    members = [
        (Municipality.objects.get(slug="kalmar"), "swedish_partner"),
        (Municipality.objects.get(slug="amasya"), "turkish_partner"),
    ]
    data = network_form(Network.objects.get(number=3), members)
    data.update({"number": number, "slug": "network-new"})
    before = snapshot(Network)
    response = admin_client_logged_in.post(reverse("wagtailsnippets_partnerships_network:add"), data)
    assert_refused_on(response, "number", message, Network, before)
    assert not Network.objects.filter(slug="network-new").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        # Only one coordinate given: the country check (which needs both) does not run, so only the range refuses it.
        ({"latitude": "95", "longitude": ""}, "latitude", "Ensure this value is less than or equal to 90."),
        ({"latitude": "-90.00001", "longitude": ""}, "latitude", "Ensure this value is greater than or equal to -90."),
        ({"latitude": "", "longitude": "180.5"}, "longitude", "Ensure this value is less than or equal to 180."),
        ({"latitude": "", "longitude": "-999"}, "longitude", "Ensure this value is greater than or equal to -180."),
    ],
)
@pytest.mark.parametrize("client_fixture", ["data_admin_client", "admin_client_logged_in"])
def test_association_coordinates_off_the_earth_are_a_field_error(
    request, seed_data, client_fixture, changes, field, message
):
    """The seat of an association lies on the earth: latitude -90 to 90, longitude -180 to 180."""
    association = Association.objects.get(slug="salar")
    url = reverse("wagtailsnippets_partnerships_association:edit", args=[association.pk])
    before = snapshot(Association)
    response = request.getfixturevalue(client_fixture).post(url, association_form(association, **changes))
    assert_refused_on(response, field, message, Association, before)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"latitude": "90.5"}, "latitude", "Ensure this value is less than or equal to 90."),
        ({"longitude": "-180.5"}, "longitude", "Ensure this value is greater than or equal to -180."),
    ],
)
def test_municipality_coordinates_off_the_earth_are_a_field_error(
    data_admin_client, seed_data, changes, field, message
):
    """Municipalities had their range already (validators and a check constraint); it stays a field error."""
    umea = Municipality.objects.get(slug="umea")
    url = reverse("wagtailsnippets_partnerships_municipality:edit", args=[umea.pk])
    before = snapshot(Municipality)
    response = data_admin_client.post(url, municipality_form(umea, **changes))
    assert_refused_on(response, field, message, Municipality, before)


def test_an_association_seat_outside_its_country_is_a_field_error(admin_client_logged_in, seed_data):
    """SALAR's seat moved to Ankara is refused on both coordinates, each with its range; nothing is written."""
    association = Association.objects.get(slug="salar")
    url = reverse("wagtailsnippets_partnerships_association:edit", args=[association.pk])
    before = snapshot(Association)
    response = admin_client_logged_in.post(url, association_form(association, latitude="39.93", longitude="32.86"))
    assert_refused_on(response, "latitude", "Sweden lies between latitudes 55.0 and 69.1.", Association, before)
    assert_refused_on(response, "longitude", "Sweden lies between longitudes 10.9 and 24.2.", Association, before)


def in_admin_language(language):
    """The signed-in admin's own preference, as users set it: its admin is then in ``language``."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize(
    ("language", "typed"), [("tr", "38,6191"), ("sv", "38,6191"), ("tr", "38.6191"), ("en", "38.6191")]
)
def test_coordinates_take_the_decimal_separator_of_the_admins_language(
    admin_client_logged_in, seed_data, language, typed
):
    """In Turkish and Swedish a decimal comma is a decimal comma (it silently became 386191); a point always works."""
    in_admin_language(language)
    manisa = Municipality.objects.get(slug="manisa")
    url = reverse("wagtailsnippets_partnerships_municipality:edit", args=[manisa.pk])
    response = admin_client_logged_in.post(
        url, municipality_form(manisa, latitude=typed, longitude="27,4289" if "," in typed else "27.4289")
    )
    assert response.status_code == 302, response.context["form"].errors
    manisa.refresh_from_db()
    assert (str(manisa.latitude), str(manisa.longitude)) == ("38.61910", "27.42890")


def test_the_turkish_admin_shows_coordinates_with_a_decimal_comma_in_text_fields(admin_client_logged_in, seed_data):
    in_admin_language("tr")
    manisa = Municipality.objects.get(slug="manisa")
    html = admin_client_logged_in.get(
        reverse("wagtailsnippets_partnerships_municipality:edit", args=[manisa.pk])
    ).content.decode()
    assert 'name="latitude" value="38,61910"' in html and 'inputmode="decimal"' in html
    assert 'type="number"' not in html.split('name="latitude"')[0].rsplit("<input", 1)[1]


@pytest.mark.parametrize(
    ("latitude", "message"),
    [
        ("38,6191", "Enter a number."),  # a decimal comma in the English admin
        ("43.6191", "Turkey lies between latitudes 35.8 and 42.2."),  # Manisa in the Black Sea, longitude right
    ],
)
def test_a_wrong_latitude_is_marked_alone_and_writes_nothing(admin_client_logged_in, seed_data, latitude, message):
    """The error is on the latitude only: a valid longitude was marked beside it."""
    manisa = Municipality.objects.get(slug="manisa")
    url = reverse("wagtailsnippets_partnerships_municipality:edit", args=[manisa.pk])
    before = snapshot(Municipality)
    response = admin_client_logged_in.post(url, municipality_form(manisa, latitude=latitude))
    assert_refused_on(response, "latitude", message, Municipality, before)
    assert "longitude" not in response.context["form"].errors


def test_the_municipality_chooser_shows_province_or_county_and_country(admin_client_logged_in, seed_data):
    """Two places of one name would be told apart; the columns are in the admin's language."""
    in_admin_language("tr")
    choose = reverse("wagtailsnippetchoosers_partnerships_municipality:choose_results")
    html = " ".join(admin_client_logged_in.get(choose, {"q": "Kalmar"}).content.decode().split())
    headings = re.findall(r"<th > (.*?) </th>", html)
    row = re.findall(r"<td[^>]*>(.*?)</td>", html[html.index("<tbody>") : html.index("</tbody>")])
    assert headings == ["Başlık", "İl veya län", "Ülke"]
    assert [re.sub(r"<[^>]+>", "", cell).strip() for cell in row] == ["Kalmar", "Kalmar län", "İsveç"]


def test_the_add_municipality_form_offers_each_country_its_own_kinds_and_fills_the_slug(admin_client_logged_in, db):
    html = admin_client_logged_in.get(reverse("wagtailsnippets_partnerships_municipality:add")).content.decode()
    select = html[html.index('<select name="kind"') : html.index("</select>", html.index('<select name="kind"'))]
    assert 'data-widget="filtered-select"' in select and 'data-filter-field="id_country"' in select
    assert 'value="kommun" data-filter-value="SE"' in select
    turkish_kinds = ("metropolitan", "provincial", "district")
    assert all(f'value="{kind}" data-filter-value="TR"' in select for kind in turkish_kinds)
    assert "wagtailadmin/js/filtered-select.js" in html
    name = html[html.index('name="name"') - 400 : html.index('name="name"') + 400]
    assert 'data-w-sync-target-value="#id_slug"' in name
    slug = html[html.index('name="slug"') - 400 : html.index('name="slug"') + 400]
    assert 'data-controller="w-slug"' in slug and 'data-w-slug-allow-unicode-value="false"' in slug


def test_the_choosers_of_a_network_speak_the_admins_language(admin_client_logged_in, seed_data):
    """ "Choose module" and "Choose municipality" stayed English in the Turkish admin (made with the models)."""
    in_admin_language("tr")
    network = Network.objects.get(number=3)
    html = admin_client_logged_in.get(reverse("wagtailsnippets_partnerships_network:edit", args=[network.pk])).content
    html = html.decode()
    assert "Choose module" not in html and "Choose municipality" not in html and "Choose association" not in html
    assert "Başka modül seç" in html  # the network's module is chosen: its button offers another
