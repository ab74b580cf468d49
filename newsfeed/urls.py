from django.urls import path

from newsfeed import views
from newsfeed.feeds import NewsAtomFeed

app_name = "newsfeed"

urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/feed/", NewsAtomFeed(), name="feed"),
    path("news/announcements/<int:pk>/", views.announcement_detail, name="announcement"),
    path("news/announcements/<int:pk>/image/", views.announcement_image, name="announcement_image"),
    path("news/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
