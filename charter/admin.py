"""The secretariat's Charter-Agenda desk: versions with their parts and rights (the status and
the consultation round change only through the actions, which call the services), the import
of a version's rights from Markdown, the amendments and comments people wrote (read mostly), and
the local practices to publish."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import FileExtensionValidator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charter import importing, services
from charter.models import (
    Amendment,
    Charter,
    Comment,
    LocalPractice,
    Part,
    Right,
    RightText,
    Version,
    VersionStatus,
)
from core.admin import ConstraintCheckingForm, run_for_each

ROUND_DAYS = 30
IMPORT_MAX_BYTES = 2 * 1024 * 1024


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class PartInline(admin.StackedInline):
    model = Part
    extra = 0
    fields = ["kind", "title", "text", "order"]


class RightTextForm(ConstraintCheckingForm):
    class Meta:
        model = RightText
        fields = ["right", "group", "number", "title", "formulation", "order"]


class RightTextInline(admin.TabularInline):
    model = RightText
    form = RightTextForm
    extra = 0
    fields = ["right", "group", "number", "title", "formulation", "order"]
    autocomplete_fields = ["right"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("right")

    # Once a version leaves drafting its text is what people comment on and amend: changing
    # it here would make their proposals stale without a word. A new version changes it.
    def _drafting(self, obj) -> bool:
        return obj is None or obj.status == VersionStatus.DRAFTING

    def get_readonly_fields(self, request, obj=None):
        return self.fields if not self._drafting(obj) else super().get_readonly_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._drafting(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._drafting(obj) and super().has_delete_permission(request, obj)


class VersionAdminForm(ConstraintCheckingForm):
    class Meta:
        model = Version
        fields = "__all__"


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    form = VersionAdminForm
    list_display = ["__str__", "charter", "status", "round_opens_at", "round_closes_at",
                    "adopted_at"]  # fmt: skip
    list_filter = ["status", "charter"]
    list_select_related = ["charter"]
    search_fields = ["title"]
    inlines = [PartInline, RightTextInline]
    readonly_fields = ["status", "round_opens_at", "round_closes_at", "based_on", "published_at",
                       "adopted_at", "created_at"]  # fmt: skip
    fields = ["charter", "number", "title", "phase", "changelog", *readonly_fields]
    actions = ["start_next", "apply_amendments", "open_round", "close_round", "adopt"]

    def has_manage_permission(self, request):
        return request.user.has_perm("charter.manage_version")

    def get_readonly_fields(self, request, obj=None):
        # A version stays in its charter, under its number: amendments and links name it.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "charter", "number"] if obj is not None else fields

    @admin.action(description=gettext_lazy("Start the next version"), permissions=["manage"])
    def start_next(self, request, queryset):
        run_for_each(
            self, request, queryset.select_related("charter"),
            write=lambda version: services.version_start_next(charter=version.charter,
                                                              by=request.user),
            done=gettext_lazy("%(object)s: the next version is started, as a copy of the latest."),
        )  # fmt: skip

    @admin.action(description=gettext_lazy("Apply accepted amendments"), permissions=["manage"])
    def apply_amendments(self, request, queryset):
        run_for_each(
            self, request, queryset,
            write=lambda version: services.version_apply_amendments(version=version,
                                                                    by=request.user),
            done=gettext_lazy("%(object)s: the accepted amendments are applied."),
        )  # fmt: skip

    @admin.action(
        description=gettext_lazy("Open the consultation for 30 days"), permissions=["manage"]
    )
    def open_round(self, request, queryset):
        closes_at = timezone.now() + timedelta(days=ROUND_DAYS)
        run_for_each(
            self, request, queryset,
            write=lambda version: services.round_open(version=version, by=request.user,
                                                      closes_at=closes_at),
            done=gettext_lazy("%(object)s: the consultation is open for 30 days."),
        )  # fmt: skip

    @admin.action(description=gettext_lazy("Close the consultation"), permissions=["manage"])
    def close_round(self, request, queryset):
        run_for_each(
            self, request, queryset,
            write=lambda version: services.round_close(version=version, by=request.user),
            done=gettext_lazy("%(object)s: the consultation is closed."),
        )  # fmt: skip

    @admin.action(description=gettext_lazy("Adopt"), permissions=["manage"])
    def adopt(self, request, queryset):
        run_for_each(
            self, request, queryset,
            write=lambda version: services.version_adopt(version=version, by=request.user),
            done=gettext_lazy("%(object)s: adopted."),
        )  # fmt: skip

    # --- Importing the rights from Markdown ---------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/import/",
                self.admin_site.admin_view(self.import_rights_view),
                name="charter_version_import",
            ),
            *super().get_urls(),
        ]

    def import_rights_view(self, request, object_id):
        """Step 1 reads the text and shows what it would become (nothing is saved); step 2,
        the confirm button carrying the same text, replaces the version's rights."""
        version = self.get_object(request, unquote(object_id))
        if version is None:
            raise Http404(_("No such version."))
        if not (
            self.has_change_permission(request, version) and self.has_manage_permission(request)
        ):
            raise PermissionDenied
        change_url = reverse("admin:charter_version_change", args=[version.pk])
        try:
            importing.require_drafting(version)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)
            return redirect(change_url)

        form = RightsImportForm()
        text = None
        if request.method == "POST" and "confirm" in request.POST:
            confirm = ConfirmImportForm(request.POST)
            text = confirm.cleaned_data["text"] if confirm.is_valid() else ""
        elif request.method == "POST":
            form = RightsImportForm(request.POST, request.FILES)
            if form.is_valid():
                text = form.cleaned_data["text"]
        context = {"form": form}
        if text is not None:
            rights, errors = importing.parse_rights(text)
            plan = importing.import_plan(version=version, rights=rights)
            errors += plan.errors
            if "confirm" in request.POST and not errors:
                try:
                    importing.rights_import(version=version, by=request.user, rights=rights)
                except ValidationError as error:
                    errors += error.messages
                else:
                    self.message_user(
                        request,
                        _("%(version)s: %(count)s rights imported (%(kept)s kept their "
                          "identity, %(new)s new, %(removed)s removed).")
                        % {"version": version, "count": len(rights),
                           "kept": sum(row.identity is not None for row in plan.rows),
                           "new": sum(row.identity is None for row in plan.rows),
                           "removed": len(plan.removed)},
                        level=messages.SUCCESS,
                    )  # fmt: skip
                    return redirect(change_url)
            context |= {
                "plan": plan,
                "errors": errors,
                "confirm_form": ConfirmImportForm(initial={"text": text}) if not errors else None,
            }
        return render(
            request,
            "admin/charter/version/import_rights.html",
            {
                **self.admin_site.each_context(request),
                **context,
                "opts": self.model._meta,
                "original": version,
                "title": _("Import the rights of %(version)s") % {"version": version},
            },
            status=400 if context.get("errors") or form.errors else 200,
        )


class RightsImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Markdown file"),
        required=False,
        validators=[FileExtensionValidator(["md", "markdown", "txt"])],
        help_text=gettext_lazy("A .md or .txt file in UTF-8."),
    )
    text = forms.CharField(
        label=gettext_lazy("or paste the text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > IMPORT_MAX_BYTES:
                raise ValidationError(_("The file is larger than 2 MB."))
            try:
                cleaned["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise ValidationError(
                    _("The file is not UTF-8 text: save it as Markdown or plain text in UTF-8.")
                ) from error
        if not (cleaned.get("text") or "").strip() and not self.errors:
            raise ValidationError(_("Upload a Markdown file or paste the text."))
        return cleaned


class ConfirmImportForm(forms.Form):
    text = forms.CharField(strip=False, widget=forms.HiddenInput)


@admin.register(Right)
class RightAdmin(admin.ModelAdmin):
    list_display = ["key", "charter", "created_at"]
    list_filter = ["charter"]
    list_select_related = ["charter"]
    search_fields = ["key", "texts__title"]


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    """Read mostly: people propose and withdraw, the steering group decides (with its public
    response) on the site; the secretariat follows here."""

    list_display = ["proposed_title", "right_text", "version", "author", "status", "needs_rebase",
                    "created_at", "decided_at"]  # fmt: skip
    list_filter = ["status", "right_text__version", "needs_rebase"]
    list_select_related = ["right_text__version", "author"]
    search_fields = ["proposed_title", "author__email", "author__name"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "right_text", "author", "proposed_title", "proposed_formulation", "rationale",
        "base_title", "base_formulation", "base_fingerprint", "status", "needs_rebase", "response",
        "final_title", "final_formulation", "decided_by", "decided_at", "applied_in",
        "created_at", "updated_at",
    ]  # fmt: skip
    fields = readonly_fields

    @admin.display(description=gettext_lazy("version"), ordering="right_text__version__number")
    def version(self, obj):
        return obj.right_text.version.number

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "author", "right_text", "is_reply", "gathered_at", "created_at"]
    list_filter = ["right_text__version"]
    list_select_related = ["author", "right_text", "gathered_at"]
    search_fields = ["body", "author__email", "author__name", "right_text__title"]
    date_hierarchy = "created_at"
    readonly_fields = ["right_text", "parent", "author", "body", "quoted_title",
                       "quoted_formulation", "gathered_at", "created_at"]  # fmt: skip
    fields = readonly_fields

    @admin.display(description=gettext_lazy("comment"))
    def excerpt(self, obj):
        return Truncator(obj.body).words(16)

    @admin.display(description=gettext_lazy("reply"), boolean=True)
    def is_reply(self, obj):
        return obj.parent_id is not None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LocalPractice)
class LocalPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "member", "status", "published_at", "created_at"]
    list_filter = ["status", "focus_areas"]
    list_select_related = ["member"]
    search_fields = ["title", "member__name"]
    autocomplete_fields = ["member"]
    filter_horizontal = ["rights", "focus_areas"]
    readonly_fields = ["status", "published_at", "submitted_by", "created_at"]
    actions = ["publish_selected"]

    @admin.action(description=gettext_lazy("Publish selected practices"))
    def publish_selected(self, request, queryset):
        run_for_each(
            self, request, queryset.select_related("member"),
            write=lambda practice: services.practice_publish(practice=practice, by=request.user),
            done=gettext_lazy("%(object)s: published."),
        )  # fmt: skip
