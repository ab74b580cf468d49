"""The secretariat's library admin: adding and editing through the services, refusals as form
errors, the actions, the bulk upload, and nobody else let in."""

import hashlib

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from docs_library import services
from docs_library.models import Document
from docs_library.tasks import extract_document_text
from newsfeed.models import NewsItem
from tests.accounts.factories import SecretariatFactory, UserFactory, enrol_totp
from tests.cities.factories import MemberFactory, focus_area
from tests.docs_library import files
from tests.docs_library.factories import DocumentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/docs_library/document/"
ADD = "/admin/docs_library/document/add/"
BULK = "/admin/docs_library/document/bulk-upload/"
PDF = files.pdf_bytes(["Opening remarks", "The observatory of Gwangju reports yearly."])


@pytest.fixture
def staff():
    user = SecretariatFactory()
    enrol_totp(user)
    return user


@pytest.fixture
def secretariat_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def queued(monkeypatch):
    """The ids the extraction task is started for (once the upload commits)."""
    ids = []
    monkeypatch.setattr(extract_document_text, "delay_on_commit", ids.append)
    return ids


def _form(**overrides) -> dict:
    data = {
        "title": "Forum report",
        "slug": "forum-report",
        "kind": "report",
        "language": "en",
        "published_on": "2024-01-15",
        "author": "UCLG-CSIPDHR",
        "summary": "What the forum said.",
        "link": "",
        "event": "",
        "visibility": "public",
        "state": "published",
        "text_override": "",
    }
    data.update(overrides)
    return data


