import csv
import io
import json

import pytest

from tests.cities.factories import MemberFactory, focus_area

pytestmark = pytest.mark.django_db


def test_members_csv_holds_public_fields_of_published_members(client):
    MemberFactory(name="Vienna", slug="vienna", country="AT", focus_areas=[focus_area("housing")])
    MemberFactory(name="Hidden", is_published=False)
    response = client.get("/members.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["name"] for row in rows] == ["Vienna"]
    assert rows[0]["country"] == "AT"
    assert rows[0]["focus_areas"] == "housing"
    assert rows[0]["url"] == "http://127.0.0.1:8000/members/vienna/"
    assert "description" not in rows[0]


def test_members_json_holds_public_fields_of_published_members(client):
    MemberFactory(name="Vienna", slug="vienna", latitude="48.2", longitude="16.37")
    MemberFactory(name="Hidden", is_published=False)
    data = json.loads(client.get("/members.json").content)
    assert data["count"] == 1
    assert data["members"][0]["name"] == "Vienna"
    assert data["members"][0]["latitude"] == 48.2


def test_members_csv_neutralises_text_a_spreadsheet_would_run(client):
    MemberFactory(
        name="Rabat",
        representative_name='=HYPERLINK("http://x","y")',
        latitude="34.02",
        longitude="-6.84",
    )
    response = client.get("/members.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["representative_name"] == '\'=HYPERLINK("http://x","y")'
    assert rows[0]["longitude"] == "-6.84"
