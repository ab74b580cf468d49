import pytest

from cities.models import Affiliation, Member
from tests.accounts.factories import SecretariatFactory, UserFactory
from tests.cities.factories import AffiliationFactory, MemberFactory, focal_point_of, focus_area

pytestmark = pytest.mark.django_db


def test_a_person_asks_to_be_affiliated_and_waits_for_the_secretariat(client):
    member = MemberFactory(name="Tandil")
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/members/affiliation/",
        {"member": member.pk, "role_title": "Director", "is_focal_point": "on"},
        follow=True,
    )
    body = response.content.decode()
    assert "Your request is sent." in body
    assert "has not confirmed this affiliation yet" in body
    affiliation = Affiliation.objects.get(user=user)
    assert (affiliation.member, affiliation.is_focal_point, affiliation.confirmed_at) == (
        member, True, None,
    )  # fmt: skip


def test_the_affiliation_page_needs_sign_in(client):
    assert client.get("/members/affiliation/")["Location"].startswith("/accounts/login/")


def test_focal_point_updates_the_profile_and_others_may_not(client):
    member = MemberFactory(slug="tandil", description="Old.")
    url = "/members/tandil/edit/"
    data = {
        "description": "A **new** description.", "website": "https://tandil.example",
        "inhabitants": "130000", "representative_name": "", "representative_title": "",
        "political_structure": "", "local_charter": "", "local_charter_year": "",
        "language": "es", "focus_areas": [focus_area("health").pk],
    }  # fmt: skip
    for outsider in [UserFactory(), AffiliationFactory(member=member).user,
                     focal_point_of(MemberFactory())]:  # fmt: skip
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    assert Member.objects.get(pk=member.pk).description == "Old."

    client.force_login(focal_point_of(member))
    profile = client.get(member.get_absolute_url()).content.decode()
    assert "Update this profile" in profile
    response = client.post(url, data, follow=True)
    assert "A <strong>new</strong> description." in response.content.decode()
    member.refresh_from_db()
    assert (member.inhabitants, member.language) == (130000, "es")
    assert list(member.focus_areas.values_list("slug", flat=True)) == ["health"]


def test_secretariat_may_update_any_profile_and_bad_input_changes_nothing(client):
    member = MemberFactory(slug="tandil", description="Old.")
    client.force_login(SecretariatFactory())
    response = client.post("/members/tandil/edit/", {"description": "x", "website": "not a url",
                                                      "language": "en"})  # fmt: skip
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert Member.objects.get(pk=member.pk).description == "Old."
    assert "Update this profile" in client.get(member.get_absolute_url()).content.decode()
