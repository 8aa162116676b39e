"""The API's filters for consultations: the index page's filters
(consultations.forms.index.ConsultationFilterForm), applied by its selector."""

from django.utils import timezone

import django_filters

from consultations.models import ConsultationPage, Phase
from consultations.selectors import index


def public_consultations(**filters):
    return index.public_consultations(now=timezone.now(), **filters)


class ConsultationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Keywords", max_length=50)
    topic = django_filters.CharFilter(label="Topic slug", max_length=40)
    district = django_filters.CharFilter(label="District code", max_length=20)
    unit = django_filters.CharFilter(label="Issuing unit's slug", max_length=100)
    phase = django_filters.ChoiceFilter(choices=Phase.choices)

    class Meta:
        model = ConsultationPage
        fields = ["q", "topic", "district", "unit", "phase"]

    def filter_queryset(self, queryset):
        data = {
            name: (value or "").strip()
            for name, value in self.form.cleaned_data.items()
        }
        return public_consultations(
            topic=data.get("topic", ""),
            district=data.get("district", ""),
            unit=data.get("unit", ""),
            phase=data.get("phase", ""),
            query=data.get("q", ""),
        )
