import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse

from cities.models import Affiliation
from cities.rules import is_focal_point_of
from cities.services import affiliation_confirm
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory, enrol_totp
from tests.cities.factories import AffiliationFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_secretariat_confirms_an_affiliation_and_the_focal_point_may_act():
    member = MemberFactory()
    affiliation = AffiliationFactory(member=member, is_focal_point=True, confirmed_at=None)
    assert is_focal_point_of(affiliation.user, member) is False
    secretariat = SecretariatFactory()
    affiliation_confirm(affiliation=affiliation, confirmed_by=secretariat)
    affiliation.refresh_from_db()
    assert affiliation.confirmed_by == secretariat
    user = affiliation.user.__class__.objects.get(pk=affiliation.user.pk)
    assert is_focal_point_of(user, member) is True


def test_only_the_secretariat_confirms_affiliations():
    affiliation = AffiliationFactory(confirmed_at=None)
    with pytest.raises(PermissionDenied):
        affiliation_confirm(affiliation=affiliation, confirmed_by=UserFactory())
    affiliation.refresh_from_db()
    assert affiliation.confirmed_at is None


def test_a_pending_account_cannot_be_confirmed():
    affiliation = AffiliationFactory(user=PendingUserFactory(), confirmed_at=None)
    with pytest.raises(ValidationError):
        affiliation_confirm(affiliation=affiliation, confirmed_by=SecretariatFactory())


def test_focal_point_predicate_from_both_sides():
    member, other = MemberFactory(), MemberFactory()
    focal = AffiliationFactory(member=member, is_focal_point=True).user
    plain = AffiliationFactory(member=member, is_focal_point=False).user
    assert is_focal_point_of(focal, member) is True
    assert is_focal_point_of(focal, other) is False
    assert is_focal_point_of(plain, member) is False
    assert is_focal_point_of(UserFactory(), member) is False


def test_a_person_has_at_most_one_affiliation():
    affiliation = AffiliationFactory()
    with pytest.raises(IntegrityError):
        Affiliation.objects.create(user=affiliation.user, member=MemberFactory())


def test_admin_action_confirms_selected_affiliations(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    affiliation = AffiliationFactory(confirmed_at=None)
    response = client.post(
        reverse("admin:cities_affiliation_changelist"),
        {"action": "confirm_selected", "_selected_action": [affiliation.pk]},
        follow=True,
    )
    assert "1 affiliation confirmed." in response.content.decode()
    affiliation.refresh_from_db()
    assert affiliation.confirmed_by == staff
