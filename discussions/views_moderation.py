"""The moderators' pages: the flag queue and the moderation log, hiding and showing posts,
locking, pinning and moving threads. Each POST makes one service call; a refusal is a message,
never a 500. Everyone else gets a 404: the page is not theirs to know about."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from discussions import selectors, services
from discussions.models import Board, Flag, FlagOutcome, ModerationAction, Post, Thread

QUEUE_PAGE_SIZE = 25
# An author with this many agreed flags stands out in the queue.
OFTEN_FLAGGED = 3


def _moderators_only(request) -> None:
    if not request.user.has_perm("discussions.moderate"):
        raise Http404("No such page")


def _say_refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


class HideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it hidden?"),
        max_length=300,
        help_text=gettext_lazy("Its author sees this reason, and so does everyone on the thread."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300, required=False)


class ThreadModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        choices=[
            ("lock", gettext_lazy("Lock")),
            ("unlock", gettext_lazy("Unlock")),
            ("pin", gettext_lazy("Pin")),
            ("unpin", gettext_lazy("Unpin")),
            ("move", gettext_lazy("Move")),
        ],
    )
    board = forms.ModelChoiceField(
        label=gettext_lazy("Move to the board"), queryset=Board.objects.all(), required=False
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "move" and cleaned.get("board") is None:
            self.add_error("board", _("Choose the board to move the thread to."))
        return cleaned


@require_http_methods(["GET", "HEAD"])
def queue(request):
    """Posts waiting for review, with their flags and authors, and the latest moderation."""
    _moderators_only(request)
    page = Paginator(selectors.flag_queue(), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    log = selectors.moderation_log()
    return render(
        request,
        "discussions/moderation/queue.html",
        {"page": page, "log": log, "often_flagged": OFTEN_FLAGGED},
    )


@require_POST
def review_flag(request, pk: int):
    """Agree (the post is hidden), disagree or ignore: every waiting flag on the post."""
    _moderators_only(request)
    flag = get_object_or_404(Flag.objects.select_related("post"), pk=pk)
    outcome = request.POST.get("outcome", "")
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.flag_review(flag=flag, by=request.user, outcome=outcome, reason=reason)
    except ValidationError as error:
        _say_refused(request, error)
    else:
        messages.success(
            request,
            {
                FlagOutcome.AGREED: _("Flag agreed: the post is hidden."),
                FlagOutcome.DISAGREED: _("Flag disagreed: the post stays on the thread."),
                FlagOutcome.IGNORED: _("Flag ignored."),
            }[outcome],
        )
    return redirect("discussions:moderation")


@require_POST
def undo(request, pk: int):
    """Undo one entry of the log by doing its opposite (a new entry)."""
    _moderators_only(request)
    action = get_object_or_404(ModerationAction, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.moderation_undo(action=action, by=request.user, reason=reason)
    except ValidationError as error:
        _say_refused(request, error)
    except Board.DoesNotExist:
        # A thread moved away from a board deleted since: there is nowhere to move it back.
        messages.error(request, _("The board this thread came from no longer exists."))
    else:
        messages.success(
            request, _("Undone: %(action)s.") % {"action": action.get_action_display()}
        )
    return redirect(reverse("discussions:moderation") + "#log")


@require_http_methods(["GET", "HEAD", "POST"])
def hide_post(request, pk: int):
    """Hide a post, with a reason its author and the thread's readers see."""
    _moderators_only(request)
    post = get_object_or_404(Post.objects.select_related("thread__board", "author"), pk=pk)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.post_hide(
                post=post, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if done is None:
                messages.info(request, _("This post was already hidden."))
            else:
                messages.success(request, _("The post is hidden."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "discussions/moderation/hide_post.html",
        {"post": post, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def unhide_post(request, pk: int):
    """Show a hidden post again."""
    _moderators_only(request)
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        done = services.post_unhide(post=post, by=request.user, reason=reason)
    except ValidationError as error:
        _say_refused(request, error)
    else:
        if done is None:
            messages.info(request, _("This post was not hidden."))
        else:
            messages.success(request, _("The post shows again."))
    return redirect(post.get_absolute_url())


THREAD_SERVICES = {
    "lock": services.thread_lock,
    "unlock": services.thread_unlock,
    "pin": services.thread_pin,
    "unpin": services.thread_unpin,
}
DONE = {
    "lock": gettext_lazy("The thread is locked: it takes no more replies."),
    "unlock": gettext_lazy("The thread takes replies again."),
    "pin": gettext_lazy("The thread is pinned at the top of its board."),
    "unpin": gettext_lazy("The thread is no longer pinned."),
    "move": gettext_lazy("The thread is moved to the board “%(board)s”."),
}
UNCHANGED = {
    "lock": gettext_lazy("The thread was already locked."),
    "unlock": gettext_lazy("The thread was not locked."),
    "pin": gettext_lazy("The thread was already pinned."),
    "unpin": gettext_lazy("The thread was not pinned."),
    "move": gettext_lazy("The thread is already on the board “%(board)s”."),
}


@require_http_methods(["GET", "HEAD", "POST"])
def moderate_thread(request, pk: int):
    """Lock, unlock, pin, unpin or move a thread (GET: the form, with the thread's log)."""
    _moderators_only(request)
    thread = get_object_or_404(Thread.objects.select_related("board", "author"), pk=pk)
    form = ThreadModerationForm(request.POST or None, initial={"board": thread.board_id})
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request,
                "discussions/moderation/thread.html",
                _thread_context(thread, form),
                status=400,
            )
        action, board = form.cleaned_data["action"], form.cleaned_data["board"]
        reason = form.cleaned_data["reason"]
        try:
            if action == "move":
                done = services.thread_move(thread=thread, to=board, by=request.user, reason=reason)
            else:
                done = THREAD_SERVICES[action](thread=thread, by=request.user, reason=reason)
        except ValidationError as error:
            _say_refused(request, error)
        else:
            names = {"board": board.name if board else ""}
            if done is None:
                messages.info(request, str(UNCHANGED[action]) % names)
            else:
                messages.success(request, str(DONE[action]) % names)
        return redirect(thread.get_absolute_url())
    return render(request, "discussions/moderation/thread.html", _thread_context(thread, form))


def _thread_context(thread: Thread, form: ThreadModerationForm) -> dict:
    history = selectors.moderation_log(thread=thread, limit=50)
    return {"thread": thread, "form": form, "history": history}
