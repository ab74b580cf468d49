import pytest
from django.urls import reverse

from tests.cities.factories import MemberFactory, NetworkFactory, focus_area, region

pytestmark = pytest.mark.django_db

URL = reverse("cities:member_list")


def _names(response) -> list[str]:
    return [member.name for member in response.context["page"].object_list]


@pytest.mark.parametrize("count", [1, 50])
def test_directory_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    network = NetworkFactory()
    MemberFactory.create_batch(count, networks=[network])
    # count, members, their networks; the filter form's countries, regions, networks and focus
    # areas (only those that occur among published members, but focus areas: all of them).
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == min(count, 25)


def test_directory_lists_members_with_links_to_profiles(client):
    MemberFactory(name="Gwangju", slug="gwangju", country="KR", region=region("asia-pacific"))
    body = client.get(URL).content.decode()
    assert '<a href="/members/gwangju/">Gwangju</a>' in body
    assert "South Korea" in body
    assert "1 member" in body


def test_directory_filters_combine(client):
    housing, health = focus_area("housing"), focus_area("health")
    iccar = NetworkFactory(name="ICCAR", slug="iccar")
    MemberFactory(name="Match", region=region("europe"), focus_areas=[housing], networks=[iccar])
    MemberFactory(name="Wrong region", region=region("africa"), focus_areas=[housing],
                  networks=[iccar])  # fmt: skip
    MemberFactory(name="Wrong area", region=region("europe"), focus_areas=[health],
                  networks=[iccar])  # fmt: skip
    MemberFactory(name="No network", region=region("europe"), focus_areas=[housing])
    response = client.get(URL, {"region": "europe", "focus_area": "housing", "network": "iccar"})
    assert _names(response) == ["Match"]
    assert "1 member" in response.content.decode()


def test_directory_search_and_sort(client):
    MemberFactory(name="Valencia", inhabitants=800_000)
    MemberFactory(name="Valparaíso", inhabitants=300_000)
    MemberFactory(name="Vienna", inhabitants=1_900_000)
    assert _names(client.get(URL, {"q": "val"})) == ["Valencia", "Valparaíso"]
    assert _names(client.get(URL, {"sort": "-inhabitants"})) == [
        "Vienna",
        "Valencia",
        "Valparaíso",
    ]


def test_directory_unknown_filter_value_gives_an_empty_list_with_a_message(client):
    MemberFactory()
    response = client.get(URL, {"network": "no-such-network"})
    assert response.status_code == 200
    assert _names(response) == []
    assert "one of the values does not exist" in response.content.decode()


def test_directory_page_past_the_end_gives_the_last_page(client):
    MemberFactory.create_batch(30)
    response = client.get(URL, {"page": "99"})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 5
    assert client.get(URL, {"page": "not-a-number"}).context["page"].number == 1


def test_directory_hides_unpublished_members(client):
    MemberFactory(name="Published")
    MemberFactory(name="Hidden", is_published=False)
    assert _names(client.get(URL)) == ["Published"]


@pytest.mark.parametrize(
    ("language", "heading", "kind", "region_name"),
    [
        ("fr", "Annuaire des membres", "Ville", "Europe"),
        ("es", "Directorio de miembros", "Ciudad", "Europa"),
    ],
)
def test_directory_speaks_french_and_spanish(client, language, heading, kind, region_name):
    MemberFactory()
    body = client.get(URL, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert f"<td>{kind}</td>" in body
    assert f"<td>{region_name}</td>" in body


def test_directory_kept_in_cache_shows_a_change_at_once(client, django_capture_on_commit_callbacks):
    from cities.services import member_set_published
    from tests.accounts.factories import SecretariatFactory

    member = MemberFactory(name="Bogotá")
    assert "Bogotá" in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        member_set_published(member=member, by=SecretariatFactory(), published=False)
    assert "Bogotá" not in client.get(URL).content.decode()


def test_directory_with_an_invalid_filter_is_never_served_from_cache(client):
    MemberFactory(name="Bogotá")
    message = "one of the values does not exist"
    valid = client.get(URL).content.decode()
    assert "Bogotá" in valid and message not in valid
    for unknown in ["no-such-network", "another-unknown"]:
        page = client.get(URL, {"network": unknown}).content.decode()
        assert message in page and "Bogotá" not in page
    assert message not in client.get(URL).content.decode()
