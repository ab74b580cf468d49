"""Charter-Agenda test data, built as the secretariat would (through services where they
exist)."""

from datetime import timedelta

from django.utils import timezone

from charter.models import Charter, Part, Right, RightText, Version
from charter.services import round_open
from tests.accounts.factories import SecretariatFactory

RIGHTS = [
    ("right-to-the-city", "Rights of everyone", "Right to the city",
     "All inhabitants have the right to a city that is a space of freedom and equality."),
    ("participatory-democracy", "Rights of everyone", "Right to participatory democracy",
     "All inhabitants have the right to take part in the decisions of their city."),
    ("housing", "Rights of everyone", "Right to housing",
     "All inhabitants have the right to decent, safe and affordable housing."),
]  # fmt: skip


def charter() -> Charter:
    return Charter.objects.get_or_create(
        slug="global-charter-agenda",
        defaults={"name": "Global Charter-Agenda for Human Rights in the City"},
    )[0]


def version(*, number=1, status="drafting", rights=RIGHTS, open_round=False) -> Version:
    """A version with a preamble and the given rights (key, group, title, formulation)."""
    parent = charter()
    v = Version.objects.create(
        charter=parent, number=number, title="Global Charter-Agenda", status=status,
        adopted_at=timezone.now() if status == "adopted" else None,
    )  # fmt: skip
    Part.objects.create(version=v, kind="preamble", title="Preamble", text="Cities matter.")
    for n, (key, group, title, formulation) in enumerate(rights, start=1):
        identity, _ = Right.objects.get_or_create(charter=parent, key=key)
        RightText.objects.create(version=v, right=identity, group=group, number=n, title=title,
                                 formulation=formulation, order=n)  # fmt: skip
    if open_round:
        v = round_open(version=v, by=SecretariatFactory(),
                       closes_at=timezone.now() + timedelta(days=30))  # fmt: skip
    return v


def right(v: Version, number: int = 1) -> RightText:
    return RightText.objects.select_related("version").get(version=v, number=number)