def _text(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_admin_pages_of_the_library_open_for_the_secretariat(secretariat_client):
    document = DocumentFactory(members=[MemberFactory()], focus_areas=[focus_area("housing")])
    for url in (
        CHANGELIST,
        f"{CHANGELIST}?q=report&state__exact=published",
        ADD,
        reverse("admin:docs_library_document_change", args=[document.pk]),
        BULK,
    ):
        response = secretariat_client.get(url)
        assert response.status_code == 200, url
    body = secretariat_client.get(CHANGELIST).content.decode()
    assert document.title in body
    assert f'href="{BULK}"' in body


def test_admin_adds_a_pdf_through_the_service(secretariat_client, staff, queued):
    housing = focus_area("housing")
    member = MemberFactory()
    response = secretariat_client.post(
        ADD,
        _form(
            file=files.upload("forum-report.pdf", PDF),
            focus_areas=[housing.pk],
            members=[member.pk],
        ),
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.slug, document.state, document.uploaded_by) == (
        "forum-report",
        "published",
        staff,
    )
    assert (document.sha256, document.size) == (hashlib.sha256(PDF).hexdigest(), len(PDF))
    assert (document.original_name, document.content_type) == (
        "forum-report.pdf",
        "application/pdf",
    )
    assert document.extraction_state == "pending"
    assert queued == [document.pk]
    assert list(document.focus_areas.all()) == [housing]
    assert list(document.members.all()) == [member]
    news = NewsItem.objects.get(kind="document", object_id=document.pk)
    assert list(news.focus_areas.all()) == [housing]
    assert response["Location"] == CHANGELIST


def test_admin_adds_a_submitted_link_without_news(secretariat_client, queued):
    response = secretariat_client.post(
        ADD, _form(link="https://www.example.org/report.pdf", state="submitted")
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.state, document.extraction_state) == ("submitted", "not_applicable")
    assert queued == []
    assert not NewsItem.objects.exists()


def test_admin_refuses_a_file_already_in_the_library_naming_it(secretariat_client, queued):
    secretariat_client.post(ADD, _form(file=files.upload("report.pdf", PDF)))
    first = Document.objects.get()

    response = secretariat_client.post(
        ADD, _form(title="Again", slug="again", file=files.upload("copy.pdf", PDF))
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert (
        f'This file is already in the library: <a href="/library/forum-report/">{first.title}</a>.'
        in body
    )
    assert Document.objects.count() == 1


def test_admin_refuses_both_a_file_and_a_link(secretariat_client):
    response = secretariat_client.post(
        ADD, _form(file=files.upload("report.pdf", PDF), link="https://www.example.org/r.pdf")
    )
    assert response.status_code == 200
    assert "Give either a file or an external link, not both." in response.content.decode()
    assert Document.objects.count() == 0


def test_admin_refuses_html_named_pdf(secretariat_client):
    response = secretariat_client.post(
        ADD, _form(file=files.upload("report.pdf", b"<html><script>alert(1)</script></html>"))
    )
    assert response.status_code == 200
    assert "This file is not an accepted type." in response.content.decode()
    assert Document.objects.count() == 0


def test_admin_shows_a_refusal_of_the_service_on_the_form(secretariat_client, monkeypatch):
    # What the form cannot see coming (the same file committed by someone else meanwhile).
    def refuse(**kwargs):
        raise services.ValidationError({"file": "Refused at the last moment."})

    monkeypatch.setattr(services, "document_create", refuse)
    response = secretariat_client.post(ADD, _form(link="https://www.example.org/r.pdf"))
    assert response.status_code == 200
    assert "Refused at the last moment." in response.content.decode()
    assert Document.objects.count() == 0


def test_admin_edit_replaces_the_file_and_reads_it_again(secretariat_client, queued):
    secretariat_client.post(ADD, _form(link="https://www.example.org/report.pdf"))
    document = Document.objects.get()
    url = reverse("admin:docs_library_document_change", args=[document.pk])

    response = secretariat_client.post(
        url,
        _form(title="Forum report, final", file=files.upload("final.pdf", PDF), link="",
              text_override="Typed by hand"),
    )  # fmt: skip

    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.original_name, document.sha256) == (
        "Forum report, final",
        "final.pdf",
        hashlib.sha256(PDF).hexdigest(),
    )
    assert document.indexed_text == "Typed by hand"
    assert queued == [document.pk]


def test_admin_edit_clears_the_file_for_a_link(secretariat_client, queued):
    secretariat_client.post(ADD, _form(file=files.upload("report.pdf", PDF)))
    document = Document.objects.get()
    response = secretariat_client.post(
        reverse("admin:docs_library_document_change", args=[document.pk]),
        _form(**{"file-clear": "on", "link": "https://www.example.org/report.pdf"}),
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.file.name, document.sha256, document.size) == ("", "", None)
    assert (document.link, document.extraction_state) == (
        "https://www.example.org/report.pdf",
        "not_applicable",
    )


def test_publish_action_publishes_and_announces(secretariat_client):
    document = DocumentFactory(state="submitted", title="Local report")
    response = secretariat_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [document.pk]}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == "published"
    news = NewsItem.objects.get(kind="document")
    assert (news.title, news.object_id, news.link) == (
        "Local report",
        document.pk,
        document.get_absolute_url(),
    )
    assert _text(response) == ["Local report: published, and announced in the newsfeed."]


def test_read_again_action_queues_the_extraction(secretariat_client, queued):
    secretariat_client.post(ADD, _form(file=files.upload("report.pdf", PDF)))
    document = Document.objects.get()
    Document.objects.filter(pk=document.pk).update(extraction_state="failed", extraction_attempts=3)
    queued.clear()

    secretariat_client.post(
        CHANGELIST, {"action": "extract_again", "_selected_action": [document.pk]}
    )

    document.refresh_from_db()
    assert (document.extraction_state, document.extraction_attempts) == ("pending", 0)
    assert queued == [document.pk]


