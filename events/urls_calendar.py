"""Calendar files and the personal calendar page (included in the events URLconf before
``<slug>/``, so that ``my-calendar/`` and ``feed.ics`` are not taken for an event)."""

from django.urls import path

from events import views_calendar

urlpatterns = [
    path("feed.ics", views_calendar.public_feed_view, name="feed"),
    path("my/<slug:token>.ics", views_calendar.personal_feed_view, name="personal_feed"),
    path("my-calendar/", views_calendar.my_calendar, name="my_calendar"),
    path("<slug:slug>.ics", views_calendar.event_ics_view, name="event_ics"),
]
