"""The steering group's review page and its decisions; the public record of decisions
(charter/views_review.py)."""

import csv
import io
import threading
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from charter.diff import render_diff, word_diff
from charter.models import Amendment
from charter.services import (
    amendment_decide,
    amendment_submit,
    round_close,
    round_open,
    version_apply_amendments,
    version_start_next,
)
from newsfeed.models import NewsItem
from tests.accounts.factories import (
    PendingUserFactory,
    SecretariatFactory,
    SteeringGroupFactory,
    UserFactory,
)
from tests.charter.factories import right, version

pytestmark = pytest.mark.django_db

REVIEW = "/charter/review/"
NEW_WORDS = "All inhabitants have the right to a fair and green city."


def _propose(v=None, number=1, *, formulation=NEW_WORDS, title="", author=None):
    v = v or version(open_round=True)
    return amendment_submit(right_text=right(v, number), by=author or UserFactory(name="Ana Ruiz"),
                            title=title, formulation=formulation, rationale="Greener.")  # fmt: skip


def _decide_url(amendment) -> str:
    return reverse("charter:decide", args=[amendment.pk])


def _news_about(amendment):
    return NewsItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Amendment), object_id=amendment.pk
    )


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_review_urls():
    assert reverse("charter:review") == REVIEW
    assert reverse("charter:decide", args=[7]) == "/charter/review/7/decide/"
    assert reverse("charter:decisions", args=[2]) == "/charter/v2/decisions/"
    assert reverse("charter:decisions_csv", args=[2]) == "/charter/v2/decisions.csv"


def test_review_shows_the_current_text_the_proposal_and_the_word_diff(client):
    amendment = _propose()
    client.force_login(SteeringGroupFactory())
    response = client.get(REVIEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 proposal waits for the steering group's decision" in page
    assert "Version 1 · 1. Right to the city" in page
    assert (
        "All inhabitants have the right to a city that is a space of freedom and equality." in page
    )
    assert NEW_WORDS in page
    diff = render_diff(word_diff(amendment.base_formulation, NEW_WORDS))
    assert diff in page
    assert diff == (
        "All inhabitants have the right to a "
        '<del><span class="visually-hidden">[removed: </span>city that is a space of freedom'
        '<span class="visually-hidden">]</span></del>'
        '<ins><span class="visually-hidden">[added: </span>fair'
        '<span class="visually-hidden">]</span></ins> and '
        '<del><span class="visually-hidden">[removed: </span>equality'
        '<span class="visually-hidden">]</span></del>'
        '<ins><span class="visually-hidden">[added: </span>green city'
        '<span class="visually-hidden">]</span></ins>.'
    )
    assert f'action="{_decide_url(amendment)}"' in page
    form = response.context["groups"][0]["items"][0].form
    assert form.initial == {"title": "Right to the city", "formulation": NEW_WORDS}
    assert "Needs rebase" not in page


def test_review_groups_the_proposals_by_right_in_number_order(client):
    v = version(open_round=True)
    third = _propose(v, 3, formulation="Housing for all.")
    first = _propose(v, 1)
    second_on_first = _propose(v, 1, formulation="A city for all.")
    client.force_login(SteeringGroupFactory())
    groups = client.get(REVIEW).context["groups"]
    assert [(g["right_text"].number, [i.amendment.pk for i in g["items"]]) for g in groups] == [
        (1, [first.pk, second_on_first.pk]),
        (3, [third.pk]),
    ]


def test_review_leaves_out_drafts_decided_and_withdrawn_proposals(client):
    v = version(open_round=True)
    decided = _propose(v, 1)
    amendment_decide(amendment=decided, by=SteeringGroupFactory(), decision="reject",
                     response="No.")  # fmt: skip
    withdrawn = _propose(v, 2, formulation="Everyone decides.")
    Amendment.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    client.force_login(SteeringGroupFactory())
    response = client.get(REVIEW)
    assert response.context["groups"] == []
    assert "No proposal is waiting for a decision." in response.content.decode()


def test_review_flags_a_proposal_that_needs_rebase_with_base_current_and_proposed(client):
    v1 = version(open_round=True)
    accepted = _propose(v1, 1)
    pending = _propose(v1, 1, formulation="All inhabitants have the right to a city for all.")
    amendment_decide(amendment=accepted, by=SteeringGroupFactory(), decision="accept",
                     response="Yes.")  # fmt: skip
    secretariat = SecretariatFactory()
    round_close(version=v1, by=secretariat)
    v2 = version_start_next(charter=v1.charter, by=secretariat)
    version_apply_amendments(version=v2, by=secretariat)
    round_open(version=v2, by=secretariat, closes_at=timezone.now() + timedelta(days=30))
    client.force_login(SteeringGroupFactory())

    response = client.get(REVIEW)

    [group] = response.context["groups"]
    [item] = group["items"]
    assert (item.amendment.pk, item.amendment.needs_rebase) == (pending.pk, True)
    assert group["right_text"] == right(v2, 1)
    page = response.content.decode()
    assert "Needs rebase:" in page
    assert "Written against" in page
    assert render_diff(word_diff(pending.base_formulation, NEW_WORDS)) in page  # changed since
    assert NEW_WORDS in page  # the current text
    assert "All inhabitants have the right to a city for all." in page  # the proposal


@pytest.mark.parametrize("count", [1, 50])
def test_review_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    v = version(open_round=True)
    author = UserFactory()
    for n in range(count):
        _propose(v, n % 3 + 1, formulation=f"{NEW_WORDS} Number {n}.", author=author)
    client.force_login(SteeringGroupFactory())
    with django_assert_num_queries(4):
        response = client.get(REVIEW)
    assert response.context["count"] == count


@pytest.mark.parametrize(
    ("decision", "extra", "status", "final"),
    [
        ("accept", {}, "accepted", ("", "")),
        ("accept_with_changes", {"title": "Right to a fair city", "formulation": "Fair words."},
         "accepted_with_changes", ("Right to a fair city", "Fair words.")),
        ("reject", {}, "rejected", ("", "")),
    ],
)  # fmt: skip
def test_steering_group_decides_with_a_public_response(
    client, django_capture_on_commit_callbacks, decision, extra, status, final
):
    amendment = _propose()
    decider = SteeringGroupFactory()
    client.force_login(decider)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _decide_url(amendment),
            {"decision": decision, "response": "Thank you for the proposal.", **extra},
            follow=True,
        )
    assert response.redirect_chain == [(REVIEW, 302)]
    stored = Amendment.objects.get(pk=amendment.pk)
    assert (stored.status, stored.response, stored.decided_by) == (
        status,
        "Thank you for the proposal.",
        decider,
    )
    assert stored.decided_at is not None
    assert (stored.final_title, stored.final_formulation) == final
    assert [message.to for message in mail.outbox] == [[amendment.author.email]]
    label = stored.get_status_display()
    assert mail.outbox[0].subject == f"Your amendment to “Right to the city”: {label}"
    assert "Thank you for the proposal." in mail.outbox[0].body
    assert list(_news_about(amendment).values_list("title", "visibility")) == [
        (f"Amendment to “Right to the city”: {label}", "public")
    ]
    assert _messages(response) == [f"“Right to the city”: {label}. The author is told by e-mail."]


