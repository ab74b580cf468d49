from django.shortcuts import render

from cities import selectors as cities_selectors
from newsfeed import selectors as news_selectors


def home(request):
    return render(
        request,
        "portal/home.html",
        {"news": news_selectors.news_latest(user=request.user, limit=5)},
    )


def about(request):
    return render(request, "portal/about.html")


def member_profile(request, slug):
    """A member's public profile, composed from each section's selectors (DESIGN.md)."""
    member = cities_selectors.member_detail(slug=slug, user=request.user)
    blocks = []
    news = news_selectors.news_for_member(member=member, user=request.user, limit=5)
    if news:
        blocks.append({"template": "portal/blocks/member_news.html", "news": news})
    return render(
        request, "portal/member_detail.html", {"member": member, "profile_blocks": blocks}
    )
