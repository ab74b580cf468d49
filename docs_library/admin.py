"""The secretariat's library desk: documents added, edited and published through the services
(the file's fingerprint, the text extraction and the news item are theirs to make), the actions
to publish and to read a file's text again, and a page to upload many files at once."""

import os
import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.models import FocusArea
from core.admin import ConstraintCheckingForm, run_for_each
from core.visibility import Visibility
from docs_library import services
from docs_library.models import Document, DocumentKind, DocumentLanguage, DocumentState

TITLE_MAX_LENGTH = Document._meta.get_field("title").max_length


class DocumentAdminForm(ConstraintCheckingForm):
    # What the service refused after the form had let it through (a race: the same file
    # uploaded by someone else meanwhile); DocumentAdmin sets it to show the page again.
    refusal: ValidationError | None = None

    class Meta:
        model = Document
        fields = [
            "title", "slug", "kind", "language", "published_on", "author", "summary", "file",
            "link", "focus_areas", "members", "event", "visibility", "state", "text_override",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if isinstance(upload, UploadedFile):
            # The service's own check, run now so that it is a form error rather than a 500.
            try:
                services.refuse_duplicate(
                    services.file_fingerprint(upload), exclude=self.instance.pk
                )
            except ValidationError as error:
                self._add_refusal(error)
        if self.refusal is not None:
            self._add_refusal(self.refusal)
        return cleaned

    def _add_refusal(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's "Uploading multiple files"). Each file is checked
    by the service, one by one, so that one refused file does not stop the others."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class BulkUploadForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("files"),
        help_text=gettext_lazy(
            "Each file becomes one published document, titled from its file name."
        ),
    )
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=DocumentKind.choices)
    language = forms.ChoiceField(
        label=gettext_lazy("language"), choices=DocumentLanguage.choices, initial="en"
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("visibility"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=gettext_lazy("focus areas"),
        queryset=FocusArea.objects.order_by("order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    published_on = forms.DateField(
        label=gettext_lazy("published on"), widget=forms.DateInput(attrs={"type": "date"})
    )


def title_from_file_name(name: str) -> str:
    """ "annual_report-2023.pdf" -> "Annual report 2023"."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    words = re.sub(r"[\s_\-.]+", " ", stem).strip()
    title = (words[:1].upper() + words[1:]) if words else (name or _("Untitled document"))
    return title[:TITLE_MAX_LENGTH]


def _refusal_html(error: ValidationError):
    # The messages stay as they are (the duplicate's link is HTML); anything else is escaped.
    return format_html_join(" ", "{}", ((message,) for message in error.messages))


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = ["title", "kind", "language", "state", "visibility", "extraction_state",
                    "file_size", "published_on"]  # fmt: skip
    list_filter = ["state", "kind", "language", "visibility", "extraction_state"]
    search_fields = ["title"]
    date_hierarchy = "published_on"
    ordering = ["-published_on", "-id"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["members", "event"]
    filter_horizontal = ["focus_areas"]
    readonly_fields = [
        "original_name", "content_type", "file_size", "sha256", "page_count", "extraction_state",
        "extraction_error", "extraction_attempts", "uploaded_by", "created_at", "updated_at",
    ]  # fmt: skip
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "language", "published_on", "author",
                           "summary")}),
        (
            gettext_lazy("File or link"),
            {
                "fields": ("file", "link", "original_name", "content_type", "file_size",
                           "sha256"),
                "description": gettext_lazy("Give either a file or an external link."),
            },
        ),
        (gettext_lazy("Related"), {"fields": ("focus_areas", "members", "event")}),
        (
            gettext_lazy("Publication"),
            {"fields": ("visibility", "state", "uploaded_by", "created_at", "updated_at")},
        ),
        (
            gettext_lazy("Text for search"),
            {"fields": ("extraction_state", "page_count", "extraction_attempts",
                        "extraction_error", "text_override")},
        ),
    )  # fmt: skip
    actions = ["publish_selected", "extract_again"]

    def get_queryset(self, request):
        # The indexed body can be long: neither the list nor the form shows it.
        return super().get_queryset(request).defer("indexed_text", "search_vector")

    @admin.display(description=gettext_lazy("size"), ordering="size")
    def file_size(self, obj):
        return filesizeformat(obj.size) if obj.size is not None else "—"

    # --- Who: the secretariat, by the library's own rule ---------------------------------

    def has_manage_permission(self, request, obj=None):
        return request.user.has_perm("docs_library.manage_document")

    def has_module_permission(self, request):
        return self.has_manage_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.has_manage_permission(request)

    def has_add_permission(self, request):
        return self.has_manage_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_manage_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_manage_permission(request)

    # --- Writes: through the services --------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.refusal = getattr(request, "_document_refusal", None)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:
            # The service refused what the form had let through; nothing was stored (the
            # admin's transaction rolled back): the same page again, with the reason on it.
            request._document_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        cleaned = form.cleaned_data
        answers = {
            name: cleaned[name] for name in (*services.FORM_FIELDS, "slug") if name in cleaned
        }
        upload = cleaned.get("file")
        if change:
            if "file" not in form.changed_data:
                upload = None  # kept as it is; False when cleared, a new file when replaced
            document = services.document_update(
                document=obj,
                by=request.user,
                answers={**answers, "state": cleaned["state"]},
                file=upload,
                focus_areas=cleaned["focus_areas"],
                members=cleaned["members"],
            )
        else:
            document = services.document_create(
                by=request.user,
                answers=answers,
                file=upload or None,
                focus_areas=cleaned["focus_areas"],
                members=cleaned["members"],
                publish_now=cleaned["state"] == DocumentState.PUBLISHED,
            )
        # The admin goes on with the object it gave us (history, messages, redirect).
        for field in Document._meta.concrete_fields:
            if not field.generated:  # the search vector: read only when asked for
                setattr(obj, field.attname, getattr(document, field.attname))
        obj._state.adding, obj._state.db = False, document._state.db

    def save_related(self, request, form, formsets, change):
        # The service has set the focus areas and members (the news item takes them too);
        # form.save_m2m() would set them a second time.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.document_delete(document=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            services.document_delete(document=document, by=request.user)

    @admin.action(description=gettext_lazy("Publish"), permissions=["manage"])
    def publish_selected(self, request, queryset):
        run_for_each(
            self, request, queryset,
            write=lambda document: services.document_publish(document=document, by=request.user),
            done=gettext_lazy("%(object)s: published, and announced in the newsfeed."),
        )  # fmt: skip

    @admin.action(description=gettext_lazy("Read the text again"), permissions=["manage"])
    def extract_again(self, request, queryset):
        run_for_each(
            self, request, queryset,
            write=lambda document: services.document_retry_extraction(
                document=document, by=request.user
            ),
            done=gettext_lazy("%(object)s: its text will be read again in a moment."),
        )  # fmt: skip

    # --- Bulk upload ---------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "bulk-upload/",
                self.admin_site.admin_view(self.bulk_upload_view),
                name="docs_library_document_bulk_upload",
            ),
            *super().get_urls(),
        ]

    def bulk_upload_view(self, request):
        """Each file becomes one published document; a refused file is reported by its name
        and the others are still added (each is its own service call, its own transaction)."""
        if not (self.has_add_permission(request) and self.has_manage_permission(request)):
            raise PermissionDenied
        form = BulkUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            added = self._bulk_create(request, form.cleaned_data)
            if added:
                return redirect("admin:docs_library_document_changelist")
            return redirect("admin:docs_library_document_bulk_upload")
        return render(
            request,
            "admin/docs_library/document/bulk_upload.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "opts": self.model._meta,
                "title": _("Upload several documents"),
            },
            status=400 if form.errors else 200,
        )

    def _bulk_create(self, request, cleaned: dict) -> int:
        common = {name: cleaned[name] for name in ("kind", "language", "visibility",
                                                   "published_on")}  # fmt: skip
        added = 0
        for upload in cleaned["files"]:
            try:
                document = services.document_create(
                    by=request.user,
                    answers={**common, "title": title_from_file_name(upload.name)},
                    file=upload,
                    focus_areas=cleaned["focus_areas"],
                    publish_now=True,
                )
            except ValidationError as error:
                self.message_user(
                    request,
                    format_html(_("{} was not added: {}"), upload.name, _refusal_html(error)),
                    level=messages.ERROR,
                )
            else:
                added += 1
                self.message_user(
                    request,
                    format_html(
                        _('{} was added as <a href="{}">{}</a>.'),
                        upload.name,
                        reverse("admin:docs_library_document_change", args=[document.pk]),
                        document.title,
                    ),
                    level=messages.SUCCESS,
                )
        return added
