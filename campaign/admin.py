from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ExportMixin

from campaign import services
from campaign.forms import ReturnForm
from campaign.models import Campaign, Milestone, Pledge, PledgeInitiative, PledgeTransition
from core.admin import ConstraintCheckingForm, run_for_each
from core.spreadsheets import FormulaSafeResourceMixin


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "launched_on", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MilestoneInline]


class InitiativeInline(admin.StackedInline):
    model = PledgeInitiative
    extra = 0


class TransitionInline(admin.TabularInline):
    model = PledgeTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


class PledgeResource(FormulaSafeResourceMixin, resources.ModelResource):
    member = fields.Field(attribute="member__name", column_name="member")
    country = fields.Field(attribute="member__country", column_name="country")

    class Meta:
        model = Pledge
        fields = (
            "member", "country", "status", "with_form", "inhabitants", "kind", "signatory_name",
            "signatory_title", "signed_on", "submitted_at", "accepted_at",
        )  # fmt: skip


class PledgeAdminForm(ConstraintCheckingForm):
    class Meta:
        model = Pledge
        fields = "__all__"


@admin.register(Pledge)
class PledgeAdmin(ExportMixin, admin.ModelAdmin):
    """The review queue: submitted pledges first, oldest first, with their age."""

    form = PledgeAdminForm

    resource_classes = [PledgeResource]
    list_display = ["member", "status", "with_form", "waiting", "submitted_at", "accepted_at"]
    list_filter = ["status", "with_form", "campaign", "member__region"]
    list_select_related = ["member"]
    search_fields = ["member__name", "signatory_name"]
    autocomplete_fields = ["member"]
    filter_horizontal = ["focus_areas"]
    inlines = [InitiativeInline, TransitionInline]
    readonly_fields = ["status", "with_form", "submitted_at", "accepted_at", "created_at",
                       "reviewer_note"]  # fmt: skip
    actions = ["accept_selected", "return_selected"]
    fieldsets = (
        (None, {"fields": ("campaign", "member", "status", "with_form", "reviewer_note")}),
        (
            _("Key information"),
            {
                "fields": (
                    "inhabitants",
                    "kind",
                    "representative_name",
                    "representative_title",
                    "political_structure",
                )
            },
        ),  # fmt: skip
        (_("Vision"), {"fields": ("vision_essential", "vision_framework")}),
        (_("Motivations"), {"fields": ("motivations",)}),
        (_("Areas of focus"), {"fields": ("focus_areas",)}),
        (
            _("Political statement"),
            {"fields": ("signatory_name", "signatory_title", "signed_on", "signed_statement")},
        ),  # fmt: skip
        (_("Dates"), {"fields": ("created_at", "submitted_at", "accepted_at")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # A pledge stays with its member and campaign: moving it would rewrite history.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "campaign", "member"] if obj is not None else fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                queue=Case(
                    When(status="submitted", then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )  # fmt: skip
            )
            .order_by("queue", "submitted_at", "-created_at")
        )

    @admin.display(description=_("waiting for"))
    def waiting(self, obj):
        if obj.status != "submitted" or obj.submitted_at is None:
            return "—"
        return timesince(obj.submitted_at, timezone.now())

    @admin.action(description=_("Accept selected pledges"))
    def accept_selected(self, request, queryset):
        run_for_each(
            self, request, queryset.select_related("member", "campaign"),
            write=lambda pledge: services.pledge_accept(pledge=pledge, by=request.user),
            done=_("%(object)s: accepted."),
        )  # fmt: skip

    @admin.action(description=_("Return selected pledges with a note"))
    def return_selected(self, request, queryset):
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            note = form.cleaned_data["note"]
            run_for_each(
                self, request, queryset.select_related("member", "campaign"),
                write=lambda pledge: services.pledge_return(pledge=pledge, by=request.user,
                                                            note=note),
                done=_("%(object)s: returned."),
            )  # fmt: skip
            return None
        return render(
            request,
            "admin/campaign/return_pledges.html",
            {
                **self.admin_site.each_context(request),
                "pledges": queryset,
                "form": form,
                "opts": self.model._meta,
                "title": _("Return pledges with a note"),
            },  # fmt: skip
        )
