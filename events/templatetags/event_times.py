"""An event's times in its own zone and, when the viewer's clock reads otherwise, in theirs."""

from django import template

from core.timezones import same_clock, span_in, viewer_zone

register = template.Library()


@register.inclusion_tag("events/includes/event_times.html", takes_context=True)
def event_times(context, timed, zone=None, with_date=True):
    """{% event_times event %}, or {% event_times item zone=event.zone with_date=False %} for an
    agenda item (anything with ``starts_at`` and ``ends_at``; an event knows its own zone)."""
    zone = zone or timed.zone
    request = context.get("request")
    seen_from = viewer_zone(request) if request is not None else None
    own = span_in(timed.starts_at, timed.ends_at, zone, with_date=with_date)
    theirs = None
    if seen_from is not None and not same_clock(zone, seen_from, timed.starts_at, timed.ends_at):
        # Without its date the viewer's line would hide that it falls on another day.
        other_day = timed.starts_at.astimezone(seen_from).date() != own.start.date()
        theirs = span_in(
            timed.starts_at, timed.ends_at, seen_from, with_date=with_date or other_day
        )
    return {
        "own": own,
        "theirs": theirs,
        "viewer_zone_name": seen_from.key.replace("_", " ") if theirs else "",
        # Said once: not when the event's own line already ends "(next day)".
        "ends_next_day": theirs is not None
        and (theirs.end.date() - theirs.start.date()).days == 1
        and own.start.date() == own.end.date(),
    }
