from django.urls import path

from docs_library import views, views_files, views_upload

app_name = "docs_library"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("upload/", views_upload.document_upload, name="upload"),
    path("<slug:slug>/", views.document_detail, name="detail"),
    path("<slug:slug>/download/", views_files.document_download, name="download"),
    path("<slug:slug>/preview.png", views_files.document_preview, name="preview"),
]
