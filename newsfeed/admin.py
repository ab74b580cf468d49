from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsfeed import services, tasks
from newsfeed.models import Announcement, DigestDelivery, DigestRun, NewsItem
from newsfeed.services import digests


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
