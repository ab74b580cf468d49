"""Local practices: a focal point submits, the secretariat publishes, and the practice shows on
the practices page, its map and the member's profile. The home page tells of an open round."""

import json

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from charter.models import LocalPractice, RightText
from charter.services import practice_publish, practice_submit
from tests.accounts.factories import SecretariatFactory
from tests.charter.factories import version
from tests.cities.factories import AffiliationFactory, MemberFactory, focal_point_of, focus_area

pytestmark = pytest.mark.django_db

PRACTICES = "/charter/practices/"
NEW = "/charter/practices/new/"
GEOJSON = "/charter/practices.geojson"


def _rights(v, *numbers):
    return list(RightText.objects.filter(version=v, number__in=numbers).order_by("number"))


def _practice(member, v, *, title="Housing first", numbers=(3,), areas=("housing",)):
    """A published practice of ``member``, made as the secretariat would."""
    secretariat = SecretariatFactory()
    practice = practice_submit(
        by=secretariat, member=member, title=title, description="What the city **does**.",
        rights=[t.right for t in _rights(v, *numbers)],
        focus_areas=[focus_area(slug) for slug in areas],
    )  # fmt: skip
    return practice_publish(practice=practice, by=secretariat)


def _features(client, query="") -> list[str]:
    response = client.get(GEOJSON + query)
    assert response["Content-Type"] == "application/geo+json"
    return [feature["id"] for feature in json.loads(response.content)["features"]]


def test_practice_submitted_by_a_focal_point_is_public_once_the_secretariat_publishes(client):
    v = version(status="adopted")
    member = MemberFactory(name="Kisumu County", slug="kisumu-county")
    client.force_login(focal_point_of(member))
    assert f'href="{NEW}">Submit a practice</a>' in client.get(PRACTICES).content.decode()
    form = client.get(NEW).content.decode()
    assert "1. Right to the city" in form
    assert 'name="member"' not in form
    housing = _rights(v, 3)[0]
    response = client.post(
        NEW,
        {"title": "A county Disability Board", "description": "Persons with disabilities decide.",
         "link": "https://kisumu.example.org/disability", "rights": [housing.pk],
         "focus_areas": [focus_area("disability-accessibility").pk]},
        follow=True,
    )  # fmt: skip
    assert response.redirect_chain == [(PRACTICES, 302)]
    assert "The secretariat will publish it." in response.content.decode()
    practice = LocalPractice.objects.get()
    assert (practice.status, practice.member, practice.link) == (
        "submitted", member, "https://kisumu.example.org/disability",
    )  # fmt: skip
    assert list(practice.rights.all()) == [housing.right]
    client.logout()
    assert "A county Disability Board" not in client.get(PRACTICES).content.decode()
    assert 'id="practices"' not in client.get(member.get_absolute_url()).content.decode()
    assert _features(client) == []

    practice_publish(practice=practice, by=SecretariatFactory())
    page = client.get(PRACTICES).content.decode()
    assert "<h4>A county Disability Board</h4>" in page
    assert f'<a href="{housing.get_absolute_url()}">3. Right to housing</a>' in page
    assert '<a href="/members/kisumu-county/">Kisumu County</a>' in page
    profile = client.get(member.get_absolute_url()).content.decode()
    assert '<section id="practices"' in profile
    assert '<h3 id="practice-' in profile and "A county Disability Board</h3>" in profile
    assert f'href="{housing.get_absolute_url()}">3. Right to housing</a>' in profile
    assert _features(client) == ["kisumu-county"]


def test_practice_new_is_refused_to_a_plain_member_and_sends_a_visitor_to_sign_in(client):
    version(status="adopted")
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={NEW}"
    client.force_login(AffiliationFactory(is_focal_point=False).user)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, {"title": "x", "description": "y"}).status_code == 403
    assert LocalPractice.objects.count() == 0


