from django.urls import include, path

from charter import views

app_name = "charter"

urlpatterns = [
    path("", views.version_current, name="current"),
    path("my/", views.my_contributions, name="my_contributions"),
    path("compare/", views.compare_form, name="compare_form"),
    path("compare/<int:a>/<int:b>/", views.compare, name="compare"),
    path("v<int:number>/", views.version_detail, name="version"),
    path("v<int:number>.md", views.version_markdown, name="markdown"),
    path("v<int:number>.json", views.version_json, name="json"),
    path("v<int:number>/rights/<int:right_number>/", views.right_detail, name="right"),
    path("v<int:number>/rights/<int:right_number>/comment/", views.comment, name="comment"),
    path("v<int:number>/rights/<int:right_number>/propose/", views.propose, name="propose"),
    path(
        "v<int:number>/rights/<int:right_number>/amendments/<int:pk>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    path("", include("charter.urls_review")),
    path("", include("charter.urls_practices")),
]
