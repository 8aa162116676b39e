"""The inbox's URLs, included under ``me/inbox/`` in home/urls.py."""

from django.urls import path

from home.inbox import views

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:message_id>/open/", views.inbox_open, name="inbox_open"),
    path("read-all/", views.inbox_read_all, name="inbox_read_all"),
    path("settings/", views.inbox_settings, name="inbox_settings"),
]
