from django.urls import path

from charter import views_review

urlpatterns = [
    path("review/", views_review.review, name="review"),
    path("review/<int:pk>/decide/", views_review.decide, name="decide"),
    path("v<int:number>/decisions/", views_review.decisions, name="decisions"),
    path("v<int:number>/decisions.csv", views_review.decisions_csv, name="decisions_csv"),
]