def test_a_decision_without_a_response_is_refused_with_a_message(
    client, django_capture_on_commit_callbacks
):
    amendment = _propose()
    client.force_login(SteeringGroupFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_decide_url(amendment), {"decision": "accept", "response": "  "})
    assert response.status_code == 400
    assert _messages(response) == ["Write the response the author and everyone will read."]
    # The page shows this proposal again, with what was chosen.
    [group] = response.context["groups"]
    assert group["items"][0].form.data["decision"] == "accept"
    stored = Amendment.objects.get(pk=amendment.pk)
    assert (stored.status, stored.response, stored.decided_by, stored.decided_at) == (
        "submitted", "", None, None,
    )  # fmt: skip
    assert mail.outbox == []
    assert not _news_about(amendment).exists()


def test_a_decision_without_a_choice_is_refused_with_a_message(client):
    amendment = _propose()
    client.force_login(SteeringGroupFactory())
    response = client.post(_decide_url(amendment), {"decision": "maybe", "response": "Hm."})
    assert response.status_code == 400
    assert _messages(response) == ["The decision was not saved: correct the form below."]
    assert Amendment.objects.get(pk=amendment.pk).status == "submitted"


@pytest.mark.parametrize("role", ["member", "pending", "secretariat"])
def test_review_and_decide_are_refused_to_anyone_but_the_steering_group(client, role):
    amendment = _propose()
    people = {"member": UserFactory, "pending": PendingUserFactory,
              "secretariat": SecretariatFactory}  # fmt: skip
    client.force_login(people[role]())
    assert client.get(REVIEW).status_code == 403
    response = client.post(_decide_url(amendment), {"decision": "accept", "response": "Yes."})
    assert response.status_code == 403
    assert Amendment.objects.get(pk=amendment.pk).status == "submitted"


