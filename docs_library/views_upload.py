"""The focal point's page for adding a document to the library (the secretariat publishes it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cities.rules import confirmed_affiliation
from docs_library import selectors, services
from docs_library.forms import DocumentUploadForm


def _show_errors(form, error: ValidationError) -> None:
    """The service's refusal on the form: on the field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request):
    if not request.user.has_perm("docs_library.upload_document"):
        raise PermissionDenied(_("The focal points of members add documents to the library."))
    affiliation = confirmed_affiliation(request.user)
    member = affiliation.member if affiliation and affiliation.is_focal_point else None
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = DocumentUploadForm(*data)
    if request.method == "POST" and form.is_valid():
        answers = dict(form.answers)
        file = answers.pop("file", None)
        focus_areas = answers.pop("focus_areas", [])
        try:
            document = services.document_create(
                by=request.user,
                answers=answers,
                file=file or None,
                focus_areas=focus_areas,
                members=[member] if member else [],
            )
        except ValidationError as error:
            _show_errors(form, error)
        except IntegrityError:
            # Two identical posts at the same moment (a double click): the other one was saved.
            form.add_error(
                None, _("This document was just sent twice. Look in the library before retrying.")
            )
        else:
            messages.success(
                request, _("Thank you — the secretariat will publish it after a look.")
            )
            return redirect(document)
    return render(
        request,
        "docs_library/document_upload.html",
        {
            "form": form,
            "member": member,
            "waiting": list(selectors.submitted_by(user=request.user)),
        },
    )
