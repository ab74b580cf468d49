"""The secretariat's desk for the board: boards (themes and working groups), threads (pin,
lock, move through the services), posts (hide, show again), flags, and the moderation log
(read only: it is append-only). Reviewing flags and undoing happen on the moderation page."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.admin import ConstraintCheckingForm, run_for_each
from discussions import services
from discussions.models import Board, Flag, FlagOutcome, ModerationAction, Post, Thread
from discussions.urls import RESERVED_SLUGS

STANDARD_HIDE_REASON = _("Hidden by the moderators: it does not follow the board's rules.")


class ModeratorsAdmin(admin.ModelAdmin):
    """Open to whoever may moderate the board (the rule of ``discussions.rules``), on top of
    the model permissions of the admin."""

    def _moderates(self, request) -> bool:
        return request.user.has_perm("discussions.moderate")

    def has_module_permission(self, request):
        return self._moderates(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._moderates(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._moderates(request) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._moderates(request) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._moderates(request) or super().has_delete_permission(request, obj)

    def has_moderate_permission(self, request):
        return self._moderates(request)


class ReadOnlyAdmin(ModeratorsAdmin):
    """Rows the services write: listed and opened, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BoardAdminForm(ConstraintCheckingForm):
    class Meta:
        model = Board
        fields = "__all__"

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s” is the address of a page of the board: choose another slug."),
                code="reserved",
                params={"slug": slug},
            )
        return slug


@admin.register(Board)
class BoardAdmin(ModeratorsAdmin):
    form = BoardAdminForm
    list_display = ["name", "slug", "order", "restricted_to", "focus_area", "thread_count"]
    list_editable = ["order"]
    list_select_related = ["restricted_to", "focus_area"]
    list_filter = ["restricted_to", "focus_area"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["order", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(threads_n=Count("threads"))

    @admin.display(description=_("threads"), ordering="threads_n")
    def thread_count(self, obj):
        return obj.threads_n


class MoveForm(forms.Form):
    board = forms.ModelChoiceField(label=_("Move to the board"), queryset=Board.objects.all())
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ThreadAdminForm(ConstraintCheckingForm):
    class Meta:
        model = Thread
        fields = ["title"]


@admin.register(Thread)
class ThreadAdmin(ModeratorsAdmin):
    """Titles can be corrected here; the board changes only through "Move to board…" (logged
    and undoable), pinning and locking through the actions."""

    form = ThreadAdminForm
    list_display = ["title", "board", "author", "pinned", "locked", "visible_count",
                    "last_activity_at"]  # fmt: skip
    list_filter = ["board", "pinned", "locked"]
    list_select_related = ["board", "author"]
    search_fields = ["title"]
    date_hierarchy = "last_activity_at"
    fields = ["title", "board", "author", "pinned", "locked", "visible_count", "created_at",
              "last_activity_at"]  # fmt: skip
    readonly_fields = ["board", "author", "pinned", "locked", "visible_count", "created_at",
                       "last_activity_at"]  # fmt: skip
    actions = ["pin_selected", "unpin_selected", "lock_selected", "unlock_selected",
               "move_selected"]  # fmt: skip

    def has_add_permission(self, request):
        # A thread starts on the board, with its first post.
        return False

    def has_delete_permission(self, request, obj=None):
        # Its moderation log points at it: lock or move it instead.
        return False

    def save_model(self, request, obj, form, change):
        # The title only: the counters move under the thread's lock as people post.
        obj.save(update_fields=["title"])

    def _each(self, request, queryset, service, done):
        run_for_each(
            self, request, queryset.select_related("board"),
            write=lambda thread: _changed(service(thread=thread, by=request.user)),
            done=done,
        )  # fmt: skip

    @admin.action(description=_("Pin selected threads"), permissions=["moderate"])
    def pin_selected(self, request, queryset):
        self._each(request, queryset, services.thread_pin, _("%(object)s: pinned."))

    @admin.action(description=_("Unpin selected threads"), permissions=["moderate"])
    def unpin_selected(self, request, queryset):
        self._each(request, queryset, services.thread_unpin, _("%(object)s: unpinned."))

    @admin.action(description=_("Lock selected threads"), permissions=["moderate"])
    def lock_selected(self, request, queryset):
        self._each(request, queryset, services.thread_lock, _("%(object)s: locked."))

    @admin.action(description=_("Unlock selected threads"), permissions=["moderate"])
    def unlock_selected(self, request, queryset):
        self._each(request, queryset, services.thread_unlock, _("%(object)s: unlocked."))

    @admin.action(description=_("Move to board…"), permissions=["moderate"])
    def move_selected(self, request, queryset):
        form = MoveForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            board, reason = form.cleaned_data["board"], form.cleaned_data["reason"]
            run_for_each(
                self, request, queryset.select_related("board"),
                write=lambda thread: _changed(
                    services.thread_move(thread=thread, to=board, by=request.user, reason=reason)
                ),
                done=_("%%(object)s: moved to the board “%(board)s”.")
                % {"board": board.name.replace("%", "%%")},
            )  # fmt: skip
            return None
        return TemplateResponse(
            request,
            "discussions/moderation/admin_move.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Move threads to another board"),
                "threads": queryset.select_related("board"),
                "form": form,
                "opts": self.model._meta,
            },
        )