def test_bulk_upload_adds_the_good_files_and_names_the_refused_one(secretariat_client, queued):
    housing = focus_area("housing")
    response = secretariat_client.post(
        BULK,
        {
            "files": [
                files.upload("annual_report-2023.pdf", files.pdf_bytes(["First"])),
                files.upload("fake.pdf", b"<html><body>not a pdf</body></html>"),
                files.upload("session notes.docx", files.docx_bytes(["Second"])),
            ],
            "kind": "session_report",
            "language": "fr",
            "visibility": "members",
            "focus_areas": [housing.pk],
            "published_on": "2024-03-01",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST
    documents = Document.objects.order_by("title")
    assert [
        (d.title, d.kind, d.language, d.visibility, d.state, str(d.published_on)) for d in documents
    ] == [
        ("Annual report 2023", "session_report", "fr", "members", "published", "2024-03-01"),
        ("Session notes", "session_report", "fr", "members", "published", "2024-03-01"),
    ]
    assert all(list(d.focus_areas.all()) == [housing] for d in documents)
    assert sorted(queued) == sorted(d.pk for d in documents)
    text = _text(response)
    assert len(text) == 3
    assert text[1] == (
        "fake.pdf was not added: This file is not an accepted type. Accepted: PDF, DOCX, ODT, "
        "XLSX, ODS, PPTX, TXT, PNG, JPEG."
    )
    assert text[0].startswith("annual_report-2023.pdf was added as <a href=")


def test_bulk_upload_names_a_duplicate_with_its_link(secretariat_client):
    pdf = files.pdf_bytes(["Same"])
    secretariat_client.post(
        BULK,
        {"files": [files.upload("a.pdf", pdf)], "kind": "report", "language": "en",
         "visibility": "public", "published_on": "2024-03-01"},
    )  # fmt: skip
    response = secretariat_client.post(
        BULK,
        {"files": [files.upload("b.pdf", pdf)], "kind": "report", "language": "en",
         "visibility": "public", "published_on": "2024-03-01"},
    )  # fmt: skip
    assert response["Location"] == BULK
    assert _text(response)[-1] == (
        'b.pdf was not added: This file is already in the library: <a href="/library/a/">A</a>.'
    )
    assert Document.objects.filter(title="B").count() == 0


def test_bulk_upload_without_files_is_a_form_error(secretariat_client):
    response = secretariat_client.post(
        BULK, {"kind": "report", "language": "en", "visibility": "public",
               "published_on": "2024-03-01"}
    )  # fmt: skip
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_member_who_is_not_staff_gets_no_library_admin(client):
    DocumentFactory(title="Members-only planning", state="submitted")
    client.force_login(UserFactory())
    for url in (CHANGELIST, ADD, BULK):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Members-only planning" not in response.content.decode()
    response = client.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [Document.objects.get().pk]},
    )
    assert response.status_code == 403
    assert Document.objects.get().state == "submitted"


def test_staff_outside_the_secretariat_gets_no_library_admin(client):
    other = UserFactory(is_staff=True)
    enrol_totp(other)
    client.force_login(other)
    for url in (CHANGELIST, ADD, BULK):
        assert client.get(url).status_code == 403, url


def _changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_document_list_query_count_does_not_grow_with_documents(secretariat_client):
    DocumentFactory(members=[MemberFactory()])
    one = _changelist_queries(secretariat_client)
    for _ in range(4):
        DocumentFactory(members=[MemberFactory()], focus_areas=[focus_area("housing")])
    assert _changelist_queries(secretariat_client) == one


def test_change_page_shows_the_file_facts_read_only_and_the_override_help(
    secretariat_client, queued
):
    secretariat_client.post(ADD, _form(file=files.upload("report.pdf", PDF)))
    document = Document.objects.get()
    body = secretariat_client.get(
        reverse("admin:docs_library_document_change", args=[document.pk])
    ).content.decode()
    assert f'<div class="readonly">{document.sha256}</div>' in body
    assert "Replaces the extracted text in search, e.g. for a scanned document." in body
    assert 'name="sha256"' not in body


def test_admin_delete_removes_the_document_its_news_and_its_file(
    client, django_capture_on_commit_callbacks
):
    from docs_library import services
    from docs_library.models import Document
    from newsfeed.models import NewsItem
    from tests.accounts.factories import SecretariatFactory, enrol_totp
    from tests.docs_library import files

    staff = SecretariatFactory()
    enrol_totp(staff)
    with django_capture_on_commit_callbacks(execute=False):
        document = services.document_create(
            by=staff,
            answers={"title": "To remove", "kind": "report", "language": "en",
                     "published_on": "2024-01-01", "visibility": "public"},
            file=files.upload("remove.pdf", files.pdf_bytes(["x"])),
            publish_now=True,
        )  # fmt: skip
    stored = document.file.name
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/docs_library/document/{document.pk}/delete/", {"post": "yes"}, follow=True
        )

    assert Document.objects.count() == 0
    assert NewsItem.objects.filter(kind="document").count() == 0
    assert not document.file.storage.exists(stored)
