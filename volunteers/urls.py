"""Front-end URLs of Green Ribbon volunteering; each views module adds its own."""

from volunteers.views import (
    attendance,
    calendars,
    checkin,
    points,
    registration,
    roster,
    service_records,
    teams,
)

app_name = "volunteers"

urlpatterns = [
    *registration.urlpatterns,
    *teams.urlpatterns,
    *roster.urlpatterns,
    *calendars.urlpatterns,
    *checkin.urlpatterns,
    *attendance.urlpatterns,
    *service_records.urlpatterns,
    *points.urlpatterns,
]
