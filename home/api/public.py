"""The core's public endpoints: units, pledges with their items, status and
published reports, open facilities with their free slots, and the open-data
files. Only what the pages show to anyone (home.selectors, home.pledges and
home.facilities selectors)."""

from django.http import Http404
from django.utils import timezone

from wagtail.models import Locale

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from home import selectors
from home.api import filters
from home.api.serializers import (
    FacilityDetailSerializer,
    FacilitySerializer,
    OpenDataFileSerializer,
    PledgeDetailSerializer,
    PledgeSerializer,
    UnitSerializer,
)
from home.api.views import PublicDetailView, PublicListView, PublicView
from home.facilities import selectors as facility_selectors
from home.models import Facility, OpenDataFile, PledgePage
from home.pledges import selectors as pledge_selectors


class UnitList(PublicListView):
    """The unit directory: every unit, filtered as on the site."""

    serializer_class = UnitSerializer
    filterset_class = filters.UnitFilter
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


def _public_pledges():
    return pledge_selectors.pledge_directory().filter(locale=Locale.get_default())


class PledgeList(PublicListView):
    """Units' live, public pledges, newest first, filtered as in the directory,
    with their items and status."""

    serializer_class = PledgeSerializer
    filterset_class = filters.PledgeFilter
    ordering = ("-pk",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PledgePage.objects.none()
        return _public_pledges()


class PledgeDetail(PublicDetailView):
    """One pledge with its items and published progress reports."""

    serializer_class = PledgeDetailSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PledgePage.objects.none()
        return _public_pledges()


class FacilityList(PublicListView):
    """Active open facilities with their opening hours, filtered as on the site."""

    serializer_class = FacilitySerializer
    filterset_class = filters.FacilityFilter
    ordering = ("pk",)

    def get_queryset(self):
        return facility_selectors.facilities_directory()


class FacilityDetail(PublicDetailView):
    """One facility with its free slots from now to its booking horizon."""

    serializer_class = FacilityDetailSerializer
    queryset = Facility.objects.none()

    def get_object(self):
        facility = facility_selectors.facility_for_page(pk=self.kwargs["pk"])
        if facility is None:
            raise Http404
        schedule = facility_selectors.facility_schedule(
            facility=facility, now=timezone.now()
        )
        facility.schedule = [day for day in schedule if day.free_slots]
        return facility


@extend_schema(responses=OpenDataFileSerializer(many=True))
class OpenDataFiles(PublicView):
    """The open-data files (CSV with a BOM, JSON, the data dictionary), each with
    its row count, size and SHA-256; licence CC BY 4.0."""

    serializer_class = OpenDataFileSerializer
    queryset = OpenDataFile.objects.none()

    def answer(self, request):
        files = selectors.open_data_files()
        return Response(self.get_serializer(files, many=True).data)
