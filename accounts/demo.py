"""Demo accounts for `manage.py load_demo` (idempotent)."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.groups import SECRETARIAT, STEERING_GROUP
from accounts.models import User

DEMO_PASSWORD = "human-rights-2030"

DEMO_USERS = [
    # email, name, staff, approved, groups
    ("secretariat@example.org", "Sofía Secretariat", True, True, [SECRETARIAT]),
    ("focal.point@example.org", "Min-jun Park", False, True, []),
    ("member@example.org", "Amina Diallo", False, True, []),
    ("steering@example.org", "Lucas Moreau", False, True, [STEERING_GROUP]),
    ("pending@example.org", "Pat Pending", False, False, []),
]


def load() -> dict[str, User]:
    users = {}
    for email, name, staff, approved, groups in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "is_staff": staff,
                "is_approved": approved,
                "approved_at": timezone.now() if approved else None,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=groups))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
    return users
