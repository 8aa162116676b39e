"""The activity index's filter form (GET, works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from volunteers.models import ActivityCategory

# The page template renders the form's widgets (includes/filter_form.html).
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityFilterForm(forms.Form):
    """Filters by district code, category, date range, a skill and "places left".
    An invalid value is dropped rather than shown as an error: the links are
    shareable and must keep working."""

    district = forms.ChoiceField(label=_("District"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)
    skills = forms.CharField(
        label=_("Skill"), max_length=50, required=False, widget=forms.SearchInput
    )
    places_left = forms.BooleanField(label=_("Places left only"), required=False)

    def __init__(self, data, *, districts, categories=ActivityCategory.choices):
        super().__init__(data)
        self.fields["district"].choices = [
            ("", _("All districts")),
            *((district.code, district.name) for district in districts),
        ]
        self.fields["category"].choices = [("", _("All categories")), *categories]

    def filters(self) -> dict:
        """The valid filters; an invalid field counts as not set."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "district": cleaned.get("district") or "",
            "category": cleaned.get("category") or "",
            "date_from": cleaned.get("date_from"),
            "date_to": cleaned.get("date_to"),
            "skills": (cleaned.get("skills") or "").strip(),
            "places_left": bool(cleaned.get("places_left")),
        }
