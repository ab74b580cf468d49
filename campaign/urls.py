from django.urls import path  # noqa: F401 - routes arrive with this section's issue

app_name = "campaign"

urlpatterns: list = []
