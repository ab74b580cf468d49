"""The members' pages of the board: boards, a board's threads, a thread, and the forms that
start a thread, reply, edit a post, flag one and choose notifications. Visitors and pending
accounts get a page that says what the board is; any other address of the board is a 404 to
them (nothing shows that a board, a thread or a post exists)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from discussions import selectors, services
from discussions.forms import FlagForm, NotificationForm, PostEditForm, ReplyForm, ThreadForm
from discussions.mentions import handle_of
from discussions.models import POSTS_PER_PAGE, Post


def _board_or_404(request, slug: str):
    board = selectors.board_detail(slug=slug, user=request.user)
    if board is None or not request.user.has_perm("discussions.read_board", board):
        raise Http404("No such board")
    return board


def _thread_or_404(request, pk: int):
    thread = selectors.thread_detail(pk=pk, user=request.user)
    if thread is None or not request.user.has_perm("discussions.read_thread", thread):
        raise Http404("No such thread")
    return thread


def _post_or_404(request, pk: int) -> Post:
    post = selectors.post_detail(pk=pk, user=request.user)
    if post is None or not request.user.has_perm("discussions.read_thread", post.thread):
        raise Http404("No such post")
    return post


def _refused(request, error: PermissionDenied | str, *, back):
    """The 403 page, saying why (a locked thread, an edit window that has closed)."""
    return render(
        request,
        "discussions/refused.html",
        {"reason": str(error) or _("You may not do this."), "back": back},
        status=403,
    )


def _post_url(thread, number: int) -> str:
    return Post(thread=thread, number=number).get_absolute_url()


# Boards -------------------------------------------------------------------------------------


@require_GET
def board_list(request):
    if not request.user.has_perm("core.see_members_content"):
        return render(request, "discussions/join.html")
    return render(
        request,
        "discussions/board_list.html",
        {"boards": selectors.board_list(user=request.user)},
    )


@require_GET
def board_detail(request, slug: str):
    board = _board_or_404(request, slug)
    page = Paginator(
        selectors.board_threads(board=board, user=request.user), selectors.THREADS_PER_PAGE
    ).get_page(request.GET.get("page"))
    threads = list(page.object_list)
    unread = selectors.unread_counts(threads=threads, user=request.user)
    rows = [
        {
            "thread": thread,
            "unread": unread.get(thread.pk, 0),
            "first_new_url": _post_url(thread, (thread.read_number or 0) + 1),
        }
        for thread in threads
    ]
    return render(
        request,
        "discussions/board_detail.html",
        {
            "board": board,
            "page": page,
            "rows": rows,
            "notification_form": NotificationForm(
                initial={
                    "level": selectors.board_notification_level(board=board, user=request.user)
                }
            ),
        },
    )


@require_POST
def board_mark_read(request, slug: str):
    board = _board_or_404(request, slug)
    services.board_mark_read(board=board, user=request.user)
    messages.success(request, _("Every thread on this board is marked read."))
    return redirect(board)


@require_POST
def board_follow(request, slug: str):
    """Notifications for a whole board (needs its address in urls.py: ``<slug>/follow/``)."""
    board = _board_or_404(request, slug)
    form = NotificationForm(request.POST)
    if form.is_valid():
        services.subscription_set(user=request.user, board=board, level=form.cleaned_data["level"])
        messages.success(request, _("Your notifications for this board are saved."))
    else:
        messages.error(request, _("Choose muted, normal or watching."))
    return redirect(board)


@require_http_methods(["GET", "POST"])
def thread_new(request, slug: str):
    board = _board_or_404(request, slug)
    if not request.user.has_perm("discussions.start_thread", board):
        return _refused(request, _("You may not write on this board."), back=board)
    form = ThreadForm(request.POST or None, initial={"submission_key": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_start(board=board, by=request.user, **form.answers)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            return _refused(request, error, back=board)
        else:
            messages.success(request, _("Your thread is started."))
            return redirect(thread)
    return render(request, "discussions/thread_new.html", {"board": board, "form": form})


# A thread -----------------------------------------------------------------------------------


def _quoted(post) -> str:
    """The post as a Markdown quote that mentions its author, to start a reply with."""
    lines = [f"> {line}".rstrip() for line in post.body.splitlines()]
    handle = handle_of(post.author)
    said = _("@%(handle)s wrote:") % {"handle": handle} if handle else _("Someone wrote:")
    return "\n".join([said, *lines]) + "\n\n"


def _quote_of(request, thread, posts: list[Post]) -> str:
    """``?quote=<number>``: the reply form starts with that post quoted (no script needed)."""
    try:
        number = int(request.GET.get("quote", ""))
    except ValueError:
        return ""
    post = next((post for post in posts if post.number == number), None)
    if post is None:
        post = selectors.thread_posts(thread=thread).filter(number=number).first()
    if post is None:
        return ""
    post.thread = thread
    if post.is_hidden and not request.user.has_perm("discussions.see_hidden_post", post):
        return ""
    return _quoted(post)


def _thread_page(request, thread, *, page_number, form=None, status=200):
    """The thread's page of posts with the reply form; returns the response and the posts."""
    read_before = selectors.read_number(thread=thread, user=request.user)
    page = Paginator(selectors.thread_posts(thread=thread), POSTS_PER_PAGE).get_page(page_number)
    posts = list(page.object_list)
    for post in posts:
        # The rules read the board through the post's thread: the one already here.
        post.thread = thread
        post.author_handle = handle_of(post.author)
    if form is None:
        form = ReplyForm(
            initial={"body": _quote_of(request, thread, posts), "submission_key": uuid.uuid4()}
        )
    first_unread = selectors.first_unread(thread=thread, user=request.user, read=read_before)
    if first_unread is not None:
        first_unread.thread = thread
    response = render(
        request,
        "discussions/thread_detail.html",
        {
            "thread": thread,
            "board": thread.board,
            "page": page,
            "posts": posts,
            "read_before": read_before,
            "first_unread": first_unread,
            "form": form,
            "notification_form": NotificationForm(
                initial={"level": selectors.notification_level(thread=thread, user=request.user)}
            ),
        },
        status=status,
    )
    return response, posts


