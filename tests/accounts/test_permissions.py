"""Every permission of accounts, for every role, both sides (accounts/rules.py)."""

import pytest

from tests.cities.factories import MemberFactory
from tests.roles import allowed_roles

pytestmark = pytest.mark.django_db


def test_approve_user_is_for_the_secretariat_only():
    assert allowed_roles("accounts.approve_user", member=MemberFactory()) == {"secretariat"}
