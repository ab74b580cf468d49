import pytest

from tests.accounts.factories import PendingUserFactory, UserFactory
from tests.discussions.factories import BoardFactory, start_thread

pytestmark = pytest.mark.django_db


def test_home_shows_members_the_latest_active_threads(client):
    start_thread(title="Gender equality plans")
    client.force_login(UserFactory())

    page = client.get("/").content.decode()

    assert "Latest discussions" in page
    assert "Gender equality plans" in page


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_home_never_shows_threads_to_visitors_or_pending_accounts(client, who):
    start_thread(title="Gender equality plans")
    if who == "pending":
        client.force_login(PendingUserFactory())

    page = client.get("/").content.decode()

    assert "Gender equality plans" not in page
    assert "Latest discussions" not in page


def test_home_leaves_out_threads_of_a_board_restricted_to_another_group(client):
    from django.contrib.auth.models import Group

    from core.rules import STEERING_GROUP

    board = BoardFactory(restricted_to=Group.objects.get(name=STEERING_GROUP))
    start_thread(board, title="Steering group agenda", by=_steering())
    client.force_login(UserFactory())

    assert "Steering group agenda" not in client.get("/").content.decode()


def _steering():
    from tests.accounts.factories import SteeringGroupFactory

    return SteeringGroupFactory()
