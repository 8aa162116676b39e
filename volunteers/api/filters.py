"""The API's filters for activities: the index page's
(volunteers.forms.activities.ActivityFilterForm), applied by its selector."""

from django.utils import timezone

import django_filters

from volunteers.models import ActivityCategory, ActivityPage
from volunteers.selectors import activities


def public_activities(**filters):
    return activities.public_activities(now=timezone.now(), **filters)


class ActivityFilter(django_filters.FilterSet):
    district = django_filters.CharFilter(label="District code", max_length=20)
    category = django_filters.ChoiceFilter(choices=ActivityCategory.choices)
    date_from = django_filters.DateFilter(label="A shift starts on or after")
    date_to = django_filters.DateFilter(label="A shift starts on or before")
    skills = django_filters.CharFilter(label="A skill needed", max_length=50)
    places_left = django_filters.BooleanFilter(label="Only with places left")

    class Meta:
        model = ActivityPage
        fields = ["district", "category", "date_from", "date_to", "skills"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return public_activities(
            district=(data.get("district") or "").strip(),
            category=data.get("category") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            skills=(data.get("skills") or "").strip(),
            places_left=bool(data.get("places_left")),
        )
