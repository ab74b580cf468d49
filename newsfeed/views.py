from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from newsfeed import selectors
from newsfeed.services import digests

PAGE_SIZE = 20


@require_GET
def news_list(request):
    filterset, items = selectors.news_list(user=request.user, filters=request.GET)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
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
    response["Cache-Control"] = "public, max-age=3600"
    return response


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session or CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        signing.loads(token, salt=digests.UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return render(request, "newsfeed/unsubscribe_invalid.html", status=400)
    if request.method == "GET":
        # A page with a button: link scanners that follow GET links unsubscribe nobody.
        return render(request, "newsfeed/unsubscribe_confirm.html", {"token": token})
    try:
        user, changed = digests.digest_unsubscribe(token=token)
    except signing.BadSignature:
        return render(request, "newsfeed/unsubscribe_invalid.html", status=400)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse(status=200)
    return render(request, "newsfeed/unsubscribe_done.html", {"changed": changed})
