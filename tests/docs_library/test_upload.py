"""The focal point's upload page: a submitted document of their member, its text read in the
background; everyone else is refused."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage

from cities.models import FocusArea
from docs_library.models import Document
from tests.accounts.factories import PendingUserFactory, SecretariatFactory
from tests.cities.factories import AffiliationFactory, MemberFactory, focal_point_of, focus_area
from tests.docs_library import files

pytestmark = pytest.mark.django_db

UPLOAD = "/library/upload/"
PDF = files.pdf_bytes(["Housing first in Kisumu", "The county board meets monthly."])


def _fields(**changes):
    return {
        "title": "Housing first in Kisumu",
        "summary": "How the county houses people first.",
        "kind": "policy",
        "language": "en",
        "published_on": "2024-03-01",
        "author": "Kisumu County",
        "visibility": "public",
        "focus_areas": [focus_area("housing").pk],
        "link": "",
        **changes,
    }


def _stored() -> list[str]:
    if not default_storage.exists("library"):
        return []
    return default_storage.listdir("library")[1]


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_upload_by_a_focal_point_makes_a_submitted_document_of_their_member(
    client, django_capture_on_commit_callbacks
):
    member = MemberFactory(name="Kisumu County")
    focal_point = focal_point_of(member)
    client.force_login(focal_point)

    page = client.get(UPLOAD).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="file"' in page
    assert 'name="members"' not in page
    assert "Share a report, a policy or a guide of Kisumu County with the community." in page

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            UPLOAD, _fields(file=files.upload("Housing policy.pdf", PDF, "application/pdf"))
        )

    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/library/{document.slug}/"
    assert document.slug == "housing-first-in-kisumu"
    assert _messages(response) == ["Thank you — the secretariat will publish it after a look."]
    assert (document.state, document.uploaded_by, document.visibility) == (
        "submitted", focal_point, "public",
    )  # fmt: skip
    assert list(document.members.all()) == [member]
    assert list(document.focus_areas.all()) == [FocusArea.objects.get(slug="housing")]
    assert (document.original_name, document.content_type, document.size) == (
        "Housing policy.pdf", "application/pdf", len(PDF),
    )  # fmt: skip
    assert (document.link, document.extraction_state) == ("", "pending")
    assert _stored() == [document.file.name.removeprefix("library/")]
    with document.file.open("rb") as stored:
        assert stored.read() == PDF

    # The text extraction is queued for after the commit; run it as the worker would.
    assert len(callbacks) == 1
    callbacks[0]()
    document.refresh_from_db()
    assert (document.extraction_state, document.page_count) == ("done", 2)
    assert "The county board meets monthly." in document.indexed_text


def test_upload_of_a_link_makes_a_document_with_nothing_to_extract(
    client, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    client.force_login(focal_point_of(member))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(UPLOAD, _fields(link="https://kisumu.example.org/housing.pdf"))

    document = Document.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert (document.link, document.file.name, document.extraction_state) == (
        "https://kisumu.example.org/housing.pdf", "", "not_applicable",
    )  # fmt: skip
    assert list(document.members.all()) == [member]
    assert callbacks == []


def _form_errors(response) -> dict:
    assert response.status_code == 200
    return {field: list(errors) for field, errors in response.context["form"].errors.items()}


def test_upload_with_neither_a_file_nor_a_link_asks_for_one(client):
    client.force_login(focal_point_of(MemberFactory()))

    response = client.post(UPLOAD, _fields())

    assert _form_errors(response) == {
        "file": ["Choose a file to upload, or give a link to the document."]
    }
    assert "Choose a file to upload, or give a link to the document." in response.content.decode()
    assert Document.objects.count() == 0


def test_upload_with_both_a_file_and_a_link_asks_for_one_only(client):
    client.force_login(focal_point_of(MemberFactory()))

    response = client.post(
        UPLOAD, _fields(file=files.upload("a.pdf", PDF), link="https://example.org/a.pdf")
    )

    assert _form_errors(response) == {"link": ["Give a file or a link, not both."]}
    assert (Document.objects.count(), _stored()) == (0, [])


def test_upload_with_a_script_link_is_refused(client):
    client.force_login(focal_point_of(MemberFactory()))

    response = client.post(UPLOAD, _fields(link="javascript:alert(1)"))

    assert list(_form_errors(response)) == ["link"]
    assert Document.objects.count() == 0


def test_upload_twice_says_the_file_is_already_in_the_library(client):
    client.force_login(focal_point_of(MemberFactory()))
    first = client.post(UPLOAD, _fields(file=files.upload("policy.pdf", PDF)))
    assert first.status_code == 302
    document = Document.objects.get()

    again = client.post(UPLOAD, _fields(file=files.upload("policy.pdf", PDF)))

    link = f'<a href="/library/{document.slug}/">Housing first in Kisumu</a>'
    assert _form_errors(again) == {"file": [f"This file is already in the library: {link}."]}
    assert f"This file is already in the library: {link}." in again.content.decode()
    assert Document.objects.count() == 1
    assert _stored() == [document.file.name.removeprefix("library/")]


def test_upload_page_sends_a_visitor_to_sign_in(client):
    response = client.get(UPLOAD)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={UPLOAD}"
    assert client.post(UPLOAD, _fields(link="https://example.org/a.pdf")).status_code == 302
    assert Document.objects.count() == 0


@pytest.mark.parametrize("role", ["member", "pending"])
def test_upload_page_is_refused_to_who_is_not_a_focal_point(client, role):
    member = MemberFactory()
    if role == "member":
        user = AffiliationFactory(member=member, is_focal_point=False).user
    else:
        user = PendingUserFactory()
    client.force_login(user)

    assert client.get(UPLOAD).status_code == 403
    response = client.post(UPLOAD, _fields(file=files.upload("a.pdf", PDF)))
    assert response.status_code == 403
    assert (Document.objects.count(), _stored()) == (0, [])


def test_upload_by_the_secretariat_is_submitted_for_no_member(client):
    secretariat = SecretariatFactory()
    client.force_login(secretariat)

    response = client.post(UPLOAD, _fields(file=files.upload("a.pdf", PDF)))

    document = Document.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert (document.state, document.uploaded_by) == ("submitted", secretariat)
    assert list(document.members.all()) == []


def test_upload_page_lists_ones_own_documents_waiting_for_the_secretariat(client):
    member = MemberFactory(name="Kisumu County")
    focal_point = focal_point_of(member)
    other = focal_point_of(MemberFactory(name="Mayo"))
    client.force_login(other)
    client.post(UPLOAD, _fields(title="Mayo rural plan", link="https://www.example.org/mayo.pdf"))
    client.force_login(focal_point)
    client.post(UPLOAD, _fields(link="https://www.example.org/kisumu.pdf"))

    page = client.get(UPLOAD).content.decode()

    assert "Your documents waiting for the secretariat" in page
    assert "Housing first in Kisumu" in page
    assert "Mayo rural plan" not in page
    staff = SecretariatFactory()
    from docs_library import services

    services.document_publish(document=Document.objects.get(title="Housing first in Kisumu"),
                              by=staff)  # fmt: skip
    assert "Housing first in Kisumu" not in client.get(UPLOAD).content.decode()