def _changed(done):
    """A service that had nothing to change returns None: say so for that row."""
    if done is None:
        raise forms.ValidationError(_("nothing to change."))
    return done


class HiddenFilter(admin.SimpleListFilter):
    title = _("hidden")
    parameter_name = "hidden"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Hidden")),
            ("flags", _("Hidden by flags, to review")),
            ("no", _("Shown")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(hidden_at__isnull=False)
        if self.value() == "flags":
            return queryset.filter(hidden_at__isnull=False, hidden_by__isnull=True)
        if self.value() == "no":
            return queryset.filter(hidden_at__isnull=True)
        return queryset


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    """Read only (a post is its author's words); hide and show through the actions."""

    list_display = ["__str__", "author", "excerpt", "created_at", "is_hidden_display",
                    "hidden_reason"]  # fmt: skip
    list_filter = [HiddenFilter, "thread__board"]
    list_select_related = ["thread", "author"]
    search_fields = ["body", "author__email", "author__name", "thread__title"]
    date_hierarchy = "created_at"
    fields = ["thread", "number", "author", "body", "created_at", "edited_at", "hidden_at",
              "hidden_by", "hidden_reason", "on_the_board"]  # fmt: skip
    readonly_fields = fields
    actions = ["hide_selected", "unhide_selected"]

    @admin.display(description=_("message"))
    def excerpt(self, obj):
        return Truncator(obj.body).chars(80)

    @admin.display(description=_("hidden"), boolean=True, ordering="hidden_at")
    def is_hidden_display(self, obj):
        return obj.is_hidden

    @admin.display(description=_("on the board"))
    def on_the_board(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Open the post"))

    @admin.action(
        description=_("Hide selected posts (as not following the rules)"),
        permissions=["moderate"],
    )
    def hide_selected(self, request, queryset):
        run_for_each(
            self, request, queryset.select_related("thread"),
            write=lambda post: _changed(
                services.post_hide(post=post, by=request.user, reason=str(STANDARD_HIDE_REASON))
            ),
            done=_("%(object)s: hidden."),
        )  # fmt: skip

    @admin.action(description=_("Show selected posts again"), permissions=["moderate"])
    def unhide_selected(self, request, queryset):
        run_for_each(
            self, request, queryset.select_related("thread"),
            write=lambda post: _changed(services.post_unhide(post=post, by=request.user)),
            done=_("%(object)s: shown again."),
        )  # fmt: skip


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    """Read only: members flag on the board; moderators review on the moderation page."""

    list_display = ["post", "reason", "flagged_by", "created_at", "outcome", "reviewed_by",
                    "reviewed_at"]  # fmt: skip
    list_filter = ["outcome", "reason"]
    list_select_related = ["post__thread", "flagged_by", "reviewed_by"]
    search_fields = ["note", "post__body", "flagged_by__email"]
    date_hierarchy = "created_at"
    readonly_fields = ["post", "flagged_by", "reason", "note", "created_at", "outcome",
                       "reviewed_by", "reviewed_at", "review_page"]  # fmt: skip
    fields = readonly_fields

    @admin.display(description=_("review"))
    def review_page(self, obj):
        if obj.outcome != FlagOutcome.PENDING:
            return "—"
        return format_html(
            '<a href="{}#flagged-{}">{}</a>',
            reverse("discussions:moderation"),
            obj.post_id,
            _("Review on the moderation page"),
        )


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    """The log is append-only (a database trigger refuses updates and deletes); an undo is a
    new entry, made on the moderation page."""

    list_display = ["at", "moderator", "action", "post", "thread", "reason", "undoes"]
    list_filter = ["action"]
    list_select_related = ["moderator", "post__thread", "thread", "undoes"]
    search_fields = ["reason", "thread__title", "moderator__email"]
    date_hierarchy = "at"
    fields = ["at", "moderator", "action", "post", "thread", "reason", "details", "undoes"]
    readonly_fields = fields
