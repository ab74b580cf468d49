from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.admin import MemberAdmin
from cities.models import Member
from core.admin import run_for_each
from newsfeed import services, tasks
from newsfeed.models import Announcement, DigestDelivery, DigestRun, NewsItem
from newsfeed.services import digests
from newsfeed.services.members import member_publish


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "member", "visibility", "published_at"]
    list_filter = ["kind", "visibility", "published_at"]
    list_select_related = ["member"]
    search_fields = ["title", "summary", "member__name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["member", "actor"]
    filter_horizontal = ["focus_areas"]
    readonly_fields = ["content_type", "object_id"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "visibility", "language", "publish_at", "author"]
    list_filter = ["visibility", "language"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "publish_at"
    readonly_fields = ["author", "created_at"]
    fields = [
        "title", "summary", "body", "image", "image_description", "visibility", "language",
        "publish_at", "author", "created_at",
    ]  # fmt: skip

    def save_model(self, request, obj, form, change):
        # Saving publishes (or updates) the announcement's news item at its publish time.
        services.announcement_publish(announcement=obj, by=request.user)


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    list_display = ["frequency", "period_start", "period_end", "created_at", "completed_at"]
    list_filter = ["frequency", ("completed_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["frequency", "period_start", "period_end", "created_at", "completed_at"]

    def has_add_permission(self, request):
        return False


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "period_start", "state", "item_count", "attempts",
                    "sent_at"]  # fmt: skip
    list_filter = ["state", "frequency", "period_start"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name"]
    readonly_fields = [
        "run", "user", "frequency", "period_start", "state", "item_count", "attempts",
        "last_error", "sent_at", "updated_at",
    ]  # fmt: skip
    actions = ["resend_failed"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected failed digests again"))
    def resend_failed(self, request, queryset):
        ids = digests.digest_deliveries_resend(deliveries=queryset)
        if ids:
            tasks.send_digest_batch.delay_on_commit(ids)
        self.message_user(
            request,
            ngettext("%(count)d digest queued again.", "%(count)d digests queued again.", len(ids))
            % {"count": len(ids)},
            level=messages.SUCCESS,
        )


# Publishing a member announces it (newsfeed.services.members); cities cannot import the
# newsfeed, so the newsfeed extends the member admin with it.
admin.site.unregister(Member)


@admin.register(Member)
class MemberPublishingAdmin(MemberAdmin):
    actions = [*(MemberAdmin.actions or []), "publish_selected"]

    def save_model(self, request, obj, form, change):
        # A new member, or one whose "published" box was just ticked, is published (and
        # announced) after its focus areas are saved, by the service.
        publishing = obj.is_published and (not change or "is_published" in form.changed_data)
        if publishing:
            obj.is_published = False
        obj._publish_after_save = publishing
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(form.instance, "_publish_after_save", False):
            member_publish(member=form.instance, by=request.user)

    @admin.action(description=_("Publish selected members and announce that they joined"))
    def publish_selected(self, request, queryset):
        run_for_each(
            self, request, queryset,
            write=lambda member: member_publish(member=member, by=request.user),
            done=_("%(object)s: published."),
        )  # fmt: skip
