"""The data loader: counts, the seed's irregularities, idempotence, no overwrite, bad files."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from partnerships.loading.data import DATA_DIR, DataFileError, load_partnership_data
from partnerships.models import Association, Membership, Municipality, Network, WorkingArea

pytestmark = pytest.mark.django_db


def members(number):
    network = Network.objects.get(number=number)
    return sorted(str(m.member.name if m.municipality else m.member.acronym) for m in network.memberships.all())


def snapshot():
    return (
        list(Municipality.objects.order_by("pk").values()),
        list(Association.objects.order_by("pk").values()),
        list(Network.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        list(WorkingArea.objects.order_by("pk").values()),
    )


def test_loads_every_record_of_the_seed(seed_data):
    """29 municipalities (6 Swedish, 23 Turkish), 2 associations, 7 networks."""
    assert Municipality.objects.count() == 29
    assert Municipality.objects.filter(country="SE").count() == 6
    assert Municipality.objects.filter(country="TR").count() == 23
    assert Association.objects.count() == 2
    assert Network.objects.count() == 7


def test_keeps_the_seeds_irregularities(seed_data):
    """Network 1 has two Swedish members, Kalmar is in networks 3 and 6, network 7 joins SALAR and UMT."""
    assert members(1) == ["Adalar", "Büyükçekmece", "Nacka", "Stockholm", "Zeytinburnu", "İstanbul"]
    kalmar = Municipality.objects.get(slug="kalmar")
    assert sorted(m.network.number for m in kalmar.memberships.all()) == [3, 6]
    assert members(7) == ["SALAR", "UMT"]
    assert Network.objects.get(number=7).module.number == 7


def test_names_keep_their_letters(seed_data):
    """Local names are written with Turkish and Swedish letters; slugs are ASCII."""
    sirnak = Municipality.objects.get(slug="sirnak")
    assert sirnak.name == "Şırnak" and sirnak.region == "Şırnak"
    assert Municipality.objects.get(slug="umea").name == "Umeå"
    assert all(m.slug.isascii() for m in Municipality.objects.all())


def test_working_areas_are_translated_with_wagtail_localize(seed_data):
    """Every working area exists in en, tr and sv, linked by one translation key."""
    english = WorkingArea.objects.filter(locale__language_code="en")
    assert english.count() == 21
    area = english.get(name="Solid waste management")
    names = {t.locale.language_code: t.name for t in area.get_translations()}
    assert names == {"tr": "Katı atık yönetimi", "sv": "Avfallshantering"}


def test_running_twice_changes_nothing(seed_data):
    """The second run reports nothing to change and leaves every row identical."""
    before = snapshot()
    report = load_partnership_data()
    assert snapshot() == before
    assert list(report.lines()) == ["Partnership data already up to date: nothing to change."]


def test_admin_edits_are_kept_unless_reset(seed_data):
    """An edited record survives a reload, and --reset restores the file's value."""
    Municipality.objects.filter(slug="nacka").update(official_name="Nacka kommun (edited)")
    report = load_partnership_data()
    assert Municipality.objects.get(slug="nacka").official_name == "Nacka kommun (edited)"
    assert any("Nacka" in line for line in report.kept)
    load_partnership_data(reset=True)
    assert Municipality.objects.get(slug="nacka").official_name == "Nacka kommun"


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def break_line(path, line_number, old, new):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")


def test_bad_value_names_file_line_record_and_field_and_writes_nothing(db, data_copy):
    """A non-numeric latitude on line 25 is reported precisely and nothing is saved."""
    break_line(data_copy / "municipalities.csv", 25, "37.51640", "north")
    with pytest.raises(DataFileError) as error:
        load_partnership_data(data_dir=data_copy)
    message = str(error.value)
    assert "municipalities.csv" in message and "line 25" in message
    assert "sirnak" in message and "latitude" in message
    assert Municipality.objects.count() == 0


def test_invalid_fact_in_a_late_file_rolls_back_everything(db, data_copy):
    """An unknown member in memberships.csv stops the load after municipalities were read: none stay."""
    break_line(data_copy / "memberships.csv", 4, "istanbul", "atlantis")
    with pytest.raises(DataFileError) as error:
        load_partnership_data(data_dir=data_copy)
    assert "memberships.csv, line 4" in str(error.value) and "member" in str(error.value)
    assert Municipality.objects.count() == 0
    assert Network.objects.count() == 0


def test_coordinates_in_the_wrong_country_are_refused(db, data_copy):
    """The models' own validation applies to the data file: Kalmar cannot lie in Turkey."""
    break_line(data_copy / "municipalities.csv", 5, "56.66340,16.35680", "39.00000,35.00000")
    with pytest.raises(DataFileError) as error:
        load_partnership_data(data_dir=data_copy)
    assert "line 5" in str(error.value) and "kalmar" in str(error.value)


def test_command_reports_a_bad_file_without_a_traceback(db, data_copy):
    """The management command turns a bad file into a CommandError naming the file."""
    (data_copy / "networks.csv").write_text("number,slug\n1,network-1\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"networks\.csv.*module.*Nothing was written"):
        call_command("load_tusenet", data_dir=str(data_copy), data_only=True, stdout=open("/dev/null", "w"))
