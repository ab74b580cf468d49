"""Proposing a change to a right: the form, its preview, submitting, withdrawing, and how
amendments show on the right's page (charter/views.py propose, withdraw, right_detail)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charter import services
from charter.diff import fingerprint
from charter.models import Amendment, RightText
from tests.accounts.factories import SecretariatFactory, SteeringGroupFactory
from tests.charter.factories import charter, right, version
from tests.cities.factories import MemberFactory
from tests.roles import person

pytestmark = pytest.mark.django_db

URL = "/charter/v1/rights/1/propose/"
CITY = "All inhabitants have the right to a city that is a space of freedom and equality."
HIDDEN = '<span class="visually-hidden">'


def member():
    return person("member", member=MemberFactory())


@pytest.fixture
def open_round():
    return version(open_round=True)


@pytest.fixture
def author(client, open_round):
    user = member()
    client.force_login(user)
    return user


def form_data(**changes) -> dict:
    data = {
        "proposed_title": "Right to the city",
        "proposed_formulation": CITY,
        "rationale": "",
        "base_fingerprint": fingerprint("Right to the city", CITY),
    }
    return {**data, **changes}


def test_propose_form_starts_from_the_current_text(client, author):
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="proposed_title" value="Right to the city"' in page
    assert f">\n{CITY}</textarea>" in page
    base = fingerprint("Right to the city", CITY)
    assert f'<input type="hidden" name="base_fingerprint" value="{base}"' in page
    assert 'name="preview"' in page


def test_preview_shows_the_added_words_and_stores_nothing(client, author):
    response = client.post(
        URL,
        form_data(
            proposed_formulation=CITY.replace("equality", "equality and solidarity"),
            preview="1",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        f"freedom and equality<ins>{HIDDEN}[added: </span> and solidarity{HIDDEN}]</span></ins>."
    ) in page
    assert "Words added: 2. Words removed: 0." in page
    # The form keeps what was typed, ready to submit.
    assert "equality and solidarity.</textarea>" in page
    assert Amendment.objects.count() == 0


def test_submit_stores_the_amendment(client, author, open_round):
    new = CITY.replace("equality", "solidarity")
    response = client.post(
        URL, form_data(proposed_formulation=new, rationale="Solidarity says more.", submit="1")
    )
    amendment = Amendment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/charter/v1/rights/1/#amendment-{amendment.pk}"
    assert (amendment.right_text, amendment.author, amendment.status) == (
        right(open_round, 1), author, "submitted",
    )  # fmt: skip
    assert (amendment.proposed_title, amendment.proposed_formulation) == ("Right to the city", new)
    assert amendment.rationale == "Solidarity says more."
    assert amendment.base_fingerprint == fingerprint("Right to the city", CITY)
    page = client.get("/charter/v1/rights/1/").content.decode()
    assert "Your proposal is submitted. The steering group will respond." in page
    assert (
        f"<del>{HIDDEN}[removed: </span>equality{HIDDEN}]</span></del>"
        f"<ins>{HIDDEN}[added: </span>solidarity{HIDDEN}]</span></ins>"
    ) in page
    assert "Proposed changes (1)" in page or "Proposed change (1)" in page
    assert "Withdraw my proposal" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"proposed_title": "", "proposed_formulation": ""},
         "Propose a new title or a new formulation."),
        ({}, "Your proposal is the same as the current text."),
        # Re-wrapping and emphasis are not a change of words.
        ({"proposed_formulation": CITY.replace("freedom", "*freedom*")},
         "Your proposal is the same as the current text."),
        ({"proposed_formulation": "Everyone.", "base_fingerprint": "0" * 64},
         "The right&#x27;s text changed after you started: read it again and adapt your "
         "proposal."),
    ],
    ids=["empty", "identical", "identical-words", "stale"],
)  # fmt: skip
def test_refused_proposal_says_why_on_the_form_and_stores_nothing(client, author, changes, message):
    response = client.post(URL, form_data(**changes, submit="1"))
    page = response.content.decode()
    assert response.status_code == 400
    assert '<div class="error-summary" role="alert" tabindex="-1">' in page
    assert f"<li>{message}</li>" in page
    assert Amendment.objects.count() == 0


def test_text_changed_since_the_form_was_opened(client, author, open_round):
    opened = client.get(URL).content.decode()
    assert fingerprint("Right to the city", CITY) in opened
    RightText.objects.filter(pk=right(open_round, 1).pk).update(formulation="New words.")
    response = client.post(URL, form_data(proposed_formulation="My words.", submit="1"))
    assert response.status_code == 400
    assert "read it again and adapt your proposal." in response.content.decode()
    assert Amendment.objects.count() == 0


def test_markup_in_a_proposal_is_rendered_harmless(client, author):
    attack = '<script>alert("x")</script> [a](javascript:alert(1)) <img src=x onerror=alert(1)>'
    client.post(URL, form_data(proposed_formulation=f"{CITY} {attack}", rationale=attack,
                               submit="1"))  # fmt: skip
    assert Amendment.objects.count() == 1
    for url in ["/charter/v1/rights/1/", "/charter/my/"]:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<img" not in page, url
        assert 'href="javascript:' not in page, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page, url
    preview = client.post(URL, form_data(proposed_formulation=attack, preview="1"))
    assert "<script>alert" not in preview.content.decode()


def test_propose_visitor_is_sent_to_sign_in(client, open_round):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
    response = client.post(URL, form_data(proposed_formulation="x", submit="1"))
    assert response["Location"].startswith("/accounts/login/")
    assert Amendment.objects.count() == 0


def test_propose_pending_user_is_refused(client, open_round):
    client.force_login(person("pending", member=None))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(proposed_formulation="x", submit="1")).status_code == 403
    assert Amendment.objects.count() == 0


def test_propose_when_the_round_is_closed_says_so(client, author, open_round):
    services.round_close(version=open_round, by=SecretariatFactory())
    response = client.post(URL, form_data(proposed_formulation="x", submit="1"), follow=True)
    assert response.redirect_chain == [("/charter/v1/rights/1/", 302)]
    assert "The consultation on this version is not open." in response.content.decode()
    assert Amendment.objects.count() == 0


def _amendment(text, by, formulation="Everyone has the right to the city."):
    return services.amendment_submit(right_text=text, by=by, title="", formulation=formulation)


def test_withdraw_by_the_author(client, author, open_round):
    amendment = _amendment(right(open_round, 1), author)
    response = client.post(f"/charter/v1/rights/1/amendments/{amendment.pk}/withdraw/")
    assert response["Location"] == f"/charter/v1/rights/1/#amendment-{amendment.pk}"
    amendment.refresh_from_db()
    assert amendment.status == "withdrawn"
    page = client.get("/charter/v1/rights/1/").content.decode()
    assert "Your proposal is withdrawn." in page
    assert "Withdraw my proposal" not in page


def test_withdraw_by_someone_else_is_refused(client, open_round):
    amendment = _amendment(right(open_round, 1), member())
    client.force_login(member())
    page = client.get("/charter/v1/rights/1/").content.decode()
    assert "Withdraw my proposal" not in page
    response = client.post(f"/charter/v1/rights/1/amendments/{amendment.pk}/withdraw/")
    assert response.status_code == 403
    amendment.refresh_from_db()
    assert amendment.status == "submitted"


def test_withdraw_through_another_right_is_404(client, author, open_round):
    amendment = _amendment(right(open_round, 1), author)
    assert (
        client.post(f"/charter/v1/rights/2/amendments/{amendment.pk}/withdraw/").status_code == 404
    )
    assert (
        client.get(f"/charter/v1/rights/1/amendments/{amendment.pk}/withdraw/").status_code == 405
    )
    amendment.refresh_from_db()
    assert amendment.status == "submitted"


def test_decided_amendment_shows_the_response_of_the_steering_group(client, open_round):
    amendment = _amendment(right(open_round, 1), member())
    services.amendment_decide(
        amendment=amendment, by=SteeringGroupFactory(), decision="accept_with_changes",
        response="Yes, with one more word.", formulation="Everyone has the full right to it.",
    )  # fmt: skip
    page = client.get("/charter/v1/rights/1/").content.decode()
    assert "Accepted with changes" in page
    assert "<p>Yes, with one more word.</p>" in page
    assert "<p>Everyone has the full right to it.</p>" in page


def test_needs_rebase_shows_base_current_and_proposed_side_by_side(client):
    v1 = version(open_round=True)
    secretariat = SecretariatFactory()
    pending = _amendment(right(v1, 1), member(), formulation=CITY.replace("freedom", "liberty"))
    services.round_close(version=v1, by=secretariat)
    v2 = services.version_start_next(charter=charter(), by=secretariat)
    RightText.objects.filter(version=v2, number=1).update(
        formulation=CITY.replace("equality", "solidarity")
    )
    services.version_apply_amendments(version=v2, by=secretariat)
    pending.refresh_from_db()
    assert (pending.right_text.version, pending.needs_rebase) == (v2, True)
    services.round_open(version=v2, by=secretariat, closes_at=timezone.now() + timedelta(days=9))
    page = client.get("/charter/v2/rights/1/").content.decode()
    assert "needs rebase" in page
    section = page[page.index('<div class="charter-side-by-side">') :]
    assert section.index("Written against") < section.index("Current text")
    assert section.index("Current text") < section.index("Proposed")
    # Current: what changed since the proposal was written; proposed: what it changes.
    assert f"<ins>{HIDDEN}[added: </span>solidarity{HIDDEN}]</span></ins>" in section
    assert f"<ins>{HIDDEN}[added: </span>liberty{HIDDEN}]</span></ins>" in section
