from django.urls import path

from campaign import views

app_name = "campaign"

urlpatterns = [
    path("", views.progress, name="progress"),
    path("pledges/", views.wall, name="wall"),
    path("pledges.geojson", views.pledges_geojson, name="pledges_geojson"),
    path("report/", views.report, name="report"),
    path("report.csv", views.report_csv, name="report_csv"),
    path("report.json", views.report_json, name="report_json"),
    path("pledge/", views.my_pledge, name="my_pledge"),
    path("pledge/submit/", views.pledge_submit, name="pledge_submit"),
    path("pledge/withdraw/", views.pledge_withdraw, name="pledge_withdraw"),
    path("pledges/<int:pk>/statement.pdf", views.statement_download, name="statement"),
]
