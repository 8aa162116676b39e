"""Front-end URLs of Green Ribbon volunteering; each views module adds its own."""

from volunteers.views import (
    activities,
    calendars,
    points,
    registration,
    roster,
    teams,
)

app_name = "volunteers"

urlpatterns = [
    *registration.urlpatterns,
    *teams.urlpatterns,
    *activities.urlpatterns,
    *roster.urlpatterns,
    *calendars.urlpatterns,
    *points.urlpatterns,
]
