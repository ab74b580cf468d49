from django.urls import path

from cities import views

app_name = "cities"

urlpatterns = [
    path("members/", views.member_directory, name="member_list"),
    path("members/affiliation/", views.my_affiliation, name="my_affiliation"),
    path("members/<slug:slug>/edit/", views.member_profile_edit, name="member_edit"),
    path("members.csv", views.members_csv, name="members_csv"),
    path("members.json", views.members_json, name="members_json"),
    path("map/", views.member_map, name="map"),
    path("map/members.geojson", views.members_geojson, name="members_geojson"),
]
