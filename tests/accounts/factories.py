import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.groups import SECRETARIAT, STEERING_GROUP
from accounts.models import User

PASSWORD = "a-long-test-password-2030"


class UserFactory(factory.django.DjangoModelFactory):
    """An approved member with a verified e-mail address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    is_approved = True
    approved_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class PendingUserFactory(UserFactory):
    is_approved = False
    approved_at = None


class SecretariatFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def secretariat_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=SECRETARIAT))


class SteeringGroupFactory(UserFactory):
    @factory.post_generation
    def steering_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=STEERING_GROUP))


def enrol_totp(user) -> str:
    """Enrol ``user`` in TOTP through allauth, as the enrolment page does; returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
