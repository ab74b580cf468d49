"""Writes of the Charter-Agenda: new versions as copies, applying the decisions, the rules of
the consultation round (charter/services.py)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from charter.models import Amendment, Comment, Part, RightText, Version
from charter.services import (
    amendment_decide,
    amendment_submit,
    comment_post,
    round_close,
    round_open,
    version_apply_amendments,
    version_start_next,
)
from tests.accounts.factories import SecretariatFactory, SteeringGroupFactory, UserFactory
from tests.charter.factories import right, version

pytestmark = pytest.mark.django_db


def _texts(v: Version) -> list[tuple]:
    return list(
        v.rights.order_by("number").values_list(
            "right_id", "group", "number", "title", "formulation", "commentary", "order"
        )
    )


def _closed_version() -> Version:
    return round_close(version=version(open_round=True), by=SecretariatFactory())


def test_version_start_next_copies_every_part_and_right_and_keeps_identities():
    v1 = _closed_version()
    Part.objects.create(version=v1, kind="agenda", title="Agenda", text="Practices.", order=2)

    v2 = version_start_next(charter=v1.charter, by=SecretariatFactory())

    assert (v2.number, v2.status, v2.based_on_id, v2.title) == (2, "drafting", v1.pk, v1.title)
    parts = ["kind", "title", "text", "order"]
    assert list(v2.parts.values_list(*parts)) == list(v1.parts.values_list(*parts))
    assert _texts(v2) == _texts(v1)
    assert len(_texts(v2)) == 3
    # Copies, not the same rows: the old version keeps its own.
    assert set(v2.rights.values_list("pk", flat=True)).isdisjoint(
        v1.rights.values_list("pk", flat=True)
    )


def test_version_start_next_refused_while_the_latest_is_drafted():
    v1 = version()
    with pytest.raises(ValidationError) as error:
        version_start_next(charter=v1.charter, by=SecretariatFactory())
    assert error.value.messages == ["Version 1 is still being drafted: continue it instead."]
    assert Version.objects.count() == 1


def _propose(v, number, formulation, title=""):
    return amendment_submit(right_text=right(v, number), by=UserFactory(), title=title,
                            formulation=formulation)  # fmt: skip


def test_version_apply_amendments_changes_the_accepted_rights_and_carries_the_pending_over():
    v1 = version(open_round=True)
    steering = SteeringGroupFactory()
    accepted = _propose(v1, 1, "All inhabitants have the right to a just city.")
    changed = _propose(v1, 3, "All inhabitants have the right to decent housing.")
    pending_same = _propose(v1, 2, "Everyone takes part in the decisions of their city.")
    pending_changed = _propose(v1, 3, "All inhabitants have the right to housing.")
    rejected = _propose(v1, 2, "Nobody decides.")
    amendment_decide(amendment=accepted, by=steering, decision="accept", response="Yes.")
    amendment_decide(amendment=changed, by=steering, decision="accept_with_changes",
                     response="Shorter.", title="Right to a home",
                     formulation="All inhabitants have the right to a home.")  # fmt: skip
    amendment_decide(amendment=rejected, by=steering, decision="reject", response="No.")
    round_close(version=v1, by=SecretariatFactory())
    v2 = version_start_next(charter=v1.charter, by=SecretariatFactory())

    applied = version_apply_amendments(version=v2, by=SecretariatFactory())

    assert [a.pk for a in applied] == [accepted.pk, changed.pk]
    before, after = _texts(v1), _texts(v2)
    assert after[0][3:5] == ("Right to the city", "All inhabitants have the right to a just city.")
    assert after[1] == before[1]  # no accepted amendment: untouched
    assert after[2][3:5] == ("Right to a home", "All inhabitants have the right to a home.")
    assert [row[:3] + row[5:] for row in after] == [row[:3] + row[5:] for row in before]
    stored = {a.pk: a for a in Amendment.objects.select_related("right_text")}
    assert {stored[accepted.pk].applied_in_id, stored[changed.pk].applied_in_id} == {v2.pk}
    assert stored[rejected.pk].applied_in_id is None
    assert stored[rejected.pk].right_text.version_id == v1.pk
    assert (stored[pending_same.pk].right_text, stored[pending_same.pk].needs_rebase) == (
        right(v2, 2),
        False,
    )
    assert (stored[pending_changed.pk].right_text, stored[pending_changed.pk].needs_rebase) == (
        right(v2, 3),
        True,
    )
    assert stored[pending_changed.pk].status == "submitted"


@pytest.mark.parametrize("state", ["closed", "not_opened"])
def test_comments_and_amendments_are_refused_unless_the_round_is_open(state):
    # Closed, or published without round dates.
    v = _closed_version() if state == "closed" else version(status="consultation")
    member = UserFactory()
    with pytest.raises(ValidationError) as comment_error:
        comment_post(right_text=right(v), by=member, body="A good start.")
    with pytest.raises(ValidationError) as amendment_error:
        amendment_submit(right_text=right(v), by=member, title="", formulation="New words.")
    assert comment_error.value.messages == ["The consultation on this version is not open."]
    assert amendment_error.value.messages == ["The consultation on this version is not open."]
    assert (Comment.objects.count(), Amendment.objects.count()) == (0, 0)


def test_comments_and_amendments_are_taken_while_the_round_is_open():
    v = version(open_round=True)
    member = UserFactory()
    comment = comment_post(right_text=right(v), by=member, body="A good start.")
    amendment = amendment_submit(
        right_text=right(v), by=member, title="", formulation="A fair city for everyone."
    )
    assert (comment.quoted_title, comment.quoted_formulation) == (
        "Right to the city",
        "All inhabitants have the right to a city that is a space of freedom and equality.",
    )
    assert (amendment.status, amendment.proposed_title, amendment.base_title) == (
        "submitted",
        "Right to the city",
        "Right to the city",
    )


@pytest.mark.parametrize(
    ("title", "formulation", "message"),
    [
        ("", "", "Propose a new title or a new formulation."),
        ("  ", "\n", "Propose a new title or a new formulation."),
        ("Right to the city", "", "Your proposal is the same as the current text."),
        ("", "All inhabitants have the right to a city that is a space of *freedom* and "
             "equality.", "Your proposal is the same as the current text."),
    ],
)  # fmt: skip
def test_an_empty_or_identical_amendment_is_refused_and_nothing_is_stored(
    title, formulation, message
):
    v = version(open_round=True)
    with pytest.raises(ValidationError) as error:
        amendment_submit(right_text=right(v), by=UserFactory(), title=title,
                         formulation=formulation)  # fmt: skip
    assert error.value.messages == [message]
    assert Amendment.objects.count() == 0


def test_a_round_closes_after_it_opens():
    v = version()
    with pytest.raises(ValidationError) as error:
        round_open(version=v, by=SecretariatFactory(), closes_at=timezone.now() - timedelta(1))
    assert error.value.messages == ["Choose a closing date in the future."]
    v.refresh_from_db()
    assert (v.status, v.round_opens_at, v.round_closes_at) == ("drafting", None, None)

    now = timezone.now()
    v.round_opens_at, v.round_closes_at = now, now - timedelta(hours=1)
    with pytest.raises(ValidationError) as constraint:
        v.validate_constraints()
    assert constraint.value.messages == ["The consultation closes after it opens."]
    with pytest.raises(IntegrityError), transaction.atomic():
        Version.objects.filter(pk=v.pk).update(round_opens_at=now, round_closes_at=now)


def test_round_open_and_close_set_the_dates():
    v = version()
    closes_at = timezone.now() + timedelta(days=30)
    round_open(version=v, by=SecretariatFactory(), closes_at=closes_at)
    v.refresh_from_db()
    assert (v.status, v.round_closes_at) == ("consultation", closes_at)
    assert v.round_opens_at < closes_at
    assert v.round_is_open()
    round_close(version=v, by=SecretariatFactory())
    v.refresh_from_db()
    assert v.status == "closed"
    # Closed now, not in 30 days.
    assert v.round_opens_at < v.round_closes_at < closes_at - timedelta(days=29)
    assert not v.round_is_open()
    assert RightText.objects.filter(version=v).count() == 3
