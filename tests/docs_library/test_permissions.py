"""Every permission of the library, for every role, both sides (docs_library/rules.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from docs_library import services
from docs_library.models import Document
from tests.cities.factories import MemberFactory, focal_point_of
from tests.docs_library import files
from tests.docs_library.factories import DocumentFactory
from tests.roles import ROLES, allowed_roles, person

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
MEMBERS = {"member", "focal_point", "steering_group", "secretariat"}


@pytest.mark.parametrize(("visibility", "roles"), [("public", EVERYONE), ("members", MEMBERS)])
def test_see_document_follows_its_visibility_once_published(visibility, roles):
    document = DocumentFactory(visibility=visibility)
    assert allowed_roles("docs_library.see_document", document, member=MemberFactory()) == roles


def test_a_submitted_document_is_seen_by_the_secretariat_and_its_uploader_only():
    member = MemberFactory()
    uploader = focal_point_of(member)
    document = DocumentFactory(state="submitted", uploaded_by=uploader)

    assert allowed_roles("docs_library.see_document", document, member=member) == {"secretariat"}
    assert uploader.has_perm("docs_library.see_document", document)


def test_upload_is_for_focal_points_and_the_secretariat():
    assert allowed_roles("docs_library.upload_document", member=MemberFactory()) == {
        "focal_point",
        "secretariat",
    }


def test_upload_for_a_member_is_for_its_focal_point_and_the_secretariat():
    member = MemberFactory()
    assert allowed_roles("docs_library.upload_for_member", member, member=member) == {
        "focal_point",
        "secretariat",
    }
    other = focal_point_of(MemberFactory())
    assert not other.has_perm("docs_library.upload_for_member", member)


def test_manage_document_is_for_the_secretariat():
    document = DocumentFactory()
    assert allowed_roles("docs_library.manage_document", document, member=MemberFactory()) == {
        "secretariat"
    }


ANSWERS = {
    "title": "Our local plan",
    "kind": "policy",
    "language": "es",
    "published_on": "2023-03-08",
    "visibility": "public",
}


def test_a_focal_point_uploads_for_their_own_member_as_submitted(
    django_capture_on_commit_callbacks,
):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = services.document_create(
            by=focal_point_of(member),
            answers=ANSWERS,
            file=files.upload("plan.pdf", files.pdf_bytes(["Plan local"])),
            members=[member],
        )

    assert (document.state, list(document.members.all())) == ("submitted", [member])
    assert len(callbacks) == 1  # the extraction task, once committed
    document.file.delete(save=False)


def test_a_focal_point_cannot_upload_for_another_member_or_publish():
    member = MemberFactory()
    focal_point = focal_point_of(member)

    with pytest.raises(PermissionDenied):
        services.document_create(
            by=focal_point,
            answers={**ANSWERS, "link": "https://example.org/x"},
            members=[MemberFactory()],
        )
    with pytest.raises(PermissionDenied):
        services.document_create(
            by=focal_point,
            answers={**ANSWERS, "link": "https://example.org/x"},
            members=[member],
            publish_now=True,
        )
    assert Document.objects.count() == 0


def test_the_same_file_twice_is_caught_and_points_to_the_first(
    django_capture_on_commit_callbacks,
):
    staff = person("secretariat", member=None)
    data = files.pdf_bytes(["Same"])
    with django_capture_on_commit_callbacks(execute=False):
        first = services.document_create(
            by=staff, answers=ANSWERS, file=files.upload("a.pdf", data), publish_now=True
        )
        with pytest.raises(ValidationError) as refused:
            services.document_create(
                by=staff, answers=ANSWERS, file=files.upload("b.pdf", data), publish_now=True
            )

    assert first.get_absolute_url() in str(refused.value.message_dict["file"])
    assert Document.objects.count() == 1
    first.file.delete(save=False)
