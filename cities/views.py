import csv

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cities import selectors

PAGE_SIZE = 25


@require_GET
def member_directory(request):
    filterset = selectors.member_list(filters=request.GET)
    members = selectors.member_filtered(filterset)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cities/member_list.html",
        {"filterset": filterset, "page": page, "filters_invalid": not filterset.is_valid()},
    )


@require_GET
def member_map(request):
    filterset = selectors.member_list(filters=request.GET)
    return render(
        request,
        "cities/map.html",
        {
            "filterset": filterset,
            "map_members": selectors.member_map_list(filters=request.GET),
            "filters_invalid": not filterset.is_valid(),
        },
    )


@require_GET
def members_geojson(request):
    payload = selectors.member_geojson(filters=request.GET)
    response = HttpResponse(payload, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def members_csv(request):
    rows = selectors.member_open_data(site_url=settings.SITE_URL)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="members-{stamp}.csv"'
    writer = csv.DictWriter(response, fieldnames=selectors.OPEN_DATA_FIELDS)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                **row,
                "networks": " ".join(row["networks"]),
                "focus_areas": " ".join(row["focus_areas"]),
            }
        )
    return response


@require_GET
def members_json(request):
    rows = selectors.member_open_data(site_url=settings.SITE_URL)
    return JsonResponse(
        {"count": len(rows), "members": rows}, json_dumps_params={"ensure_ascii": False}
    )
