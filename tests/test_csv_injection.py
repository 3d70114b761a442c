"""Values a spreadsheet would run as formulas come out of every CSV as text; JSON keeps them as they are."""

import csv
import io
import json

import pytest

from partnerships.models import Municipality
from tusenet.ops.spreadsheets import as_text_cell

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("https://evil.example","Kalmar")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_is_written_as_text(formula):
    assert as_text_cell(formula) == "'" + formula


@pytest.mark.parametrize("value", ["Kalmar", "Karşıyaka Belediyesi", 56.66, -12.5, None, "Åre = fin"])
def test_other_values_are_left_alone(value):
    assert as_text_cell(value) == value


@pytest.fixture
def planted(seed_data):
    municipality = Municipality.objects.order_by("name").first()
    municipality.official_name = FORMULAS[0]
    municipality.save()
    return municipality


def rows(body):
    return list(csv.reader(io.StringIO(body)))


def test_the_open_data_csv_writes_formulas_as_text_and_the_json_keeps_them(client, planted):
    body = client.get("/data/v1/municipalities.csv").content.decode()
    cells = {cell for row in rows(body) for cell in row}
    assert "'" + FORMULAS[0] in cells and FORMULAS[0] not in cells
    records = json.loads(client.get("/data/v1/municipalities.json").content)["municipalities"]
    assert FORMULAS[0] in {record["official_name"] for record in records}


def test_the_admins_csv_export_writes_formulas_as_text(admin_client_logged_in, planted):
    response = admin_client_logged_in.get("/admin/snippets/partnerships/municipality/?export=csv")
    body = b"".join(response.streaming_content).decode()
    cells = {cell for row in rows(body) for cell in row}
    assert "'" + FORMULAS[0] in cells and FORMULAS[0] not in cells
