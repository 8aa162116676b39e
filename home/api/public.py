"""The core's public endpoints: units (more below as they come)."""

from home import selectors
from home.api.filters import UnitFilter
from home.api.serializers import UnitSerializer
from home.api.views import PublicDetailView, PublicListView


class UnitList(PublicListView):
    """The unit directory: every unit, filtered as on the site."""

    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    ordering = ("name",)

    def get_queryset(self):
        return selectors.units_directory()


class UnitDetail(PublicDetailView):
    """One unit, by its slug."""

    serializer_class = UnitSerializer
    lookup_field = "slug"
    lookup_url_kwarg = "slug"

    def get_queryset(self):
        return selectors.units_directory()
