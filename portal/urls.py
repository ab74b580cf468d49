from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("search/", views.site_search, name="search"),
    path("members/<slug:slug>/", views.member_profile, name="member_detail"),
]
