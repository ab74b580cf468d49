from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaign import forms, selectors, services
from campaign.filters import PledgeFilter
from campaign.models import Pledge
from campaign.rules import pledge_is_public
from core.filtering import filter_results
from core.spreadsheets import csv_response

# The form's steps: one per section of the campaign's questionnaire, then the preview.
STEPS = [
    ("key", gettext_lazy("Key information"), forms.KeyInformationForm),
    ("vision", gettext_lazy("Vision"), forms.VisionForm),
    ("motivations", gettext_lazy("Motivations"), forms.MotivationsForm),
    ("focus", gettext_lazy("Areas of focus and initiatives"), forms.FocusAreasForm),
    ("statement", gettext_lazy("Political statement"), forms.StatementForm),
    ("preview", gettext_lazy("Preview and submit"), None),
]
STEP_KEYS = [key for key, _label, _form in STEPS]
STEP_FORMS = {key: form for key, _label, form in STEPS if form is not None}


def _campaign_or_404():
    campaign = selectors.campaign_current()
    if campaign is None:
        raise Http404("No campaign is open")
    return campaign


@require_GET
def progress(request):
    campaign = _campaign_or_404()
    return render(
        request,
        "campaign/progress.html",
        {
            "campaign": campaign,
            "progress": selectors.campaign_progress(campaign=campaign),
            "regions": selectors.counts_by_region(campaign=campaign),
            "latest": selectors.pledges_latest(campaign=campaign),
        },
    )


@require_GET
def pledges_geojson(request):
    campaign = _campaign_or_404()
    return HttpResponse(
        selectors.pledges_geojson(campaign=campaign), content_type="application/geo+json"
    )


@require_GET
def wall(request):
    campaign = _campaign_or_404()
    filterset = PledgeFilter(request.GET, queryset=selectors.pledge_wall(campaign=campaign))
    page = Paginator(filter_results(filterset), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "campaign/wall.html",
        {
            "campaign": campaign,
            "filterset": filterset,
            "page": page,
            "filters_invalid": not filterset.is_valid(),
        },
    )


@require_GET
def report(request):
    campaign = _campaign_or_404()
    return render(
        request,
        "campaign/report.html",
        {"campaign": campaign, "report": selectors.campaign_report(campaign=campaign)},
    )


@require_GET
def report_csv(request):
    fields = ["member", "country", "region", "kind", "full_form", "focus_areas", "accepted_on",
              "signatory", "profile"]  # fmt: skip
    return csv_response(
        filename="campaign-report.csv",
        fieldnames=fields,
        rows=selectors.report_rows(campaign=_campaign_or_404(), site_url=settings.SITE_URL),
    )


@require_GET
def report_json(request):
    campaign = _campaign_or_404()
    rows = selectors.report_rows(campaign=campaign, site_url=settings.SITE_URL)
    return JsonResponse(
        {"campaign": campaign.name, "pledges": rows}, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def statement_download(request, pk):
    pledge = get_object_or_404(Pledge.objects.select_related("member"), pk=pk)
    if not request.user.has_perm("campaign.view_statement", pledge):
        raise Http404("No such statement")
    if not pledge.signed_statement:
        raise Http404("No signed statement")
    try:
        statement = pledge.signed_statement.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The statement file is missing") from missing
    response = FileResponse(
        statement,
        as_attachment=True,
        filename=f"{pledge.member.slug}-statement.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not pledge_is_public(request.user, pledge):
        response["Cache-Control"] = "private, no-store"
    return response


def _my_pledge(request) -> tuple:
    """The campaign and the pledge of the member the user speaks for (403 for anyone else)."""
    campaign = _campaign_or_404()
    return campaign, services.pledge_for_focal_point(user=request.user, campaign=campaign)


def _step_url(step: str) -> str:
    return f"{reverse('campaign:my_pledge')}?step={step}"


@login_required
@require_http_methods(["GET", "POST"])
def my_pledge(request):
    """One section of the focal point's pledge: shown, and saved on POST (then the next step).
    A pledge that can no longer change, and the last step, show the preview."""
    campaign, pledge = _my_pledge(request)
    step = request.GET.get("step", "key")
    if step not in STEP_FORMS or not request.user.has_perm("campaign.edit_pledge", pledge):
        if request.method == "POST":
            return redirect(_step_url("preview"))
        return _preview(request, campaign, pledge)
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = STEP_FORMS[step](*data, instance=pledge)
    formset = None
    if step == "focus":
        formset = forms.InitiativeFormSet(
            data[0], queryset=pledge.initiatives.all(), prefix="initiatives"
        )
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        try:
            services.pledge_save_section(
                pledge=pledge, by=request.user, section=step, **_section_input(form, formset)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            index = STEP_KEYS.index(step)
            target = index - 1 if request.POST.get("action") == "back" else index + 1
            return redirect(_step_url(STEP_KEYS[max(target, 0)]))
    return _render_pledge(request, campaign, pledge, step, form=form, formset=formset)


def _section_input(form, formset) -> dict:
    if formset is None:
        return {"answers": form.answers}
    return {
        "answers": {},
        "focus_areas": form.answers["focus_areas"],
        "initiatives": [
            {key: f.cleaned_data[key] for key in ("title", "kind", "description", "link")}
            for f in formset.forms
            if f.cleaned_data.get("title") and not f.cleaned_data.get("DELETE")
        ],
    }


def _preview(request, campaign, pledge):
    statement_missing, form_missing = services.pledge_missing(pledge)
    return _render_pledge(
        request,
        campaign,
        pledge,
        "preview",
        statement_missing=statement_missing,
        form_missing=form_missing,
        transitions=pledge.transitions.select_related("by"),
    )


def _render_pledge(request, campaign, pledge, step, **context):
    index = STEP_KEYS.index(step)
    return render(
        request,
        "campaign/my_pledge.html",
        {
            "campaign": campaign,
            "pledge": pledge,
            "steps": [(key, label) for key, label, _form in STEPS],
            "step": step,
            "step_index": index + 1,
            "step_count": len(STEPS),
            "step_label": STEPS[index][1],
            **context,
        },
    )


@login_required
@require_POST
def pledge_submit(request):
    _campaign, pledge = _my_pledge(request)
    try:
        services.pledge_submit(pledge=pledge, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_step_url("preview"))
    messages.success(request, _("Your pledge is submitted. The secretariat will review it."))
    return redirect("campaign:my_pledge")


@login_required
@require_http_methods(["GET", "POST"])
def pledge_withdraw(request):
    """Withdrawing asks first, and says what it means."""
    campaign, pledge = _my_pledge(request)
    if not request.user.has_perm("campaign.withdraw_pledge", pledge):
        messages.error(request, _("This pledge cannot be withdrawn here."))
        return redirect(_step_url("preview"))
    if request.method == "POST":
        try:
            services.pledge_withdraw(pledge=pledge, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_step_url("preview"))
        messages.success(request, _("Your pledge is withdrawn."))
        return redirect("campaign:progress")
    return render(
        request, "campaign/pledge_withdraw.html", {"campaign": campaign, "pledge": pledge}
    )
