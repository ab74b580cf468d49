from django.urls import include, path

from events import views, views_registration, views_report

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("month/", views.event_month_current, name="month_current"),
    path("month/<int:year>/<int:month>/", views.event_month, name="month"),
    # Before "<slug>/": feed.ics, my-calendar/ and <slug>.ics are not events.
    path("", include("events.urls_calendar")),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views_registration.register, name="register"),
    path("<slug:slug>/cancel/", views_registration.cancel, name="cancel_registration"),
    path("<slug:slug>/report/", views_report.report_edit, name="report_edit"),
    path("<slug:slug>/report/publish/", views_report.report_publish, name="report_publish"),
]
