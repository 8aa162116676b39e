"""The personal data access log in the Wagtail admin (staff, read-only): who
looked at whose data, when, for which unit and on which screen, with filters
and a formula-safe CSV/XLSX export. Registered in home/wagtail_hooks.py."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from home.access_log import selectors
from home.admin.exports import SafeExportIndexView
from home.models import AccessRecord, Unit


def _person_filter(field: str):
    """Matches a person by email, display name or id typed into the box."""

    def method(queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q(**{f"{field}__email__icontains": value}) | Q(
            **{f"{field}__display_name__icontains": value}
        )
        if value.isdigit():
            match |= Q(**{f"{field}_id": int(value)})
        return queryset.filter(match)

    return method


def account_label(user) -> str:
    """A person as staff need to find them: name and email (or a dash)."""
    if user is None:
        return "—"
    if user.display_name:
        return f"{user.display_name} <{user.email}>"
    return user.email


class AccessRecordFilterSet(WagtailFilterSet):
    viewer = django_filters.CharFilter(
        label=_("Viewer"), method=_person_filter("viewer")
    )
    subject = django_filters.CharFilter(
        label=_("Whose data"), method=_person_filter("subject")
    )
    what = django_filters.MultipleChoiceFilter(
        label=_("What was seen"),
        choices=AccessRecord.What.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    acted_as = django_filters.ChoiceFilter(
        label=_("Acting as"), choices=AccessRecord.ActedAs.choices
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.order_by("name")
    )
    accessed_at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = AccessRecord
        fields: list[str] = []


class AccessRecordIndexView(SafeExportIndexView):
    def get_base_queryset(self):
        return selectors.staff_access_log()

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for field in ("viewer", "subject"):
            if field in row:
                row[field] = account_label(getattr(item, field))
        if "accessed_at" in row:
            # Local time without the zone or microseconds, as people read it.
            row["accessed_at"] = timezone.localtime(item.accessed_at).replace(
                tzinfo=None, microsecond=0
            )
        return row

    def stream_csv(self, queryset):
        yield "\ufeff"  # Excel reads the Chinese text as UTF-8 with the mark
        yield from super().stream_csv(queryset)


class AccessRecordViewSet(ModelViewSet):
    """Read-only (the view-only policy is registered in home/wagtail_hooks.py)."""

    model = AccessRecord
    icon = "view"
    menu_label = _("Personal data access log")
    menu_order = 210
    add_to_admin_menu = True
    url_prefix = "access-log"
    index_view_class = AccessRecordIndexView
    filterset_class = AccessRecordFilterSet
    list_display = [
        DateColumn("accessed_at", label=_("Accessed at")),
        Column("viewer", label=_("Viewer"), accessor=lambda r: account_label(r.viewer)),
        Column(
            "subject",
            label=_("Whose data"),
            accessor=lambda r: account_label(r.subject),
        ),
        Column("what", label=_("What was seen"), accessor="get_what_display"),
        Column("acted_as", label=_("Acting as"), accessor="get_acted_as_display"),
        "acting_for",
        "detail",
    ]
    list_export = [
        "accessed_at",
        "viewer",
        "subject",
        "what",
        "acted_as",
        "acting_for",
        "unit",
        "detail",
        "path",
    ]
    export_filename = "personal-data-access-log"
    form_fields = ["detail"]
    inspect_view_enabled = True
    copy_view_enabled = False
