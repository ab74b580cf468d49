from django.shortcuts import render

from cities import selectors as cities_selectors


def home(request):
    return render(request, "portal/home.html")


def about(request):
    return render(request, "portal/about.html")


def member_profile(request, slug):
    """A member's public profile, composed from each section's selectors (DESIGN.md)."""
    member = cities_selectors.member_detail(slug=slug, user=request.user)
    return render(request, "portal/member_detail.html", {"member": member})
