"""Forms of the pledge pages: the directory filters and the progress report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import District, PledgeCategory, Unit
from home.pledges import services
from home.pledges.selectors import DIRECTORY_STATUSES

EVIDENCE_ROWS = 3


class PledgeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Keywords"), required=False, max_length=50, widget=forms.SearchInput
    )
    district = forms.ChoiceField(label=_("District"), required=False)
    kind = forms.ChoiceField(
        label=_("Unit type"),
        required=False,
        choices=[("", _("All types")), *Unit.Kind.choices],
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *PledgeCategory.choices],
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))]
        + [(status.value, status.label) for status in DIRECTORY_STATUSES],
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("All districts"))] + [
            (code, name)
            for code, name in District.objects.order_by(
                "sort_order", "code"
            ).values_list("code", "name")
        ]
        self.fields["year"].choices = [("", _("All years"))] + [
            (year, year) for year in years
        ]

    def filters(self) -> dict:
        """The valid filters; an invalid value is ignored (it filters nothing)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": (data.get("q") or "").strip(),
            "district": data.get("district") or "",
            "kind": data.get("kind") or "",
            "category": data.get("category") or "",
            "year": data.get("year") or None,
            "status": data.get("status") or "",
        }


class PledgeReportForm(forms.Form):
    """A progress report: the report's fields, then per commitment a completion
    percentage, what was achieved and a narrative, then up to three pieces of
    evidence (a file or a link each)."""

    title = forms.CharField(label=_("Title"), max_length=120)
    summary = forms.CharField(
        label=_("Summary"), max_length=4000, widget=forms.Textarea
    )
    is_annual = forms.BooleanField(
        label=_("This is the annual report (it fulfils the pledge)"), required=False
    )
    publish = forms.BooleanField(
        label=_("Publish now (otherwise it is kept as a draft)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        item_choices = [("", _("The whole pledge"))] + [
            (str(item.pk), item.title) for item in self.items
        ]
        for item in self.items:
            self.fields[f"item_{item.pk}_percent"] = forms.IntegerField(
                label=_("Completion (%)"), min_value=0, max_value=100
            )
            self.fields[f"item_{item.pk}_achieved"] = forms.CharField(
                label=_("Achieved"), max_length=200, required=False
            )
            self.fields[f"item_{item.pk}_narrative"] = forms.CharField(
                label=_("What was done"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for number in range(EVIDENCE_ROWS):
            self.fields[f"evidence_{number}_item"] = forms.ChoiceField(
                label=_("Commitment"), choices=item_choices, required=False
            )
            self.fields[f"evidence_{number}_caption"] = forms.CharField(
                label=_("Caption"), max_length=200, required=False
            )
            self.fields[f"evidence_{number}_file"] = forms.FileField(
                label=_("File (PDF or photo)"), required=False
            )
            self.fields[f"evidence_{number}_url"] = forms.URLField(
                label=_("or a link"), required=False, assume_scheme="https"
            )

    def item_rows(self):
        return [
            {
                "item": item,
                "percent": self[f"item_{item.pk}_percent"],
                "achieved": self[f"item_{item.pk}_achieved"],
                "narrative": self[f"item_{item.pk}_narrative"],
            }
            for item in self.items
        ]

    def evidence_rows(self):
        return [
            {
                "number": number + 1,
                "item": self[f"evidence_{number}_item"],
                "caption": self[f"evidence_{number}_caption"],
                "file": self[f"evidence_{number}_file"],
                "url": self[f"evidence_{number}_url"],
            }
            for number in range(EVIDENCE_ROWS)
        ]

    def progress(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "item_id": item.pk,
                "completion_percent": data[f"item_{item.pk}_percent"],
                "achieved": data[f"item_{item.pk}_achieved"],
                "narrative": data[f"item_{item.pk}_narrative"],
            }
            for item in self.items
        ]

    def save(self, *, user, pledge):
        """Write the report through ``pledge_report_create`` (which may refuse
        with a ``ServiceError``)."""
        return services.pledge_report_create(
            user=user,
            pledge=pledge,
            title=self.cleaned_data["title"],
            summary=self.cleaned_data["summary"],
            is_annual=self.cleaned_data["is_annual"],
            publish=self.cleaned_data["publish"],
            progress=self.progress(),
            evidence=self.evidence(),
        )

    def evidence(self) -> list[dict]:
        data = self.cleaned_data
        rows = []
        for number in range(EVIDENCE_ROWS):
            upload = data.get(f"evidence_{number}_file")
            url = data.get(f"evidence_{number}_url")
            if not upload and not url:
                continue
            rows.append(
                {
                    "item_id": data.get(f"evidence_{number}_item") or None,
                    "caption": data.get(f"evidence_{number}_caption"),
                    "file": upload,
                    "url": url,
                }
            )
        return rows
