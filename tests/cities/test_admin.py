import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
