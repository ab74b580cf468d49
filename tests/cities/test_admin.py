import csv
import io
import json
import re
from decimal import Decimal

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import XLSX

from cities.models import Member
from cities.resources import MemberResource
from tests.accounts.factories import SecretariatFactory, enrol_totp
from tests.cities.factories import MemberFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    return client


def _member_form(**overrides) -> dict:
    data = {
        "name": "Tuzla",
        "slug": "tuzla",
        "kind": "city",
        "is_published": "on",
        "joined_on": "",
        "country": "BA",
        "region": region("europe").pk,
        "latitude": "44.54",
        "longitude": "18.67",
        "inhabitants": "110000",
        "website": "",
        "representative_name": "",
        "representative_title": "",
        "political_structure": "",
        "local_charter": "",
        "local_charter_year": "",
        "description": "Memory and diversity.",
        "language": "en",
        "affiliations-TOTAL_FORMS": "0",
        "affiliations-INITIAL_FORMS": "0",
        "affiliations-MIN_NUM_FORMS": "0",
        "affiliations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_admin_adds_a_member_with_its_location(secretariat_client):
    response = secretariat_client.post(reverse("admin:cities_member_add"), _member_form())
    assert response.status_code == 302
    member = Member.objects.get(slug="tuzla")
    assert (str(member.latitude), str(member.longitude)) == ("44.54000", "18.67000")


def test_admin_member_form_has_the_location_picker(secretariat_client):
    body = secretariat_client.get(reverse("admin:cities_member_add")).content.decode()
    assert 'data-location-picker data-latitude-id="id_latitude"' in body
    assert 'data-longitude-id="id_longitude"' in body
    assert "cities/js/location-picker.js" in body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"latitude": "91"}, "Ensure this value is less than or equal to 90."),
        ({"longitude": "-181"}, "Ensure this value is greater than or equal to -180."),
        ({"longitude": ""}, "Give both latitude and longitude, or neither."),
        ({"country": "XX"}, "Select a valid choice. XX is not one of the available choices."),
    ],
)
def test_admin_refuses_bad_locations_and_countries(secretariat_client, overrides, message):
    response = secretariat_client.post(
        reverse("admin:cities_member_add"), _member_form(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Member.objects.filter(slug="tuzla").exists()


def test_admin_refuses_a_duplicate_name_in_the_same_country(secretariat_client):
    MemberFactory(name="Tuzla", slug="tuzla-1", country="BA")
    response = secretariat_client.post(
        reverse("admin:cities_member_add"), _member_form(slug="tuzla-2")
    )
    assert "A member with this name already exists in this country." in response.content.decode()
    assert Member.objects.filter(name="Tuzla").count() == 1


HEADER = "name,slug,kind,country,region,latitude,longitude,networks,focus_areas,is_published\n"


def _dataset(rows: str) -> tablib.Dataset:
    return tablib.Dataset().load(HEADER + rows, format="csv")


def test_import_creates_members_from_csv():
    result = MemberResource().import_data(
        _dataset(
            "Rabat,rabat,city,MA,africa,34.02,-6.84,,gender-equality childrens-rights,1\n"
            "Sfax,sfax,city,TN,africa,34.74,10.76,,health,1\n"
        ),
        dry_run=False,
        rollback_on_validation_errors=True,
    )
    assert not result.has_errors() and not result.has_validation_errors()
    rabat = Member.objects.get(slug="rabat")
    assert sorted(rabat.focus_areas.values_list("slug", flat=True)) == [
        "childrens-rights",
        "gender-equality",
    ]
    assert rabat.region.slug == "africa"


def test_import_with_a_bad_row_reports_each_row_and_imports_nothing():
    MemberFactory(name="Vienna", slug="vienna", country="AT")
    result = MemberResource().import_data(
        _dataset(
            "Rabat,rabat,city,MA,africa,34.02,-6.84,,,1\n"
            "North Pole,north-pole,city,NO,europe,91,0,,,1\n"
            "Half,half,city,ES,europe,40.0,,,,1\n"
            "Nowhere,nowhere,city,XX,europe,,,,,1\n"
            "Vienna,vienna-2,city,AT,europe,48.2,16.37,,,1\n"
        ),
        dry_run=False,
        rollback_on_validation_errors=True,
    )
    invalid = {row.number: row.error.message_dict for row in result.invalid_rows}
    assert sorted(invalid) == [2, 3, 4, 5]
    assert "latitude" in invalid[2]
    assert invalid[3]["__all__"] == ["Give both latitude and longitude, or neither."]
    assert "country" in invalid[4]
    assert invalid[5]["__all__"] == ["A member with this name already exists in this country."]
    assert list(Member.objects.values_list("slug", flat=True)) == ["vienna"]


def test_admin_import_preview_shows_row_errors_and_saves_nothing(secretariat_client):
    upload = SimpleUploadedFile(
        "members.csv",
        (HEADER + "North Pole,north-pole,city,NO,europe,91,0,,,1\n").encode(),
        content_type="text/csv",
    )
    response = secretariat_client.post(
        reverse("admin:cities_member_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 90." in body
    assert 'name="confirm"' not in body
    assert not Member.objects.filter(slug="north-pole").exists()


def _format_options(body: str) -> list[str]:
    select = re.search(r'<select name="format".*?</select>', body, re.S).group(0)
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)


def _upload(client, content: str, *, name="members.csv", file_format="0"):
    return client.post(
        reverse("admin:cities_member_import"),
        {
            "resource": "0",
            "format": file_format,
            "import_file": SimpleUploadedFile(name, content.encode()),
        },
    )


def _export_csv(client) -> bytes:
    selected = {f"memberresource_{name}": "on" for name in MemberResource._meta.fields}
    response = client.post(
        reverse("admin:cities_member_export"), {"format": "0", "resource": "0", **selected}
    )
    assert response["Content-Type"] == "text/csv"
    return response.content


def test_admin_export_neutralises_text_a_spreadsheet_would_run(secretariat_client):
    MemberFactory(
        name="Rabat",
        slug="rabat",
        representative_name='=HYPERLINK("http://x","y")',
        description="- housing\n- water",
        longitude=Decimal("-6.84"),
    )
    rows = list(csv.DictReader(io.StringIO(_export_csv(secretariat_client).decode())))
    rabat = next(row for row in rows if row["slug"] == "rabat")
    assert rabat["representative_name"] == '\'=HYPERLINK("http://x","y")'
    assert rabat["description"] == "'- housing\n- water"
    assert rabat["longitude"] == "-6.84000"
    assert rabat["name"] == "Rabat"


def test_admin_export_imports_back_to_the_same_text(secretariat_client):
    MemberFactory(name="Rabat", slug="rabat", representative_name="=1+1", description="- housing")
    exported = _export_csv(secretariat_client).decode()
    response = _upload(secretariat_client, exported)
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    secretariat_client.post(
        reverse("admin:cities_member_process_import"),
        {**confirm.initial, "resource": "0"},
    )
    rabat = Member.objects.get(slug="rabat")
    assert (rabat.representative_name, rabat.description) == ("=1+1", "- housing")
    assert Member.objects.count() == 1


def test_admin_import_without_a_slug_column_says_so_and_imports_nothing(secretariat_client):
    before = Member.objects.count()
    response = _upload(secretariat_client, "name,kind,country,region\nRabat,city,MA,africa\n")
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "The file has no “slug” column: each row needs the slug of the member it creates or "
        "updates." in body
    )
    assert "Traceback" not in body
    assert "site-packages" not in body
    assert 'name="confirm"' not in body
    assert Member.objects.count() == before


def test_admin_import_with_a_slug_twice_names_the_rows_and_imports_nothing(secretariat_client):
    before = Member.objects.count()
    response = _upload(
        secretariat_client,
        HEADER
        + "Rabat,rabat,city,MA,africa,34.02,-6.84,,,1\n"
        + "Sfax,sfax,city,TN,africa,34.74,10.76,,,1\n"
        + "Rabat again,rabat,city,MA,africa,34.02,-6.84,,,1\n",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The slug “rabat” is already on row 1 of this file." in body
    assert [row.number for row in response.context["result"].invalid_rows] == [3]
    assert 'name="confirm"' not in body
    assert Member.objects.count() == before


def test_admin_import_offers_only_formats_that_import(secretariat_client):
    body = secretariat_client.get(reverse("admin:cities_member_import")).content.decode()
    assert _format_options(body) == ["csv", "json"]


def test_admin_export_offers_csv_json_and_xlsx_when_installed(secretariat_client):
    body = secretariat_client.get(reverse("admin:cities_member_export")).content.decode()
    expected = ["csv", "json"] + (["xlsx"] if XLSX.is_available() else [])
    assert _format_options(body) == expected


def test_admin_import_refuses_a_format_it_does_not_offer(secretariat_client):
    before = Member.objects.count()
    response = _upload(
        secretariat_client,
        "<table><tr><th>name</th><th>slug</th></tr><tr><td>Rabat</td><td>rabat</td></tr></table>",
        name="members.html",
        file_format="3",
    )
    assert response.status_code == 200
    assert "Select a valid choice. 3 is not one of the available choices." in (
        response.content.decode()
    )
    assert Member.objects.count() == before


def test_admin_import_reads_json(secretariat_client):
    members = [
        {"name": "Rabat", "slug": "rabat", "kind": "city", "country": "MA", "region": "africa",
         "latitude": 34.02, "longitude": -6.84, "focus_areas": "housing", "is_published": 1},
    ]  # fmt: skip
    response = _upload(
        secretariat_client, json.dumps(members), name="members.json", file_format="1"
    )
    assert response.status_code == 200
    secretariat_client.post(
        reverse("admin:cities_member_process_import"),
        {**response.context["confirm_form"].initial, "resource": "0"},
    )
    rabat = Member.objects.get(slug="rabat")
    assert (rabat.country.code, str(rabat.longitude)) == ("MA", "-6.84000")
    assert list(rabat.focus_areas.values_list("slug", flat=True)) == ["housing"]
