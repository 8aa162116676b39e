"""The signed-in person's core endpoints under /api/v1/ (config/api.py)."""

from django.urls import path

from home.api import me

urlpatterns = [
    path("me/", me.Me.as_view(), name="me"),
    path("me/bookings/", me.MyBookings.as_view(), name="me_bookings"),
]
