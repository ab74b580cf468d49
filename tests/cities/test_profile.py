import pytest

from tests.accounts.factories import SecretariatFactory, UserFactory
from tests.cities.factories import MemberFactory, NetworkFactory, focus_area

pytestmark = pytest.mark.django_db


def test_profile_shows_what_is_public_about_the_member(client):
    member = MemberFactory(
        name="Gwangju",
        slug="gwangju",
        country="KR",
        description="Host of the **World Human Rights Cities Forum**.",
        representative_name="Kang Gi-jung",
        representative_title="Mayor",
        has_ombudsman=True,
        local_charter="Gwangju Human Rights Charter",
        local_charter_year=2012,
        focus_areas=[focus_area("culture-memory")],
        networks=[NetworkFactory(name="ICCAR", acronym="ICCAR", slug="iccar")],
    )
    body = client.get(member.get_absolute_url()).content.decode()
    assert "<h1>Gwangju</h1>" in body
    assert "Host of the <strong>World Human Rights Cities Forum</strong>." in body
    assert "Kang Gi-jung, Mayor" in body
    assert "An ombudsperson" in body
    assert "Local charter: Gwangju Human Rights Charter (2012)" in body
    assert ">Culture and memory</a>" in body
    assert ">ICCAR</a>" in body
    assert 'data-single-marker-map data-lat="41.38879"' in body


def test_profile_description_is_sanitised(client):
    member = MemberFactory(description="<script>alert(1)</script>[x](javascript:alert(1))")
    body = client.get(member.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body
    assert 'href="javascript' not in body


@pytest.mark.parametrize("count", [1, 50])
def test_profile_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    areas = [focus_area("housing"), focus_area("health")]
    networks = NetworkFactory.create_batch(count % 5 + 1)
    member = MemberFactory(focus_areas=areas, networks=networks)
    MemberFactory.create_batch(count)
    from tests.events.factories import EventFactory

    EventFactory.create_batch(min(count, 10), host=member)
    # The member, its networks, its focus areas; the pledge block, the events (with their
    # focus areas), the practices (with their rights, one query), the news and the documents.
    with django_assert_num_queries(9):
        client.get(member.get_absolute_url())


def test_unpublished_profile_is_404_for_visitors_and_members(client):
    member = MemberFactory(is_published=False)
    assert client.get(member.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    response = client.get(member.get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_unpublished_profile_is_visible_to_staff_with_a_notice(client):
    member = MemberFactory(name="Draft city", is_published=False)
    client.force_login(SecretariatFactory())
    body = client.get(member.get_absolute_url()).content.decode()
    assert "<h1>Draft city</h1>" in body
    assert "This member is not published" in body


def test_unknown_profile_is_404(client):
    response = client.get("/members/nowhere/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
