"""The API's filters for the core's lists: the same fields as the site's filter
forms, applied by the same selectors."""

from wagtail.models import Locale

import django_filters

from home import selectors
from home.facilities import selectors as facility_selectors
from home.models import Facility, FacilityKind, PledgeCategory, PledgePage, Unit
from home.pledges import selectors as pledge_selectors
from home.pledges.selectors import DIRECTORY_STATUSES


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


class PledgeFilter(django_filters.FilterSet):
    """As the pledge directory (home.pledges.forms.PledgeFilterForm)."""

    q = django_filters.CharFilter(label="Keywords", max_length=50)
    district = django_filters.CharFilter(label="District code", max_length=20)
    kind = django_filters.ChoiceFilter(label="Unit type", choices=Unit.Kind.choices)
    category = django_filters.ChoiceFilter(choices=PledgeCategory.choices)
    year = django_filters.NumberFilter(min_value=2000, max_value=2100)
    status = django_filters.ChoiceFilter(
        choices=[(status.value, status.label) for status in DIRECTORY_STATUSES]
    )

    class Meta:
        model = PledgePage
        fields = ["q", "district", "kind", "category", "year", "status"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return pledge_selectors.pledge_directory(
            district_code=(data.get("district") or "").strip(),
            kind=data.get("kind") or "",
            category=data.get("category") or "",
            year=int(data["year"]) if data.get("year") else None,
            status=data.get("status") or "",
            query=(data.get("q") or "").strip(),
        ).filter(locale=Locale.get_default())


class FacilityFilter(django_filters.FilterSet):
    """As the open facilities list (home.facilities.forms.FacilityFilterForm)."""

    district = django_filters.CharFilter(label="District code", max_length=20)
    kind = django_filters.ChoiceFilter(choices=FacilityKind.choices)

    class Meta:
        model = Facility
        fields = ["district", "kind"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return facility_selectors.facilities_directory(
            district_code=(data.get("district") or "").strip(),
            kind=data.get("kind") or "",
        )
