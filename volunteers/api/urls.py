"""Volunteers' endpoints under /api/v1/ (config/api.py)."""

urlpatterns = []
