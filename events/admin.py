"""The secretariat's calendar desk: events with their agenda and speakers, the registrations
(read only: people register and cancel themselves), and the session reports."""

import zoneinfo

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.widgets import LocationPickerWidget
from core.admin import ConstraintCheckingForm, run_for_each
from core.spreadsheets import csv_response
from core.timezones import format_span, zone_named
from events import services
from events.exports import ATTENDEE_COLUMNS, attendee_rows
from events.models import (
    AgendaItem,
    Event,
    EventKind,
    Participation,
    Registration,
    RegistrationStatus,
    ReportPractice,
    ReportQuote,
    SessionReport,
    Speaker,
)

TIME_ZONE_CHOICES = [("", "---------")] + [
    (name, name) for name in sorted(zoneinfo.available_timezones())
]


class EventAdminForm(ConstraintCheckingForm):
    # A list of the tz database's names: nothing else can be typed in.
    time_zone = forms.ChoiceField(
        label=_("time zone"),
        choices=TIME_ZONE_CHOICES,
        help_text=_(
            "The zone of the place (or of the organisers): every time on this page is in it."
        ),
    )

    class Meta:
        model = Event
        fields = "__all__"
        widgets = {
            "latitude": LocationPickerWidget(longitude_field="longitude"),
            "longitude": forms.NumberInput(attrs={"step": "0.00001"}),
        }

    def clean(self):
        cleaned = super().clean()
        event = self.instance
        if event.pk is None:
            return cleaned
        # The forum's side of "a session lies within its forum" (Event.clean checks the
        # session's side): without it the database refuses at commit, with a 500.
        sessions = event.sessions.all()
        kind, starts, ends = cleaned.get("kind"), cleaned.get("starts_at"), cleaned.get("ends_at")
        if kind and kind != EventKind.FORUM and sessions.exists():
            self.add_error("kind", _("This forum has sessions: it stays a forum."))
        elif (
            starts
            and ends
            and sessions.filter(Q(starts_at__lt=starts) | Q(ends_at__gt=ends)).exists()
        ):
            self.add_error(
                "starts_at", _("Some of this forum's sessions would lie outside its dates.")
            )
        return cleaned


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        # The event too: the inline fills it with the event on the page, unsaved or changed.
        fields = ["event", "starts_at", "ends_at", "title", "description", "order"]

    def clean(self):
        cleaned = super().clean()
        # The event on this page, with the times just entered (the inline's own field).
        event = cleaned.get("event")
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        # AgendaItem.clean checks against a saved event; an event being added is checked here.
        if (
            event is not None
            and event.pk is None
            and event.starts_at
            and event.ends_at
            and starts
            and ends
            and not (event.starts_at <= starts and ends <= event.ends_at)
        ):
            self.add_error("starts_at", _("An agenda item takes place within its event's times."))
        return cleaned


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    form = AgendaItemForm
    extra = 0


class ParticipationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The formset's own unique check skips rows without an agenda item (NULL); the
        # constraint counts them (nulls not distinct), so two such rows are checked here.
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if not data.get("speaker") or not data.get("role"):
                continue
            key = (data["speaker"].pk, getattr(data.get("agenda_item"), "pk", None), data["role"])
            if key in seen:
                form.add_error(None, _("This speaker already has this role here."))
            seen.add(key)


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
    extra = 0
    fields = ["speaker", "role", "agenda_item", "order"]
    autocomplete_fields = ["speaker"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only this event's own agenda; a new event has none yet.
        field = formset.form.base_fields["agenda_item"]
        field.queryset = (
            AgendaItem.objects.filter(event=obj) if obj is not None else AgendaItem.objects.none()
        )
        # Listed once for all the rows (a queryset would be read again for each row).
        field.choices = list(field.choices)
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker", "agenda_item")


class RegistrationInline(admin.TabularInline):
    """Who registered: read only, since people register and cancel through the services."""

    model = Registration
    extra = 0
    fields = ["user", "status", "joined_at"]
    readonly_fields = fields
    can_delete = False
    ordering = ["status", "joined_at", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # A new event has no registrations to show.
        return obj is not None and super().has_view_permission(request, obj)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = [
        "title", "kind", "when", "time_zone", "format", "visibility", "status", "registered",
    ]  # fmt: skip
    list_filter = ["kind", "format", "status", "visibility"]
    search_fields = ["title", "slug", "city", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host", "parent"]
    filter_horizontal = ["focus_areas"]
    inlines = [AgendaItemInline, ParticipationInline, RegistrationInline]
    readonly_fields = ["status", "cancelled_at", "uid", "sequence", "created_at", "updated_at"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at", "pk"]
    actions = ["cancel_selected", "duplicate_selected", "export_attendees"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "parent", "status", "language")}),
        (
            _("When"),
            {
                "fields": ("time_zone", "starts_at", "ends_at"),
                "description": _(
                    "Every date and time on this page, the agenda's too, is in the event's time "
                    "zone."
                ),
            },
        ),
        (
            _("Where"),
            {"fields": ("format", "venue", "city", "host", "latitude", "longitude", "online_link")},
        ),
        (
            _("Who comes"),
            {
                "fields": (
                    "visibility",
                    "registration_enabled",
                    "capacity",
                    "registration_opens_at",
                    "registration_closes_at",
                )
            },
        ),
        (_("What"), {"fields": ("theme", "description", "guiding_questions", "focus_areas")}),
        (
            _("Calendar"),
            {"fields": ("uid", "sequence", "cancelled_at", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered_count=Count(
                    "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
                ),
                waiting_count=Count(
                    "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
                ),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The "forum" picker of a session offers forums only.
        if request.GET.get("model_name") == "event" and request.GET.get("field_name") == "parent":
            queryset = queryset.filter(kind=EventKind.FORUM)
        return queryset, may_have_duplicates

    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, obj):
        return format_span(obj.starts_at, obj.ends_at, obj.zone)

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered(self, obj):
        if obj.waiting_count:
            return _("%(registered)d (+%(waiting)d waiting)") % {
                "registered": obj.registered_count,
                "waiting": obj.waiting_count,
            }
        return obj.registered_count

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with timezone.override(self._form_zone(request, object_id)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # the widgets write the times now, in the event's zone
        return response

    def _form_zone(self, request, object_id):
        """The zone the form's times are read and written in: the one posted, else the
        event's, else the viewer's."""
        if request.method == "POST" and (zone := zone_named(request.POST.get("time_zone"))):
            return zone
        object_id = unquote(object_id) if object_id else ""
        if object_id.isdigit():
            name = Event.objects.filter(pk=object_id).values_list("time_zone", flat=True).first()
            if zone := zone_named(name):
                return zone
        return timezone.get_current_timezone()

    def save_model(self, request, obj, form, change):
        # The service validates, moves the calendar SEQUENCE on and tells the newsfeed;
        # save_related then stores the agenda and speakers as usual.
        services.event_save(event=obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The news item takes the focus areas, saved only now.
        services.event_announce(event=form.instance, by=request.user)

    def has_manage_permission(self, request):
        return request.user.has_perm("events.manage_event")

    @admin.action(
        description=_("Cancel selected events and notify registrants"), permissions=["manage"]
    )
    def cancel_selected(self, request, queryset):
        run_for_each(
            self, request, queryset,
            write=lambda event: services.event_cancel(event=event, by=request.user),
            done=_("%(object)s: cancelled; the people registered are told by e-mail."),
        )  # fmt: skip

    @admin.action(description=_("Duplicate selected events"), permissions=["manage"])
    def duplicate_selected(self, request, queryset):
        run_for_each(
            self, request, queryset,
            write=lambda event: services.event_duplicate(event=event, by=request.user),
            done=_("%(object)s: duplicated, with its agenda and speakers."),
        )  # fmt: skip

    @admin.action(description=_("Export attendees (CSV)"), permissions=["manage"])
    def export_attendees(self, request, queryset):
        return csv_response(
            filename="attendees.csv", fieldnames=ATTENDEE_COLUMNS, rows=attendee_rows(queryset)
        )


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "organisation", "member"]
    list_select_related = ["member"]
    search_fields = ["name", "organisation"]
    autocomplete_fields = ["member", "user"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read only: a place is taken or given up through the services (waiting list, e-mails)."""

    list_display = ["event", "user", "status", "joined_at", "promoted_at", "cancelled_at"]
    list_filter = ["event", "status"]
    list_select_related = ["event", "user"]
    search_fields = ["user__email"]
    readonly_fields = ["event", "user", "status", "joined_at", "promoted_at", "cancelled_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportQuoteInline(admin.TabularInline):
    model = ReportQuote
    extra = 0
    fields = ["text", "said_by", "language", "order"]


class ReportPracticeInline(admin.TabularInline):
    model = ReportPractice
    extra = 0
    fields = ["member", "text", "order"]
    autocomplete_fields = ["member"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


REPORT_PARTS = ["aim", "relation_to_theme", "key_messages", "commitments", "take_forward"]


@admin.register(SessionReport)
class SessionReportAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "published_at", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["event"]
    search_fields = ["event__title"]
    autocomplete_fields = ["event"]
    readonly_fields = ["status", "published_at", "written_by", "updated_at"]
    fields = ["event", *REPORT_PARTS, "status", "published_at", "written_by", "updated_at"]
    inlines = [ReportQuoteInline, ReportPracticeInline]
    actions = ["publish_selected"]

    def get_readonly_fields(self, request, obj=None):
        # A report stays with its session.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "event"] if obj is not None else fields

    def save_model(self, request, obj, form, change):
        saved = services.report_save(
            event=obj.event,
            by=request.user,
            answers={name: getattr(obj, name) for name in REPORT_PARTS},
        )
        # The inlines and the admin's messages go on with the row the service saved.
        obj.pk, obj.written_by, obj.status = saved.pk, saved.written_by, saved.status
        obj._state.adding, obj._state.db = False, saved._state.db

    @admin.action(description=_("Publish selected reports"))
    def publish_selected(self, request, queryset):
        run_for_each(
            self, request, queryset.select_related("event"),
            write=lambda report: services.report_publish(report=report, by=request.user),
            done=_("%(object)s: report published."),
        )  # fmt: skip
