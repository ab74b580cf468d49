from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accounts import services
from accounts.models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "name", "is_approved", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_approved", "is_staff", "is_active", "groups", "language"]
    search_fields = ["email", "name"]
    readonly_fields = ["approved_at", "approved_by", "last_login", "date_joined"]
    actions = ["approve_selected"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("name", "language", "time_zone", "digest_frequency")}),
        (_("Approval"), {"fields": ("is_approved", "approved_at", "approved_by")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # Approval goes through the action, so the e-mail is sent and the approver recorded.
        return [*self.readonly_fields, "is_approved"]

    def revert_disabled(self, request, obj=None):
        # The history keeps no password: a reverted account could no longer sign in.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.action(description=_("Approve selected accounts and tell them by e-mail"))
    def approve_selected(self, request, queryset):
        try:
            approved = services.users_approve(users=queryset, approved_by=request.user)
        except PermissionDenied:
            self.message_user(
                request, _("Only the secretariat approves accounts."), level=messages.ERROR
            )
            return
        self.message_user(
            request,
            ngettext("%(count)d account approved.", "%(count)d accounts approved.", len(approved))
            % {"count": len(approved)},
            level=messages.SUCCESS,
        )
