from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cities import selectors, services
from cities.filters import MemberFilter
from cities.forms import AffiliationRequestForm, MemberProfileForm
from cities.models import Affiliation, Member
from cities.selectors import map_generation
from core.filtering import filter_key, filter_results
from core.spreadsheets import csv_response

PAGE_SIZE = 25


def _member_filter(request) -> MemberFilter:
    return MemberFilter(request.GET, queryset=selectors.member_directory())


@require_GET
def member_directory(request):
    filterset = _member_filter(request)
    page = Paginator(filter_results(filterset), PAGE_SIZE).get_page(request.GET.get("page"))
    key = filter_key(filterset)
    return render(
        request,
        "cities/member_list.html",
        {
            "filterset": filterset,
            "page": page,
            "filters_invalid": not filterset.is_valid(),
            # The rendered filters and results, kept until a member changes (map_generation);
            # never when a filter is invalid (the form shows what was typed).
            "fragment_key": [map_generation(), key, page.number],
            "fragment_seconds": 0 if key == "invalid" else 600,
        },
    )


@require_GET
def member_map(request):
    filterset = _member_filter(request)
    return render(
        request,
        "cities/map.html",
        {
            "filterset": filterset,
            "map_members": selectors.member_map_list(members=filter_results(filterset)),
            "filters_invalid": not filterset.is_valid(),
        },
    )


@require_GET
def members_geojson(request):
    filterset = _member_filter(request)
    payload = selectors.member_geojson(members=filter_results(filterset), key=filter_key(filterset))
    response = HttpResponse(payload, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def members_csv(request):
    return csv_response(
        filename=f"members-{timezone.localdate().isoformat()}.csv",
        fieldnames=selectors.OPEN_DATA_FIELDS,
        rows=selectors.member_open_data(site_url=settings.SITE_URL),
    )


@require_GET
def members_json(request):
    rows = selectors.member_open_data(site_url=settings.SITE_URL)
    return JsonResponse(
        {"count": len(rows), "members": rows}, json_dumps_params={"ensure_ascii": False}
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_affiliation(request):
    """Ask to be affiliated to a member; see the request's state once asked."""
    affiliation = Affiliation.objects.select_related("member").filter(user=request.user).first()
    form = None
    if affiliation is None:
        form = AffiliationRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.affiliation_request(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Your request is sent. The secretariat will confirm it.")
                )
                return redirect("cities:my_affiliation")
    return render(request, "cities/my_affiliation.html", {"affiliation": affiliation, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def member_profile_edit(request, slug):
    member = get_object_or_404(Member, slug=slug)
    if not request.user.has_perm("cities.update_member_profile", member):
        raise PermissionDenied
    form = MemberProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        data = form.answers
        focus_areas = data.pop("focus_areas")
        try:
            services.member_update_profile(
                member=member, by=request.user, data=data, focus_areas=focus_areas
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The profile is updated."))
            return redirect(member.get_absolute_url())
    return render(request, "cities/member_edit.html", {"member": member, "form": form})
