"""Local practices: the public list by right with its map, and the focal point's form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from charter import selectors_practices as selectors
from charter import services
from charter.forms_practices import PracticeFilter, PracticeForm
from cities.models import Member
from cities.rules import confirmed_affiliation
from cities.selectors import member_map_list
from core.filtering import filter_results


def _practice_filter(request) -> PracticeFilter:
    return PracticeFilter(request.GET, queryset=selectors.practices_published())


@require_GET
def practices(request):
    filterset = _practice_filter(request)
    found = filter_results(filterset)
    version = selectors.version_current()
    return render(
        request,
        "charter/practices.html",
        {
            "version": version,
            "filterset": filterset,
            "filters_invalid": not filterset.is_valid(),
            "rights": selectors.practices_by_right(practices=found, version=version),
            "map_members": member_map_list(members=selectors.practice_members(practices=found)),
        },
    )


@require_GET
def practices_geojson(request):
    """The members on the practices page's map, with the page's filters."""
    payload = selectors.practices_geojson(practices=filter_results(_practice_filter(request)))
    response = HttpResponse(payload, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def practice_new(request):
    """A focal point tells how their member realises rights of the Charter-Agenda; the
    secretariat publishes it (and may record one for any member)."""
    if not request.user.has_perm("charter.submit_practice"):
        raise PermissionDenied(_("The focal points of members submit local practices."))
    affiliation = confirmed_affiliation(request.user)
    member = affiliation.member if affiliation and affiliation.is_focal_point else None
    form = PracticeForm(
        request.POST or None,
        rights=selectors.rights_of_version(version=selectors.version_current()),
        members=Member.objects.published().order_by("name") if member is None else None,
    )
    if request.method == "POST" and form.is_valid():
        answers = form.answers
        try:
            services.practice_submit(
                by=request.user, member=answers.pop("member", member), **answers
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you: your practice is submitted. The secretariat will publish it."),
            )
            return redirect("charter:practices")
    return render(request, "charter/practice_new.html", {"form": form, "member": member})
