import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

TOO_LONG = "a" * 288 + "@example.org"  # 300 characters; RFC 5321 allows 254


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Ensure this value has at most 254 characters (it has 300)."),
        ("fr", "Assurez-vous que cette valeur comporte au plus 254 caractères (actuellement 300)."),
        ("es", "Asegúrese de que este valor tenga menos de 254 caracteres (tiene 300)."),
    ],
)
def test_too_long_email_address_is_a_form_error_in_the_users_language(client, language, message):
    user = UserFactory(language=language)
    client.force_login(user)
    before = list(EmailAddress.objects.values_list("user_id", "email"))
    response = client.post(reverse("account_email"), {"action_add": "", "email": TOO_LONG})
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [message]
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert list(EmailAddress.objects.values_list("user_id", "email")) == before
    user.refresh_from_db()
    assert user.email.startswith("person")


def test_email_form_still_accepts_a_normal_address(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=user, email="new@example.org").count() == 1


def test_too_long_email_address_on_sign_up_is_a_form_error(client):
    users_before = User.objects.count()
    response = client.post(
        reverse("account_signup"),
        {
            "name": "Ana Torres",
            "email": TOO_LONG,
            "password1": "a-long-test-password-2030",
            "password2": "a-long-test-password-2030",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Ensure this value has at most 254 characters (it has 300)."
    ]
    assert User.objects.count() == users_before
    assert EmailAddress.objects.filter(email=TOO_LONG).count() == 0
