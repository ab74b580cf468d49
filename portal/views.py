from django.http import Http404
from django.shortcuts import render

from campaign import selectors as campaign_selectors
from charter import selectors_practices as charter_selectors
from cities import selectors as cities_selectors
from events import selectors as events_selectors
from newsfeed import selectors as news_selectors


def home(request):
    campaign = campaign_selectors.campaign_current()
    return render(
        request,
        "portal/home.html",
        {
            "news": news_selectors.news_latest(user=request.user, limit=5),
            "events": list(events_selectors.upcoming_events(user=request.user, limit=4)),
            "campaign": campaign,
            "campaign_progress": (
                campaign_selectors.campaign_progress(campaign=campaign) if campaign else None
            ),
            "charter": charter_selectors.version_in_consultation(),
        },
    )


def about(request):
    return render(request, "portal/about.html")


def member_profile(request, slug):
    """A member's public profile, composed from each section's selectors (DESIGN.md)."""
    member = cities_selectors.member_detail(slug=slug, user=request.user)
    if member is None:
        raise Http404("No such member")
    blocks = []
    pledge = campaign_selectors.pledge_of_member(member=member)
    if pledge is not None:
        blocks.append({"template": "portal/blocks/member_pledge.html", "pledge": pledge})
    events = list(events_selectors.events_of_member(member=member, user=request.user)[:10])
    if events:
        blocks.append({"template": "portal/blocks/member_events.html", "events": events})
    practices = charter_selectors.practices_of_member(member=member)
    if practices:
        blocks.append({"template": "portal/blocks/member_practices.html", "practices": practices})
    news = news_selectors.news_for_member(member=member, user=request.user, limit=5)
    if news:
        blocks.append({"template": "portal/blocks/member_news.html", "news": news})
    return render(
        request, "portal/member_detail.html", {"member": member, "profile_blocks": blocks}
    )
