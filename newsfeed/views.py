from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core.filtering import filter_results
from core.visibility import Visibility
from newsfeed import selectors
from newsfeed.filters import NewsFilter
from newsfeed.services import digests

PAGE_SIZE = 20


@require_GET
def news_list(request):
    filterset = NewsFilter(request.GET, queryset=selectors.news_list(user=request.user))
    page = Paginator(filter_results(filterset), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "newsfeed/news_list.html",
        {"filterset": filterset, "page": page, "filters_invalid": not filterset.is_valid()},
    )


@require_GET
def announcement_detail(request, pk):
    announcement = selectors.announcement_detail(pk=pk, user=request.user)
    if announcement is None:
        raise Http404("No such announcement")
    return render(request, "newsfeed/announcement.html", {"announcement": announcement})


@require_GET
def announcement_image(request, pk):
    from django.http import FileResponse

    announcement = selectors.announcement_detail(pk=pk, user=request.user)
    if announcement is None or not announcement.image:
        raise Http404("No such image")
    try:
        response = FileResponse(announcement.image.open("rb"))
    except FileNotFoundError as missing:
        raise Http404("The image file is missing") from missing
    response["X-Content-Type-Options"] = "nosniff"
    # A members-only image must not be kept by shared caches and shown to the next visitor.
    shared = announcement.visibility == Visibility.PUBLIC
    response["Cache-Control"] = f"{'public' if shared else 'private'}, max-age=3600"
    return response


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session or CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        if request.method == "GET":
            link, changed = digests.unsubscribe_link_read(token=token), False
        else:
            link, changed = digests.digest_unsubscribe(token=token)
    except signing.BadSignature:  # tampered, foreign or expired
        return render(request, "newsfeed/unsubscribe_invalid.html", status=400)
    if request.method == "GET" and link.state == "subscribed":
        # A page with a button: link scanners that follow GET links unsubscribe nobody.
        return render(request, "newsfeed/unsubscribe_confirm.html", {"token": token})
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse(status=200)
    return render(
        request, "newsfeed/unsubscribe_done.html", {"changed": changed, "state": link.state}
    )
