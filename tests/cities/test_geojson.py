import json

import pytest
from django.urls import reverse

from cities.services import member_map_changed
from tests.cities.factories import MemberFactory, NetworkFactory, focus_area

pytestmark = pytest.mark.django_db

URL = reverse("cities:members_geojson")


def _features(client, **params) -> list[dict]:
    response = client.get(URL, params)
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


def test_geojson_is_an_rfc7946_feature_collection(client):
    iccar = NetworkFactory(name="ICCAR", acronym="ICCAR", slug="iccar")
    MemberFactory(
        name="Gwangju", slug="gwangju", country="KR", latitude="35.16", longitude="126.85",
        networks=[iccar],
    )  # fmt: skip
    assert _features(client) == [
        {
            "type": "Feature",
            "id": "gwangju",
            "geometry": {"type": "Point", "coordinates": [126.85, 35.16]},
            "properties": {
                "name": "Gwangju",
                "url": "/members/gwangju/",
                "kind": "city",
                "kind_label": "City",
                "country": "KR",
                "country_name": "South Korea",
                "region": "Europe",
                "networks": ["ICCAR"],
            },
        }
    ]


def test_geojson_leaves_out_unpublished_and_unlocated_members(client):
    MemberFactory(name="Shown")
    MemberFactory(name="Unpublished", is_published=False)
    MemberFactory(name="Nowhere", latitude=None, longitude=None)
    assert [f["properties"]["name"] for f in _features(client)] == ["Shown"]


def test_geojson_takes_the_directory_filters(client):
    MemberFactory(name="Housing city", focus_areas=[focus_area("housing")])
    MemberFactory(name="Health city", focus_areas=[focus_area("health")])
    names = [f["properties"]["name"] for f in _features(client, focus_area="housing")]
    assert names == ["Housing city"]
    assert _features(client, focus_area="no-such-area") == []


@pytest.mark.parametrize("count", [1, 50])
def test_geojson_runs_at_most_three_queries(client, django_assert_num_queries, count):
    MemberFactory.create_batch(count, networks=[NetworkFactory()])
    # Members, regions, networks.
    with django_assert_num_queries(3):
        features = _features(client)
    assert len(features) == count
    # Cached: the second request touches no table.
    with django_assert_num_queries(0):
        _features(client)


def test_geojson_cache_is_invalidated_when_a_member_changes(
    client, django_capture_on_commit_callbacks
):
    member = MemberFactory(name="Before")
    assert [f["properties"]["name"] for f in _features(client)] == ["Before"]
    with django_capture_on_commit_callbacks(execute=True):
        member.name = "After"
        member.save()
        member_map_changed()
    assert [f["properties"]["name"] for f in _features(client)] == ["After"]
