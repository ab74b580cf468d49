from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, JSON, XLSX
from simple_history.admin import SimpleHistoryAdmin

from cities import services
from cities.models import Affiliation, FocusArea, Member, Network, Region
from cities.resources import MemberResource
from cities.widgets import LocationPickerWidget


class MemberAdminForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = [
            "name", "slug", "kind", "is_published", "joined_on", "country", "region",
            "latitude", "longitude", "inhabitants", "networks", "focus_areas", "website",
            "representative_name", "representative_title", "political_structure",
            "has_observatory", "has_ombudsman", "has_human_rights_office", "local_charter",
            "local_charter_year", "description", "language",
        ]  # fmt: skip
        widgets = {
            "latitude": LocationPickerWidget(longitude_field="longitude"),
            "longitude": forms.NumberInput(attrs={"step": "0.00001"}),
        }


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    fields = ["user", "role_title", "is_focal_point", "confirmed_at", "confirmed_by"]
    readonly_fields = ["confirmed_at", "confirmed_by"]
    autocomplete_fields = ["user"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin, ImportExportModelAdmin):
    form = MemberAdminForm
    resource_classes = [MemberResource]
    # Only formats that round-trip members: HTML, TSV, YAML are not offered (HTML imports 500).
    import_formats = [CSV, JSON]
    export_formats = [fmt for fmt in (CSV, JSON, XLSX) if fmt.is_available()]
    list_display = ["name", "kind", "country", "region", "is_published", "joined_on"]
    list_filter = ["is_published", "kind", "region", "networks", "focus_areas"]
    list_select_related = ["region"]
    search_fields = ["name", "slug", "representative_name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["networks", "focus_areas"]
    inlines = [AffiliationInline]
    date_hierarchy = "joined_on"
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "is_published", "joined_on")}),
        (_("Where"), {"fields": ("country", "region", "latitude", "longitude", "inhabitants")}),
        (_("Community"), {"fields": ("networks", "focus_areas", "website")}),
        (
            _("Governance"),
            {"fields": ("representative_name", "representative_title", "political_structure")},
        ),
        (
            _("Local human rights mechanisms"),
            {
                "fields": (
                    "has_observatory",
                    "has_ombudsman",
                    "has_human_rights_office",
                    "local_charter",
                    "local_charter_year",
                )
            },
        ),
        (_("Description"), {"fields": ("description", "language")}),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.member_map_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.member_map_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.member_map_changed()

    def generate_log_entries(self, result, request):
        # Called once a confirmed (not dry-run) import has been written.
        super().generate_log_entries(result, request)
        services.member_map_changed()

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        # A file the resource refuses as a whole (no slug column) is a form error on the file,
        # not the library's list of errors with a traceback.
        context = getattr(response, "context_data", None) or {}
        result = context.get("result")
        refusals = [
            row.error for row in (result.base_errors if result else [])
            if isinstance(row.error, ValidationError)
        ]  # fmt: skip
        if refusals:
            for error in refusals:
                context["form"].add_error("import_file", error)
            del context["result"]
        return response


@admin.register(Affiliation)
class AffiliationAdmin(SimpleHistoryAdmin):
    list_display = ["user", "member", "role_title", "is_focal_point", "confirmed_at"]
    list_filter = ["is_focal_point", ("confirmed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "member"]
    search_fields = ["user__email", "user__name", "member__name"]
    autocomplete_fields = ["user", "member"]
    readonly_fields = ["confirmed_at", "confirmed_by", "created_at"]
    actions = ["confirm_selected"]

    @admin.action(description=_("Confirm selected affiliations"))
    def confirm_selected(self, request, queryset):
        confirmed = 0
        for affiliation in queryset.select_related("user"):
            try:
                services.affiliation_confirm(affiliation=affiliation, confirmed_by=request.user)
            except PermissionDenied as error:
                self.message_user(request, str(error), level=messages.ERROR)
                return
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level=messages.WARNING)
            else:
                confirmed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d affiliation confirmed.", "%(count)d affiliations confirmed.", confirmed
            )
            % {"count": confirmed},
            level=messages.SUCCESS,
        )


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "website"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.member_map_changed()


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "name_fr", "name_es", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_fr", "name_es"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_fr", "name_es", "order"]
    prepopulated_fields = {"slug": ["name"]}
