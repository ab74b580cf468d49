import csv

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
from django.views.decorators.http import require_GET, require_http_methods

from campaign import forms, selectors, services
from campaign.models import Pledge, PledgeStatus
from campaign.rules import is_pledge_focal_point
from core.rules import is_secretariat

STEPS = [
    ("key", gettext_lazy("Key information"), forms.KeyInformationForm),
    ("vision", gettext_lazy("Vision"), forms.VisionForm),
    ("motivations", gettext_lazy("Motivations"), forms.MotivationsForm),
    ("focus", gettext_lazy("Areas of focus and initiatives"), forms.FocusAreasForm),
    ("statement", gettext_lazy("Political statement"), forms.StatementForm),
    ("preview", gettext_lazy("Preview and submit"), None),
]
STEP_KEYS = [key for key, _label, _form in STEPS]


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
    filterset, pledges = selectors.pledge_wall(campaign=campaign, filters=request.GET)
    page = Paginator(pledges, 20).get_page(request.GET.get("page"))
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
    rows = selectors.report_rows(campaign=_campaign_or_404(), site_url=settings.SITE_URL)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="campaign-report.csv"'
    fields = ["member", "country", "region", "kind", "full_form", "focus_areas", "accepted_on",
              "signatory", "profile"]  # fmt: skip
    writer = csv.DictWriter(response, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "focus_areas": " ".join(row["focus_areas"])})
    return response


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
    public = pledge.status == PledgeStatus.ACCEPTED and pledge.member.is_published
    if not (public or is_pledge_focal_point(request.user, pledge) or is_secretariat(request.user)):
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
    return response


def _step_form(step, pledge, data=None, files=None):
    form_class = {key: form for key, _label, form in STEPS}[step]
    form = form_class(data, files, instance=pledge) if form_class else None
    formset = None
    if step == "focus":
        formset = forms.InitiativeFormSet(
            data, queryset=pledge.initiatives.all(), prefix="initiatives"
        )
    return form, formset


@login_required
@require_http_methods(["GET", "POST"])
def my_pledge(request):
    """The focal point's pledge: one step per section, saved at every step."""
    campaign = _campaign_or_404()
    # Only a confirmed focal point gets past this line (PermissionDenied: the 403 page).
    pledge = services.pledge_for_focal_point(user=request.user, campaign=campaign)
    step = request.GET.get("step", "key")
    if step not in STEP_KEYS:
        step = "key"
    editable = pledge.status in (PledgeStatus.DRAFT, PledgeStatus.RETURNED)
    if not editable:
        step = "preview"
    index = STEP_KEYS.index(step)
    form, formset = (None, None) if step == "preview" else _step_form(step, pledge)

    if request.method == "POST" and editable:
        action = request.POST.get("action", "next")
        if action == "submit":
            try:
                services.pledge_submit(pledge=pledge, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(f"{reverse('campaign:my_pledge')}?step=preview")
            messages.success(
                request, _("Your pledge is submitted. The secretariat will review it.")
            )
            return redirect("campaign:my_pledge")
        if action == "withdraw":
            services.pledge_withdraw(pledge=pledge, by=request.user)
            messages.success(request, _("Your pledge is withdrawn."))
            return redirect("campaign:progress")
        form, formset = _step_form(step, pledge, request.POST, request.FILES)
        valid = (form is None or form.is_valid()) and (formset is None or formset.is_valid())
        if valid:
            try:
                _save_step(step, pledge, request.user, form, formset)
            except ValidationError as error:
                if form is not None:
                    form.add_error(None, error)
                valid = False
        if valid:
            target = index - 1 if action == "back" else index + 1
            target = min(max(target, 0), len(STEPS) - 1)
            messages.success(request, _("Saved."))
            return redirect(f"{reverse('campaign:my_pledge')}?step={STEP_KEYS[target]}")
        pledge.refresh_from_db()
    statement_missing, form_missing = services.pledge_missing(pledge)
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
            "form": form,
            "formset": formset,
            "editable": editable,
            "statement_missing": statement_missing,
            "form_missing": form_missing,
            "transitions": pledge.transitions.select_related("by"),
        },
    )


def _save_step(step, pledge, user, form, formset):
    if step == "focus":
        initiatives = [
            {key: f.cleaned_data[key] for key in ("title", "kind", "description", "link")}
            for f in formset.forms
            if f.cleaned_data.get("title") and not f.cleaned_data.get("DELETE")
        ]
        services.pledge_save_draft(
            pledge=pledge,
            by=user,
            fields={},
            focus_areas=form.cleaned_data["focus_areas"],
            initiatives=initiatives,
        )
        return
    fields = {name: form.cleaned_data[name] for name in form.fields}
    services.pledge_save_draft(pledge=pledge, by=user, fields=fields)