@require_GET
def thread_detail(request, pk: int):
    thread = _thread_or_404(request, pk)
    response, posts = _thread_page(request, thread, page_number=request.GET.get("page"))
    if posts:
        services.thread_mark_read(thread=thread, user=request.user, number=posts[-1].number)
    return response


@require_http_methods(["GET", "POST"])
def reply(request, pk: int):
    thread = _thread_or_404(request, pk)
    if request.method == "GET":
        # The links of a page shown here after a refused reply (pages, quotes) are relative.
        query = request.GET.urlencode()
        return redirect(f"{thread.get_absolute_url()}{'?' + query if query else ''}")
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post, created = services.post_reply(thread=thread, by=request.user, **form.answers)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            return _refused(request, error, back=thread)
        else:
            if created:
                messages.success(request, _("Your reply is posted."))
            else:
                messages.info(request, _("This reply was already posted: here it is."))
            return redirect(post.get_absolute_url())
    # The form again, with what was typed and why it was refused, under the last posts.
    last_page = (max(thread.last_number, 1) - 1) // POSTS_PER_PAGE + 1
    response, _posts = _thread_page(request, thread, page_number=last_page, form=form)
    return response


@require_POST
def follow(request, pk: int):
    thread = _thread_or_404(request, pk)
    form = NotificationForm(request.POST)
    if form.is_valid():
        services.subscription_set(
            user=request.user, thread=thread, level=form.cleaned_data["level"]
        )
        messages.success(request, _("Your notifications for this thread are saved."))
    else:
        messages.error(request, _("Choose muted, normal or watching."))
    return redirect(thread)


# One post -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = _post_or_404(request, pk)
    if not request.user.has_perm("discussions.edit_post", post):
        return _refused(
            request,
            _("You can edit your own posts only, in the first minutes after posting them."),
            back=post,
        )
    form = PostEditForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_edit(post=post, by=request.user, **form.answers)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            return _refused(request, error, back=post)
        else:
            messages.success(request, _("Your post is saved."))
            return redirect(post.get_absolute_url())
    return render(request, "discussions/post_edit.html", {"post": post, "form": form})


@require_http_methods(["GET", "POST"])
def flag_post(request, pk: int):
    post = _post_or_404(request, pk)
    if not request.user.has_perm("discussions.flag_post", post):
        return _refused(request, _("You cannot flag your own post."), back=post)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(post=post, by=request.user, **form.answers)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            return _refused(request, error, back=post)
        else:
            messages.success(request, _("Thank you. The moderators will look at this post soon."))
            return redirect(post.get_absolute_url())
    return render(request, "discussions/flag_post.html", {"post": post, "form": form})
