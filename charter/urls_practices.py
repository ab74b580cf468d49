from django.urls import path

from charter import views_practices as views

urlpatterns = [
    path("practices/", views.practices, name="practices"),
    path("practices.geojson", views.practices_geojson, name="practices_geojson"),
    path("practices/new/", views.practice_new, name="practice_new"),
]
