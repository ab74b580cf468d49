from django.urls import path

from discussions import views, views_moderation, views_notifications

app_name = "discussions"

# Board slugs that are pages, not boards (the admin refuses them).
RESERVED_SLUGS = {"moderation", "threads", "posts", "unfollow"}

urlpatterns = [
    path("", views.board_list, name="boards"),
    path("moderation/", views_moderation.queue, name="moderation"),
    path("moderation/flags/<int:pk>/review/", views_moderation.review_flag, name="review_flag"),
    path("moderation/log/<int:pk>/undo/", views_moderation.undo, name="undo"),
    path("posts/<int:pk>/hide/", views_moderation.hide_post, name="hide_post"),
    path("posts/<int:pk>/unhide/", views_moderation.unhide_post, name="unhide_post"),
    path("threads/<int:pk>/moderate/", views_moderation.moderate_thread, name="moderate_thread"),
    path("unfollow/<str:token>/", views_notifications.unfollow, name="unfollow"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", views.reply, name="reply"),
    path("threads/<int:pk>/follow/", views.follow, name="follow"),
    path("posts/<int:pk>/edit/", views.post_edit, name="edit_post"),
    path("posts/<int:pk>/flag/", views.flag_post, name="flag_post"),
    path("<slug:slug>/", views.board_detail, name="board"),
    path("<slug:slug>/new/", views.thread_new, name="new_thread"),
    path("<slug:slug>/mark-read/", views.board_mark_read, name="mark_read"),
    path("<slug:slug>/follow/", views.board_follow, name="follow_board"),
]
