"""Who may see, upload and manage documents: the only place these decisions are written."""

import rules

from cities.rules import is_focal_point, is_focal_point_of
from core.rules import can_see, is_secretariat
from docs_library.models import DocumentState


@rules.predicate
def document_is_published(user, document) -> bool:
    return document is not None and document.state == DocumentState.PUBLISHED


@rules.predicate
def uploaded_it(user, document) -> bool:
    return document is not None and user.is_authenticated and document.uploaded_by_id == user.pk


# See a document's page, its preview and download it: published and visible (core's rule);
# the secretariat and the person who uploaded it also see it while it is submitted.
rules.add_perm(
    "docs_library.see_document",
    (document_is_published & can_see) | is_secretariat | uploaded_it,
)
# Upload a document for one's own member (it is submitted; the secretariat publishes it).
rules.add_perm("docs_library.upload_document", is_focal_point | is_secretariat)
rules.add_perm("docs_library.upload_for_member", is_focal_point_of | is_secretariat)
# Publish, edit, bulk upload and re-extract, in the admin.
rules.add_perm("docs_library.manage_document", is_secretariat)
