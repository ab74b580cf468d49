import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cities.models import Affiliation, Member
from cities.services import affiliation_confirm, affiliation_request, member_update_profile
from tests.accounts.factories import SecretariatFactory, UserFactory
from tests.cities.factories import AffiliationFactory, MemberFactory, focal_point_of, focus_area
from tests.cities.test_admin import _member_form, secretariat_client  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def _changed_fields(record) -> list[str]:
    return sorted(record.diff_against(record.prev_record).changed_fields)


def test_member_update_profile_records_the_focal_point_and_the_changed_fields():
    member = MemberFactory(website="", focus_areas=[focus_area("housing")])
    focal = focal_point_of(member)
    rows_before = member.history.count()

    member_update_profile(
        member=member,
        by=focal,
        data={"website": "https://rosario.example", "description": member.description},
        focus_areas=[focus_area("housing"), focus_area("health")],
    )

    # One row for the whole update, focus areas included.
    assert member.history.count() == rows_before + 1
    record = member.history.latest()
    assert record.history_user == focal
    assert record.history_change_reason == "profile updated by the focal point"
    assert _changed_fields(record) == ["focus_areas", "website"]
    assert sorted(record.focus_areas.values_list("focusarea__slug", flat=True)) == [
        "health",
        "housing",
    ]


def test_member_update_profile_by_the_secretariat_says_so():
    member = MemberFactory(inhabitants=100)
    secretariat = SecretariatFactory()

    member_update_profile(member=member, by=secretariat, data={"inhabitants": 200})

    record = member.history.latest()
    assert record.history_user == secretariat
    assert record.history_change_reason == "profile updated by the secretariat"
    assert _changed_fields(record) == ["inhabitants"]


def test_member_update_profile_of_focus_areas_alone_is_recorded():
    member = MemberFactory()
    focal = focal_point_of(member)

    member_update_profile(member=member, by=focal, data={}, focus_areas=[focus_area("health")])

    record = member.history.latest()
    assert record.history_user == focal
    assert _changed_fields(record) == ["focus_areas"]


def test_member_update_profile_writes_only_the_fields_it_was_given():
    member = MemberFactory(name="Rosario")
    stale = Member.objects.get(pk=member.pk)
    Member.objects.filter(pk=member.pk).update(name="Rosario (AR)")

    with CaptureQueriesContext(connection) as queries:
        member_update_profile(
            member=stale, by=focal_point_of(member), data={"website": "https://rosario.example"}
        )

    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "cities_member"')]
    assert len(updates) == 1
    assignments = updates[0].split(" SET ")[1].split(" WHERE ")[0]
    assert re.findall(r'"(\w+)" = ', assignments) == ["website", "updated_at"]
    member.refresh_from_db()
    assert (member.name, member.website) == ("Rosario (AR)", "https://rosario.example")


def test_affiliation_confirm_records_the_secretariat_and_the_reason():
    affiliation = AffiliationFactory(confirmed_at=None)
    secretariat = SecretariatFactory()

    affiliation_confirm(affiliation=affiliation, confirmed_by=secretariat)

    record = affiliation.history.latest()
    assert record.history_user == secretariat
    assert record.history_change_reason == "affiliation confirmed by the secretariat"
    assert _changed_fields(record) == ["confirmed_at", "confirmed_by"]


def test_affiliation_request_records_the_person():
    user = UserFactory()

    affiliation = affiliation_request(
        user=user, member=MemberFactory(), role_title="Officer", is_focal_point=True
    )

    record = affiliation.history.get()
    assert (record.history_type, record.history_user) == ("+", user)
    assert record.history_change_reason == "affiliation requested by the person"


def test_member_history_in_the_admin_names_the_focal_point(secretariat_client):  # noqa: F811
    member = MemberFactory(website="")
    focal = focal_point_of(member, name="Lucía Gómez")
    member_update_profile(member=member, by=focal, data={"website": "https://rosario.example"})

    response = secretariat_client.get(reverse("admin:cities_member_history", args=[member.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Lucía Gómez" in body
    assert "profile updated by the focal point" in body
    assert "<strong>Website:</strong>" in body
    assert "&nbsp;&nbsp;https://rosario.example" in body


def test_an_admin_save_is_attributed_to_the_staff_user(secretariat_client):  # noqa: F811
    member = MemberFactory(name="Tuzla", slug="tuzla", country="BA")
    user = UserFactory()
    form = _member_form(
        **{
            "affiliations-TOTAL_FORMS": "1",
            "affiliations-0-id": "",
            "affiliations-0-member": str(member.pk),
            "affiliations-0-user": str(user.pk),
            "affiliations-0-role_title": "Officer",
        }
    )

    response = secretariat_client.post(
        reverse("admin:cities_member_change", args=[member.pk]), form
    )

    assert response.status_code == 302
    staff = response.wsgi_request.user
    assert member.history.latest().history_user == staff
    # The inline affiliation is saved without SimpleHistoryAdmin: the middleware names the user.
    affiliation = Affiliation.objects.get(user=user)
    assert affiliation.history.get().history_user == staff


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_only_staff_may_open_the_member_history(client, who):
    member = MemberFactory()
    focal = focal_point_of(member)
    member_update_profile(member=member, by=focal, data={"inhabitants": 1})
    if who == "member":
        client.force_login(focal)

    response = client.get(reverse("admin:cities_member_history", args=[member.pk]))

    if who == "visitor":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
        assert "profile updated" not in response.content.decode()