def test_practice_new_refuses_a_javascript_link_with_a_message(client):
    v = version(status="adopted")
    client.force_login(focal_point_of(MemberFactory()))
    response = client.post(
        NEW,
        {"title": "Free legal support", "description": "For everyone.",
         "link": "javascript:alert(1)", "rights": [_rights(v, 1)[0].pk]},
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please correct the following:" in body
    assert "Enter a valid URL." in body
    assert LocalPractice.objects.count() == 0


def test_practice_new_needs_a_right_of_the_current_version(client):
    version(status="adopted")
    old = RightText.objects.get(number=1)
    newer = version(number=2, status="consultation")
    client.force_login(focal_point_of(MemberFactory()))
    response = client.post(NEW, {"title": "T", "description": "D", "rights": []})
    assert "This field is required." in response.content.decode()
    response = client.post(NEW, {"title": "T", "description": "D", "rights": [old.pk]})
    assert "Select a valid choice." in response.content.decode()
    assert newer.rights.count() == 3
    assert LocalPractice.objects.count() == 0


def test_secretariat_records_a_practice_for_any_member(client):
    v = version(status="adopted")
    member = MemberFactory(name="Barcelona", slug="barcelona")
    client.force_login(SecretariatFactory())
    assert 'name="member"' in client.get(NEW).content.decode()
    client.post(NEW, {"member": member.pk, "title": "Basic payment account",
                      "description": "For all.", "rights": [_rights(v, 1)[0].pk]})  # fmt: skip
    assert LocalPractice.objects.get().member == member


def test_practices_page_filters_by_member_and_focus_area(client):
    v = version(status="adopted")
    barcelona = MemberFactory(name="Barcelona", slug="barcelona")
    kisumu = MemberFactory(name="Kisumu County", slug="kisumu-county", country="KE")
    _practice(barcelona, v, title="Basic payment account", numbers=(1, 3),
              areas=("decent-work-poverty",))  # fmt: skip
    _practice(kisumu, v, title="Disability Board", numbers=(2,),
              areas=("disability-accessibility",))  # fmt: skip
    page = client.get(PRACTICES).content.decode()
    # A practice under each right it realises, by number.
    assert page.count("<h4>Basic payment account</h4>") == 2
    assert page.index("1. Right to the city") < page.index("2. Right to participatory democracy")
    filtered = client.get(PRACTICES + "?member=kisumu-county").content.decode()
    assert "<h4>Disability Board</h4>" in filtered
    assert "Basic payment account" not in filtered
    by_area = client.get(PRACTICES + "?focus_area=decent-work-poverty").content.decode()
    assert by_area.count("<h4>Basic payment account</h4>") == 2
    assert "Disability Board" not in by_area
    assert _features(client, "?focus_area=decent-work-poverty") == ["barcelona"]
    assert _features(client) == ["barcelona", "kisumu-county"]


def test_practices_page_with_an_unknown_filter_shows_a_message_not_an_error(client):
    v = version(status="adopted")
    _practice(MemberFactory(), v)
    response = client.get(PRACTICES + "?member=nowhere")
    assert response.status_code == 200
    body = response.content.decode()
    assert "No practice matches these filters: one of the values does not exist." in body
    assert "Housing first" not in body
    assert _features(client, "?member=nowhere") == []


@pytest.mark.parametrize("count", [1, 50])
def test_practices_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    v = version(status="adopted")
    members = MemberFactory.create_batch(min(count, 10))
    for n in range(count):
        _practice(members[n % len(members)], v, title=f"Practice {n}", numbers=(1 + n % 3,))
    # The version, its rights, the practices (their rights, their focus areas), the map
    # list's members, regions and networks, the filter's members and focus areas.
    with django_assert_num_queries(10):
        response = client.get(PRACTICES)
    assert response.content.decode().count("<h4>Practice ") == count


@pytest.mark.parametrize("count", [1, 20])
def test_profile_with_practices_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    v = version(status="adopted")
    member = MemberFactory()
    for n in range(count):
        _practice(member, v, title=f"Practice {n}", numbers=(1, 2, 3))
    # The practices and the rights they realise are one query, however many there are (the
    # profile's nine reads in all: tests/cities/test_profile.py).
    with django_assert_num_queries(9):
        body = client.get(member.get_absolute_url()).content.decode()
    assert body.count('<h3 id="practice-') == count


def test_home_page_says_when_the_round_is_open_and_until_when(client):
    body = client.get("/").content.decode()
    assert "is open for comments" not in body
    assert '<h3><a href="/charter/">The Global Charter-Agenda</a></h3>' in body
    v = version(open_round=True)
    closes = timezone.localtime(v.round_closes_at)
    body = client.get("/").content.decode()
    assert '<a href="/charter/v1/">The Global Charter-Agenda is open for comments</a>' in body
    assert (
        f'Members comment on version 1 and propose changes until <time datetime="'
        f'{closes.isoformat()}">{date_format(closes, "DATE_FORMAT")}</time>.'
    ) in body
