"""The secretariat's Charter-Agenda admin: importing a version's rights from Markdown, and the
actions that move a version through its round (charter/admin.py, charter/importing.py)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from charter.importing import parse_rights
from charter.models import Amendment, Right, RightText
from charter.services import (
    amendment_submit,
    practice_submit,
    round_close,
    version_apply_amendments,
    version_start_next,
)
from tests.accounts.factories import SecretariatFactory, UserFactory, enrol_totp
from tests.charter.factories import right, version
from tests.cities.factories import MemberFactory, focal_point_of

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/charter/version/"

MARKDOWN = """# Global Charter-Agenda for Human Rights in the City

## Rights of everyone

### 1. Right to the city

All inhabitants have the right to a city that is a space of freedom, equality and
*solidarity*.

### 2. Right to take part

All inhabitants take part in the decisions of their city.

## Rights of those most at risk

### 4. Right to water and sanitation

Clean water for everyone.

#### In practice

Public fountains.

### 7. Right to housing

All inhabitants have the right to decent, safe and affordable housing.
"""


@pytest.fixture
def secretariat_client(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    return client


def _import_url(v) -> str:
    return f"/admin/charter/version/{v.pk}/import/"


def _rights(v) -> list[tuple]:
    return list(
        RightText.objects.filter(version=v)
        .order_by("order")
        .values_list("group", "number", "title", "right__key", "order")
    )


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_import_url_and_the_button_on_the_change_page(secretariat_client):
    v = version()
    assert reverse("admin:charter_version_import", args=[v.pk]) == _import_url(v)
    page = secretariat_client.get(f"{CHANGELIST}{v.pk}/change/").content.decode()
    assert f'<a href="{_import_url(v)}">Import rights from Markdown</a>' in page


def test_parse_rights_reads_groups_numbers_titles_and_formulations():
    rights, errors = parse_rights(MARKDOWN)
    assert errors == []
    assert [(r.line, r.group, r.number, r.title, r.order) for r in rights] == [
        (5, "Rights of everyone", 1, "Right to the city", 1),
        (10, "Rights of everyone", 2, "Right to take part", 2),
        (16, "Rights of those most at risk", 4, "Right to water and sanitation", 3),
        (24, "Rights of those most at risk", 7, "Right to housing", 4),
    ]
    assert rights[0].formulation == (
        "All inhabitants have the right to a city that is a space of freedom, equality and\n"
        "*solidarity*."
    )
    assert (
        rights[2].formulation
        == "Clean water for everyone.\n\n#### In practice\n\nPublic fountains."
    )


def test_parse_rights_reports_each_problem_with_its_line():
    text = (
        "Some words before any right.\n"  # 1
        "## Rights\n"  # 2
        "### Right to the city\n"  # 3
        "Words.\n"  # 4
        "### 2. Right to take part\n"  # 5
        "\n"  # 6
        "### 2. Right to water\n"  # 7
        "Water.\n"  # 8
    )
    rights, errors = parse_rights(text)
    assert [r.number for r in rights] == [None, 2, 2]
    assert errors == [
        "Line 1: this text belongs to no right (a right starts with a line “### 1. Title”).",
        "Line 3: the right “Right to the city” has no number (write “### 12. Right to the city”).",
        "Line 5: the right “Right to take part” has no formulation.",
        "Line 7: number 2 is used twice (also on line 5).",
    ]
    assert parse_rights("")[1] == ["No right found: each right starts with a line “### 1. Title”."]


def test_import_preview_shows_the_rights_and_saves_nothing(secretariat_client):
    v = version()
    before, identities = _rights(v), Right.objects.count()
    response = secretariat_client.post(_import_url(v), {"text": MARKDOWN, "preview": "1"})
    assert response.status_code == 200
    assert response.context["errors"] == []
    plan = response.context["plan"]
    assert [(row.parsed.number, getattr(row.identity, "key", None)) for row in plan.rows] == [
        (1, "right-to-the-city"),
        (2, "participatory-democracy"),
        (4, None),
        (7, "housing"),  # number 7 is new: the title matches
    ]
    assert plan.removed == []
    page = response.content.decode()
    assert "<td>Right to water and sanitation</td>" in page
    assert "<td>Clean water for everyone. In practice Public fountains.</td>" in page
    assert "<td>new right</td>" in page
    assert "kept: right-to-the-city (was “1. Right to the city”)" in page
    assert 'name="confirm"' in page
    assert response.context["confirm_form"].initial == {"text": MARKDOWN}
    assert (_rights(v), Right.objects.count()) == (before, identities)


def test_import_preview_reads_an_uploaded_markdown_file(secretariat_client):
    v = version()
    upload = SimpleUploadedFile("charter.md", ("\ufeff" + MARKDOWN).encode(), "text/markdown")
    response = secretariat_client.post(_import_url(v), {"file": upload, "text": ""})
    assert response.status_code == 200
    assert [row.parsed.title for row in response.context["plan"].rows] == [
        "Right to the city",
        "Right to take part",
        "Right to water and sanitation",
        "Right to housing",
    ]
    assert response.context["confirm_form"].initial == {"text": MARKDOWN}


def test_import_confirm_replaces_the_rights_keeping_identities(secretariat_client):
    v = version()
    housing = right(v, 3)
    response = secretariat_client.post(_import_url(v), {"text": MARKDOWN, "confirm": "1"})
    assert response.status_code == 302
    assert response.url == f"{CHANGELIST}{v.pk}/change/"
    assert _rights(v) == [
        ("Rights of everyone", 1, "Right to the city", "right-to-the-city", 1),
        ("Rights of everyone", 2, "Right to take part", "participatory-democracy", 2),
        ("Rights of those most at risk", 4, "Right to water and sanitation",
         "right-to-water-and-sanitation", 3),
        ("Rights of those most at risk", 7, "Right to housing", "housing", 4),
    ]  # fmt: skip
    # The same row, renumbered: what hangs on it stays.
    assert RightText.objects.get(version=v, number=7).pk == housing.pk
    assert right(v, 1).formulation.endswith("equality and\n*solidarity*.")
    messages = _messages(secretariat_client.get(response.url))
    assert messages == [
        "v1 — Global Charter-Agenda: 4 rights imported (3 kept their identity, 1 new, 0 removed)."
    ]


def test_import_removes_the_rights_left_out_and_numbers_may_swap(secretariat_client):
    v = version()
    text = (
        "### 1. Right to participatory democracy\n\nTake part.\n\n"
        "### 2. Right to the city\n\nA city for all.\n"
    )
    by_title = {t.title: t.right_id for t in v.rights.all()}
    response = secretariat_client.post(_import_url(v), {"text": text, "confirm": "1"})
    assert response.status_code == 302
    # Numbers come first: number 1 keeps the identity that was number 1.
    assert list(v.rights.order_by("number").values_list("number", "right_id")) == [
        (1, by_title["Right to the city"]),
        (2, by_title["Right to participatory democracy"]),
    ]
    assert Right.objects.filter(key="housing").exists()  # the identity stays for other versions


def test_import_with_a_duplicate_number_shows_the_error_and_saves_nothing(secretariat_client):
    v = version()
    before = _rights(v)
    text = MARKDOWN.replace("### 7. Right to housing", "### 4. Right to housing")
    for step in ("preview", "confirm"):
        response = secretariat_client.post(_import_url(v), {"text": text, step: "1"})
        assert response.status_code == 400
        assert response.context["errors"] == ["Line 24: number 4 is used twice (also on line 16)."]
        assert response.context["confirm_form"] is None
        page = response.content.decode()
        assert "Line 24: number 4 is used twice (also on line 16)." in page
        assert 'name="confirm"' not in page
    assert _rights(v) == before


def test_import_refuses_to_drop_a_right_people_wrote_amendments_on(secretariat_client):
    v1 = version(open_round=True)
    amendment_submit(right_text=right(v1, 3), by=UserFactory(), title="",
                     formulation="Homes for all.")  # fmt: skip
    secretariat = SecretariatFactory()
    round_close(version=v1, by=secretariat)
    v2 = version_start_next(charter=v1.charter, by=secretariat)
    version_apply_amendments(version=v2, by=secretariat)  # the proposal moves to v2
    text = MARKDOWN.replace("### 7. Right to housing", "### 7. Right to shelter")
    response = secretariat_client.post(_import_url(v2), {"text": text, "confirm": "1"})
    assert response.status_code == 400
    assert response.context["errors"] == [
        "“3. Right to housing” is left out, but people's comments or amendments are on it: keep "
        "it in the text (its number, title and group may change)."
    ]
    assert right(v2, 3).title == "Right to housing"
    assert Amendment.objects.get().right_text == right(v2, 3)


def test_import_marks_pending_amendments_on_reworded_rights_needs_rebase(secretariat_client):
    v1 = version(open_round=True)
    on_city = amendment_submit(right_text=right(v1, 1), by=UserFactory(), title="",
                               formulation="A fair city.")  # fmt: skip
    on_part = amendment_submit(right_text=right(v1, 2), by=UserFactory(), title="",
                               formulation="Everyone decides.")  # fmt: skip
    secretariat = SecretariatFactory()
    round_close(version=v1, by=secretariat)
    v2 = version_start_next(charter=v1.charter, by=secretariat)
    version_apply_amendments(version=v2, by=secretariat)
    text = (
        "### 1. Right to the city\n\nAll inhabitants have the right to a city.\n\n"
        "### 2. Right to participatory democracy\n\n"
        "All inhabitants have the right to take part in the decisions of their city.\n\n"
        "### 3. Right to housing\n\nHousing.\n"
    )
    response = secretariat_client.post(_import_url(v2), {"text": text, "confirm": "1"})
    assert response.status_code == 302
    stored = {a.pk: a.needs_rebase for a in Amendment.objects.all()}
    assert stored == {on_city.pk: True, on_part.pk: False}


def test_import_into_a_version_in_consultation_is_refused(secretariat_client):
    v = version(open_round=True)
    before = _rights(v)
    for response in (
        secretariat_client.get(_import_url(v), follow=True),
        secretariat_client.post(_import_url(v), {"text": MARKDOWN, "confirm": "1"}, follow=True),
    ):
        assert response.redirect_chain == [(f"{CHANGELIST}{v.pk}/change/", 302)]
        assert _messages(response) == [
            "Version 1 is no longer being drafted (In consultation): its rights are changed by "
            "amendments now, not by an import."
        ]
    assert _rights(v) == before


def test_import_is_for_the_secretariat(client):
    v = version()
    client.force_login(UserFactory())
    assert client.get(_import_url(v)).status_code == 403
    assert client.post(_import_url(v), {"text": MARKDOWN, "confirm": "1"}).status_code == 403
    assert _rights(v)[0][2] == "Right to the city"
    assert not Right.objects.filter(key="right-to-water-and-sanitation").exists()


def _action(client, action: str, *versions):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [v.pk for v in versions]},
        follow=True,
    )


def test_admin_actions_open_and_close_a_round(secretariat_client):
    v = version()
    response = _action(secretariat_client, "open_round", v)
    v.refresh_from_db()
    assert v.status == "consultation"
    in_30_days = timezone.now() + timedelta(days=30)
    assert in_30_days - timedelta(minutes=1) < v.round_closes_at <= in_30_days
    assert _messages(response) == [f"{v}: the consultation is open for 30 days."]

    response = _action(secretariat_client, "open_round", v)
    assert _messages(response) == [f"{v}: This version's consultation is already open or adopted."]

    response = _action(secretariat_client, "close_round", v)
    v.refresh_from_db()
    assert v.status == "closed"
    assert v.round_closes_at < in_30_days - timedelta(days=29)
    assert _messages(response) == [f"{v}: the consultation is closed."]


def test_admin_actions_start_the_next_version_apply_and_adopt(secretariat_client):
    v1 = version(open_round=True)
    _action(secretariat_client, "close_round", v1)
    response = _action(secretariat_client, "start_next", v1)
    v2 = v1.charter.versions.get(number=2)
    assert _messages(response) == [f"{v1}: the next version is started, as a copy of the latest."]
    assert [t[:3] for t in _rights(v2)] == [t[:3] for t in _rights(v1)]
    response = _action(secretariat_client, "apply_amendments", v2)
    assert _messages(response) == [f"{v2}: the accepted amendments are applied."]
    response = _action(secretariat_client, "adopt", v1)
    v1.refresh_from_db()
    assert (v1.status, v1.adopted_at is not None) == ("adopted", True)


def test_import_without_a_text_asks_for_one(secretariat_client):
    v = version()
    response = secretariat_client.post(_import_url(v), {"text": "  ", "preview": "1"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Upload a Markdown file or paste the text."
    ]
    assert "plan" not in response.context


def _inline_data(v) -> dict:
    """The change form of ``v`` as the admin sends it back, with its parts and rights."""
    data = {"title": v.title, "phase": "", "changelog": ""}
    parts, texts = list(v.parts.all()), list(v.rights.order_by("number"))
    for prefix, rows, fields in (
        ("parts", parts, ["kind", "title", "text", "order"]),
        ("rights", texts, ["right", "group", "number", "title", "formulation", "order"]),
    ):
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(len(rows)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for n, row in enumerate(rows):
            data[f"{prefix}-{n}-id"] = str(row.pk)
            data[f"{prefix}-{n}-version"] = str(v.pk)
            for name in fields:
                value = getattr(row, f"{name}_id" if name == "right" else name)
                data[f"{prefix}-{n}-{name}"] = str(value)
    return data


def test_version_change_form_edits_a_right_and_refuses_a_duplicate_number(secretariat_client):
    v = version()
    url = f"{CHANGELIST}{v.pk}/change/"
    data = _inline_data(v) | {"rights-0-title": "Right to a just city"}
    assert secretariat_client.post(url, data).status_code == 302
    assert right(v, 1).title == "Right to a just city"

    response = secretariat_client.post(url, _inline_data(v) | {"rights-1-number": "1"})
    assert response.status_code == 200
    assert "<li>Another right of this version has this number.</li>" in response.content.decode()
    assert list(v.rights.order_by("number").values_list("number", flat=True)) == [1, 2, 3]


def test_admin_pages_open_for_the_secretariat(secretariat_client):
    v = version(open_round=True)
    amendment_submit(right_text=right(v), by=UserFactory(), title="", formulation="New words.")
    for model in ("charter", "version", "right", "amendment", "comment", "localpractice"):
        assert secretariat_client.get(f"/admin/charter/{model}/").status_code == 200, model
    for model in ("charter", "version", "localpractice"):
        assert secretariat_client.get(f"/admin/charter/{model}/add/").status_code == 200, model
    assert secretariat_client.get(f"{CHANGELIST}{v.pk}/change/").status_code == 200
    amendment = Amendment.objects.get()
    assert (
        secretariat_client.get(f"/admin/charter/amendment/{amendment.pk}/change/").status_code
        == 200
    )
    assert secretariat_client.get("/admin/charter/amendment/add/").status_code == 403


def test_publish_practices_action(secretariat_client):
    v = version()
    member = MemberFactory()
    practice = practice_submit(
        by=focal_point_of(member), member=member, title="Housing desk",
        description="Advice on rents.", rights=[right(v, 3).right],
    )  # fmt: skip
    response = secretariat_client.post(
        "/admin/charter/localpractice/",
        {"action": "publish_selected", "_selected_action": [practice.pk]},
        follow=True,
    )
    practice.refresh_from_db()
    assert (practice.status, practice.published_at is not None) == ("published", True)
    assert _messages(response) == ["Housing desk: published."]


def test_a_versions_rights_are_edited_in_the_admin_only_while_it_is_drafted(secretariat_client):
    drafting, in_consultation = version(number=1), version(number=2, open_round=True)
    page = secretariat_client.get(f"/admin/charter/version/{drafting.pk}/change/")
    assert 'name="rights-0-formulation"' in page.content.decode()
    page = secretariat_client.get(f"/admin/charter/version/{in_consultation.pk}/change/")
    body = page.content.decode()
    assert 'name="rights-0-formulation"' not in body
    assert right(in_consultation, 1).formulation in body  # still shown, read-only