def test_review_and_decide_send_visitors_to_sign_in(client):
    amendment = _propose()
    response = client.get(REVIEW)
    assert (response.status_code, response.url) == (302, f"/accounts/login/?next={REVIEW}")
    response = client.post(_decide_url(amendment), {"decision": "accept", "response": "Yes."})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert Amendment.objects.get(pk=amendment.pk).status == "submitted"


def test_the_second_decider_is_told_it_is_already_decided():
    amendment = _propose()
    stale = Amendment.objects.get(pk=amendment.pk)
    first, second = SteeringGroupFactory(), SteeringGroupFactory()
    amendment_decide(amendment=amendment, by=first, decision="accept", response="Yes.")
    with pytest.raises(ValidationError) as error:
        amendment_decide(amendment=stale, by=second, decision="reject", response="No.")
    assert error.value.messages == ["This amendment was already decided (Accepted) or withdrawn."]
    stored = Amendment.objects.get(pk=amendment.pk)
    assert (stored.status, stored.response, stored.decided_by) == ("accepted", "Yes.", first)


def test_the_second_decider_sees_already_decided_on_the_page(client):
    amendment = _propose()
    amendment_decide(amendment=amendment, by=SteeringGroupFactory(), decision="accept",
                     response="Yes.")  # fmt: skip
    client.force_login(SteeringGroupFactory())
    response = client.post(
        _decide_url(amendment), {"decision": "reject", "response": "No."}, follow=True
    )
    assert response.redirect_chain == [(REVIEW, 302)]
    assert _messages(response) == ["This amendment was already decided (Accepted) or withdrawn."]
    assert Amendment.objects.get(pk=amendment.pk).response == "Yes."


@pytest.mark.django_db(transaction=True)
def test_two_deciders_at_once_make_exactly_one_decision():
    amendment = _propose()
    deciders = [SteeringGroupFactory(), SteeringGroupFactory()]
    outcomes = []
    start = threading.Barrier(2)

    def decide(person, decision):
        try:
            start.wait()
            amendment_decide(amendment=Amendment.objects.get(pk=amendment.pk), by=person,
                             decision=decision, response=f"By {person.pk}.")  # fmt: skip
            outcomes.append("decided")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(person, decision))
        for person, decision in zip(deciders, ["accept", "reject"], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    stored = Amendment.objects.get(pk=amendment.pk)
    label = stored.get_status_display()
    assert sorted(outcomes) == sorted(
        ["decided", f"This amendment was already decided ({label}) or withdrawn."]
    )
    assert stored.decided_by in deciders
    assert stored.response == f"By {stored.decided_by_id}."
    assert _news_about(amendment).count() == 1


# --- The public record ---------------------------------------------------------------------------


def _decided(v, title="Right to a fair city", response="Accepted, thank you."):
    amendment = _propose(v, title=title, author=UserFactory(name="Ana Ruiz"))
    return amendment_decide(amendment=amendment, by=SteeringGroupFactory(), decision="accept",
                            response=response)  # fmt: skip


def test_decisions_are_public_for_a_published_version(client):
    v = version(open_round=True)
    amendment = _decided(v)
    _propose(v, 2, formulation="Pending words.", title="Still pending")
    response = client.get("/charter/v1/decisions/")
    assert response.status_code == 200
    assert [a.pk for a, _author in response.context["rows"]] == [amendment.pk]
    page = response.content.decode()
    assert "<td>1. Right to the city</td>" in page
    assert "<td>Right to a fair city</td>" in page
    assert "<td>Ana Ruiz</td>" in page
    assert "<td>Accepted</td>" in page
    assert "<td>Accepted, thank you.</td>" in page
    assert "Still pending" not in page
    assert amendment.author.email not in page


def test_decisions_of_a_version_being_drafted_are_not_public(client):
    version()
    assert client.get("/charter/v1/decisions/").status_code == 404
    assert client.get("/charter/v1/decisions.csv").status_code == 404
    assert client.get("/charter/v9/decisions/").status_code == 404


def test_decisions_csv_neutralises_a_formula(client):
    v = version(open_round=True)
    _decided(v, title='=HYPERLINK("http://evil.example","click")', response="-1+1")
    response = client.get("/charter/v1/decisions.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="charter-v1-decisions.csv"'
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["amendment"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["response"] == "'-1+1"
    assert (row["right_number"], row["right_title"], row["author"], row["decision"]) == (
        "1", "Right to the city", "Ana Ruiz", "Accepted",
    )  # fmt: skip


@pytest.mark.parametrize("count", [1, 20])
def test_decisions_run_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    v = version(open_round=True)
    for n in range(count):
        _decided(v, title=f"Right to a fair city {n}")
    with django_assert_num_queries(2):
        response = client.get("/charter/v1/decisions/")
    assert len(response.context["rows"]) == count
