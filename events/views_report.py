"""The session report, written by the secretariat or the session's moderator or rapporteur."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from events import services
from events.forms import PracticeFormSet, QuoteFormSet, ReportForm, formset_rows
from events.models import Event, ReportPractice, ReportQuote, SessionReport


def _event_to_report(request, slug) -> Event:
    event = Event.objects.filter(slug=slug).first()
    if event is None or not request.user.has_perm("events.see_event", event):
        raise Http404("No such event")
    if not request.user.has_perm("events.write_report", event):
        raise PermissionDenied
    return event


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, slug):
    event = _event_to_report(request, slug)
    report = SessionReport.objects.filter(event=event).first()
    data = request.POST if request.method == "POST" else None
    form = ReportForm(data, instance=report or SessionReport(event=event))
    quotes = QuoteFormSet(
        data,
        queryset=ReportQuote.objects.filter(report=report)
        if report
        else ReportQuote.objects.none(),
        prefix="quotes",
    )
    practices = PracticeFormSet(
        data,
        queryset=(
            ReportPractice.objects.filter(report=report)
            if report
            else ReportPractice.objects.none()
        ),
        prefix="practices",
    )
    if data is not None and form.is_valid() and quotes.is_valid() and practices.is_valid():
        try:
            services.report_save(
                event=event,
                by=request.user,
                answers=form.answers,
                quotes=formset_rows(quotes, ("text", "said_by", "language")),
                practices=formset_rows(practices, ("member", "text")),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report is saved."))
            return redirect("events:report_edit", slug=event.slug)
    return render(
        request,
        "events/report_edit.html",
        {"event": event, "report": report, "form": form, "quotes": quotes,
         "practices": practices},
    )  # fmt: skip


@login_required
@require_POST
def report_publish(request, slug):
    event = _event_to_report(request, slug)
    report = SessionReport.objects.filter(event=event).first()
    if report is None:
        messages.error(request, _("Write the report before publishing it."))
        return redirect("events:report_edit", slug=event.slug)
    services.report_publish(report=report, by=request.user)
    messages.success(request, _("The report is published."))
    return redirect(event.get_absolute_url() + "#report")
