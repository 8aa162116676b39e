"""The API's filters for the core's lists: the same fields as the site's filter
forms, applied by the same selectors."""

import django_filters

from home import selectors
from home.models import Unit


class UnitFilter(django_filters.FilterSet):
    """As the unit directory (home.forms.UnitFilterForm): name words, type and
    district code."""

    q = django_filters.CharFilter(label="Unit name contains", max_length=50)
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices)
    district = django_filters.CharFilter(label="District code", max_length=20)

    class Meta:
        model = Unit
        fields = ["q", "kind", "district"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return selectors.units_directory(
            kind=data.get("kind") or "",
            district_code=(data.get("district") or "").strip(),
            query=(data.get("q") or "").strip(),
        )
