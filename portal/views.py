from django.http import Http404
from django.shortcuts import render

from campaign import selectors as campaign_selectors
from charter import selectors_practices as charter_selectors
from cities import selectors as cities_selectors
from discussions import selectors as discussion_selectors
from docs_library import selectors as library_selectors
from events import selectors as events_selectors
from newsfeed import selectors as news_selectors
from portal import search


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
            "documents": list(library_selectors.latest_documents(user=request.user)),
            # Members only: nothing (and no query) for visitors and pending accounts.
            "threads": list(discussion_selectors.latest_threads(user=request.user)),
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
    documents = list(library_selectors.documents_of_member(member=member, user=request.user))
    return render(
        request,
        "portal/member_detail.html",
        {"member": member, "profile_blocks": blocks, "documents": documents},
    )


def site_search(request):
    """/search/?q=...: documents, members, events, rights and news at once, or one group
    (``type``) alone; an empty box shows just the box."""
    text = search.clean_query(request.GET.get("q", ""))
    only = request.GET.get("type")
    if only not in search.GROUPS:
        only = None
    results = search.site_search(text=text, user=request.user, only=only) if text else None
    return render(
        request,
        "portal/search.html",
        {"query": text, "only": only, "results": results},
    )
